"""Compose's `scale` profile (DESIGN.md, "Beyond one machine"): HAProxy over several web replicas
that reach PostgreSQL through PgBouncer. There is no Docker engine here, so the file is parsed and
its pieces checked against each other; HAProxy checks its own configuration when installed."""

import re
import shutil
import subprocess
import urllib.parse
from pathlib import Path

import pytest
import yaml

from tests.bench.servers import haproxy_config

ROOT = Path(__file__).resolve().parents[1]
SERVICES = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
HAPROXY_CFG = ROOT / "deploy" / "haproxy.cfg"
HAPROXY_MISSING = "haproxy is not installed (apt-get install haproxy; `make bench` does it as root)"


def started_by(profile: str | None) -> dict:
    """The services `docker compose [--profile PROFILE] up` starts."""
    return {
        name: service
        for name, service in SERVICES.items()
        if "profiles" not in service or profile in service["profiles"]
    }


def url_of(service: str) -> urllib.parse.SplitResult:
    return urllib.parse.urlsplit(SERVICES[service]["environment"]["DATABASE_URL"])


def haproxy_section(name: str) -> str:
    """The lines of one section (`backend web`, ...) of deploy/haproxy.cfg, comments dropped."""
    text = re.sub(r"#.*", "", HAPROXY_CFG.read_text())
    match = re.search(rf"^{name}\n(.*?)(?=^\S|\Z)", text, re.MULTILINE | re.DOTALL)
    assert match, f"no `{name}` section in {HAPROXY_CFG}"
    return match.group(1)


def test_the_scale_profile_runs_a_proxy_web_replicas_pgbouncer_and_the_worker():
    scale = started_by("scale")
    assert {"db", "pgbouncer", "web-scaled", "proxy", "worker"} <= set(scale)
    assert "manage.py worker" in scale["worker"]["command"]
    assert scale["web-scaled"]["deploy"]["replicas"] >= 2
    assert "gunicorn hamstrings.wsgi --bind 0.0.0.0:8000" in scale["web-scaled"]["command"]
    assert "ports" not in scale["web-scaled"]  # reached through the proxy only
    assert scale["proxy"]["ports"] == ["8080:8080"]


def test_the_replicas_reach_postgres_through_pgbouncer():
    replicas, pgbouncer = SERVICES["web-scaled"], SERVICES["pgbouncer"]
    url = url_of("web-scaled")
    assert (url.hostname, url.port) == ("pgbouncer", int(pgbouncer["environment"]["LISTEN_PORT"]))
    assert url.path == url_of("web").path  # the same database as `web`, pooled
    assert replicas["environment"]["DATABASE_POOLER"] == "pgbouncer"
    assert replicas["depends_on"]["pgbouncer"]["condition"] == "service_healthy"
    assert pgbouncer["environment"]["LISTEN_PORT"] in " ".join(pgbouncer["healthcheck"]["test"])


def test_pgbouncer_pools_transactions_in_front_of_db():
    pgbouncer = SERVICES["pgbouncer"]
    assert pgbouncer["environment"]["POOL_MODE"] == "transaction"
    assert pgbouncer["environment"]["AUTH_TYPE"] == "scram-sha-256"  # as postgres:16 hashes
    url, web = url_of("pgbouncer"), url_of("web")
    assert (url.hostname, url.port) == ("db", 5432)
    assert (url.username, url.password, url.path) == (web.username, web.password, web.path)
    assert pgbouncer["depends_on"]["db"]["condition"] == "service_healthy"


def test_the_worker_talks_to_postgres_directly():
    assert (url_of("worker").hostname, url_of("worker").port) == ("db", 5432)


def test_the_worker_is_started_again_whenever_it_stops():
    """`manage.py worker` outlives a database outage itself; compose restarts it after a crash
    (and after a reboot of the host), but not once someone stopped it."""
    worker = SERVICES["worker"]
    assert worker["command"].startswith("python manage.py worker ")
    assert worker["restart"] == "unless-stopped"


def test_the_proxy_balances_over_the_replicas_with_its_mounted_config():
    proxy = SERVICES["proxy"]
    assert HAPROXY_CFG.is_file()
    assert "./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro" in proxy["volumes"]
    assert "web-scaled" in proxy["depends_on"]
    frontend, backend = haproxy_section("frontend http"), haproxy_section("backend web")
    assert re.search(r"^\s*bind :8080$", frontend, re.MULTILINE)  # the port compose publishes
    assert re.search(r"^\s*default_backend web$", frontend, re.MULTILINE)
    assert re.search(r"^\s*balance roundrobin$", backend, re.MULTILINE)
    template = re.search(r"^\s*server-template \S+ (\d+) web-scaled:8000 (.*)$", backend, re.M)
    assert template, "the backend names the web-scaled service and gunicorn's port"
    assert int(template.group(1)) >= SERVICES["web-scaled"]["deploy"]["replicas"]
    assert "resolvers docker" in template.group(2)  # replicas found through Docker's DNS
    assert not re.search(r"^\s*(cookie|stick|hash-type)\b", backend, re.M)  # no stickiness


def test_every_image_is_pinned_to_a_tag():
    for name, service in SERVICES.items():
        if "image" not in service:
            assert "build" in service, name
            continue
        last_part = service["image"].rsplit("/", 1)[-1]
        assert ":" in last_part, f"{name}: {service['image']} has no tag"
        assert last_part.split(":", 1)[1] not in {"", "latest"}, f"{name}: {service['image']}"
    assert SERVICES["proxy"]["image"].startswith("haproxy:3.")


def test_the_default_services_are_unchanged():
    default = started_by(None)
    assert set(default) == {"db", "web", "worker", "daily"}
    assert default["web"]["ports"] == ["8000:8000"]
    assert "deploy" not in default["web"]
    for name in ("web", "worker", "daily"):
        assert (url_of(name).hostname, url_of(name).port) == ("db", 5432), name
        assert "DATABASE_POOLER" not in SERVICES[name]["environment"], name


def test_haproxy_accepts_the_compose_config():
    if not shutil.which("haproxy"):
        pytest.skip(HAPROXY_MISSING)
    result = subprocess.run(["haproxy", "-c", "-f", HAPROXY_CFG], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_haproxy_accepts_the_bench_config(tmp_path):
    if not shutil.which("haproxy"):
        pytest.skip(HAPROXY_MISSING)
    config = tmp_path / "haproxy.cfg"
    config.write_text(haproxy_config([8100, 8101], 8102))
    result = subprocess.run(["haproxy", "-c", "-f", config], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "balance roundrobin" in config.read_text()

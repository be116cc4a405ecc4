"""Settings and deployment files, checked in fresh processes so the environment is exact."""

import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
PRINT_DEBUG = (
    "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
)
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "x7$kq!2mZp9@Lw4#Rt8^Yv6&Bn3*Hc5(Jd1)Fg0_Ae-Ks+Qu=Wo~Ei[Ur]Ty{Io}Pa",
    "ALLOWED_HOSTS": "hamstrings.example.com",
    "DATABASE_URL": "postgres://user:secret@db.invalid:5432/hamstrings",
}


def run_python(code_or_args: list[str], **env) -> subprocess.CompletedProcess:
    ours = {"SECRET_KEY", "DEBUG", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in ours}
    return subprocess.run(
        [sys.executable, *code_or_args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "hamstrings.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = run_python(["-c", "import django; django.setup()"], **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_it_starts_without_a_secret_key_in_debug():
    env = {**PRODUCTION_ENV, "SECRET_KEY": "", "DEBUG": "1"}
    result = run_python(
        [
            "-c",
            PRINT_DEBUG,
        ],
        **env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_debug_is_off_unless_asked_for():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DEBUG"}
    result = run_python(
        [
            "-c",
            PRINT_DEBUG,
        ],
        **env,
    )
    assert result.stdout.strip() == "False", result.stderr


def test_check_deploy_is_clean_under_production_settings():
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_database_url_is_used_with_persistent_connections():
    result = run_python(
        [
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "d = settings.DATABASES['default']; "
            "print(d['HOST'], d['NAME'], d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])",
        ],
        **PRODUCTION_ENV,
    )
    assert result.stdout.split() == ["db.invalid", "hamstrings", "60", "True"], result.stderr


def test_compose_runs_postgres_16_and_the_web_app_wired_to_it():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    db, web = compose["services"]["db"], compose["services"]["web"]
    assert db["image"] == "postgres:16"
    assert "healthcheck" in db
    assert any(volume.endswith(":/var/lib/postgresql/data") for volume in db["volumes"])
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    assert web["environment"]["DATABASE_URL"].startswith("postgres://")
    assert "@db:5432/" in web["environment"]["DATABASE_URL"]
    assert "migrate" in web["command"] and "gunicorn" in web["command"]


def test_compose_requires_a_secret_key_and_loads_demo_data_only_when_asked():
    """Finding 10 of the hardening issue: no public default secret, no demo users (with
    their public password) in what looks like a production setup."""
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    web = compose["services"]["web"]
    assert web["environment"]["SECRET_KEY"].startswith("${SECRET_KEY:?")  # refuses to start
    assert web["environment"]["DEMO"] == "${DEMO:-0}"
    assert 'if [ \\"$$DEMO\\" = 1 ]; then python manage.py demo; fi' in web["command"]
    assert web["command"].index("demo") < web["command"].index("gunicorn")


def test_compose_has_a_backup_profile_with_a_daily_dump():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    backup = compose["services"]["backup"]
    assert backup["profiles"] == ["backup"]
    assert "pg_dump" in backup["command"] and "sleep 86400" in backup["command"]
    assert "backups:/backups" in backup["volumes"]
    assert backup["environment"]["PGHOST"] == "db"
    assert "backups" in compose["volumes"]


def test_the_dockerfile_serves_with_gunicorn():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "FROM python:3.12" in dockerfile
    assert "gunicorn" in dockerfile
    assert "collectstatic" in dockerfile


def test_compose_runs_a_task_worker_on_the_same_database():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    worker, web = compose["services"]["worker"], compose["services"]["web"]
    assert "manage.py worker" in worker["command"]
    assert worker["environment"]["DATABASE_URL"] == web["environment"]["DATABASE_URL"]
    assert worker["environment"]["SECRET_KEY"].startswith("${SECRET_KEY:?")
    assert worker["depends_on"]["db"]["condition"] == "service_healthy"


def test_make_run_starts_a_worker_beside_the_server():
    makefile = (ROOT / "Makefile").read_text()
    run = makefile[makefile.index("\nrun:") : makefile.index("\ntest:")]
    assert "manage.py worker" in run and "runserver" in run
    assert run.index("manage.py worker") < run.index("runserver")
    assert "starting it again" in run  # its restart loop


def test_compose_queues_the_daily_mails_once_a_day():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    daily = compose["services"]["daily"]
    assert "manage.py mail_daily" in daily["command"] and "while true" in daily["command"]
    assert (
        daily["environment"]["DATABASE_URL"]
        == compose["services"]["web"]["environment"]["DATABASE_URL"]
    )


def test_behind_pgbouncer_server_side_cursors_are_off():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default'].get('DISABLE_SERVER_SIDE_CURSORS', False))"
    )
    direct = run_python(["-c", code], **PRODUCTION_ENV)
    pooled = run_python(["-c", code], **PRODUCTION_ENV, DATABASE_POOLER="pgbouncer")
    assert (direct.stdout.strip(), pooled.stdout.strip()) == ("False", "True"), pooled.stderr

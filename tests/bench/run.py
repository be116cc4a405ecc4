"""The benchmark the team quotes numbers from (DESIGN.md, "Budgets", "Beyond one machine").

    .venv/bin/python tests/bench/run.py [--sets-list 100000,1000000] [--duration 10]
        [--connections 16] [--reseed] [--python-load]

For each history size of `--sets-list`, in a database of its own (`hamstrings_bench_100k`,
`hamstrings_bench_1m`, ...; on the embedded server, or on DATABASE_URL's server):
1. Creates the database if it is missing, and migrates it.
2. Seeds it once (tests/bench/seed.py): a coach with 200 athletes, that many set logs of
   history, and the bench athlete whose workouts take the set POSTs.
3. Starts gunicorn (2 sync workers, 127.0.0.1:8100) with tests/bench/settings.py: the project
   plus /bench/bare/, a bare Django view through the same middleware, the ceiling.
4. Logs in over HTTP as the bench athlete, a typical athlete and the coach.
5. Loads each endpoint for `--duration` seconds with `--connections` connections, and those with
   a p95 budget again with one connection per worker (their budget is checked there: see
   tests/bench/load.py), with wrk (tests/bench/load.lua), or with a Python load generator when
   wrk cannot be had.
At the largest size, with HAProxy (installed from Debian's packages when missing and root; else
skipped, saying why), it then starts a second gunicorn on 8101 and HAProxy on 8102, round robin
over both (tests/bench/servers.py); checks that requests alternate, that a session made through
HAProxy holds on each server and that set POSTs land once (tests/bench/balanced.py); and loads
the same endpoints through HAProxy. Then it starts a streaming replica of the bench's server
(pg_basebackup and a hot standby from the same binaries) and a gunicorn on 8103 whose board,
calendars and exports read it (DATABASE_REPLICA_URL), and loads the same endpoints there.
Prints a table per run, then the runs side by side (tests/bench/report.py), and writes it all to
test-artifacts/bench.json. Only 127.0.0.1 is ever loaded.
"""

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script: the project's packages, tests.bench among them

from tests.bench import balanced, load, replica, report, servers  # noqa: E402
from tests.bench.servers import BALANCER_PORT, FIRST_PORT, REPLICA_PORT, SECOND_PORT  # noqa: E402

ARTIFACTS = ROOT / "test-artifacts"
SECRET_KEY = "bench-only-secret-key-not-for-production-use-0123456789abcdef"
DEFAULT_SIZES = [100_000, 1_000_000]


def main() -> None:
    args = parse_args()
    os.chdir(ROOT)
    server = server_url()
    os.environ.update(server_env(database_url(server, database_name(args.sets_list[0]))))

    import django

    django.setup()

    if not (ROOT / "staticfiles").exists():
        run([sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"])
    generator = "wrk" if not args.python_load and servers.have("wrk") else "python"
    ARTIFACTS.mkdir(exist_ok=True)
    results = {
        "generator": generator,
        "duration_s": args.duration,
        "connections": args.connections,
        "machine": {"cpus": os.cpu_count()},
        "python": platform.python_version(),
        "runs": [],
        "two_servers": {"skipped": "not reached"},
    }
    largest = max(args.sets_list)
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        bench = Bench(args, server, generator, Path(folder))
        for sets in args.sets_list:
            runs, two_servers = bench_size(bench, sets, with_two=sets == largest)
            results["runs"] += runs
            results["two_servers"] = two_servers or results["two_servers"]

    for one_run in results["runs"]:
        report.print_run(one_run)
    report.print_side_by_side(results["runs"])
    report.print_footer(results)
    report.write(results, ARTIFACTS / "bench.json")
    if not results["two_servers"].get("checks", {}).get("ok", True):
        raise SystemExit("Two servers behind HAProxy did not behave as one: see above.")


def sizes_list(text: str) -> list[int]:
    sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    sizes = list(dict.fromkeys(sizes))  # each size once, in the order given
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("a comma-separated list of positive numbers")
    return sizes


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sets-list",
        type=sizes_list,
        default=DEFAULT_SIZES,
        help="history sizes (set logs), each in its own database (default: 100000,1000000)",
    )
    parser.add_argument("--sets", type=int, help="one history size: --sets-list with one size")
    parser.add_argument("--duration", type=int, default=10, help="seconds per endpoint")
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections")
    parser.add_argument("--reseed", action="store_true", help="drop the bench databases first")
    parser.add_argument(
        "--python-load", action="store_true", help="use the Python load generator, not wrk"
    )
    args = parser.parse_args()
    if args.sets:
        args.sets_list = [args.sets]
    return args


def run(command: list, **kwargs) -> None:
    subprocess.run(command, check=True, **kwargs)


# The databases


def size_label(sets: int) -> str:
    for unit, suffix in ((1_000_000, "M"), (1_000, "k")):
        if sets >= unit and sets % unit == 0:
            return f"{sets // unit}{suffix}"
    return str(sets)


def database_name(sets: int) -> str:
    return f"hamstrings_bench_{size_label(sets).lower()}"


def server_url() -> urllib.parse.SplitResult:
    """The URL of the server the bench databases live on: DATABASE_URL's, or the embedded one."""
    if os.environ.get("DATABASE_URL"):
        return urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    from hamstrings.embedded_postgres import database_settings

    server = database_settings(Path(os.environ.get("PGSERVER_DATA", ".pgdata")))
    query = f"host={urllib.parse.quote(server['HOST'], safe='/')}"
    if server["PORT"]:
        query += f"&port={server['PORT']}"
    return urllib.parse.urlsplit(f"postgresql://postgres@/postgres?{query}")


def database_url(server: urllib.parse.SplitResult, name: str) -> str:
    return urllib.parse.urlunsplit(server._replace(path=f"/{name}"))


def server_env(bench_url: str) -> dict:
    """What the servers, manage.py and the in-process seeding all run with."""
    return {
        "DATABASE_URL": bench_url,
        "DJANGO_SETTINGS_MODULE": "tests.bench.settings",
        "SECRET_KEY": SECRET_KEY,
        "DEBUG": "0",
        "HTTPS": "0",
        "ALLOWED_HOSTS": servers.HOST,
    }


def prepare_database(server, name: str, *, reseed: bool) -> None:
    """Creates and migrates the database, and points this process and the servers it starts
    at it."""
    import psycopg
    from django.db import connection

    with psycopg.connect(database_url(server, "postgres"), autocommit=True) as admin:
        if reseed:
            print(f"Dropping {name}")
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        found = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if found.fetchone() is None:
            print(f"Creating {name}")
            admin.execute(f"CREATE DATABASE {name}")
    os.environ["DATABASE_URL"] = database_url(server, name)  # manage.py and gunicorn
    connection.close()
    connection.settings_dict["NAME"] = name  # this process: the seeding and the row counts
    print(f"Migrating {name}")
    run([sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"])


def close_database() -> None:
    from django.db import connection

    connection.close()


# The runs


@dataclass
class Bench:
    args: argparse.Namespace
    server: urllib.parse.SplitResult  # the PostgreSQL server the bench databases live on
    generator: str  # "wrk" or "python"
    folder: Path  # temporary: slot files, HAProxy's configuration


def bench_size(bench: Bench, sets: int, with_two: bool) -> tuple[list, dict | None]:
    """One history size: seeded, loaded on one server, and at the largest size on two behind
    HAProxy. Returns its runs and, when it tried two servers, what came of it."""
    from tests.bench import seed

    name, label = database_name(sets), size_label(sets)
    prepare_database(bench.server, name, reseed=bench.args.reseed)
    print(f"Seeding {name} ({sets:,} set logs of history)")
    seed.seed(sets)
    plan = seed.bench_plan()
    close_database()

    def count_rows() -> int:
        return seed.posted_rows(plan["assignment_id"])

    about = {"history_set_logs": sets, "history_label": label, "database": name}
    one = {
        **about,
        "servers": 1,
        "label": f"{label}, 1 server",
        "title": f"{label} set logs of history ({name}), 1 server on {FIRST_PORT}",
    }
    first = servers.start_gunicorn(FIRST_PORT, ARTIFACTS / f"bench-gunicorn-{label.lower()}.log")
    try:
        runs = [measured_run(bench, plan, FIRST_PORT, count_rows, one)]
        two_servers = None
        if with_two:
            two_servers = bench_two_servers(bench, count_rows, about)
            if "run" in two_servers:
                runs.append(two_servers.pop("run"))
            runs += bench_replica(bench, count_rows, about)
    finally:
        servers.stop(first)
    return runs, two_servers


def measured_run(bench: Bench, plan: dict, port: int, count_rows, about: dict) -> dict:
    load_average = os.getloadavg()
    before = count_rows()
    close_database()
    workers = servers.WORKERS * about["servers"]
    measured = load.measure(bench.args, plan, bench.generator, bench.folder, port, workers)
    # The rows the load's set POSTs inserted (not the one POST made by hand before it).
    measured["set_post_rows_inserted"] = count_rows() - before - 1
    close_database()
    return {**about, "port": port, "load_average_before": load_average, **measured}


def bench_two_servers(bench: Bench, count_rows, about: dict) -> dict:
    """The server on FIRST_PORT is running: a second one, HAProxy over both, the checks and
    the load through HAProxy."""
    from tests.bench import seed

    if not servers.have("haproxy"):
        reason = "HAProxy is not installed, and apt-get needs root to install it"
        print(f"Two servers behind HAProxy: skipped ({reason}).")
        return {"skipped": reason}
    label = about["history_label"]
    two = {
        **about,
        "servers": 2,
        "label": f"{label}, 2 servers + HAProxy",
        "title": f"{label} set logs of history ({about['database']}), 2 servers "
        f"({FIRST_PORT}, {SECOND_PORT}) behind HAProxy on {BALANCER_PORT}",
    }
    log = ARTIFACTS / f"bench-gunicorn-{label.lower()}-second.log"
    second = servers.start_gunicorn(SECOND_PORT, log)
    try:
        ports = [FIRST_PORT, SECOND_PORT]
        balancer = servers.start_haproxy(ports, bench.folder, ARTIFACTS / "bench-haproxy.log")
        try:
            plan = seed.bench_plan()  # clears what the one-server run posted: new free slots
            close_database()
            checks = balanced.check_two_servers(plan, count_rows)
            # Cleared again, so the pages are loaded with the data the one-server run saw.
            plan = seed.bench_plan()
            close_database()
            one_run = measured_run(bench, plan, BALANCER_PORT, count_rows, two)
        finally:
            servers.stop(balancer)
    finally:
        servers.stop(second)
    return {
        "haproxy": servers.haproxy_version(),
        "history_label": label,
        "checks": checks,
        "run": one_run,
    }


def bench_replica(bench: Bench, count_rows, about: dict) -> list[dict]:
    """The same load on one server whose board, calendars and exports read a streaming
    replica of the bench's server (tests/bench/replica.py); no run when none can be made."""
    from tests.bench import seed

    label, name = about["history_label"], about["database"]
    log = ARTIFACTS / f"bench-gunicorn-{label.lower()}-replica.log"
    with replica.replica_server(bench.server, name, log) as standby:
        if standby is None:
            return []
        plan = seed.bench_plan()  # cleared again: the data the one-server run saw
        close_database()
        before = replica.rows_returned(standby, name)
        run_about = {
            **about,
            "servers": 1,
            "label": f"{label}, 1 server + replica",
            "title": f"{label} set logs of history ({name}), 1 server on {REPLICA_PORT}, the "
            f"board, calendars and exports read from a streaming replica on {standby.port}",
        }
        one_run = measured_run(bench, plan, REPLICA_PORT, count_rows, run_about)
        one_run["replica_rows_returned"] = replica.rows_returned(standby, name) - before
        print(f"The replica returned {one_run['replica_rows_returned']:,} rows during the load.")
    return [one_run]


if __name__ == "__main__":
    main()

"""The benchmark the team quotes numbers from (DESIGN.md, "Budgets").

    .venv/bin/python tests/bench/run.py [--sets 1000000] [--duration 10] [--connections 16]

1. Creates the PostgreSQL database `hamstrings_bench` (on the embedded server, or on
   DATABASE_URL's server) if it is missing, and migrates it.
2. Seeds it once (tests/bench/seed.py): a coach with 200 athletes, `--sets` set logs of
   history, and the bench athlete whose workouts take the set POSTs.
3. Starts gunicorn (2 sync workers, 127.0.0.1:8100) with tests/bench/settings.py: the project
   plus /bench/bare/, a bare Django view through the same middleware, the ceiling.
4. Logs in over HTTP as the bench athlete and the coach.
5. Loads each endpoint for `--duration` seconds with `--connections` connections, with wrk
   (tests/bench/load.lua), or with a Python load generator when wrk cannot be had.
6. Prints the table and writes it to test-artifacts/bench.json.

Only 127.0.0.1 is ever loaded.
"""

import argparse
import http.client
import http.cookiejar
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = Path(__file__).resolve().parent
ARTIFACTS = ROOT / "test-artifacts"
GUNICORN = Path(sys.executable).parent / "gunicorn"
HOST, PORT = "127.0.0.1", 8100
BASE_URL = f"http://{HOST}:{PORT}"
DATABASE = "hamstrings_bench"
SECRET_KEY = "bench-only-secret-key-not-for-production-use-0123456789abcdef"


@dataclass
class Endpoint:
    name: str
    method: str
    path: str
    cookies: dict
    budget_p95_ms: int | None = None
    slots: Path | None = None  # set POSTs: the file of free slots, one request per line


def main() -> None:
    args = parse_args()
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    bench_url, admin_url = database_urls()
    os.environ.update(server_env(bench_url))
    prepare_database(bench_url, admin_url, reseed=args.reseed)

    import django

    django.setup()
    from tests.bench import seed

    print(f"Seeding {DATABASE} ({args.sets:,} set logs of history)")
    seed.seed(args.sets)
    plan = seed.bench_plan()
    close_database()

    if not (ROOT / "staticfiles").exists():
        run([sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"])
    generator = "wrk" if have_wrk() and not args.python_load else "python"
    ARTIFACTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        server = start_server(ARTIFACTS / "bench-gunicorn.log")
        try:
            results = measure(args, plan, generator, Path(folder))
        finally:
            stop_server(server)
    results["set_post_rows_inserted"] = seed.posted_rows(plan["assignment_id"]) - 1
    close_database()
    report(results)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=1_000_000, help="set logs of history")
    parser.add_argument("--duration", type=int, default=10, help="seconds per endpoint")
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections")
    parser.add_argument("--reseed", action="store_true", help="drop the bench database first")
    parser.add_argument(
        "--python-load", action="store_true", help="use the Python load generator, not wrk"
    )
    return parser.parse_args()


def run(command: list, **kwargs) -> None:
    subprocess.run(command, check=True, **kwargs)


# The database


def database_urls() -> tuple[str, str]:
    """The bench database's URL and that of its server's `postgres` database (to create it)."""
    if os.environ.get("DATABASE_URL"):
        parts = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
        bench, admin = parts._replace(path=f"/{DATABASE}"), parts._replace(path="/postgres")
        return urllib.parse.urlunsplit(bench), urllib.parse.urlunsplit(admin)
    from hamstrings.embedded_postgres import database_settings

    server = database_settings(Path(os.environ.get("PGSERVER_DATA", ".pgdata")))
    query = f"host={urllib.parse.quote(server['HOST'], safe='/')}"
    if server["PORT"]:
        query += f"&port={server['PORT']}"
    return f"postgresql://postgres@/{DATABASE}?{query}", f"postgresql://postgres@/postgres?{query}"


def server_env(bench_url: str) -> dict:
    """What the server, manage.py and the in-process seeding all run with."""
    return {
        "DATABASE_URL": bench_url,
        "DJANGO_SETTINGS_MODULE": "tests.bench.settings",
        "SECRET_KEY": SECRET_KEY,
        "DEBUG": "0",
        "HTTPS": "0",
        "ALLOWED_HOSTS": HOST,
    }


def prepare_database(bench_url: str, admin_url: str, *, reseed: bool) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        if reseed:
            print(f"Dropping {DATABASE}")
            connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE])
        if found.fetchone() is None:
            print(f"Creating {DATABASE}")
            connection.execute(f"CREATE DATABASE {DATABASE}")
    print(f"Migrating {DATABASE}")
    run([sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"])


def close_database() -> None:
    from django.db import connection

    connection.close()


# The server


def start_server(log_path: Path) -> subprocess.Popen:
    print(f"Starting gunicorn on {BASE_URL} (log: {log_path.relative_to(ROOT)})")
    command = [str(GUNICORN), "hamstrings.wsgi", "--workers", "2", "--bind", f"{HOST}:{PORT}"]
    with log_path.open("w") as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}; see {log_path}")
        try:
            if fetch("GET", "/bench/bare/")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    stop_server(server)
    raise SystemExit(f"gunicorn did not answer within 30 s; see {log_path}")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def fetch(method: str, path: str, body: str | None = None, headers: dict | None = None):
    """One request on a new connection: (status, body bytes)."""
    connection = http.client.HTTPConnection(HOST, PORT, timeout=30)
    try:
        connection.request(method, path, body, headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def log_in(username: str, password: str) -> dict:
    """Log in through the login form; returns the cookies (sessionid, csrftoken)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{BASE_URL}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = {"username": username, "password": password, "csrfmiddlewaretoken": token}
    opener.open(f"{BASE_URL}/accounts/login/", urllib.parse.urlencode(form).encode()).read()
    cookies = {cookie.name: cookie.value for cookie in jar}
    if "sessionid" not in cookies:
        raise SystemExit(f"Logging in as {username} failed.")
    return cookies


def cookie_header(cookies: dict) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def post_headers(cookies: dict) -> dict:
    return {
        "Cookie": cookie_header(cookies),
        "X-CSRFToken": cookies["csrftoken"],
        "HX-Request": "true",
        "Content-Type": "application/x-www-form-urlencoded",
    }


# The load


def measure(args, plan: dict, generator: str, folder: Path) -> dict:
    load_average = os.getloadavg()
    athlete = log_in("bench", "bench")
    typical = log_in(plan["typical_athlete"], "bench")
    coach = log_in("bench-coach", "bench")

    # One set POST by hand first: it must insert a row, and its fragment's size is reported.
    path, body = plan["slots"][0].split("\t")
    status, fragment = fetch("POST", path, body, post_headers(athlete))
    if status != 200 or b"is-logged" not in fragment:
        raise SystemExit(f"The set POST answered {status}: {fragment[:500]!r}")
    slots = folder / "slots.tsv"
    slots.write_text("\n".join(plan["slots"][1:]) + "\n")

    workout = f"/workouts/{plan['workout_id']}/"
    endpoints = [
        Endpoint("bare view", "GET", "/bench/bare/", athlete),
        Endpoint("today", "GET", "/today/", typical, budget_p95_ms=50),
        Endpoint("workout page", "GET", f"/workouts/{plan['typical_workout_id']}/", typical),
        Endpoint("today, 14-exercise workouts", "GET", "/today/", athlete, budget_p95_ms=50),
        Endpoint("workout page, 14 exercises", "GET", workout, athlete),
        Endpoint("set POST", "POST", f"{workout}sets/", athlete, budget_p95_ms=50, slots=slots),
        Endpoint("coach dashboard", "GET", "/coach/", coach, budget_p95_ms=200),
    ]
    print(
        f"Loading {len(endpoints)} endpoints with {generator}, {args.duration} s each, "
        f"{args.connections} connections ({len(plan['slots']) - 1:,} free set slots)"
    )
    rows = []
    for endpoint in endpoints:
        size = check(endpoint)
        if generator == "wrk":
            row = load_with_wrk(endpoint, args.duration, args.connections)
        else:
            row = load_with_python(endpoint, args.duration, args.connections)
        row.update(endpoint=endpoint.name, method=endpoint.method, path=endpoint.path)
        row.update(bytes=len(fragment) if endpoint.slots else size)
        row["budget_p95_ms"] = endpoint.budget_p95_ms
        rows.append(row)
        print(f"  {endpoint.name}: {row['requests_per_s']:.0f} requests/s")
    bare = rows[0]["requests_per_s"]
    for row in rows:
        row["percent_of_bare"] = round(100 * row["requests_per_s"] / bare, 1) if bare else None
        budget = row["budget_p95_ms"]
        row["within_budget"] = None if budget is None else row["p95_ms"] < budget
    return {
        "generator": generator,
        "duration_s": args.duration,
        "connections": args.connections,
        "history_set_logs": args.sets,
        "machine": {"cpus": os.cpu_count(), "load_average": load_average},
        "python": platform.python_version(),
        "endpoints": rows,
        "set_post_fragment_bytes": len(fragment),
        "set_post_fragment_budget_bytes": 4096,
    }


def check(endpoint: Endpoint) -> int:
    """A GET must answer 200 (a redirect would mean the login did not hold); a few requests
    also warm both workers up. Returns the size of the page."""
    if endpoint.slots:
        return 0
    headers = {"Cookie": cookie_header(endpoint.cookies)}
    for _ in range(4):
        status, body = fetch("GET", endpoint.path, headers=headers)
        if status != 200:
            raise SystemExit(f"{endpoint.name} ({endpoint.path}) answered {status}")
    return len(body)


def have_wrk() -> bool:
    if shutil.which("wrk"):
        return True
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing wrk (apt-get install -y wrk)")
        subprocess.run(["apt-get", "install", "-y", "wrk"], capture_output=True)
    return shutil.which("wrk") is not None


def load_with_wrk(endpoint: Endpoint, duration: int, connections: int) -> dict:
    threads = min(2, connections)
    command = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s",
        "-s", str(BENCH / "load.lua"), f"{BASE_URL}{endpoint.path}",
        "--", cookie_header(endpoint.cookies),
    ]  # fmt: skip
    if endpoint.slots:
        command += [endpoint.cookies["csrftoken"], str(endpoint.slots), str(threads)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    numbers = json.loads(line.removeprefix("BENCH "))
    return {
        "requests": numbers["requests"],
        "requests_per_s": round(numbers["requests"] / (numbers["duration_us"] / 1e6), 1),
        "p50_ms": round(numbers["p50_us"] / 1000, 1),
        "p95_ms": round(numbers["p95_us"] / 1000, 1),
        "errors": numbers["non_2xx"] + numbers["socket_errors"],
        "reused_slots": numbers["reused_slots"],
    }


def load_with_python(endpoint: Endpoint, duration: int, connections: int) -> dict:
    """The fallback: one thread per connection, each a keep-alive http.client connection
    (which reconnects when the server closes it), timing each request."""
    if endpoint.slots:
        requests = iter(endpoint.slots.read_text().splitlines())
        headers = post_headers(endpoint.cookies)
    else:
        requests = None
        headers = {"Cookie": cookie_header(endpoint.cookies)}
    lock = threading.Lock()
    latencies, errors = [], []

    def worker() -> None:
        connection = http.client.HTTPConnection(HOST, PORT, timeout=10)
        own_latencies, own_errors = [], 0
        while time.perf_counter() < deadline:
            path, body = endpoint.path, None
            if requests is not None:
                with lock:
                    line = next(requests, None)
                if line is None:
                    break
                path, body = line.split("\t")
            started = time.perf_counter()
            try:
                connection.request(endpoint.method, path, body, headers)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                connection.close()
                own_errors += 1
                continue
            own_latencies.append(time.perf_counter() - started)
            if not 200 <= response.status < 300:
                own_errors += 1
        connection.close()
        with lock:
            latencies.extend(own_latencies)
            errors.append(own_errors)

    started = time.perf_counter()
    deadline = started + duration
    workers = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 50) * 1000, 1),
        "p95_ms": round(percentile(latencies, 95) * 1000, 1),
        "errors": sum(errors),
        "reused_slots": 0,
    }


def percentile(ordered: list[float], percent: float) -> float:
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]


# The report


def report(results: dict) -> None:
    print()
    print(
        f"{'endpoint':<28} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7} "
        f"{'% of bare':>9} {'bytes':>8}  budget (p95)"
    )
    for row in results["endpoints"]:
        budget = ""
        if row["budget_p95_ms"] is not None:
            verdict = "ok" if row["within_budget"] else "OVER"
            budget = f"< {row['budget_p95_ms']} ms: {verdict}"
        print(
            f"{row['endpoint']:<28} {row['requests_per_s']:>8.1f} {row['p50_ms']:>8.1f} "
            f"{row['p95_ms']:>8.1f} {row['errors']:>7} {row['percent_of_bare']:>8.1f}% "
            f"{row['bytes']:>8}  {budget}"
        )
    size = results["set_post_fragment_bytes"]
    verdict = "ok" if size < results["set_post_fragment_budget_bytes"] else "OVER"
    print(f"\nSet POST fragment: {size} bytes (budget < 4 KB: {verdict}).")
    post = next(row for row in results["endpoints"] if row["endpoint"] == "set POST")
    print(
        f"Set POSTs: {post['requests']:,} answered, {results['set_post_rows_inserted']:,} rows "
        f"inserted, {post['reused_slots']:,} sent to an already used slot."
    )
    print(
        f"Generator {results['generator']}, {results['duration_s']} s per endpoint, "
        f"{results['connections']} connections, {results['history_set_logs']:,} set logs of "
        f"history, {results['machine']['cpus']} CPUs, load average before: "
        + ", ".join(f"{load:.2f}" for load in results["machine"]["load_average"])
    )
    print("Budgets (DESIGN.md): set POST and today p95 < 50 ms, dashboard (200 athletes) < 200 ms.")
    path = ARTIFACTS / "bench.json"
    path.write_text(json.dumps(results, indent=2) + "\n")
    print(f"Written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

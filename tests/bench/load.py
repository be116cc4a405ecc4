"""The load: log in over HTTP, then load each endpoint for a while with wrk (tests/bench/load.lua)
or, when wrk cannot be had, with a Python load generator; one row of numbers per endpoint."""

import http.client
import http.cookiejar
import json
import re
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.bench.servers import HOST, fetch

BENCH = Path(__file__).resolve().parent
SETTLE_S = 1.5  # 16 queued board requests take ~0.5 s on 2 workers


@dataclass
class Endpoint:
    name: str
    method: str
    path: str
    cookies: dict
    budget_p95_ms: int | None = None
    share_target: float | None = None  # % of the signed-out bare view's requests/s, issue 30
    slots: Path | None = None  # set POSTs: the file of free slots, one request per line


def log_in(port: int, username: str, password: str) -> dict:
    """Log in through the login form; returns the cookies (sessionid, csrftoken)."""
    base_url = f"http://{HOST}:{port}"
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base_url}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = {"username": username, "password": password, "csrfmiddlewaretoken": token}
    opener.open(f"{base_url}/accounts/login/", urllib.parse.urlencode(form).encode()).read()
    cookies = {cookie.name: cookie.value for cookie in jar}
    if "sessionid" not in cookies:
        raise SystemExit(f"Logging in as {username} on {port} failed.")
    return cookies


def cookie_header(cookies: dict) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def get_headers(cookies: dict) -> dict:
    # As a phone's browser asks: pages come gzipped (the bare view's 2 bytes never are).
    return {"Cookie": cookie_header(cookies), "Accept-Encoding": "gzip"}


def post_headers(cookies: dict) -> dict:
    return {
        **get_headers(cookies),
        "X-CSRFToken": cookies["csrftoken"],
        "HX-Request": "true",
        "Content-Type": "application/x-www-form-urlencoded",
    }


def measure(args, plan: dict, generator: str, folder: Path, port: int, workers: int) -> dict:
    """Every endpoint loaded in turn through `port`, behind which `workers` gunicorn workers
    answer: the rows, and the set POST's fragment.

    Each endpoint is loaded twice. First with `--connections` (16): the requests/s. Under such a
    closed loop a request waits behind the others queued on the workers, so its latency is
    about connections / (requests/s) whatever the code does (Little's law). Then, for the
    endpoints with a p95 budget, with one connection per worker: every worker still always has
    a request, so the machine is as loaded (the requests/s show it), and p95 is what a request
    takes at that load; that is the p95 the budget is checked on."""
    athlete = log_in(port, "bench", "bench")
    typical = log_in(port, plan["typical_athlete"], "bench")
    coach = log_in(port, "bench-coach", "bench")

    # One set POST by hand first: it must insert a row, and its fragment's size is reported.
    path, body = plan["slots"][0].split("\t")
    status, fragment, _ = fetch(port, "POST", path, body, post_headers(athlete))
    if status != 200 or b"is-logged" not in fragment:
        raise SystemExit(f"The set POST answered {status}: {fragment[:500]!r}")
    # Two halves of the free slots: one for each load of the set POST.
    free = plan["slots"][1:]
    slots, slots_at_capacity = folder / f"slots-{port}.tsv", folder / f"slots-{port}-2.tsv"
    slots.write_text("\n".join(free[: len(free) // 2]) + "\n")
    slots_at_capacity.write_text("\n".join(free[len(free) // 2 :]) + "\n")

    workout = f"/workouts/{plan['workout_id']}/"
    endpoints = [
        # The ceiling is the bare view signed out (issue 30): the stack itself. Signed in (it
        # reads the user, as every signed-in request does), for the cost of being signed in.
        Endpoint("bare view", "GET", "/bench/bare/", athlete),
        Endpoint("bare view, signed out", "GET", "/bench/bare/", {}),
        Endpoint("today", "GET", "/today/", typical, budget_p95_ms=50, share_target=10),
        Endpoint(
            "workout page",
            "GET",
            f"/workouts/{plan['typical_workout_id']}/",
            typical,
            share_target=5,
        ),
        Endpoint("today, 14-exercise workouts", "GET", "/today/", athlete, budget_p95_ms=50),
        Endpoint("workout page, 14 exercises", "GET", workout, athlete),
        Endpoint(
            "set POST",
            "POST",
            f"{workout}sets/",
            athlete,
            budget_p95_ms=50,
            share_target=10,
            slots=slots,
        ),
        Endpoint("coach dashboard", "GET", "/coach/", coach, budget_p95_ms=150, share_target=2.5),
    ]
    print(
        f"Loading {len(endpoints)} endpoints on {port} with {generator}, {args.duration} s each, "
        f"{args.connections} connections ({len(free):,} free set slots), then those with a "
        f"p95 budget with {workers} (one per worker)"
    )
    rows = []
    generate = load_with_wrk if generator == "wrk" else load_with_python

    def load_with(endpoint: Endpoint, connections: int) -> dict:
        # The requests a load leaves queued (wrk stops without waiting for them) finish first.
        time.sleep(SETTLE_S)
        return generate(endpoint, port, args.duration, connections)

    for endpoint in endpoints:
        size = check(endpoint, port)
        row = load_with(endpoint, args.connections)
        if endpoint.budget_p95_ms is not None:
            if endpoint.slots:
                endpoint.slots = slots_at_capacity
            row["at_capacity"] = load_with(endpoint, workers)
            row["at_capacity"]["connections"] = workers
        row.update(endpoint=endpoint.name, method=endpoint.method, path=endpoint.path)
        row.update(bytes=len(fragment) if endpoint.slots else size)
        row["budget_p95_ms"] = endpoint.budget_p95_ms
        row["share_target"] = endpoint.share_target
        rows.append(row)
        said = f"  {endpoint.name}: {row['requests_per_s']:.0f} requests/s"
        if "at_capacity" in row:
            capacity = row["at_capacity"]
            said += (
                f"; with {workers} connections {capacity['requests_per_s']:.0f} requests/s, "
                f"p95 {capacity['p95_ms']:.1f} ms"
            )
        print(said)
    signed_in, signed_out = rows[0]["requests_per_s"], rows[1]["requests_per_s"]
    for row in rows:
        row["percent_of_bare"] = share(row["requests_per_s"], signed_out)
        row["percent_of_signed_in_bare"] = share(row["requests_per_s"], signed_in)
        budget = row["budget_p95_ms"]
        row["within_budget"] = None if budget is None else row["at_capacity"]["p95_ms"] < budget
        target = row["share_target"]
        row["share_met"] = None if target is None else row["percent_of_bare"] >= target
    return {
        "connections": args.connections,
        "workers": workers,
        "endpoints": rows,
        "set_post_fragment_bytes": len(fragment),
        "set_post_fragment_budget_bytes": 4096,
    }


def check(endpoint: Endpoint, port: int) -> int:
    """A GET must answer 200 (a redirect would mean the login did not hold); a few requests
    also warm the workers up. Returns the size of the page."""
    if endpoint.slots:
        return 0
    headers = {"Cookie": cookie_header(endpoint.cookies)}
    for _ in range(4):
        status, body, _ = fetch(port, "GET", endpoint.path, headers=headers)
        if status != 200:
            raise SystemExit(f"{endpoint.name} ({endpoint.path}) answered {status} on {port}")
    return len(body)


def share(requests_per_s: float, bare: float) -> float | None:
    return round(100 * requests_per_s / bare, 1) if bare else None


def load_with_wrk(endpoint: Endpoint, port: int, duration: int, connections: int) -> dict:
    threads = min(2, connections)
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "-s",
        str(BENCH / "load.lua"),
        f"http://{HOST}:{port}{endpoint.path}",
        "--",
        cookie_header(endpoint.cookies),
    ]
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


def load_with_python(endpoint: Endpoint, port: int, duration: int, connections: int) -> dict:
    """The fallback: one thread per connection, each a keep-alive http.client connection
    (which reconnects when the server closes it), timing each request."""
    if endpoint.slots:
        requests = iter(endpoint.slots.read_text().splitlines())
        headers = post_headers(endpoint.cookies)
    else:
        requests = None
        headers = get_headers(endpoint.cookies)
    lock = threading.Lock()
    latencies, errors = [], []

    def worker() -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=10)
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

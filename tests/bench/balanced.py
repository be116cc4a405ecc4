"""Two servers behind HAProxy must behave as one (DESIGN.md, "Beyond one machine"): requests
alternate between them, a session made through the balancer holds on each server, and a set POST
lands once whichever server takes it, even when it is sent again to the other one."""

from collections.abc import Callable
from itertools import pairwise

from tests.bench.load import cookie_header, log_in, post_headers
from tests.bench.servers import BALANCER_PORT, FIRST_PORT, SECOND_PORT, SERVER_HEADER, fetch

PORTS = {"a": FIRST_PORT, "b": SECOND_PORT}  # HAProxy's names for the servers (servers.py)
REQUESTS = 10
CHECKED_POSTS = 20


def check_two_servers(plan: dict, count_rows: Callable[[], int]) -> dict:
    """Runs the checks through the balancer and prints each verdict; posts the plan's first
    CHECKED_POSTS slots."""
    print("Checking two servers behind HAProxy")
    checks = {
        "requests_alternate": requests_alternate(),
        "session_on_both_servers": session_on_both_servers(),
        "set_posts_land_once": set_posts_land_once(plan["slots"][:CHECKED_POSTS], count_rows),
    }
    checks["ok"] = all(check["ok"] for check in checks.values())
    return checks


def requests_alternate() -> dict:
    answered_by = []
    for _ in range(REQUESTS):
        status, _, headers = fetch(BALANCER_PORT, "GET", "/bench/bare/")
        answered_by.append(headers.get(SERVER_HEADER) if status == 200 else f"HTTP {status}")
    alternating = all(first != second for first, second in pairwise(answered_by))
    ok = set(answered_by) == set(PORTS) and alternating
    print(f"  {REQUESTS} requests through HAProxy went to: {' '.join(answered_by)}{verdict(ok)}")
    return {"ok": ok, "answered_by": answered_by}


def session_on_both_servers() -> dict:
    cookies = log_in(BALANCER_PORT, "bench", "bench")
    headers = {"Cookie": cookie_header({"sessionid": cookies["sessionid"]})}
    statuses = {port: fetch(port, "GET", "/today/", headers=headers)[0] for port in PORTS.values()}
    ok = all(status == 200 for status in statuses.values())
    answers = ", ".join(f"{status} on {port}" for port, status in statuses.items())
    print(f"  Signed in through HAProxy; /today/ with that session answers {answers}{verdict(ok)}")
    return {"ok": ok, "today_status_by_port": {str(port): s for port, s in statuses.items()}}


def set_posts_land_once(slots: list[str], count_rows: Callable[[], int]) -> dict:
    """Each POST through the balancer inserts its row; each sent again, with its same token (as
    the phone's offline queue does), straight to the server that did not take it, answers the
    row and inserts nothing."""
    cookies = log_in(BALANCER_PORT, "bench", "bench")
    headers = post_headers(cookies)
    before = count_rows()
    taken_by, answered = [], 0
    for slot in slots:
        path, body = slot.split("\t")
        status, fragment, response_headers = fetch(BALANCER_PORT, "POST", path, body, headers)
        answered += status == 200 and b"is-logged" in fragment
        taken_by.append(response_headers.get(SERVER_HEADER))
    inserted = count_rows() - before
    resent_answered = 0
    for slot, server in zip(slots, taken_by, strict=True):
        other = PORTS["b" if server == "a" else "a"]
        path, body = slot.split("\t")
        status, fragment, _ = fetch(other, "POST", path, body, headers)
        resent_answered += status == 200 and b"is-logged" in fragment
    inserted_again = count_rows() - before - inserted
    ok = answered == inserted == resent_answered == len(slots) and inserted_again == 0
    per_server = ", ".join(f"{taken_by.count(name)} on {name}" for name in PORTS)
    print(
        f"  {len(slots)} set POSTs through HAProxy ({per_server}): {answered} answered, "
        f"{inserted} rows inserted; each sent again to the other server: {resent_answered} "
        f"answered with its row, {inserted_again} more rows{verdict(ok)}"
    )
    return {
        "ok": ok,
        "posts": len(slots),
        "taken_by": {name: taken_by.count(name) for name in PORTS},
        "answered": answered,
        "rows_inserted": inserted,
        "resent_to_other_server_answered": resent_answered,
        "rows_inserted_by_resending": inserted_again,
    }


def verdict(ok: bool) -> str:
    return ": ok" if ok else ": FAILED"

"""The benchmark's tables: one per run (every number of every endpoint), then the runs side by
side (requests/s, p95, share of the bare view and budget verdict), then test-artifacts/bench.json.
"""

import json
from pathlib import Path

BUDGETS = (
    "Budgets (DESIGN.md): set POST and today p95 < 50 ms, dashboard (200 athletes) < 150 ms, "
    "checked on the load with one connection per worker.\n"
    "Targets (issue 30), as a share of the signed-out bare view's requests/s in the same run "
    "(% of bare; % in: of the signed-in bare view, for the cost of being signed in): today and "
    "set POST 10%, workout page 5%, dashboard 2.5%."
)


def print_run(run: dict) -> None:
    loaded, per_worker = f"{run['connections']} connections", f"{run['workers']}, one per worker"
    print(f"\n{run['title']}")
    print(f"{'':<28} {loaded:-^43} {'':>9} {'':>8}  {per_worker:-^16}")
    print(
        f"{'endpoint':<28} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7} "
        f"{'% of bare':>9} {'% in':>6} {'target':>10} {'bytes':>8}  {'req/s':>7} {'p95 ms':>8}  "
        "budget (p95)"
    )
    for row in run["endpoints"]:
        capacity = ""
        if "at_capacity" in row:
            at = row["at_capacity"]
            capacity = (
                f"{at['requests_per_s']:>7.1f} {at['p95_ms']:>8.1f}  "
                f"< {row['budget_p95_ms']} ms: {budget_verdict(row)}"
            )
        print(
            f"{row['endpoint']:<28} {row['requests_per_s']:>8.1f} {row['p50_ms']:>8.1f} "
            f"{row['p95_ms']:>8.1f} {row['errors']:>7} {row['percent_of_bare']:>8.1f}% "
            f"{row['percent_of_signed_in_bare']:>5.1f}% {share_verdict(row):>10} "
            f"{row['bytes']:>8}  {capacity}"
        )
    size = run["set_post_fragment_bytes"]
    verdict = "ok" if size < run["set_post_fragment_budget_bytes"] else "OVER"
    post = next(row for row in run["endpoints"] if row["endpoint"] == "set POST")
    loads = [post, post["at_capacity"]]
    answered = sum(one["requests"] - one["errors"] for one in loads)
    inserted = run["set_post_rows_inserted"]
    in_flight = ""
    if inserted > answered:  # wrk stops with requests under way: the server still took them
        in_flight = f" ({inserted - answered} still in flight when the load stopped)"
    print(
        f"Set POST fragment: {size} bytes (budget < 4 KB: {verdict}). Set POSTs, both loads: "
        f"{answered:,} answered 2xx, {inserted:,} rows inserted{in_flight}, "
        f"{sum(one['reused_slots'] for one in loads):,} sent to an already used slot."
    )


def print_side_by_side(runs: list[dict]) -> None:
    """Each endpoint on one line, a column group per run: req/s, % of bare, target, then p95
    with all the connections and with one per worker, and the budget's verdict."""
    width = 44
    print(
        "\nSide by side (req/s, % of the bare view in the same run, target; p95 ms with "
        f"{runs[0]['connections']} connections and with one per worker, budget)"
    )
    print(f"{'':<28}" + "".join(f" {run['label']:>{width}}" for run in runs))
    header = f"{'req/s':>6} {'%bare':>6} {'target':>10} {'p95':>6} {'p95/w':>6} {'budget':>5}"
    print(f"{'endpoint':<28}" + f" {header:>{width}}" * len(runs))
    for index, row in enumerate(runs[0]["endpoints"]):
        cells = []
        for run in runs:
            other = run["endpoints"][index]
            at_capacity = f"{other['at_capacity']['p95_ms']:.1f}" if "at_capacity" in other else ""
            cells.append(
                f"{other['requests_per_s']:>6.0f} {other['percent_of_bare']:>5.1f}% "
                f"{share_verdict(other):>10} {other['p95_ms']:>6.1f} {at_capacity:>6} "
                f"{budget_verdict(other):>6}"
            )
        print(f"{row['endpoint']:<28}" + "".join(f" {cell:>{width}}" for cell in cells))


def share_verdict(row: dict) -> str:
    """'10%: ok' when the page reaches its share of the bare view, '10%: SHORT' when not."""
    if row.get("share_target") is None:
        return ""
    return f"{row['share_target']}%: {'ok' if row['share_met'] else 'SHORT'}"


def budget_verdict(row: dict) -> str:
    if row["budget_p95_ms"] is None:
        return ""
    return "ok" if row["within_budget"] else "OVER"


def print_footer(results: dict) -> None:
    print(
        f"\nGenerator {results['generator']}, {results['duration_s']} s per endpoint, "
        f"{results['connections']} connections, {results['machine']['cpus']} CPUs, load "
        "average before each run: "
        + "; ".join(
            ", ".join(f"{load:.2f}" for load in run["load_average_before"])
            for run in results["runs"]
        )
    )
    print(BUDGETS)
    two = results["two_servers"]
    if "skipped" in two:
        print(f"Two servers behind HAProxy: skipped ({two['skipped']}).")
    else:
        verdict = "all passed" if two["checks"]["ok"] else "SOME FAILED"
        print(
            f"Two servers behind HAProxy {two['haproxy']} at {two['history_label']} set logs: "
            f"checks {verdict}. They share this machine's {results['machine']['cpus']} CPUs with "
            "each other, HAProxy, PostgreSQL and the load generator: read their numbers as "
            "'nothing breaks when requests alternate', not as a speed-up."
        )


def write(results: dict, path: Path) -> None:
    path.write_text(json.dumps(results, indent=2) + "\n")
    print(f"Written to {path.relative_to(path.parents[1])}")

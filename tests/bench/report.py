"""The benchmark's tables: one per run (every number of every endpoint), then the runs side by
side (requests/s, p95, share of the bare view and budget verdict), then test-artifacts/bench.json.
"""

import json
from pathlib import Path

BUDGETS = (
    "Budgets (DESIGN.md): set POST and today p95 < 50 ms, dashboard (200 athletes) < 200 ms.\n"
    "Targets (issue 16), as a share of the signed-in bare view's requests/s in the same run: "
    "today and set POST 15%, workout page 8%, dashboard 3%."
)


def print_run(run: dict) -> None:
    print(f"\n{run['title']}")
    print(
        f"{'endpoint':<28} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7} "
        f"{'% of bare':>9} {'target':>9} {'bytes':>8}  budget (p95)"
    )
    for row in run["endpoints"]:
        budget = ""
        if row["budget_p95_ms"] is not None:
            budget = f"< {row['budget_p95_ms']} ms: {budget_verdict(row)}"
        print(
            f"{row['endpoint']:<28} {row['requests_per_s']:>8.1f} {row['p50_ms']:>8.1f} "
            f"{row['p95_ms']:>8.1f} {row['errors']:>7} {row['percent_of_bare']:>8.1f}% "
            f"{share_verdict(row):>9} {row['bytes']:>8}  {budget}"
        )
    size = run["set_post_fragment_bytes"]
    verdict = "ok" if size < run["set_post_fragment_budget_bytes"] else "OVER"
    post = next(row for row in run["endpoints"] if row["endpoint"] == "set POST")
    answered, inserted = post["requests"] - post["errors"], run["set_post_rows_inserted"]
    in_flight = ""
    if inserted > answered:  # wrk stops with requests under way: the server still took them
        in_flight = f" ({inserted - answered} still in flight when the load stopped)"
    print(
        f"Set POST fragment: {size} bytes (budget < 4 KB: {verdict}). Set POSTs: "
        f"{answered:,} answered 2xx, {inserted:,} rows inserted{in_flight}, "
        f"{post['reused_slots']:,} sent to an already used slot."
    )


def print_side_by_side(runs: list[dict]) -> None:
    """Each endpoint on one line, a column group per run: req/s, p95 ms, % of bare, budget."""
    width = 37
    print("\nSide by side (req/s, p95 ms, % of the bare view in the same run, target, budget)")
    print(f"{'':<28}" + "".join(f" {run['label']:>{width}}" for run in runs))
    header = f"{'req/s':>7} {'p95':>6} {'%bare':>6} {'target':>9} {'budget':>5}"
    print(f"{'endpoint':<28}" + f" {header:>{width}}" * len(runs))
    for index, row in enumerate(runs[0]["endpoints"]):
        cells = []
        for run in runs:
            other = run["endpoints"][index]
            cells.append(
                f"{other['requests_per_s']:>7.0f} {other['p95_ms']:>6.1f} "
                f"{other['percent_of_bare']:>5.1f}% {share_verdict(other):>9} "
                f"{budget_verdict(other):>6}"
            )
        print(f"{row['endpoint']:<28}" + "".join(f" {cell:>{width}}" for cell in cells))


def share_verdict(row: dict) -> str:
    """'15%: ok' when the page reaches its share of the bare view, '15%: SHORT' when not."""
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

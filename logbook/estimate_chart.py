"""Change over a block: an athlete's break-point strength estimates over time
(`logbook.strength_estimates`), each with its range, and the smallest real change around the
first of them, so a coach sees whether a block moved strength past what 8 degrees of the
angle's noise make (Lee 2018; `programs.strength_estimate.smallest_real_change`). Drawn as
SVG the way `logbook.charts` draws the others, with the reading in words beside it."""

from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from logbook.charts import BOTTOM_PAD, GRID, INK, MUTED, PAPER, RIGHT_PAD, TOP_PAD, short_date
from logbook.models import StrengthTest
from logbook.strength_estimates import band_pull, body_of, estimate_of
from programs.strength_estimate import (
    Estimate,
    nearest_5,
    smallest_real_change,
)

SHADE = "#e8eef5"


@dataclass(frozen=True)
class Point:
    on: date
    estimate: Estimate
    noise: float  # the smallest real change at this test's angle, in N
    band_id: int | None  # the band it was done on (None: unassisted)


def estimate_points(tests: list[StrengthTest]) -> list[Point]:
    """The tests' estimates, oldest first; tests without one (another method, no height or
    body mass, a band holding the whole weight) are left out. No query: `band` read with
    the tests."""
    points = []
    for test in sorted(tests, key=lambda test: (test.on_date, test.pk)):
        found = estimate_of(test)
        if found is None or nearest_5(found.newtons) == 0:
            continue
        noise = smallest_real_change(
            body=body_of(test), break_angle=float(test.left), band=band_pull(test)
        )
        points.append(Point(test.on_date, found, noise, test.band_id))
    return points


def block_change(points: list[Point]) -> str:
    """The change from the first estimate to the latest, against the first one's noise, when
    both were done on the same band."""
    if len(points) < 2:
        return ""
    first, latest = points[0], points[-1]
    change = latest.estimate.newtons - first.estimate.newtons
    noise = nearest_5(first.noise)
    said = (
        f"{nearest_5(abs(change))} N {'up' if change >= 0 else 'down'} since {short_date(first.on)}"
    )
    if latest.band_id != first.band_id:
        # A band's rated range moves the estimate more than 8 degrees do: not comparable.
        return f"{said}, on another band: compare tests done on one band to read a change."
    if abs(change) >= first.noise:
        return f"{said}: more than the {noise} N that 8 degrees of angle make, a real change."
    return f"{said}: inside the {noise} N that 8 degrees of angle make, so not yet a real change."


def estimate_chart(points: list[Point], *, width: int = 340, height: int = 170) -> str:
    """SVG markup: each estimate as a dot with its range as a whisker, joined oldest first,
    over a shaded band of the first estimate plus or minus its smallest real change. Fewer
    than two estimates, no chart."""
    if len(points) < 2:
        return ""
    first, last = points[0], points[-1]
    shade = (first.estimate.newtons - first.noise, first.estimate.newtons + first.noise)
    values = [v for p in points for v in (p.estimate.low, p.estimate.high)] + list(shade)
    low, high = max(0.0, min(values)), max(values)
    plot_left, plot_right = 44, width - RIGHT_PAD
    plot_top, plot_bottom = TOP_PAD, height - BOTTOM_PAD
    span = max((last.on - first.on).days, 1)

    def x_of(day: date) -> float:
        return plot_left + (plot_right - plot_left) * (day - first.on).days / span

    def y_of(value: float) -> float:
        value = min(max(value, low), high)
        return plot_bottom - (plot_bottom - plot_top) * (value - low) / (high - low)

    summary = (
        f"Estimated strength per leg: {len(points)} break-point tests, latest "
        f"{last.estimate} on {short_date(last.on)}. {block_change(points)}"
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="tests-chart estimate-chart" '
        f'role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-label="{escape(summary, {chr(34): "&quot;"})}"><title>{escape(summary)}</title>',
        f'<rect x="{plot_left}" y="{y_of(shade[1]):.1f}" width="{plot_right - plot_left}" '
        f'height="{y_of(shade[0]) - y_of(shade[1]):.1f}" fill="{SHADE}"/>',
    ]
    for value in (low, high):
        y = y_of(value)
        parts.append(
            f'<line x1="{plot_left}" y1="{y:.1f}" x2="{plot_right}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/><text x="{plot_left - 6}" y="{y:.1f}" '
            f'text-anchor="end" dominant-baseline="middle" font-size="11" fill="{MUTED}">'
            f"{nearest_5(value)}</text>"
        )
    line = [(x_of(p.on), y_of(p.estimate.newtons)) for p in points]
    path = "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in line)
    parts.append(f'<path d="{path}" fill="none" stroke="{INK}" stroke-width="2"/>')
    for point, (x, y) in zip(points, line, strict=True):
        top, bottom = y_of(point.estimate.high), y_of(point.estimate.low)
        parts.append(
            f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" '
            f'stroke="{INK}" stroke-width="1"/><circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" '
            f'fill="{PAPER}" stroke="{INK}" stroke-width="1.5"/>'
        )
    for anchor, x, day in (("start", plot_left, first.on), ("end", plot_right, last.on)):
        parts.append(
            f'<text x="{x}" y="{height - 6}" text-anchor="{anchor}" font-size="11" '
            f'fill="{MUTED}">{escape(short_date(day))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)

"""Server-rendered SVG charts for the coach's pages. Pure functions over plain data, no Django and
no database, so they are tested on their own. Every piece of text is escaped here, which is what
lets a view mark the markup safe; colours go in SVG presentation attributes, never in `style`
(the CSP forbids inline styles)."""

import re
from datetime import date, datetime
from typing import Literal
from xml.sax.saxutils import escape

from catalogue.words import no_band_label
from programs.strength_estimate import nearest_5

Role = Literal["assist", "resist"]
BandName = str | None  # None = no band: unassisted for an assisted exercise

HEX_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
INK, MUTED, GRID, PAPER = "#1d232b", "#5b6572", "#d9dee4", "#ffffff"
LABEL_WIDTH, RIGHT_PAD, TOP_PAD, BOTTOM_PAD = 80, 10, 12, 26
POINT_RADIUS = 4.5


def _attr(value: object) -> str:
    return escape(str(value), {'"': "&quot;"})


def _day(when: date | datetime) -> date:
    return when.date() if isinstance(when, datetime) else when


def short_date(day: date) -> str:
    """'17 Oct', the way the page writes dates."""
    return f"{day.day} {day:%b}"


def ladder_rows(ladder: list[tuple[str, str]], role: Role, *, with_no_band: bool) -> list:
    """The chart's rows, top (hardest) to bottom, as (name or None, hex). Assist: unassisted on
    top, then thinnest to thickest; resist: thickest on top, and a "no band" row at the bottom
    only when the history has one."""
    if role == "assist":
        return [(None, PAPER), *ladder]
    rows = list(reversed(ladder))
    return [*rows, (None, PAPER)] if with_no_band else rows


def chart_summary(
    *, title: str, changes: list[tuple[date | datetime, BandName]], role: Role
) -> str:
    """The chart in one sentence: 'Band-assisted Nordic curl: green to unassisted since 17 Oct'."""
    if not changes:
        return f"{title}: no band recorded yet"

    def label(name: BandName) -> str:
        return (name or no_band_label(role)).lower()

    first, (last_at, last) = changes[0][1], changes[-1]
    since = f"since {short_date(_day(last_at))}"
    if len(changes) == 1 or label(first) == label(last):
        return f"{title}: {label(last)} {since}"
    return f"{title}: {label(first)} to {label(last)} {since}"


def ladder_chart(
    *,
    title: str,
    ladder: list[tuple[str, str]],
    changes: list[tuple[date | datetime, BandName]],
    start: date,
    end: date,
    role: Role,
    width: int = 340,
    height: int = 180,
) -> str:
    """SVG markup of a step line through the band changes of one exercise.

    ladder: (band name, hex) thinnest first; changes: (when, band name or None) oldest first;
    x runs from `start` (the assignment's start) to `end` (today); one grid line per row.
    Changes naming a band outside the ladder are left out of the line.
    """
    rows = ladder_rows(ladder, role, with_no_band=any(name is None for _, name in changes))
    row_of = {name: index for index, (name, _) in enumerate(rows)}
    colour_of = {name: hex if HEX_RE.match(hex or "") else MUTED for name, hex in rows}
    plot_left, plot_right = LABEL_WIDTH, width - RIGHT_PAD
    plot_top, plot_bottom = TOP_PAD, height - BOTTOM_PAD
    end = max(end, start)
    span = max((end - start).days, 1)
    row_gap = (plot_bottom - plot_top) / max(len(rows) - 1, 1)

    def x_of(when: date | datetime) -> float:
        days = min(max((_day(when) - start).days, 0), span)
        return plot_left + (plot_right - plot_left) * days / span

    def y_of(name: BandName) -> float:
        return plot_top + row_gap * row_of[name]

    summary = chart_summary(title=title, changes=changes, role=role)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ladder-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-label="{_attr(summary)}">',
        f"<title>{escape(summary)}</title>",
    ]
    for name, _ in rows:
        y = y_of(name)
        parts.append(
            f'<line class="grid" x1="{plot_left}" y1="{y:.1f}" x2="{plot_right}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(
            f'<text class="band-label" x="{plot_left - 8}" y="{y:.1f}" text-anchor="end" '
            f'dominant-baseline="middle" font-size="12" fill="{MUTED}">'
            f"{escape(name or no_band_label(role))}</text>"
        )
    for anchor, x, day in (("start", plot_left, start), ("end", plot_right, end)):
        parts.append(
            f'<text class="date-label" x="{x}" y="{height - 6}" text-anchor="{anchor}" '
            f'font-size="12" fill="{MUTED}">{escape(short_date(day))}</text>'
        )

    points = [(x_of(when), y_of(name), name) for when, name in changes if name in row_of]
    if points:
        x, y, _ = points[0]
        path = f"M{x:.1f},{y:.1f}"
        for x, y, _ in points[1:]:
            path += f"H{x:.1f}V{y:.1f}"
        path += f"H{plot_right:.1f}"
        parts.append(
            f'<path class="step" d="{path}" fill="none" stroke="{INK}" stroke-width="2" '
            'stroke-linejoin="round"/>'
        )
    for x, y, name in points:
        parts.append(
            f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="{POINT_RADIUS}" '
            f'fill="{_attr(colour_of[name])}" stroke="{INK}" stroke-width="1.5"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def volume_chart(
    *, weeks: list[tuple[date, int]], unit: str, width: int = 340, height: int = 160
) -> str:
    """Bars of weekly volume (reps or seconds), oldest week first, each labelled with its total;
    `weeks` holds every week to show, zeros included."""
    if not weeks:
        return ""
    plot_width, plot_height = width - 10, height - TOP_PAD - BOTTOM_PAD - 12
    slot = plot_width / len(weeks)
    top = max(total for _, total in weeks) or 1
    total_volume = sum(total for _, total in weeks)
    label = (
        f"Weekly volume, {unit}: {total_volume} over {len(weeks)} weeks from "
        f"{short_date(weeks[0][0])}"
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{_attr(label)}">',
        f"<title>{escape(label)}</title>",
    ]
    baseline = TOP_PAD + 12 + plot_height
    for index, (week, total) in enumerate(weeks):
        bar_height = plot_height * total / top
        x = 5 + index * slot + slot * 0.15
        parts.append(
            f'<rect x="{x:.1f}" y="{baseline - bar_height:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{bar_height:.1f}" rx="2" fill="#0b6e4f"/>'
        )
        if total:
            parts.append(
                f'<text x="{x + slot * 0.35:.1f}" y="{baseline - bar_height - 3:.1f}" '
                f'font-size="10" text-anchor="middle" fill="{INK}">{total}</text>'
            )
        if index in (0, len(weeks) - 1):
            parts.append(
                f'<text x="{x + slot * 0.35:.1f}" y="{height - 8}" font-size="10" '
                f'text-anchor="middle" fill="{MUTED}">{escape(short_date(week))}</text>'
            )
    parts.append(f'<line x1="5" y1="{baseline}" x2="{width - 5}" y2="{baseline}" stroke="{GRID}"/>')
    parts.append("</svg>")
    return "".join(parts)


def tests_chart(
    *,
    title: str,
    unit: str,
    points: list[tuple[date, float, float | None]],
    noun: str = "test",
    width: int = 340,
    height: int = 160,
) -> str:
    """SVG markup of strength tests over time: the left leg (or the single value) as a solid
    line, the right leg dashed. points: (date, left, right or None) oldest first; no points,
    no chart."""
    if not points:
        return ""
    values = [v for _, left, right in points for v in (left, right) if v is not None]
    plot_left, plot_right = 44, width - RIGHT_PAD
    plot_top, plot_bottom = TOP_PAD, height - BOTTOM_PAD
    low, high = min(values), max(values)
    low, high = (low - 1, high + 1) if low == high else (low, high)
    first, last = points[0][0], points[-1][0]
    span = max((last - first).days, 1)

    def x_of(day: date) -> float:
        return plot_left + (plot_right - plot_left) * (day - first).days / span

    def y_of(value: float) -> float:
        return plot_bottom - (plot_bottom - plot_top) * (value - low) / (high - low)

    summary = f"{title}: {len(points)} {noun}{'s' if len(points) != 1 else ''}, "
    summary += f"latest {points[-1][1]:g} {unit} on {short_date(last)}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="tests-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-label="{_attr(summary)}"><title>{escape(summary)}</title>'
    ]
    for value in (low, high):
        y = y_of(value)
        parts.append(
            f'<line x1="{plot_left}" y1="{y:.1f}" x2="{plot_right}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/><text x="{plot_left - 6}" y="{y:.1f}" '
            f'text-anchor="end" dominant-baseline="middle" font-size="11" fill="{MUTED}">'
            f"{value:g}</text>"
        )
    for side, dash in ((1, ""), (2, ' stroke-dasharray="5 4"')):
        line = [(x_of(p[0]), y_of(p[side])) for p in points if p[side] is not None]
        if len(line) > 1:
            path = "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in line)
            parts.append(f'<path d="{path}" fill="none" stroke="{INK}" stroke-width="2"{dash}/>')
        for x, y in line:
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{PAPER}" '
                f'stroke="{INK}" stroke-width="1.5"/>'
            )
    for anchor, x, day in (("start", plot_left, first), ("end", plot_right, last)):
        parts.append(
            f'<text x="{x}" y="{height - 6}" text-anchor="{anchor}" font-size="11" '
            f'fill="{MUTED}">{escape(short_date(day))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


# The Bland-Altman plot's colours; each line is labelled too, and the pairs are listed in words.
PAIR_FILL, MEAN_STROKE, LIMIT_STROKE = "#1f6fb2", "#0b6e4f", "#b3261e"


def signed_newtons(newtons: float) -> str:
    """A difference to the nearest 5 N with its sign: '+10', '-20', '0'."""
    rounded = nearest_5(newtons)
    return f"{rounded:+d}" if rounded else "0"


def agreement_chart(
    *,
    title: str,
    points: list[tuple[float, float]],
    mean_difference: float | None = None,
    limits: tuple[float, float] | None = None,
    width: int = 360,
    height: int = 240,
) -> str:
    """SVG markup of a Bland-Altman plot of strength estimates against NordBord tests, in N:
    a point per pair at (the mean of the two, estimate minus NordBord), the zero line, and
    the mean difference and the 95% limits of agreement when given (a caller passes them only
    once there are pairs enough to trust them). No points, no chart."""
    if not points:
        return ""
    plot_left, plot_right = 52, width - RIGHT_PAD
    plot_top, plot_bottom = TOP_PAD, height - BOTTOM_PAD - 16
    lines = [("mean", "mean", mean_difference)] if mean_difference is not None else []
    if limits is not None:
        lines += [("limit", "lower limit", limits[0]), ("limit", "upper limit", limits[1])]
    means = [mean for mean, _ in points]
    differences = [0.0, *(difference for _, difference in points), *(v for *_, v in lines)]
    left, right = min(means) - 10, max(means) + 10
    spread = max(differences) - min(differences) or 20
    low, high = min(differences) - spread * 0.12, max(differences) + spread * 0.12

    def x_of(mean: float) -> float:
        return plot_left + (plot_right - plot_left) * (mean - left) / (right - left)

    def y_of(difference: float) -> float:
        return plot_bottom - (plot_bottom - plot_top) * (difference - low) / (high - low)

    summary = f"{title}: {len(points)} pair{'s' if len(points) != 1 else ''}"
    if mean_difference is not None and limits is not None:
        summary += (
            f", mean difference {signed_newtons(mean_difference)} N, 95% limits of agreement "
            f"{signed_newtons(limits[0])} to {signed_newtons(limits[1])} N"
        )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart agreement-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-label="{_attr(summary)}"><title>{escape(summary)}</title>'
    ]
    zero = y_of(0)
    parts.append(
        f'<line x1="{plot_left}" y1="{zero:.1f}" x2="{plot_right}" y2="{zero:.1f}" '
        f'stroke="{GRID}" stroke-width="1"/>'
    )
    for value in (low, 0, high):
        parts.append(
            f'<text x="{plot_left - 6}" y="{y_of(value):.1f}" text-anchor="end" '
            f'dominant-baseline="middle" font-size="11" fill="{MUTED}">'
            f"{signed_newtons(value)}</text>"
        )
    # Reference lines are paths, so the dark theme's rule for grid lines leaves their colour.
    for kind, label, value in lines:
        y = y_of(value)
        colour, dash = (
            (MEAN_STROKE, "") if kind == "mean" else (LIMIT_STROKE, ' stroke-dasharray="6 4"')
        )
        # The mean's label on the left, the limits' on the right, the lower one under its
        # line: close lines keep their labels apart.
        x, anchor = (plot_left + 4, "start") if kind == "mean" else (plot_right, "end")
        label_y = y + 13 if label == "lower limit" else y - 4
        parts.append(
            f'<path class="{kind}" d="M{plot_left},{y:.1f}H{plot_right}" fill="none" '
            f'stroke="{colour}" stroke-width="1.5"{dash}/><text x="{x}" y="{label_y:.1f}" '
            f'text-anchor="{anchor}" font-size="11" fill="{colour}">'
            f"{escape(label)} {signed_newtons(value)} N</text>"
        )
    for mean, difference in points:
        parts.append(
            f'<circle class="pair" cx="{x_of(mean):.1f}" cy="{y_of(difference):.1f}" '
            f'r="{POINT_RADIUS}" fill="{PAIR_FILL}" fill-opacity="0.8" stroke="{PAPER}" '
            'stroke-width="1"/>'
        )
    for anchor, x, value in (("start", plot_left, left), ("end", plot_right, right)):
        parts.append(
            f'<text x="{x}" y="{plot_bottom + 16}" text-anchor="{anchor}" font-size="11" '
            f'fill="{MUTED}">{nearest_5(value)}</text>'
        )
    parts.append(
        f'<text x="{(plot_left + plot_right) / 2:.0f}" y="{height - 6}" text-anchor="middle" '
        f'font-size="11" fill="{MUTED}">mean of estimate and NordBord (N)</text>'
        f'<text x="12" y="{(plot_top + plot_bottom) / 2:.0f}" text-anchor="middle" '
        f'font-size="11" fill="{MUTED}" transform="rotate(-90 12 '
        f'{(plot_top + plot_bottom) / 2:.0f})">estimate minus NordBord (N)</text>'
    )
    parts.append("</svg>")
    return "".join(parts)

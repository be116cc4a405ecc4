"""The strength section of the coach's athlete page: each test read in words (N, N/kg,
imbalance, drops against noise; a break-point test's strength estimate), and a chart per
method over time."""

from django.utils.safestring import mark_safe

from logbook.charts import tests_chart
from logbook.estimate_chart import block_change, estimate_chart, estimate_points
from logbook.models import TestMethod
from logbook.strength_tests import tests_read

UNITS = {TestMethod.NORDBORD: "N", TestMethod.BREAKPOINT: "°", TestMethod.DISTANCE: "cm"}


def strength_panel(athlete, sport: str, team=None) -> dict:
    """Every test of the athlete, read against the ones before: one query, and one more for
    the tests of the athlete's squad (`team`) when a break-point test has an estimate, whose
    agreement with the squad's NordBord tests says how far to trust it."""
    lines = tests_read(athlete, team=team, sport=sport)
    tests = [line.test for line in lines]
    charts = []
    for method, label in TestMethod.choices:
        points = [
            (t.on_date, float(t.left), None if t.right is None else float(t.right))
            for t in tests
            if t.method == method
        ]
        if points:
            title = label.split(":")[0].split(" (")[0]
            svg = tests_chart(title=title, unit=UNITS[method], points=points)
            charts.append({"title": title, "svg": mark_safe(svg)})  # the chart escapes its text
    if points := estimate_points(tests):  # change over a block, against the angle's noise
        svg = estimate_chart(points)
        if svg:
            title = "Estimated strength per leg (break-point tests; shaded: no real change)"
            charts.append({"title": title, "svg": mark_safe(svg), "said": block_change(points)})
    return {"lines": lines[::-1], "charts": charts}

"""The strength section of the coach's athlete page: each test read in words (N, N/kg,
imbalance, drops against noise; a break-point test's strength estimate), and a chart per
method over time."""

from dataclasses import dataclass

from django.utils.safestring import mark_safe

from accounts.models import User
from logbook import strength
from logbook.charts import tests_chart
from logbook.estimate_chart import block_change, estimate_chart, estimate_points
from logbook.models import StrengthTest, TestMethod
from logbook.strength_estimates import estimate_of, estimate_words, squad_agreement
from logbook.strength_tests import reading_of

UNITS = {TestMethod.NORDBORD: "N", TestMethod.BREAKPOINT: "°", TestMethod.DISTANCE: "cm"}


@dataclass
class TestLine:
    test: StrengthTest
    reading: strength.Reading
    estimate: str = ""  # a break-point test's strength estimate in words


def strength_panel(athlete, sport: str, team=None) -> dict:
    """Every test of the athlete, read against the ones before: one query, and one more for
    the tests of the athlete's squad (`team`) when a break-point test has an estimate, whose
    agreement with the squad's NordBord tests says how far to trust it."""
    tests = list(
        StrengthTest.objects.filter(athlete=athlete)
        .select_related("band")
        .order_by("on_date", "id")
    )
    checked = None
    if team is not None and any(estimate_of(test) for test in tests):
        squad = User.objects.filter(memberships__team=team, memberships__is_active=True)
        checked = squad_agreement(
            StrengthTest.objects.filter(athlete__in=squad).select_related("band")
        )
    lines = []
    for index, test in enumerate(tests):
        earlier = [other for other in tests[:index] if other.method == test.method]
        reading = reading_of(test, earlier, sport)
        lines.append(TestLine(test, reading, estimate_words(test, checked)))
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

"""What the squad's testing page shows under its form: each athlete's latest test of each
method, read as on the athlete page (a break-point test with its strength estimate beside the
NordBord), and how the squad's estimates agree with its own NordBord tests (a Bland-Altman
reading and plot). One query for all of it, whatever the squad's size."""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.safestring import mark_safe

from logbook.charts import agreement_chart, signed_newtons
from logbook.models import StrengthTest, TestMethod
from logbook.strength_estimates import (
    PAIR_WINDOW_DAYS,
    estimate_words,
    measured_tensions,
    squad_agreement,
)
from logbook.strength_tests import TestRead, reading_of
from programs.strength_estimate import MIN_PAIRS_CHECKED, nearest_5


@dataclass
class AthleteTests:
    athlete: object  # accounts.User
    lines: list[TestRead]  # the latest test of each method the athlete has done


def squad_strength_panel(team, athletes: dict) -> dict:
    """`athletes`: the team's, by id, in the order the page lists them."""
    tests = list(
        StrengthTest.objects.filter(athlete__in=list(athletes))
        .select_related("band")
        .order_by("on_date", "id")
    )
    measured_tensions(tests, coach_id=team.coach_id)
    found = squad_agreement(tests)
    by_athlete = defaultdict(list)
    for test in tests:
        by_athlete[test.athlete_id].append(test)
    latest = []
    for pk, athlete in athletes.items():
        lines = []
        for method in TestMethod.values:
            own = [test for test in by_athlete[pk] if test.method == method]
            if own:
                test = own[-1]
                reading = reading_of(test, own[:-1], team.sport)
                lines.append(TestRead(test, reading, estimate_words(test, found)))
        if lines:
            latest.append(AthleteTests(athlete, lines))
    svg = agreement_chart(
        title=f"{team.name}: strength estimates against the NordBord",
        points=[(pair.mean, pair.difference) for pair in found.pairs],
        mean_difference=found.agreement.mean_difference if found.checked else None,
        limits=(found.agreement.lower, found.agreement.upper) if found.checked else None,
    )
    pairs = [
        {
            "athlete": athletes[pair.breakpoint.athlete_id],
            "pair": pair,
            "estimated": nearest_5(pair.estimated),
            "difference": signed_newtons(pair.difference),
        }
        for pair in found.pairs
    ]
    numbers = None
    if found.checked:
        numbers = {
            "mean": signed_newtons(found.agreement.mean_difference),
            "lower": signed_newtons(found.agreement.lower),
            "upper": signed_newtons(found.agreement.upper),
        }
    return {
        "latest": latest,
        "agreement": found,
        "numbers": numbers,
        "pairs": pairs,
        "svg": mark_safe(svg),  # the chart escapes its text
        "window_days": PAIR_WINDOW_DAYS,
        "min_pairs": MIN_PAIRS_CHECKED,
    }

"""The squad's testing page (issue 28): a row may be a break-point test with its band and the
athlete's height, refused next to the field on another method; the squad's latest tests show a
break-point test's estimate beside the NordBord; and the estimates are checked against the
club's own NordBord: each break-point test paired with the same athlete's nearest NordBord test
within 14 days, the Bland-Altman mean difference and 95% limits, and a plot, the limits drawn
only from 10 pairs. The NordBord thresholds are never applied to an estimate."""

import html
from datetime import UTC, date, datetime, timedelta
from statistics import fmean, stdev

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Membership, Team
from catalogue.models import Band
from logbook.charts import agreement_chart
from logbook.models import Flag, StrengthTest
from logbook.strength_estimates import NOT_CHECKED, estimate_of, estimate_words, squad_agreement
from programs.strength_estimate import MIN_PAIRS_CHECKED
from tests.conftest import make_user

pytestmark = pytest.mark.usefixtures("catalogue")
MONDAY = date(2026, 11, 23)
# Unassisted, 80 kg, 1.80 m, a break at 30 degrees: 421.1 N per leg, worked by hand in
# docs/strength-estimate.md.
BREAK = {"method": "breakpoint", "left": 30, "body_mass_kg": 80, "height_cm": 180}
WORKED_N = 421.1


@pytest.fixture(autouse=True)
def monday(time_machine):
    time_machine.move_to(datetime(2026, 11, 23, 9, tzinfo=UTC), tick=False)


def url(team) -> str:
    return f"/coach/teams/{team.pk}/strength-tests/"


def member(team, name: str, username: str = ""):
    athlete = make_user(username or name.lower(), first_name=name)
    Membership.objects.create(team=team, athlete=athlete)
    return athlete


def strength_test(athlete, days_ago: int, **fields) -> StrengthTest:
    """A test `days_ago` before Monday: a NordBord one unless `fields` say otherwise."""
    if fields.get("method", "nordbord") == "nordbord":
        fields = {"method": "nordbord", "left": 400, "right": 400} | fields
    on = MONDAY - timedelta(days=days_ago)
    return StrengthTest.objects.create(athlete=athlete, on_date=on, phase="in_season", **fields)


def all_tests(*athletes) -> list[StrengthTest]:
    found = StrengthTest.objects.filter(athlete__in=athletes).select_related("band")
    return list(found.order_by("on_date", "id"))


def page(client, team) -> str:
    return html.unescape(client.get(url(team)).text)


# The pairs -------------------------------------------------------------------------------------


def test_a_break_point_test_pairs_with_the_nearest_nordbord_within_14_days(team, athlete):
    breakpoint = strength_test(athlete, 20, **BREAK)
    strength_test(athlete, 35, left=300, right=300)  # 15 days before: too far
    strength_test(athlete, 8, left=410, right=390)  # 12 days after
    nearest = strength_test(athlete, 24, left=380, right=360)  # 4 days before: the nearest
    [pair] = squad_agreement(all_tests(athlete)).pairs
    assert (pair.breakpoint, pair.nordbord) == (breakpoint, nearest)
    assert pair.measured == 370  # the mean of left and right, as the estimate is both legs'
    assert pair.estimated == pytest.approx(WORKED_N, abs=0.05)
    assert pair.difference == pytest.approx(WORKED_N - 370, abs=0.05)


def test_tests_15_days_apart_or_of_two_athletes_make_no_pair(team, athlete):
    other = member(team, "Sam")
    strength_test(athlete, 30, **BREAK)
    strength_test(athlete, 15)  # 15 days later
    strength_test(other, 30)  # the same day, another athlete
    found = squad_agreement(all_tests(athlete, other))
    assert found.pairs == [] and found.agreement is None
    strength_test(athlete, 16)  # 14 days later: a pair
    assert len(squad_agreement(all_tests(athlete, other)).pairs) == 1


def test_a_break_point_test_without_an_estimate_makes_no_pair(team, athlete):
    strength_test(athlete, 10, method="breakpoint", left=30, body_mass_kg=80)  # no height
    blue = Band.objects.get(name="Blue")  # its rating holds 80 kg down past 30 degrees
    strength_test(athlete, 10, **BREAK, band=blue)
    strength_test(athlete, 10)
    assert squad_agreement(all_tests(athlete)).pairs == []


def test_the_agreement_is_the_mean_difference_and_its_95_percent_limits(team, athlete):
    measured = [390, 400, 440]
    for index, newtons in enumerate(measured):
        strength_test(athlete, 30 * index + 2, **BREAK)
        strength_test(athlete, 30 * index, left=newtons, right=newtons)
    found = squad_agreement(all_tests(athlete))
    differences = [WORKED_N - newtons for newtons in measured]  # 31.1, 21.1, -18.9
    spread = 1.96 * stdev(differences)  # 1.96 x 26.46 = 51.86
    assert found.agreement.n == 3
    assert found.agreement.mean_difference == pytest.approx(fmean(differences), abs=0.05)
    assert found.agreement.lower == pytest.approx(fmean(differences) - spread, abs=0.05)
    assert found.agreement.upper == pytest.approx(fmean(differences) + spread, abs=0.05)
    assert not found.checked
    assert found.words() == f"{NOT_CHECKED} (3 of 10 pairs)"


# The page --------------------------------------------------------------------------------------


def squad_of(team, nordbord: list[int]):
    """An athlete per NordBord force in `nordbord`: a NordBord test of that force (both legs)
    and, two days before, a break-point test of 421.1 N."""
    athletes = [
        member(team, f"Athlete{index}", f"team{team.pk}-{index}") for index in range(len(nordbord))
    ]
    for athlete, newtons in zip(athletes, nordbord, strict=True):
        strength_test(athlete, 2, **BREAK)
        strength_test(athlete, 0, left=newtons, right=newtons)
    return athletes


def test_below_10_pairs_the_page_says_not_yet_checked_and_draws_no_limits(coach_client, team):
    squad_of(team, [400] * 3)
    text = page(coach_client, team)
    assert f"{NOT_CHECKED} (3 of {MIN_PAIRS_CHECKED} pairs)" in text
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart agreement-chart"' in text
    assert 'class="limit"' not in text and "Limits of agreement" not in text
    assert text.count('class="pair"') == 3


def test_from_10_pairs_the_page_gives_n_the_mean_difference_and_the_limits(coach_client, team):
    # Ten NordBord tests of 391 to 436 N against 421.1 N each: differences 30.1 down to -14.9,
    # a mean of 7.6 and an SD of 15.14, so limits of 7.6 +- 29.7: -22.1 to 37.2 (to the 5 N).
    squad_of(team, list(range(391, 437, 5)))
    text = page(coach_client, team)
    agreement = text.split('id="agreement"')[1]
    assert "10 pairs" in agreement
    assert "Mean difference (estimate minus NordBord): +10 N" in agreement
    assert "95% limits of agreement: -20 to +35 N" in agreement
    assert NOT_CHECKED not in agreement
    assert agreement.count('class="limit"') == 2 and 'class="mean"' in agreement


def test_once_checked_an_estimate_says_so_in_words(team):
    others = squad_of(team, [400] * 10)
    found = squad_agreement(all_tests(*others))
    breakpoint = all_tests(others[0])[0]
    words = estimate_words(breakpoint, found)
    assert "checked against 10 pairs with NordBord tests here: mean difference +20 N" in words
    assert NOT_CHECKED not in words
    assert NOT_CHECKED in estimate_words(breakpoint)  # the athlete page's call, unchanged


def test_the_plot_escapes_the_team_name(coach_client, coach):
    team = Team.objects.create(coach=coach, name='<script>alert("x")</script> & Co')
    squad_of(team, [400] * 2)
    raw = coach_client.get(url(team)).text
    svg = raw.split('class="chart agreement-chart"')[1].split("</svg>")[0]
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in svg
    assert "<script" not in svg


def test_the_chart_draws_points_mean_and_limits_with_labels():
    svg = agreement_chart(
        title="Squad", points=[(400, 20), (420, -10)], mean_difference=5, limits=(-37, 47)
    )
    assert svg.count('class="pair"') == 2 and svg.count('class="limit"') == 2
    assert "mean +5 N" in svg and "upper limit +45 N" in svg and "lower limit -35 N" in svg
    assert "<script" not in svg and "style=" not in svg


def test_the_squad_page_runs_the_same_queries_for_2_and_for_40_athletes(coach_client, coach):
    counts = []
    for size in (2, 40):
        team = Team.objects.create(coach=coach, name=f"Squad of {size}")
        red = Band.objects.get(name="Red")
        for athlete in squad_of(team, [400] * size):
            strength_test(athlete, 1, **BREAK, band=red)
        with CaptureQueriesContext(connection) as queries:
            response = coach_client.get(url(team))
        assert response.status_code == 200
        assert response.text.count('class="pair"') == 2 * size
        counts.append(len(queries))
    assert counts[0] == counts[1] == 7  # with the coach's band measurements, read once


def test_another_coachs_team_is_404(coach_client, other_coach):
    theirs = Team.objects.create(coach=other_coach, name="Theirs")
    squad_of(theirs, [400] * 2)
    assert coach_client.get(url(theirs)).status_code == 404


# The form --------------------------------------------------------------------------------------


def squad_post(athlete, **row) -> dict:
    data = {
        "on_date": "2026-11-23",
        "phase": "preseason_start",
        "row-TOTAL_FORMS": 1,
        "row-INITIAL_FORMS": 1,
        "row-0-athlete": athlete.pk,
        "row-0-method": "breakpoint",
        "row-0-left": "30",
        "row-0-body_mass": "80",
    }
    return data | {f"row-0-{field}": value for field, value in row.items()}


def test_a_break_point_row_saves_its_band_and_height_and_the_page_reads_it(
    coach_client, team, athlete
):
    red = Band.objects.get(name="Red")
    response = coach_client.post(url(team), squad_post(athlete, band=red.pk, height_cm="180"))
    assert response.status_code == 302
    saved = StrengthTest.objects.get()
    assert (saved.method, saved.band, saved.height_cm, saved.body_mass_kg) == (
        "breakpoint",
        red,
        180,
        80,
    )
    strength_test(athlete, 3, left=310, right=300)
    text = page(coach_client, team)
    assert f"Estimated strength {estimate_of(saved)} per leg (on the red band" in text
    assert "Left 310 N" in text  # the NordBord beside it


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ({"method": "nordbord", "right": "300", "height_cm": "180"}, "height_cm", "Only a break"),
        ({"method": "distance", "band": "RED"}, "band", "Only a break-point test"),
        ({"height_cm": "99"}, "height_cm", "greater than or equal to 100"),
        ({"height_cm": "231"}, "height_cm", "less than or equal to 230"),
        ({"height_cm": "1.8"}, "height_cm", "Enter a whole number."),
        ({"band": "999999"}, "band", "Choose one of the bands in the list."),
    ],
)
def test_a_bad_set_up_is_refused_next_to_its_field(
    coach_client, team, athlete, row, field, message
):
    if row.get("band") == "RED":
        row = row | {"band": Band.objects.get(name="Red").pk}
    response = coach_client.post(url(team), squad_post(athlete, **row))
    assert response.status_code == 422
    cell = response.text.split(f'name="row-0-{field}"')[1].split("</td>")[0]
    assert message in html.unescape(cell)
    assert not StrengthTest.objects.exists()


def test_an_estimate_under_256_n_raises_no_low_strength_flag(coach_client, team, athlete):
    """At the start of pre-season in Australian football 256 N is the NordBord's line (Opar
    2015); an estimate is never held to it, however low."""
    team.sport = "australian_football"
    team.save(update_fields=["sport"])
    row = {"left": "60", "body_mass": "60", "height_cm": "170"}
    coach_client.post(url(team), squad_post(athlete, **row))
    saved = StrengthTest.objects.get()
    assert estimate_of(saved).newtons < 256
    assert not Flag.objects.filter(athlete=athlete).exists()
    assert "Low strength" not in page(coach_client, team)


def test_the_athlete_page_says_how_the_squad_checked_the_estimate(coach_client, team):
    """With 10 pairs in the athlete's squad, the label on their page gives the agreement (one
    query more, only for an athlete with an estimate)."""
    first, *_ = squad_of(team, [400] * MIN_PAIRS_CHECKED)
    text = html.unescape(coach_client.get(f"/coach/athletes/{first.pk}/").text)
    assert "Estimated strength" in text and NOT_CHECKED not in text
    assert f"checked against {MIN_PAIRS_CHECKED} pairs with NordBord tests here" in text

"""Change over a block (issue 28): the coach's athlete page plots an athlete's break-point
strength estimates over time, each with its range, over the smallest real change around the
first (what 8 degrees of angle make, Lee 2018), and says whether the block moved strength
past it."""

import html
from datetime import UTC, date, datetime

import pytest

from logbook.estimate_chart import block_change, estimate_chart, estimate_points
from logbook.models import StrengthTest
from programs.strength_estimate import Body, nearest_5, smallest_real_change

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture(autouse=True)
def monday(time_machine):
    time_machine.move_to(datetime(2026, 11, 23, 9, tzinfo=UTC), tick=False)


def recorded(athlete, on: date, angle: int, **setup) -> StrengthTest:
    fields = {"body_mass_kg": 80, "height_cm": 180} | setup
    return StrengthTest.objects.create(
        athlete=athlete, on_date=on, phase="in_season", method="breakpoint", left=angle, **fields
    )


def test_a_block_that_moved_strength_past_the_noise_says_so(coach_client, athlete):
    recorded(athlete, date(2026, 9, 1), 40)
    recorded(athlete, date(2026, 11, 20), 25)
    noise = smallest_real_change(body=Body(80, 1.8), break_angle=40, band=None)
    page = html.unescape(coach_client.get(f"/coach/athletes/{athlete.pk}/").text)
    assert 'class="tests-chart estimate-chart"' in page
    assert "up since 1 Sep: more than the" in page
    assert f"the {nearest_5(noise)} N that 8 degrees of angle make, a real change." in page


def test_a_small_change_is_inside_the_noise(athlete):
    points = estimate_points(
        [recorded(athlete, date(2026, 9, 1), 40), recorded(athlete, date(2026, 10, 1), 38)]
    )
    assert points[1].estimate.newtons > points[0].estimate.newtons
    assert "so not yet a real change" in block_change(points)


def test_tests_without_an_estimate_are_left_out_and_one_is_no_chart(athlete):
    recorded(athlete, date(2026, 9, 1), 40, height_cm=None)
    only = recorded(athlete, date(2026, 10, 1), 35)
    points = estimate_points(list(StrengthTest.objects.select_related("band")))
    assert [point.on for point in points] == [only.on_date]
    assert estimate_chart(points) == "" and block_change(points) == ""


def test_each_estimate_is_drawn_with_its_range(athlete):
    tests = [recorded(athlete, date(2026, 9, 1), 45), recorded(athlete, date(2026, 11, 1), 30)]
    svg = estimate_chart(estimate_points(tests))
    assert svg.count("<circle") == 2 and svg.count("<rect") == 1  # the dots and the shade
    assert svg.count('stroke-width="1"/><circle') == 2  # a whisker under each dot


def test_a_change_of_band_is_not_read_as_a_change_of_strength(athlete):
    """Red then unassisted at the same angle: the rating's range, not strength, moved it."""
    from catalogue.models import Band

    red = Band.objects.get(name="Red")
    points = estimate_points(
        [
            recorded(athlete, date(2026, 9, 1), 30, band=red),
            recorded(athlete, date(2026, 11, 1), 30),
        ]
    )
    assert points[1].estimate.newtons - points[0].estimate.newtons > points[0].noise
    assert "on another band: compare tests done on one band" in block_change(points)

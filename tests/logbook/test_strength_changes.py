"""A strength test read against the athlete's own earlier ones (DESIGN.md, "Hamstring
monitoring"): a NordBord drop from each leg's best of the last 6 months beyond the device's
noise (Opar 2013) or a retest inside it, a later break-point angle (Lee 2018), a distance
against its baseline. Pure: no database."""

from datetime import date

import pytest

from logbook import strength
from logbook.strength import Phase, Sport, months_before, read
from tests.logbook.strength_results import breakpoint_angle, distance, kinds, nordbord

# -- NordBord: drop from the athlete's own best (Opar 2013) ----------------------------------------


def test_no_earlier_tests_means_no_drop_and_no_retest():
    reading = read(nordbord(300, 295), earlier=[], sport=Sport.OTHER)

    assert reading.flags == ()
    assert reading.retest is False


def test_a_drop_beyond_the_devices_noise_is_flagged():
    earlier = [nordbord(360, 320, on=date(2025, 1, 14)), nordbord(340, 315, on=date(2024, 11, 5))]

    reading = read(nordbord(280, 300), earlier=earlier, sport=Sport.OTHER)

    assert kinds(reading) == ["strength_drop"]
    assert reading.flags[0].detail == (
        "The left is at 280 N, 80 N (22%) under its best of 360 N (14 Jan 2025): more "
        "than the 76 N a NordBord test varies by on its own (Opar 2013)."
    )
    assert reading.retest is False


def test_a_drop_of_exactly_76_newtons_is_still_inside_the_noise():
    earlier = [nordbord(360, 350, on=date(2025, 1, 14))]

    reading = read(nordbord(284, 345), earlier=earlier, sport=Sport.OTHER)

    assert "strength_drop" not in kinds(reading)
    assert reading.retest is True  # 76 N is 21% of 360 N


def test_a_drop_inside_the_noise_asks_for_a_retest():
    earlier = [nordbord(340, 335, on=date(2025, 2, 3))]

    reading = read(nordbord(300, 330), earlier=earlier, sport=Sport.OTHER)

    assert reading.flags == ()
    assert reading.retest is True
    assert reading.summary == (
        "Left 300 N, right 330 N: 9% weaker on the left. The left is at 300 N, 40 N (12%) under "
        "its best of 340 N (3 Feb 2025), inside the 76 N a NordBord test varies by on its own: "
        "retest before reading it as a loss of strength."
    )


def test_a_drop_of_10_percent_or_less_is_neither_flagged_nor_retested():
    earlier = [nordbord(340, 335, on=date(2025, 2, 3))]

    reading = read(nordbord(306, 330), earlier=earlier, sport=Sport.OTHER)  # 34 N, exactly 10%

    assert reading.flags == ()
    assert reading.retest is False
    assert "retest" not in reading.summary


def test_each_leg_is_compared_with_its_own_best():
    earlier = [
        nordbord(330, 300, on=date(2024, 12, 2)),
        nordbord(310, 380, on=date(2025, 1, 20)),
    ]

    reading = read(nordbord(325, 295), earlier=earlier, sport=Sport.OTHER)

    assert kinds(reading) == ["strength_drop"]
    assert reading.flags[0].detail.startswith(
        "The right is at 295 N, 85 N (22%) under its best of 380 N (20 Jan 2025)"
    )
    assert "left" not in reading.flags[0].detail


def test_results_older_than_6_months_are_ignored():
    too_old = nordbord(420, 415, on=date(2024, 9, 9))
    just_in = nordbord(330, 325, on=date(2024, 9, 10))

    reading = read(nordbord(320, 318), earlier=[too_old, just_in], sport=Sport.OTHER)

    assert reading.flags == ()
    assert reading.retest is False


def test_a_result_exactly_6_months_old_still_counts():
    reading = read(
        nordbord(320, 318), earlier=[nordbord(420, 415, on=date(2024, 9, 10))], sport=Sport.OTHER
    )

    assert kinds(reading) == ["strength_drop"]


def test_only_earlier_results_of_the_same_method_count():
    earlier = [
        breakpoint_angle(30, on=date(2025, 2, 1)),
        distance(480, on=date(2025, 2, 1)),
        nordbord(500, 500, on=date(2025, 4, 1)),  # after the test being read
    ]

    reading = read(nordbord(300, 298), earlier=earlier, sport=Sport.OTHER)

    assert reading.flags == ()
    assert reading.retest is False


def test_the_result_itself_among_earlier_is_not_its_own_best():
    result = nordbord(300, 298)

    reading = read(result, earlier=[result], sport=Sport.OTHER)

    assert reading.retest is False


def test_every_flag_leaves_room_in_the_flag_models_300_characters():
    """The service puts the method and the date in front (up to 50 characters)."""
    earlier = [nordbord(380, 390, on=date(2025, 1, 14))]

    reading = read(
        nordbord(200, 300, phase=Phase.PRESEASON_START),
        earlier=earlier,
        sport=Sport.AUSTRALIAN_FOOTBALL,
    )

    assert kinds(reading) == ["low_strength", "strength_drop", "imbalance"]
    assert all(len(flag.detail) <= 250 for flag in reading.flags)


def test_six_months_before_the_last_day_of_a_month_is_the_last_day_of_that_month():
    assert months_before(date(2024, 8, 31), 6) == date(2024, 2, 29)
    assert months_before(date(2025, 3, 10), 6) == date(2024, 9, 10)
    assert months_before(date(2025, 1, 15), 6) == date(2024, 7, 15)


# -- Break-point angle (Lee 2018) -----------------------------------------------------------------


def test_a_break_8_degrees_or_more_above_the_best_is_flagged():
    earlier = [
        breakpoint_angle(42, on=date(2024, 12, 2)),
        breakpoint_angle(38, on=date(2025, 1, 20)),
    ]

    reading = read(breakpoint_angle(46), earlier=earlier, sport=Sport.OTHER)

    assert kinds(reading) == ["strength_drop"]
    assert reading.flags[0].detail == (
        "Broke at 46 degrees, 8 degrees earlier in the fall than the best of 38 degrees "
        "(20 Jan 2025): beyond the 8 degrees the test varies by between sessions "
        "(Lee 2018)."
    )
    assert reading.summary == (
        "Broke at 46 degrees, 8 degrees earlier in the fall than the best of 38 degrees "
        "(20 Jan 2025)."
    )


def test_a_break_under_8_degrees_above_the_best_is_noise():
    earlier = [breakpoint_angle(38, on=date(2025, 1, 20))]

    reading = read(breakpoint_angle(45), earlier=earlier, sport=Sport.OTHER)

    assert reading.flags == ()
    assert reading.summary.endswith(": inside the 8 degrees the test varies by between sessions.")


def test_a_lower_break_is_a_new_best():
    earlier = [breakpoint_angle(38, on=date(2025, 1, 20))]

    reading = read(breakpoint_angle(33), earlier=earlier, sport=Sport.OTHER)

    assert reading.flags == ()
    assert reading.summary == (
        "Broke at 33 degrees, 5 degrees further into the fall than the best of 38 degrees "
        "(20 Jan 2025): a new best."
    )


def test_a_break_point_without_earlier_tests_has_nothing_to_compare_with():
    reading = read(breakpoint_angle(50), earlier=[], sport=Sport.OTHER)

    assert reading == strength.Reading(
        "Broke at 50 degrees; no break-point test in the 6 months before to compare with.",
        (None, None),
        None,
        (),
        retest=False,
    )


def test_a_break_point_best_older_than_6_months_is_ignored():
    earlier = [breakpoint_angle(20, on=date(2024, 9, 9)), breakpoint_angle(40, on=date(2025, 1, 6))]

    reading = read(breakpoint_angle(45), earlier=earlier, sport=Sport.OTHER)

    assert reading.flags == ()


@pytest.mark.parametrize("degrees", [-5, 120, 0, 90])
def test_an_angle_outside_the_range_does_not_crash(degrees):
    earlier = [breakpoint_angle(40, on=date(2025, 1, 6))]

    reading = read(breakpoint_angle(degrees), earlier=earlier, sport=Sport.OTHER)

    assert reading.summary.startswith(f"Broke at {degrees} degrees")


# -- Distance -------------------------------------------------------------------------------------


def test_distance_is_read_against_the_first_distance_test():
    earlier = [
        distance(70, on=date(2025, 1, 20)),
        distance(54, on=date(2024, 6, 3)),  # the baseline, even older than 6 months
    ]

    reading = read(distance(62), earlier=earlier, sport=Sport.OTHER)

    assert reading.summary == (
        "62 cm forward before the break, 8 cm above the baseline of 54 cm (3 Jun 2024)."
    )
    assert reading.flags == ()
    assert reading.retest is False


def test_distance_below_the_baseline_says_so_without_a_flag():
    reading = read(distance(49), earlier=[distance(54, on=date(2024, 6, 3))], sport=Sport.OTHER)

    assert reading.summary.endswith("5 cm below the baseline of 54 cm (3 Jun 2024).")
    assert reading.flags == ()


def test_the_first_distance_test_is_the_baseline():
    reading = read(distance(54), earlier=[], sport=Sport.OTHER)

    assert (
        reading.summary
        == "54 cm forward before the break: the first distance test, the baseline for later ones."
    )

"""Eccentric hamstring strength tests read for a coach (DESIGN.md, "Hamstring monitoring"): the
words, N/kg, the imbalance, and the low-strength, drop and imbalance flags. Pure: no database."""

import ast
from datetime import date
from pathlib import Path

import pytest

from logbook import strength
from logbook.strength import Method, Phase, Result, Sport, months_before, read

TEST_DAY = date(2025, 3, 10)


def nordbord(left, right, *, on=TEST_DAY, phase=Phase.PRESEASON_END, body_mass_kg=None):
    return Result(on, Method.NORDBORD, phase, left, right, body_mass_kg)


def breakpoint_angle(degrees, *, on=TEST_DAY):
    return Result(on, Method.BREAKPOINT, Phase.IN_SEASON, degrees, None)


def distance(cm, *, on=TEST_DAY):
    return Result(on, Method.DISTANCE, Phase.IN_SEASON, cm, None)


def kinds(reading):
    return [flag.kind for flag in reading.flags]


# -- NordBord: the reading ------------------------------------------------------------------------


def test_a_nordbord_result_reads_both_legs_in_newtons_and_newtons_per_kilo():
    reading = read(nordbord(310, 262, body_mass_kg=80), earlier=[], sport=Sport.OTHER)

    assert (
        reading.summary == "Left 310 N (3.9 N/kg), right 262 N (3.3 N/kg): 15% weaker on the right."
    )
    assert reading.per_kg == (3.9, 3.3)
    assert reading.imbalance_pct == 15.0


def test_missing_body_mass_leaves_out_newtons_per_kilo():
    reading = read(nordbord(310, 262), earlier=[], sport=Sport.RUGBY_UNION)

    assert reading.summary == "Left 310 N, right 262 N: 15% weaker on the right."
    assert reading.per_kg == (None, None)


def test_equal_legs_read_as_the_same_on_both_sides():
    reading = read(nordbord(305, 305, body_mass_kg=82), earlier=[], sport=Sport.OTHER)

    assert (
        reading.summary == "Left 305 N (3.7 N/kg), right 305 N (3.7 N/kg): the same on both sides."
    )
    assert reading.imbalance_pct == 0.0
    assert reading.flags == ()


def test_a_one_leg_result_has_no_imbalance():
    reading = read(nordbord(318, None, body_mass_kg=84), earlier=[], sport=Sport.OTHER)

    assert reading.summary == "Left 318 N (3.8 N/kg); no right leg recorded."
    assert reading.per_kg == (3.8, None)
    assert reading.imbalance_pct is None


def test_newtons_are_shown_whole_and_rounded_as_a_person_rounds():
    reading = read(nordbord(300.5, 299.4, body_mass_kg=80), earlier=[], sport=Sport.OTHER)

    assert reading.summary.startswith("Left 301 N (3.8 N/kg), right 299 N (3.7 N/kg): 1% weaker")


# -- NordBord: imbalance (Bourne 2015) -------------------------------------------------------------


def test_an_imbalance_of_15_percent_is_flagged_as_a_rugby_union_group_risk_factor():
    reading = read(nordbord(262, 310), earlier=[], sport=Sport.RUGBY_UNION)

    assert kinds(reading) == ["imbalance"]
    detail = reading.flags[0].detail
    assert detail.startswith("The left leg is 15% weaker than the right (262 N against")
    assert "more strains across rugby union squads (Bourne 2015)" in detail
    assert "not in Australian football (Opar 2015)" in detail
    assert detail.endswith("a group risk factor, not a prediction for one athlete (Opar 2021).")


def test_an_imbalance_under_15_percent_is_shown_but_not_flagged():
    reading = read(nordbord(340, 298), earlier=[], sport=Sport.RUGBY_UNION)

    assert reading.imbalance_pct == 12.0
    assert reading.summary.endswith(": 12% weaker on the right.")
    assert reading.flags == ()


@pytest.mark.parametrize(("right", "shown", "flagged"), [(342, 15.0, True), (343, 14.0, False)])
def test_the_imbalance_flag_agrees_with_the_whole_percentage_shown(right, shown, flagged):
    reading = read(nordbord(400, right), earlier=[], sport=Sport.OTHER)  # 14.5% and 14.25%

    assert reading.imbalance_pct == shown
    assert ("imbalance" in kinds(reading)) is flagged


# -- NordBord: low strength (Opar 2015, Timmins 2016) ----------------------------------------------


@pytest.mark.parametrize(
    ("phase", "right", "flagged"),
    [
        (Phase.PRESEASON_START, 250, True),
        (Phase.PRESEASON_START, 256, False),
        (Phase.PRESEASON_END, 270, True),
        (Phase.PRESEASON_END, 279, False),
    ],
)
def test_australian_football_flags_a_leg_under_256_n_at_the_start_and_279_n_at_the_end(
    phase, right, flagged
):
    reading = read(nordbord(290, right, phase=phase), earlier=[], sport=Sport.AUSTRALIAN_FOOTBALL)

    assert ("low_strength" in kinds(reading)) is flagged


def test_the_low_strength_flag_names_the_leg_the_threshold_the_study_and_what_it_cannot_say():
    reading = read(
        nordbord(262, 250, phase=Phase.PRESEASON_START), earlier=[], sport=Sport.AUSTRALIAN_FOOTBALL
    )

    assert reading.flags[0].detail == (
        "The right leg at 250 N is under 256 N, a level linked with more strains across elite "
        "Australian football squads at the start of pre-season (Opar 2015): a group risk "
        "factor, not a prediction for one athlete (Opar 2021)."
    )


def test_both_weak_legs_are_named_in_one_low_strength_flag():
    reading = read(nordbord(320, 330, phase=Phase.PRESEASON_START), earlier=[], sport=Sport.SOCCER)

    assert kinds(reading) == ["low_strength"]
    assert reading.flags[0].detail.startswith(
        "The left leg at 320 N and the right leg at 330 N are under 337 N, a level linked"
    )
    assert "elite soccer squads at the start of pre-season (Timmins 2016)" in (
        reading.flags[0].detail
    )


def test_soccer_flags_a_leg_under_337_n_at_the_start_of_pre_season():
    weak = read(nordbord(350, 330, phase=Phase.PRESEASON_START), earlier=[], sport=Sport.SOCCER)
    strong = read(nordbord(350, 337, phase=Phase.PRESEASON_START), earlier=[], sport=Sport.SOCCER)

    assert kinds(weak) == ["low_strength"]
    assert strong.flags == ()


def test_soccer_has_no_low_strength_line_at_the_end_of_pre_season_and_says_why():
    """Timmins 2016 tested at the start of pre-season only: no number for its end."""
    reading = read(nordbord(300, 300, phase=Phase.PRESEASON_END), earlier=[], sport=Sport.SOCCER)

    assert reading.flags == ()
    assert reading.summary.endswith(
        "No low-strength line at the end of pre-season: the soccer study (Timmins 2016) "
        "tested at its start only."
    )


@pytest.mark.parametrize("sport", [Sport.AUSTRALIAN_FOOTBALL, Sport.SOCCER])
def test_no_low_strength_flag_in_season_where_no_study_gives_a_number(sport):
    reading = read(nordbord(240, 235, phase=Phase.IN_SEASON), earlier=[], sport=sport)

    assert reading.flags == ()


@pytest.mark.parametrize("sport", [Sport.RUGBY_UNION, Sport.OTHER])
def test_no_low_strength_flag_for_sports_design_gives_no_number_for(sport):
    reading = read(nordbord(240, 235, phase=Phase.PRESEASON_START), earlier=[], sport=sport)

    assert reading.flags == ()


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


def test_a_plain_method_string_from_the_database_reads_the_same():
    result = Result(TEST_DAY, "nordbord", "preseason_start", 250, 300, None)

    reading = read(result, earlier=[], sport="australian_football")

    assert kinds(reading) == ["low_strength", "imbalance"]


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


# -- Purity ---------------------------------------------------------------------------------------


def test_the_strength_rules_import_only_the_standard_library():
    tree = ast.parse(Path(strength.__file__).read_text())
    imported = {
        (node.module or "").split(".")[0] if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert imported <= {"calendar", "dataclasses", "datetime", "decimal", "enum"}

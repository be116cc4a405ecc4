"""One NordBord result read for a coach (DESIGN.md, "Hamstring monitoring"): the words, N/kg,
the imbalance between the legs (Bourne 2015) and the low-strength lines by sport and phase
(Opar 2015, Timmins 2016); and the rules import only the standard library. Pure: no database."""

import ast
from pathlib import Path

import pytest

from logbook import strength
from logbook.strength import Phase, Result, Sport, read
from tests.logbook.strength_results import TEST_DAY, kinds, nordbord

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


def test_a_plain_method_string_from_the_database_reads_the_same():
    result = Result(TEST_DAY, "nordbord", "preseason_start", 250, 300, None)

    reading = read(result, earlier=[], sport="australian_football")

    assert kinds(reading) == ["low_strength", "imbalance"]


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

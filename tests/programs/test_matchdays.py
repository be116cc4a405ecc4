"""Match-day arithmetic (pure, no database): where a workout placed at MD-4 or MD+2 falls in
its week once the fixtures are known, and what is wrong with a placement (`clashes`).

The calendar used throughout: the week of Monday 30 November 2026 (Tue 1 Dec, Wed 2 Dec, Thu 3
Dec, Fri 4 Dec, Sat 5 Dec, Sun 6 Dec); the week before ends on Sunday 29 November."""

from datetime import date

import pytest

from programs.matchdays import Clash, Placed, clashes, md, placed_on

WEEK = date(2026, 11, 30)  # a Monday
SUN_BEFORE = date(2026, 11, 29)  # the Sunday of the week before
MON, TUE, WED, THU = date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 3)
FRI, SAT, SUN = date(2026, 12, 4), date(2026, 12, 5), date(2026, 12, 6)
NEXT_SAT = date(2026, 12, 12)


def test_the_test_calendar_is_the_one_described():
    assert [day.strftime("%a") for day in (MON, TUE, WED, THU, FRI, SAT, SUN)] == [
        "Mon",
        "Tue",
        "Wed",
        "Thu",
        "Fri",
        "Sat",
        "Sun",
    ]
    assert SUN_BEFORE.strftime("%a") == "Sun" and NEXT_SAT.strftime("%a") == "Sat"


# -- placed_on ---------------------------------------------------------------------------------


def test_md_minus_4_of_a_saturday_match_is_the_tuesday_of_that_week():
    assert placed_on(WEEK, 3, -4, [SAT]) == (TUE, SAT)


def test_md_plus_2_of_the_previous_weeks_sunday_match_is_this_tuesday():
    assert placed_on(WEEK, 5, 2, [SUN_BEFORE]) == (TUE, SUN_BEFORE)


def test_a_week_without_a_fixture_keeps_the_workout_on_its_day():
    assert placed_on(WEEK, 3, -4, []) == (WED, None)
    # A match next week puts MD-4 on Tuesday 8 December: not this week's business.
    assert placed_on(WEEK, 3, -4, [NEXT_SAT]) == (WED, None)


def test_a_fixture_whose_offset_day_falls_outside_the_week_is_ignored():
    # MD-4 of Monday's match is the Thursday before; MD+2 of Saturday's is next Monday.
    assert placed_on(WEEK, 6, -4, [MON]) == (SAT, None)
    assert placed_on(WEEK, 1, 2, [SAT]) == (MON, None)


def test_with_two_fixtures_in_the_week_the_first_that_fits_wins():
    # MD+1: both Wednesday's (Thursday) and Saturday's (Sunday) fit; Wednesday's comes first.
    assert placed_on(WEEK, 7, 1, [WED, SAT]) == (THU, WED)
    # MD-4: Wednesday's lands on the Saturday before, so Saturday's match is the one followed.
    assert placed_on(WEEK, 7, -4, [WED, SAT]) == (TUE, SAT)


def test_a_workout_not_placed_ignores_fixtures():
    assert placed_on(WEEK, 2, None, [WED, SAT]) == (TUE, None)
    assert placed_on(WEEK, 7, None, [SUN]) == (SUN, None)


def test_moving_the_match_from_saturday_to_sunday_moves_md_minus_4_to_wednesday():
    assert placed_on(WEEK, 5, -4, [SAT]) == (TUE, SAT)
    assert placed_on(WEEK, 5, -4, [SUN]) == (WED, SUN)


def test_adding_a_match_to_a_week_without_one_moves_the_workout_to_md_minus_4():
    assert placed_on(WEEK, 5, -4, []) == (FRI, None)
    assert placed_on(WEEK, 5, -4, [SAT]) == (TUE, SAT)


@pytest.mark.parametrize(("match_day", "text"), [(-4, "MD-4"), (2, "MD+2"), (None, "")])
def test_a_placement_reads_as_coaches_write_it(match_day, text):
    assert md(match_day) == text


# -- clashes -----------------------------------------------------------------------------------


def placed(key, on, *, fixture=None, match_day=None, nordic=False, title=None) -> Placed:
    return Placed(
        key=key,
        title=title or f"Session {key}",
        on=on,
        match_day=match_day,
        fixture=fixture,
        nordic=nordic,
    )


def test_two_matches_too_close_for_a_placement_give_one_clash_naming_both():
    nordic = placed("a", TUE, fixture=SAT, match_day=-4, nordic=True, title="Nordic A")
    found = clashes([nordic], [WED, SAT])
    assert found == [
        Clash(
            TUE,
            ("a",),
            (
                "Nordic A (MD-4 of Sat 5 Dec) falls on Tue 1 Dec, but there is a match on "
                "Wed 2 Dec: the two matches are too close for this placement."
            ),
        ),
    ]
    assert str(found[0]) == found[0].text


def test_a_match_on_the_placed_workouts_own_day_is_too_close_as_well():
    after = placed("a", SUN, fixture=SAT, match_day=1, title="Recovery")
    (clash,) = clashes([after], [SAT, SUN])
    assert "Recovery (MD+1 of Sat 5 Dec) falls on Sun 6 Dec" in clash.text
    assert "there is a match on Sun 6 Dec" in clash.text


def test_the_match_a_workout_follows_is_no_clash_by_itself():
    assert clashes([placed("a", TUE, fixture=SAT, match_day=-4, nordic=True)], [SAT]) == []


def test_a_placed_workout_on_the_day_of_another_workout_is_doubled_up():
    nordic = placed("a", TUE, fixture=SAT, match_day=-4, title="Nordic A")
    legs = placed("b", TUE, title="Leg day")
    assert clashes([nordic, legs], [SAT]) == [
        Clash(TUE, ("a", "b"), "Nordic A and Leg day both fall on Tue 1 Dec.")
    ]


def test_two_nordic_sessions_a_day_apart_one_placed_are_under_48_hours():
    first = placed("a", TUE, fixture=SAT, match_day=-4, nordic=True)
    second = placed("b", WED, nordic=True)
    text = "Nordic sessions on Tue 1 Dec and Wed 2 Dec are less than 48 hours apart."
    assert clashes([second, first], [SAT]) == [Clash(WED, ("a", "b"), text)]


def test_two_nordic_sessions_exactly_two_days_apart_do_not_clash():
    first = placed("a", TUE, fixture=SAT, match_day=-4, nordic=True)
    assert clashes([first, placed("b", THU, nordic=True)], [SAT]) == []


def test_a_nordic_session_a_day_from_a_session_without_nordics_does_not_clash():
    first = placed("a", TUE, fixture=SAT, match_day=-4, nordic=True)
    assert clashes([first, placed("b", WED, nordic=False)], [SAT]) == []


def test_workouts_that_are_not_placed_are_not_checked_against_each_other():
    same_day = [placed("a", TUE, nordic=True), placed("b", TUE, nordic=True)]
    next_day = [placed("a", TUE, nordic=True), placed("b", WED, nordic=True)]
    assert clashes(same_day, [SAT]) == []
    assert clashes(next_day, [SAT]) == []


def test_clashes_come_in_date_order():
    # The "matches too close" clash (8 Dec) is found first, the doubled-up day (1 Dec) after.
    late = placed("late", date(2026, 12, 8), fixture=NEXT_SAT, match_day=-4)
    early = placed("early", TUE, fixture=SAT, match_day=-4)
    legs = placed("legs", TUE)
    found = clashes([late, early, legs], [SAT, date(2026, 12, 9), NEXT_SAT])
    assert [(clash.on, clash.keys) for clash in found] == [
        (TUE, ("early", "legs")),
        (date(2026, 12, 8), ("late",)),
    ]


def test_a_match_at_the_ends_of_the_calendar_leaves_the_workout_on_its_day():
    monday = date(2026, 11, 16)
    assert placed_on(monday, 2, 2, [date(9999, 12, 31)]) == (date(2026, 11, 17), None)
    assert placed_on(monday, 2, -4, [date(1, 1, 1), date(2026, 11, 21)]) == (
        date(2026, 11, 17),
        date(2026, 11, 21),
    )

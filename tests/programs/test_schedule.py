from datetime import date

from programs.schedule import adherence, due_in_last_days, week_on, workout_date

START = date(2026, 11, 2)  # a Monday


def test_week_one_day_one_is_the_start_date():
    assert workout_date(START, 1, 1) == START
    assert workout_date(START, 1, 5) == date(2026, 11, 6)
    assert workout_date(START, 3, 2) == date(2026, 11, 17)


def test_the_week_counts_from_the_start():
    assert week_on(START, date(2026, 10, 20)) == 1
    assert week_on(START, START) == 1
    assert week_on(START, date(2026, 11, 8)) == 1
    assert week_on(START, date(2026, 11, 9)) == 2


# Three sessions a week on days 1, 3 and 5; "today" is Thursday 19 November (week 3, day 4).
SCHEDULE = [
    (week * 10 + day, workout_date(START, week, day)) for week in (1, 2, 3) for day in (1, 3, 5)
]
TODAY = date(2026, 11, 19)


def test_the_last_seven_days_hold_the_workouts_due_in_them():
    # 13-19 Nov: Fri 13 (w2d5), Mon 16 (w3d1), Wed 18 (w3d3); Fri 20 is still ahead.
    assert due_in_last_days(SCHEDULE, set(), today=TODAY, days=7) == {25, 31, 33}


def test_hand_computed_adherence_over_7_and_28_days():
    completed = {11, 13, 15, 21, 25, 31}  # missed w2d3 and w3d3
    due_7 = due_in_last_days(SCHEDULE, completed, today=TODAY, days=7)
    due_28 = due_in_last_days(SCHEDULE, completed, today=TODAY, days=28)
    assert adherence(due_7, completed) == 2 / 3
    assert len(due_28) == 8
    assert adherence(due_28, completed) == 6 / 8


def test_todays_workout_counts_once_done():
    friday = date(2026, 11, 20)
    assert 35 not in due_in_last_days(SCHEDULE, set(), today=friday, days=7)
    assert 35 in due_in_last_days(SCHEDULE, {35}, today=friday, days=7)


def test_nothing_from_the_pause_on_is_due():
    paused_on = date(2026, 11, 16)
    due = due_in_last_days(SCHEDULE, set(), today=TODAY, days=7, paused_on=paused_on)
    assert due == {25}


def test_nothing_due_yet_has_no_adherence():
    assert due_in_last_days(SCHEDULE, set(), today=date(2026, 11, 1), days=7) == set()
    assert adherence(set(), set()) is None

"""Training load and readiness (DESIGN.md, "Hamstring monitoring": Load, Readiness): Foster's
session RPE, weekly load, an adherence drop, the check-in trend. Pure: no database."""

import ast
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from logbook import load
from logbook.load import (
    CheckIn,
    Session,
    adherence_drop,
    clock_minutes,
    nordic_compliant,
    readiness_trend,
    session_load,
    session_minutes,
    weekly_loads,
)

TODAY = date(2025, 3, 12)  # a Wednesday; its week starts on Monday 10 March


def days_ago(days):
    return TODAY - timedelta(days=days)


# -- Session load (Foster) ------------------------------------------------------------------------


def test_session_load_is_rpe_times_minutes():
    assert session_load(7, 45) == 315


def test_session_load_rounds_half_minutes_up():
    assert session_load(7, 42.5) == 298  # 297.5
    assert session_load(3, 32.5) == 98  # 97.5


@pytest.mark.parametrize(("rpe", "minutes"), [(None, 45), (7, None), (None, None)])
def test_session_load_is_unknown_without_rpe_or_minutes(rpe, minutes):
    assert session_load(rpe, minutes) is None


# -- A session's minutes --------------------------------------------------------------------------

START = datetime(2025, 3, 12, 18, tzinfo=UTC)


@pytest.mark.parametrize(
    ("elapsed", "minutes"),
    [
        (timedelta(minutes=35), 35),
        (timedelta(minutes=42, seconds=30), 43),  # rounded half up
        (timedelta(seconds=59), None),  # under a minute: no real session
        (timedelta(hours=4, seconds=1), None),  # over four hours: a page left open
        (timedelta(hours=4), 240),
    ],
)
def test_the_clocks_minutes_read_a_real_session_only(elapsed, minutes):
    assert clock_minutes(START, START + elapsed) == minutes


@pytest.mark.parametrize(
    ("confirmed", "clock", "counted"),
    [(40, 90, 40), (None, 30, 30), (45, None, 45), (None, None, None)],
)
def test_the_load_counts_the_confirmed_minutes_else_the_clocks(confirmed, clock, counted):
    assert session_minutes(confirmed=confirmed, clock=clock) == counted


# -- Weekly load ----------------------------------------------------------------------------------


def test_weekly_loads_sums_each_week_from_monday_oldest_first():
    sessions = [
        Session(date(2025, 3, 10), 7, 45),  # this Monday: 315
        Session(date(2025, 3, 12), 6, 50),  # today: 300
        Session(date(2025, 3, 2), 8, 60),  # Sunday of last week: 480
        Session(date(2025, 2, 24), 5, 40),  # Monday of last week: 200
    ]

    weeks = weekly_loads(sessions, today=TODAY, weeks=3)

    assert weeks == [(date(2025, 2, 24), 680), (date(2025, 3, 3), 0), (date(2025, 3, 10), 615)]


def test_weekly_loads_gives_eight_weeks_by_default_with_empty_weeks_at_zero():
    weeks = weekly_loads([Session(date(2025, 1, 22), 6, 60)], today=TODAY)

    assert [monday for monday, _ in weeks] == [
        date(2025, 1, 20) + timedelta(weeks=number) for number in range(8)
    ]
    assert [total for _, total in weeks] == [360, 0, 0, 0, 0, 0, 0, 0]


def test_weekly_loads_counts_a_session_without_rpe_as_nothing():
    sessions = [Session(date(2025, 3, 11), None, 45), Session(date(2025, 3, 10), 7, 45)]

    assert weekly_loads(sessions, today=TODAY, weeks=1) == [(date(2025, 3, 10), 315)]


def test_weekly_loads_leaves_out_sessions_after_today_and_before_the_window():
    sessions = [
        Session(date(2025, 3, 14), 7, 45),  # Friday of this week, not yet
        Session(date(2025, 3, 9), 7, 45),  # the Sunday before the window
    ]

    assert weekly_loads(sessions, today=TODAY, weeks=1) == [(date(2025, 3, 10), 0)]


# -- Adherence drop -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last_7", "last_28", "dropped"),
    [
        (0.50, 0.70, True),  # exactly 20 points, despite floating point
        (0.40, 0.85, True),
        (0.55, 0.70, False),
        (0.90, 0.80, False),
        (None, 0.80, False),
        (0.50, None, False),
    ],
)
def test_an_adherence_drop_is_20_points_or_more_under_the_28_day_value(last_7, last_28, dropped):
    assert adherence_drop(last_7, last_28) is dropped


# -- Nordic compliance (Ripley 2021) ---------------------------------------------------------------

WINDOW_START = days_ago(27)  # the 28 days up to today


def compliant(*, due, done, sessions, since=WINDOW_START, until=TODAY):
    return nordic_compliant(due=due, done=done, sessions=sessions, since=since, until=until)


def test_more_than_half_done_with_no_long_gap_is_compliant():
    sessions = [days_ago(days) for days in (26, 19, 12, 5)]
    assert compliant(due=7, done=4, sessions=sessions) is True  # 4 of 7, 57%


def test_half_or_less_is_not_compliant():
    sessions = [days_ago(days) for days in (26, 19, 12, 5)]
    assert compliant(due=8, done=4, sessions=sessions) is False  # 50% is not more than half


@pytest.mark.parametrize(
    ("sessions", "ok"),
    [
        ([days_ago(27), days_ago(25), days_ago(22)], False),  # 22 days up to today
        ([days_ago(27), days_ago(25), days_ago(21)], True),  # 21 days: no more than 3 weeks
        ([days_ago(5), days_ago(3), days_ago(1)], False),  # 22 days from the window's start
        ([days_ago(6), days_ago(3), days_ago(1)], True),  # 21 days: no more than 3 weeks
    ],
)
def test_more_than_3_weeks_without_a_session_is_not_compliant(sessions, ok):
    assert compliant(due=4, done=3, sessions=sessions) is ok


def test_the_gaps_count_from_the_programs_start_and_up_to_a_pause():
    late_start = [days_ago(2), days_ago(1)]
    assert compliant(due=2, done=2, sessions=late_start, since=days_ago(4)) is True
    paused = [days_ago(27), days_ago(25)]
    assert compliant(due=2, done=2, sessions=paused, until=days_ago(24)) is True
    assert compliant(due=2, done=2, sessions=paused) is False  # 25 days to today


def test_sessions_outside_the_window_do_not_close_a_gap():
    sessions = [days_ago(40), days_ago(3), TODAY + timedelta(days=1)]
    assert compliant(due=1, done=1, sessions=sessions) is False  # 24 days from the start


def test_compliance_is_unknown_when_nothing_was_due():
    assert compliant(due=0, done=0, sessions=[]) is None


# -- Readiness ------------------------------------------------------------------------------------


def test_readiness_trend_gives_each_item_oldest_first_skipping_blanks():
    check_ins = [
        CheckIn(days_ago(1), soreness=4, sleep=3, fatigue=None, stress=2, mood=4),
        CheckIn(days_ago(5), soreness=6, sleep=None, fatigue=3, stress=2, mood=3),
        CheckIn(days_ago(27), soreness=2, sleep=4, fatigue=2, stress=1, mood=5),
        CheckIn(days_ago(28), soreness=9, sleep=1, fatigue=5, stress=5, mood=1),  # outside
        CheckIn(TODAY + timedelta(days=1), soreness=9, sleep=1, fatigue=5, stress=5, mood=1),
    ]

    trend = readiness_trend(check_ins, today=TODAY)

    assert list(trend) == ["soreness", "sleep", "fatigue", "stress", "mood"]
    assert trend["soreness"] == [(days_ago(27), 2), (days_ago(5), 6), (days_ago(1), 4)]
    assert trend["sleep"] == [(days_ago(27), 4), (days_ago(1), 3)]
    assert trend["fatigue"] == [(days_ago(27), 2), (days_ago(5), 3)]


def test_readiness_trend_with_no_check_ins_has_empty_items():
    trend = readiness_trend([], today=TODAY, days=7)

    assert trend == {"soreness": [], "sleep": [], "fatigue": [], "stress": [], "mood": []}


# -- Purity ---------------------------------------------------------------------------------------


def test_the_load_rules_import_only_the_standard_library():
    tree = ast.parse(Path(load.__file__).read_text())
    imported = {
        (node.module or "").split(".")[0] if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert imported <= {"dataclasses", "datetime", "decimal", "itertools"}

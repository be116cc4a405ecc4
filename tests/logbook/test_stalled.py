"""Rule 4' through the app: an athlete whose Nordic reps all break at halfway is never struggling
and never counting; three weeks on, with the sessions the schedule had due done, the coach gets
a "stalled" flag with the engine's reason. One who skips most sessions does not."""

from datetime import date

import pytest

from logbook.models import Flag
from programs import assignments, dating
from programs.models import Program
from tests.programs.test_maintenance import do

START = date(2026, 1, 5)  # a Monday


@pytest.fixture
def nordic(library) -> Program:
    return Program.objects.library().get(slug="band-assisted-nordic")


@pytest.fixture
def assignment(nordic, coach, athlete):
    return assignments.program_assign(
        template=nordic, athlete=athlete, start_date=START, by=coach, find_start_band=False
    )


def halfway(assignment, week: int, day: int):
    """The workout done as prescribed on its day, every rep breaking at halfway."""
    return do(assignment, week, day, control="mid", rpe=8)


def test_reps_breaking_at_halfway_for_three_weeks_flag_the_coach(assignment, athlete):
    for week, day in ((1, 1), (2, 1), (2, 4), (3, 1), (3, 3), (3, 5)):
        halfway(assignment, week, day)
    assert not Flag.objects.filter(athlete=athlete, kind="stalled").exists()
    log = halfway(assignment, 4, 1)  # day 22: 21 days on the green band
    flag = Flag.objects.get(athlete=athlete, kind="stalled")
    assert "No step on for 3 weeks: most reps broke at halfway." in flag.detail
    assert log.outcome[0]["flag"] and log.outcome[0]["action"] == "hold"


def test_missing_most_sessions_is_not_a_stall(assignment, athlete):
    for week, day in ((1, 1), (4, 1)):  # 2 of the 7 sessions due by week 4's first
        halfway(assignment, week, day)
    assert not Flag.objects.filter(athlete=athlete, kind="stalled").exists()


def test_sessions_due_counts_the_schedules_workouts_with_the_exercise(assignment):
    exercise_id = assignment.tracks.get().exercise_id
    assert dating.sessions_due(assignment, exercise_id, (START, date(2026, 1, 26))) == 7
    assert dating.sessions_due(assignment, exercise_id, (START, START)) == 1

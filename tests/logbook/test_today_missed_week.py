"""/today/'s "missed this week" holds the workouts of the athlete's current program week only
(the program's week 1 day 1 is its start date) dated since Monday, on the day of the athlete's
own time zone: on a Monday, last week's misses are last week's, whatever day the program began."""

import uuid
from datetime import UTC, date, datetime

import pytest

from accounts.models import User
from catalogue.models import Exercise
from logbook import services as logbook
from programs import assignments, services
from programs.models import Prescription, Program, Workout
from tests.logbook.reading import seen

pytestmark = pytest.mark.usefixtures("catalogue")
START = date(2026, 11, 9)  # a Monday


@pytest.fixture
def plan(coach) -> Program:
    """Three weeks of Monday, Wednesday and Friday sessions of single-leg curls."""

    program = services.program_create(owner=coach, title="Curl block")
    curl = Exercise.objects.get(slug="standing-single-leg-band-curl")
    for _ in range(3):
        week = services.week_add(program=program)
        for day in (1, 3, 5):
            workout = Workout.objects.create(week=week, day=day, title=f"Session day {day}")
            Prescription.objects.create(workout=workout, exercise=curl, sets=2, reps_min=8)
    return program


@pytest.fixture
def history(plan, athlete, coach):
    """Week 1: Monday done, Wednesday and Friday missed; week 2 has not begun yet."""
    assignment = assignments.program_assign(
        template=plan, athlete=athlete, start_date=START, by=coach
    )
    monday = Workout.objects.get(week__program=assignment.program, week__number=1, day=1)
    log = logbook.workout_start(athlete=athlete, assignment=assignment, workout=monday, today=START)
    prescription = monday.prescriptions.get()
    logbook.set_log(
        workout_log=log,
        token=uuid.uuid4(),
        exercise_id=prescription.exercise_id,
        prescription=prescription,
        set_number=1,
        reps=8,
    )
    logbook.workout_finish(workout_log=log, rpe=6, pain=0)
    return assignment


def test_on_monday_last_weeks_misses_are_not_this_weeks(athlete_client, history, time_machine):
    time_machine.move_to(datetime(2026, 11, 16, 9, tzinfo=UTC), tick=False)  # Monday
    text = seen(athlete_client.get("/today/").text)
    assert "Today · Mon 16 Nov" in text
    assert "missed this week" not in text
    assert "Wed 11 Nov" not in text and "Fri 13 Nov" not in text


def test_on_sunday_this_weeks_misses_are_listed(athlete_client, history, time_machine):
    time_machine.move_to(datetime(2026, 11, 15, 9, tzinfo=UTC), tick=False)  # Sunday
    text = seen(athlete_client.get("/today/").text)
    assert "2 missed this week" in text
    assert "Missed · Wed 11 Nov" in text and "Missed · Fri 13 Nov" in text


def test_the_week_turns_at_the_athletes_own_midnight(
    athlete_client, athlete, history, time_machine
):
    User.objects.filter(pk=athlete.pk).update(timezone="Pacific/Auckland")
    # Sunday 20:00 in London is already Monday 09:00 in Auckland.
    time_machine.move_to(datetime(2026, 11, 15, 20, tzinfo=UTC), tick=False)
    text = seen(athlete_client.get("/today/").text)
    assert "Today · Mon 16 Nov" in text
    assert "missed this week" not in text


@pytest.fixture
def started_on_wednesday(plan, athlete, coach):
    """The same plan from Wednesday 11 Nov: its days 1, 3 and 5 fall on Wednesday, Friday and
    Sunday, and its first program week runs to Tuesday 17 Nov. Wednesday's is done, Friday's
    missed."""
    wednesday = date(2026, 11, 11)
    assignment = assignments.program_assign(
        template=plan, athlete=athlete, start_date=wednesday, by=coach
    )
    first = Workout.objects.get(week__program=assignment.program, week__number=1, day=1)
    log = logbook.workout_start(
        athlete=athlete, assignment=assignment, workout=first, today=wednesday
    )
    logbook.workout_finish(workout_log=log, rpe=6, pain=0)
    return assignment


def test_a_program_begun_midweek_lists_no_misses_of_last_week_on_monday(
    athlete_client, started_on_wednesday, time_machine
):
    """The program's week still holds Friday and Sunday on Monday, the calendar's does not:
    'this week' is the one the athlete lives in, from Monday."""
    time_machine.move_to(datetime(2026, 11, 16, 9, tzinfo=UTC), tick=False)  # Monday
    text = seen(athlete_client.get("/today/").text)
    assert "Nothing due today." in text
    assert "missed this week" not in text
    assert "Fri 13 Nov" not in text and "Sun 15 Nov" not in text


def test_a_program_begun_midweek_lists_this_weeks_misses_until_sunday(
    athlete_client, started_on_wednesday, time_machine
):
    time_machine.move_to(datetime(2026, 11, 15, 9, tzinfo=UTC), tick=False)  # Sunday
    text = seen(athlete_client.get("/today/").text)
    assert "1 missed this week" in text
    assert "Missed · Fri 13 Nov" in text

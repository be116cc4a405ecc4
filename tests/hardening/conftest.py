"""The world every hostile test attacks: a coach, a team, an athlete on the band-assisted
Nordic with logged sets, a free session and an invite, on a fixed day."""

import uuid
from datetime import UTC, date, datetime

import pytest

from accounts import services as accounts
from catalogue.models import Band, Exercise
from logbook import free_sessions
from logbook import services as logbook
from programs.assignments import program_assign
from programs.models import Program, Workout


@pytest.fixture(autouse=True)
def frozen_clock(time_machine):
    time_machine.move_to(datetime(2026, 11, 18, 12, tzinfo=UTC), tick=False)


@pytest.fixture
def world(library, coach, team, athlete):
    """A coach's template and an athlete's copy with a logged set, a free session, an invite."""
    nordic = Program.objects.library().get(slug="band-assisted-nordic")
    assignment = program_assign(
        template=nordic, athlete=athlete, start_date=date(2026, 11, 16), by=coach
    )
    workouts = Workout.objects.filter(week__program=assignment.program)
    workouts = list(workouts.order_by("week__number", "day")[:2])
    workout = workouts[0]
    prescription = workout.prescriptions.first()
    log = logbook.workout_start(
        athlete=athlete, assignment=assignment, workout=workout, today=date(2026, 11, 16)
    )
    logged = logbook.set_log(
        workout_log=log,
        token=uuid.uuid4(),
        exercise_id=prescription.exercise_id,
        prescription=prescription,
        set_number=1,
        reps=12,
        band=Band.objects.get(name="Green"),
    )
    done = logbook.workout_start(
        athlete=athlete,
        assignment=assignment,
        today=date(2026, 11, 16),
        workout=workouts[1],
    )
    free = free_sessions.free_set_log(
        athlete=athlete,
        today=date(2026, 11, 18),
        token=uuid.uuid4(),
        exercise=Exercise.objects.get(slug="banded-squat"),
        reps=10,
    ).workout_log
    invite = accounts.invite_send(
        team=team, email="new@example.com", invited_by=coach, base_url="http://testserver/"
    )
    copy = assignment.program
    return {
        "assignment": assignment,
        "workout": workout,
        "prescription": prescription,
        "set": logged,
        "log": done,
        "free": free,
        "invite": invite,
        "copy": copy,
        "week": workout.week,
        "track": assignment.tracks.first(),
        "nordic": nordic,
        "team": team,
        "rule": copy.band_rules.first(),
    }

import uuid
from datetime import date

import pytest

from catalogue.models import Band, Exercise
from programs import assignments, services
from programs.models import Prescription, Workout


@pytest.fixture
def nordic_block(coach, catalogue):
    """A coach's template: two weeks, workouts on days 1 and 4, each an assisted Nordic 3 x
    12/10/8 (rest 90 s) and an isometric hold 2 x 30 s; earned band rule from green."""
    program = services.program_create(owner=coach, title="Nordic block")
    nordic = Exercise.objects.get(slug="band-assisted-nordic-curl")
    hold = Exercise.objects.get(slug="banded-isometric-leg-curl-hold")
    green, black = Band.objects.get(name="Green"), Band.objects.get(name="Black")
    for _ in range(2):
        week = services.week_add(program=program)
        for day in (1, 4):
            workout = Workout.objects.create(week=week, day=day, title=f"Session day {day}")
            Prescription.objects.create(
                workout=workout,
                exercise=nordic,
                order=1,
                sets=3,
                set_reps=[12, 10, 8],
                rest_seconds=90,
                band=green,
            )
            Prescription.objects.create(
                workout=workout, exercise=hold, order=2, sets=2, seconds=30, band=black
            )
    services.band_rule_set(program=program, exercise=nordic, start_band=green)
    return program


@pytest.fixture
def assignment(nordic_block, athlete, coach):
    return assignments.program_assign(
        template=nordic_block, athlete=athlete, start_date=date(2026, 11, 16), by=coach
    )


@pytest.fixture
def first_workout(assignment):
    return Workout.objects.get(week__program=assignment.program, week__number=1, day=1)


def set_data(prescription, number=1, **overrides):
    """The POST of a set row as the page prefills it; `overrides` change single fields."""
    data = {
        "token": str(uuid.uuid4()),
        "prescription": prescription.pk,
        "set_number": number,
        "side": "both",
        "reps": prescription.target_for_set(number),
        "band": prescription.band_id or "",
    }
    if prescription.is_hold:
        data["seconds"] = data.pop("reps")
    if prescription.exercise.pattern == "eccentric":
        data["control"] = "full"  # the tap that logs a Nordic set says how far it was controlled
    return {**data, **overrides}

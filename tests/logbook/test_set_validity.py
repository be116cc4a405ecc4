"""Each set is valid for its exercise (finding 5 of the hardening issue): reps for a reps
exercise, seconds for a hold, a side only where the work is per side; the form says so next to
the field and the database refuses the same."""

import uuid
from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, transaction

from catalogue.models import Exercise
from logbook import services
from logbook.models import SetLog, WorkoutLog
from programs.models import Prescription
from tests.logbook.conftest import set_data

pytestmark = pytest.mark.usefixtures("catalogue")
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def monday_16_november(time_machine):
    time_machine.move_to(datetime(2026, 11, 16, 18, tzinfo=UTC), tick=False)


def nordic_and_hold(workout) -> tuple[Prescription, Prescription]:
    return tuple(workout.prescriptions.order_by("order"))


def test_a_reps_set_refuses_seconds(athlete_client, first_workout):
    nordic, _ = nordic_and_hold(first_workout)
    data = set_data(nordic, seconds=3600, reps=0)
    response = athlete_client.post(f"/workouts/{first_workout.pk}/sets/", data, headers=HTMX)
    assert "This exercise is done in reps, not seconds." in response.text
    assert not SetLog.objects.exists()


def test_a_hold_refuses_reps(athlete_client, first_workout):
    _, hold = nordic_and_hold(first_workout)
    data = set_data(hold, reps=12)
    response = athlete_client.post(f"/workouts/{first_workout.pk}/sets/", data, headers=HTMX)
    assert "This exercise is a hold: log the seconds held, not reps." in response.text
    assert not SetLog.objects.exists()


def test_a_side_is_refused_where_the_work_is_for_both_legs(athlete_client, first_workout):
    nordic, _ = nordic_and_hold(first_workout)
    data = set_data(nordic, side="left")
    response = athlete_client.post(f"/workouts/{first_workout.pk}/sets/", data, headers=HTMX)
    assert "Log this exercise for both legs at once." in response.text
    assert not SetLog.objects.exists()


def test_both_sides_at_once_are_refused_on_per_side_work(athlete_client, first_workout):
    nordic, _ = nordic_and_hold(first_workout)
    Prescription.objects.filter(pk=nordic.pk).update(per_side=True)
    nordic.refresh_from_db()
    data = set_data(nordic, side="both")
    response = athlete_client.post(f"/workouts/{first_workout.pk}/sets/", data, headers=HTMX)
    assert "Log this exercise one side at a time." in response.text
    assert not SetLog.objects.exists()


def test_a_free_session_set_is_measured_by_its_exercises_dose(athlete_client):
    start = athlete_client.post("/free/")
    squat = Exercise.objects.get(slug="banded-squat")
    data = {"token": uuid.uuid4(), "exercise": squat.pk, "reps": 10, "seconds": 60, "band": ""}
    response = athlete_client.post(start["Location"], data)
    assert "This exercise is done in reps, not seconds." in response.text
    assert not SetLog.objects.exists()


def test_the_database_refuses_a_set_with_both_measures(assignment, first_workout, athlete):
    nordic, hold = nordic_and_hold(first_workout)
    log = services.workout_start(
        athlete=athlete, assignment=assignment, workout=first_workout, today=assignment.start_date
    )
    cases = [
        (nordic, {"reps": 0, "seconds": 3600}, "logbook_setlog_reps_or_seconds"),
        (nordic, {"seconds": 30}, "logbook_setlog_reps_set_logs_reps"),
        (hold, {"reps": 12}, "logbook_setlog_hold_logs_seconds"),
    ]
    for prescription, measures, constraint in cases:
        with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
            services.set_log(
                workout_log=log,
                token=uuid.uuid4(),
                exercise_id=prescription.exercise_id,
                prescription=prescription,
                set_number=1,
                **measures,
            )
    assert WorkoutLog.objects.count() == 1
    assert not SetLog.objects.exists()

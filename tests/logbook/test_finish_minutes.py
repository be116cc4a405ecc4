"""The session's minutes, confirmed by the athlete at the finish: prefilled from the clock (the
log's start, its first set, to now), kept as typed, and read by the load in place of the clock."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError

from catalogue.models import Exercise
from logbook import services
from logbook.models import WorkoutLog
from tests.logbook.conftest import set_data

pytestmark = pytest.mark.usefixtures("catalogue")
HTMX = {"HX-Request": "true"}
FIRST_SET_AT = datetime(2026, 11, 16, 18, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(FIRST_SET_AT, tick=False)
    return time_machine


def log_a_set(client, workout):
    prescription = workout.prescriptions.first()
    client.post(f"/workouts/{workout.pk}/sets/", set_data(prescription), headers=HTMX)


def finish(client, workout, **data):
    return client.post(f"/workouts/{workout.pk}/finish/", {"rpe": 7, "pain": 0, **data})


def minutes_input(page: str) -> str:
    start = page.index('name="minutes"')
    return page[page.rindex("<input", 0, start) : page.index(">", start) + 1]


def test_the_finish_form_is_prefilled_with_the_minutes_since_the_first_set(
    athlete_client, first_workout, clock
):
    log_a_set(athlete_client, first_workout)
    clock.move_to(FIRST_SET_AT + timedelta(minutes=35), tick=False)
    page = athlete_client.get(f"/workouts/{first_workout.pk}/").text
    field = minutes_input(page)
    assert 'value="35"' in field
    assert 'data-clock-seconds="2100"' in field  # the page's script keeps it current
    assert "How many minutes did the session take?" in page


def test_before_the_first_set_the_minutes_are_empty(athlete_client, first_workout):
    page = athlete_client.get(f"/workouts/{first_workout.pk}/").text
    assert "value=" not in minutes_input(page)


def test_the_athletes_minutes_are_kept(athlete_client, first_workout, clock):
    log_a_set(athlete_client, first_workout)
    clock.move_to(FIRST_SET_AT + timedelta(minutes=90), tick=False)  # the page stayed open
    finish(athlete_client, first_workout, minutes="40")
    log = WorkoutLog.objects.get()
    assert (log.is_complete, log.minutes, log.clock_minutes) == (True, 40, 90)
    assert log.load_minutes == 40


def test_minutes_left_empty_leave_the_clock_to_the_load(athlete_client, first_workout, clock):
    log_a_set(athlete_client, first_workout)
    clock.move_to(FIRST_SET_AT + timedelta(minutes=30), tick=False)
    finish(athlete_client, first_workout, minutes="")
    log = WorkoutLog.objects.get()
    assert (log.is_complete, log.minutes, log.load_minutes) == (True, None, 30)


@pytest.mark.parametrize("minutes", ["0", "601", "-5", "half an hour"])
def test_minutes_out_of_range_are_refused_next_to_the_field(athlete_client, first_workout, minutes):
    log_a_set(athlete_client, first_workout)
    response = athlete_client.post(
        f"/workouts/{first_workout.pk}/finish/",
        {"rpe": 7, "pain": 0, "minutes": minutes},
        headers=HTMX,
    )
    assert response.text.lstrip().startswith('<form id="finish-form"')
    assert "Enter the minutes the session took: a whole number from 1 to 600." in response.text
    assert f'value="{minutes}"' in minutes_input(response.text)  # what was typed stays
    assert not WorkoutLog.objects.get().is_complete


def test_the_service_keeps_the_minutes(athlete, first_workout, assignment):
    log = services.workout_start(
        athlete=athlete, assignment=assignment, workout=first_workout, today=FIRST_SET_AT.date()
    )
    services.workout_finish(workout_log=log, rpe=6, pain=0, minutes=25)
    log.refresh_from_db()
    assert (log.minutes, log.load_minutes) == (25, 25)


@pytest.mark.parametrize("minutes", [0, 601])
def test_the_database_refuses_minutes_out_of_range(athlete, minutes):
    with pytest.raises(IntegrityError, match="logbook_workoutlog_minutes_range"):
        WorkoutLog.objects.create(
            athlete=athlete, performed_on=FIRST_SET_AT.date(), minutes=minutes
        )


def test_a_free_session_finishes_with_the_minutes_confirmed(athlete_client, clock):
    squat = Exercise.objects.get(slug="banded-squat")
    athlete_client.post("/free/new/", {"token": uuid.uuid4(), "exercise": squat.pk, "reps": 15})
    session = WorkoutLog.objects.get()
    clock.move_to(FIRST_SET_AT + timedelta(minutes=20), tick=False)
    page = athlete_client.get(f"/free/{session.pk}/").text
    assert 'value="20"' in minutes_input(page)
    response = athlete_client.post(
        f"/free/{session.pk}/finish/", {"rpe": 6, "pain": 0, "minutes": "25"}
    )
    assert response["Location"] == f"/logs/{session.pk}/"
    session.refresh_from_db()
    assert (session.is_complete, session.minutes) == (True, 25)


def test_a_free_session_refuses_bad_minutes_next_to_the_field(athlete_client):
    squat = Exercise.objects.get(slug="banded-squat")
    athlete_client.post("/free/new/", {"token": uuid.uuid4(), "exercise": squat.pk, "reps": 15})
    session = WorkoutLog.objects.get()
    response = athlete_client.post(
        f"/free/{session.pk}/finish/", {"rpe": 6, "pain": 0, "minutes": "0"}
    )
    assert "Enter the minutes the session took: a whole number from 1 to 600." in response.text
    session.refresh_from_db()
    assert not session.is_complete

import uuid

import pytest
from django.utils import timezone

from catalogue.models import Exercise
from logbook import free_sessions
from logbook.models import SetLog, WorkoutLog

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture
def new_session_url(athlete_client):
    """Tapping "Start a free session" opens the page of a session its first set makes."""
    response = athlete_client.post("/free/")
    assert response["Location"] == "/free/new/"
    assert not WorkoutLog.objects.exists()
    return response["Location"]


def test_an_athlete_starts_logs_and_finishes_a_free_session(athlete_client, new_session_url):
    squat = Exercise.objects.get(slug="banded-squat")
    page = athlete_client.get(new_session_url)
    assert page.status_code == 200
    first = athlete_client.post(
        new_session_url, {"token": uuid.uuid4(), "exercise": squat.pk, "reps": 15}
    )
    session = WorkoutLog.objects.get()
    assert first["Location"] == f"/free/{session.pk}/"
    athlete_client.post(
        f"/free/{session.pk}/", {"token": uuid.uuid4(), "exercise": squat.pk, "reps": 15}
    )
    assert list(SetLog.objects.values_list("set_number", "reps")) == [(1, 15), (2, 15)]
    response = athlete_client.post(f"/free/{session.pk}/finish/", {"rpe": 6, "pain": 0})
    assert response["Location"] == f"/logs/{session.pk}/"
    assert "Free session" in athlete_client.get(response["Location"]).text


def test_a_hold_needs_seconds(athlete_client, new_session_url):
    hold = Exercise.objects.get(slug="banded-isometric-leg-curl-hold")
    response = athlete_client.post(
        new_session_url, {"token": uuid.uuid4(), "exercise": hold.pk, "reps": 10}
    )
    assert "Enter the seconds for Banded isometric leg-curl hold." in response.text
    assert not SetLog.objects.exists()
    assert not WorkoutLog.objects.exists()


def test_bad_numbers_are_refused(athlete_client, new_session_url):
    squat = Exercise.objects.get(slug="banded-squat")
    response = athlete_client.post(
        new_session_url, {"token": uuid.uuid4(), "exercise": squat.pk, "reps": 501}
    )
    assert "Ensure this value is less than or equal to 500." in response.text
    assert not SetLog.objects.exists()


def test_someone_elses_free_session_is_404(client, outsider, athlete):
    squat = Exercise.objects.get(slug="banded-squat")
    logged = free_sessions.free_set_log(
        athlete=athlete, today=timezone.localdate(), token=uuid.uuid4(), exercise=squat, reps=8
    )
    client.force_login(outsider)
    pk = logged.workout_log_id
    assert client.get(f"/free/{pk}/").status_code == 404
    assert client.post(f"/free/{pk}/finish/", {"rpe": 6, "pain": 0}).status_code == 404
    assert WorkoutLog.objects.filter(pk=pk, completed_at__isnull=True).exists()


def test_it_requires_login(client):
    assert client.post("/free/").status_code == 302
    assert client.get("/free/new/").status_code == 302
    assert not WorkoutLog.objects.exists()

import uuid

import pytest

from catalogue.models import Exercise
from logbook.models import SetLog, WorkoutLog

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture
def session(athlete_client):
    response = athlete_client.post("/free/")
    log = WorkoutLog.objects.get()
    assert response["Location"] == f"/free/{log.pk}/"
    return log


def test_an_athlete_starts_logs_and_finishes_a_free_session(athlete_client, session):
    squat = Exercise.objects.get(slug="banded-squat")
    page = athlete_client.get(f"/free/{session.pk}/")
    assert page.status_code == 200
    for _ in range(2):
        athlete_client.post(
            f"/free/{session.pk}/", {"token": uuid.uuid4(), "exercise": squat.pk, "reps": 15}
        )
    assert list(SetLog.objects.values_list("set_number", "reps")) == [(1, 15), (2, 15)]
    response = athlete_client.post(f"/free/{session.pk}/finish/", {"rpe": 6, "pain": 0})
    assert response["Location"] == f"/logs/{session.pk}/"
    assert "Free session" in athlete_client.get(response["Location"]).text


def test_a_hold_needs_seconds(athlete_client, session):
    hold = Exercise.objects.get(slug="banded-isometric-leg-curl-hold")
    response = athlete_client.post(
        f"/free/{session.pk}/", {"token": uuid.uuid4(), "exercise": hold.pk, "reps": 10}
    )
    assert "Enter the seconds for Banded isometric leg-curl hold." in response.text
    assert not SetLog.objects.exists()


def test_bad_numbers_are_refused(athlete_client, session):
    squat = Exercise.objects.get(slug="banded-squat")
    response = athlete_client.post(
        f"/free/{session.pk}/", {"token": uuid.uuid4(), "exercise": squat.pk, "reps": 501}
    )
    assert "Ensure this value is less than or equal to 500." in response.text
    assert not SetLog.objects.exists()


def test_someone_elses_free_session_is_404(client, outsider, session):
    client.force_login(outsider)
    assert client.get(f"/free/{session.pk}/").status_code == 404
    assert client.post(f"/free/{session.pk}/finish/", {"rpe": 6, "pain": 0}).status_code == 404


def test_it_requires_login(client):
    assert client.post("/free/").status_code == 302
    assert not WorkoutLog.objects.exists()

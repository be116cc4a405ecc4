"""Free sessions between sets: the next set starts from the last one; "Start a free session"
resumes today's open session instead of making another; an empty session is never kept."""

import re
import uuid
from datetime import UTC, date, datetime

import pytest

from catalogue.models import Band, Exercise
from logbook import free_sessions
from logbook.models import SET_NUMBER_MAX, SetLog, WorkoutLog

pytestmark = pytest.mark.usefixtures("catalogue")
TODAY = date(2026, 11, 19)


@pytest.fixture(autouse=True)
def thursday_19_november(time_machine):
    time_machine.move_to(datetime(2026, 11, 19, 9, tzinfo=UTC), tick=False)


def exercise(slug: str) -> Exercise:
    return Exercise.objects.get(slug=slug)


def log_set(client, url: str, slug: str, **values):
    data = {"token": uuid.uuid4(), "exercise": exercise(slug).pk, "band": "", **values}
    return client.post(url, data, follow=True)


def selected(html: str, name: str) -> str:
    """The value of the option selected in the <select name=...>."""
    select = html[html.index(f'<select name="{name}"') :]
    select = select[: select.index("</select>")]
    found = re.search(r'<option value="([^"]*)"[^>]* selected>', select)
    return found.group(1) if found else ""


def input_value(html: str, name: str) -> str:
    found = re.search(rf'<input type="number" name="{name}"(?: value="([^"]*)")?', html)
    return found.group(1) or "" if found else ""


def test_after_a_set_the_form_keeps_the_exercise_numbers_and_band(athlete_client):
    green = Band.objects.get(name="Green")
    page = log_set(athlete_client, "/free/new/", "banded-squat", reps=15, band=green.pk).text
    assert "Banded squat · set 1: 15 reps · green" in page
    assert selected(page, "exercise") == str(exercise("banded-squat").pk)
    assert input_value(page, "reps") == "15"
    assert input_value(page, "seconds") == ""
    assert selected(page, "band") == str(green.pk)
    assert "Ready for the next set" in page


def test_a_holds_seconds_are_kept_for_the_next_set(athlete_client):
    page = log_set(athlete_client, "/free/new/", "banded-isometric-leg-curl-hold", seconds=40)
    assert input_value(page.text, "seconds") == "40"
    assert input_value(page.text, "reps") == ""
    assert selected(page.text, "band") == ""


def test_the_last_set_logged_leads_even_when_it_is_another_exercise(athlete_client):
    first = log_set(athlete_client, "/free/new/", "banded-squat", reps=15)
    url = first.redirect_chain[-1][0]
    page = log_set(athlete_client, url, "banded-good-morning", reps=12).text
    assert selected(page, "exercise") == str(exercise("banded-good-morning").pk)
    assert input_value(page, "reps") == "12"
    page = log_set(athlete_client, url, "banded-squat", reps=14).text
    assert "Banded squat · set 2: 14 reps" in page  # its own count per exercise


def test_a_refused_set_keeps_what_was_typed(athlete_client):
    page = log_set(athlete_client, "/free/new/", "banded-squat", reps=501).text
    assert "Ensure this value is less than or equal to 500." in page
    assert selected(page, "exercise") == str(exercise("banded-squat").pk)


def test_starting_again_resumes_the_open_session(athlete_client, athlete):
    log_set(athlete_client, "/free/new/", "banded-squat", reps=15)
    session = WorkoutLog.objects.get()
    for _ in range(3):
        assert athlete_client.post("/free/")["Location"] == f"/free/{session.pk}/"
    assert athlete_client.get("/free/new/")["Location"] == f"/free/{session.pk}/"
    log_set(athlete_client, "/free/new/", "banded-squat", reps=13)  # from a stale tab
    assert WorkoutLog.objects.count() == 1
    assert list(session.sets.values_list("set_number", "reps")) == [(1, 15), (2, 13)]


def test_today_offers_to_resume_the_open_session(athlete_client):
    page = athlete_client.get("/today/").text
    assert "Start a free session" in page and "Resume your free session" not in page
    log_set(athlete_client, "/free/new/", "banded-squat", reps=15)
    session = WorkoutLog.objects.get()
    page = athlete_client.get("/today/").text
    assert f'href="/free/{session.pk}/">Resume your free session</a>' in page
    assert "Start a free session" not in page


def test_today_stays_within_its_query_budget_with_a_session_open(
    athlete_client, django_assert_max_num_queries
):
    log_set(athlete_client, "/free/new/", "banded-squat", reps=15)
    with django_assert_max_num_queries(7):
        assert "Resume your free session" in athlete_client.get("/today/").text


def test_a_finished_session_is_not_resumed(athlete_client):
    log_set(athlete_client, "/free/new/", "banded-squat", reps=15)
    session = WorkoutLog.objects.get()
    athlete_client.post(f"/free/{session.pk}/finish/", {"rpe": 6, "pain": 0})
    assert athlete_client.post("/free/")["Location"] == "/free/new/"
    assert "Start a free session" in athlete_client.get("/today/").text
    assert athlete_client.get(f"/free/{session.pk}/")["Location"] == f"/logs/{session.pk}/"


def test_yesterdays_unfinished_session_is_not_resumed_today(athlete_client, athlete):
    yesterday = free_sessions.free_set_log(
        athlete=athlete,
        today=date(2026, 11, 18),
        token=uuid.uuid4(),
        exercise=exercise("banded-squat"),
        reps=10,
    ).workout_log
    assert athlete_client.post("/free/")["Location"] == "/free/new/"
    log_set(athlete_client, "/free/new/", "banded-squat", reps=12)
    today = WorkoutLog.objects.exclude(pk=yesterday.pk).get()
    assert today.performed_on == TODAY


def test_another_athletes_open_session_is_never_resumed(athlete_client, outsider):
    free_sessions.free_set_log(
        athlete=outsider,
        today=TODAY,
        token=uuid.uuid4(),
        exercise=exercise("banded-squat"),
        reps=10,
    )
    assert athlete_client.post("/free/")["Location"] == "/free/new/"
    assert "Resume your free session" not in athlete_client.get("/today/").text


def test_tapping_start_makes_no_session_and_history_stays_empty(athlete_client):
    for _ in range(3):
        athlete_client.post("/free/")
        athlete_client.get("/free/new/")
    assert not WorkoutLog.objects.exists()
    history = athlete_client.get("/history/").text
    assert "Free session" not in history


def test_the_same_first_set_sent_twice_makes_one_session_and_one_set(athlete_client):
    data = {"token": uuid.uuid4(), "exercise": exercise("banded-squat").pk, "reps": 9}
    first = athlete_client.post("/free/new/", data)
    again = athlete_client.post("/free/new/", data)
    assert first["Location"] == again["Location"]
    assert (WorkoutLog.objects.count(), SetLog.objects.count()) == (1, 1)


def test_an_empty_session_left_from_before_is_deleted_when_finished(athlete_client, athlete):
    empty = WorkoutLog.objects.create(athlete=athlete, performed_on=TODAY)
    response = athlete_client.post(f"/free/{empty.pk}/finish/", {})
    assert response["Location"] == "/today/"
    assert not WorkoutLog.objects.exists()
    page = athlete_client.get("/today/").text
    assert "Nothing was logged, so the free session was not kept." in page


def test_empty_sessions_left_from_before_are_cleared_on_start(athlete_client, athlete, outsider):
    WorkoutLog.objects.create(athlete=athlete, performed_on=date(2026, 11, 2))
    WorkoutLog.objects.create(athlete=athlete, performed_on=TODAY)
    theirs = WorkoutLog.objects.create(athlete=outsider, performed_on=TODAY)
    kept = free_sessions.free_set_log(
        athlete=athlete,
        today=date(2026, 11, 10),
        token=uuid.uuid4(),
        exercise=exercise("banded-squat"),
        reps=10,
    ).workout_log
    athlete_client.post("/free/")
    assert set(WorkoutLog.objects.values_list("pk", flat=True)) == {theirs.pk, kept.pk}


def test_a_set_past_the_limit_is_refused_with_a_message(athlete_client, athlete):
    squat = exercise("banded-squat")
    session = free_sessions.free_set_log(
        athlete=athlete, today=TODAY, token=uuid.uuid4(), exercise=squat, reps=10
    ).workout_log
    SetLog.objects.bulk_create(
        SetLog(workout_log=session, exercise=squat, set_number=number, reps=10)
        for number in range(2, SET_NUMBER_MAX + 1)
    )
    response = log_set(athlete_client, f"/free/{session.pk}/", "banded-squat", reps=10)
    assert response.status_code == 200
    assert f"That makes more than {SET_NUMBER_MAX} sets of Banded squat." in response.text
    assert session.sets.count() == SET_NUMBER_MAX

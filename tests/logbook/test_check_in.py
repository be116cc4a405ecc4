"""The soreness check-in before a session: asked once, skippable, read by the engine as DOMS
(it can hold a step on and tell the coach, never move the band back)."""

import re
from datetime import UTC, date, datetime

import pytest

from logbook.models import CheckIn, PainStop, WorkoutLog
from programs.models import BandChange
from tests.logbook.conftest import set_data

pytestmark = pytest.mark.usefixtures("catalogue")
HTMX = {"HX-Request": "true"}
QUESTION = "How sore are your hamstrings?"


@pytest.fixture(autouse=True)
def monday_16_november(time_machine):
    time_machine.move_to(datetime(2026, 11, 16, 18, tzinfo=UTC), tick=False)


def check_in(client, workout, **data):
    return client.post(f"/workouts/{workout.pk}/check-in/", data)


def do_every_set(client, workout):
    for prescription in workout.prescriptions.all():
        for number in range(1, prescription.sets + 1):
            client.post(
                f"/workouts/{workout.pk}/sets/", set_data(prescription, number), headers=HTMX
            )


def finish(client, workout, **data):
    return client.post(f"/workouts/{workout.pk}/finish/", {"rpe": 7, "pain": 0, **data})


def page(client, workout) -> str:
    return client.get(f"/workouts/{workout.pk}/").text


def test_the_workout_page_asks_before_the_session(athlete_client, first_workout):
    text = page(athlete_client, first_workout)
    assert QUESTION in text
    assert "Soreness after Nordics is normal and is not pain." in text
    assert f'action="/workouts/{first_workout.pk}/check-in/"' in text


def test_it_saves_the_soreness_and_the_question_goes(athlete_client, athlete, first_workout):
    response = check_in(athlete_client, first_workout, soreness=3)
    assert response.status_code == 302
    assert response["Location"] == f"/workouts/{first_workout.pk}/"
    saved = CheckIn.objects.get()
    assert (saved.athlete, saved.soreness, saved.on_date) == (athlete, 3, date(2026, 11, 16))
    assert saved.workout_log == WorkoutLog.objects.get(workout=first_workout)
    text = page(athlete_client, first_workout)
    assert QUESTION not in text
    assert "Band-assisted Nordic curl" in text


def test_skipping_records_no_soreness_and_hides_the_question(athlete_client, first_workout):
    response = check_in(athlete_client, first_workout, skip="1")
    assert response.status_code == 302
    assert CheckIn.objects.get().soreness is None
    assert QUESTION not in page(athlete_client, first_workout)


def test_skip_needs_no_answer_from_the_browser(athlete_client, first_workout):
    """The soreness radios are required for Save; Skip sends the form without them."""
    text = page(athlete_client, first_workout)
    skip = re.search(r'<button[^>]*name="skip"[^>]*>', text)[0]
    assert "formnovalidate" in skip
    assert re.search(r'<input type="radio" name="soreness"[^>]* required', text)


def test_skipping_with_nothing_answered_is_remembered_for_the_session(
    athlete_client, first_workout
):
    check_in(athlete_client, first_workout, skip="1", soreness="", sleep="")
    assert QUESTION not in page(athlete_client, first_workout)
    assert QUESTION not in page(athlete_client, first_workout)  # on every load after
    assert CheckIn.objects.count() == 1
    assert WorkoutLog.objects.get().workout == first_workout


def test_it_is_saved_once(athlete_client, first_workout):
    check_in(athlete_client, first_workout, soreness=3)
    check_in(athlete_client, first_workout, soreness=5)
    assert CheckIn.objects.count() == 1
    assert WorkoutLog.objects.count() == 1


@pytest.mark.parametrize("soreness", ["11", "x", "-1", "²", ""])
def test_bad_soreness_is_refused_and_nothing_is_saved(athlete_client, first_workout, soreness):
    response = check_in(athlete_client, first_workout, soreness=soreness)
    assert response.status_code == 422
    assert QUESTION in response.text  # the question is still there to answer
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize(
    ("soreness", "message"),
    [
        ("11", "Select a valid choice. 11 is not one of the available choices."),
        ("x", "Select a valid choice. x is not one of the available choices."),
        ("", "Choose 0 if they are not sore, or skip."),
    ],
)
def test_bad_soreness_is_explained(athlete_client, first_workout, soreness, message):
    response = check_in(athlete_client, first_workout, soreness=soreness)
    assert response.status_code == 422
    assert message in response.text


def test_it_requires_login(client, first_workout):
    response = check_in(client, first_workout, soreness=3)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not CheckIn.objects.exists()


def test_someone_elses_workout_is_404(client, outsider, first_workout):
    client.force_login(outsider)
    assert check_in(client, first_workout, soreness=3).status_code == 404
    assert not CheckIn.objects.exists()
    assert not WorkoutLog.objects.exists()


def test_it_is_a_post(athlete_client, first_workout):
    assert athlete_client.get(f"/workouts/{first_workout.pk}/check-in/").status_code == 405


# What the engine makes of it


def test_very_sore_holds_the_band_and_tells_the_coach(athlete_client, assignment, first_workout):
    check_in(athlete_client, first_workout, soreness=9)
    do_every_set(athlete_client, first_workout)
    response = finish(athlete_client, first_workout)
    [outcome] = WorkoutLog.objects.get().outcome
    assert (outcome["action"], outcome["band"], outcome["flag"]) == ("hold", "Green", True)
    assert outcome["warn"] is False
    assert "Soreness 9 of 10 before the session: your coach has been told." in outcome["reason"]
    assert assignment.tracks.get().band.name == "Green"
    assert not BandChange.objects.filter(decided_by="engine").exists()
    assert not PainStop.objects.exists()  # soreness is not pain
    summary = athlete_client.get(response["Location"]).text
    assert "Band-assisted Nordic curl: stay on the green band" in summary
    assert "Soreness 9 of 10 before the session: your coach has been told." in summary
    assert "You stopped for pain recently." not in athlete_client.get("/today/").text


def test_a_little_soreness_is_not_flagged(athlete_client, first_workout):
    check_in(athlete_client, first_workout, soreness=2)
    do_every_set(athlete_client, first_workout)
    finish(athlete_client, first_workout)
    [outcome] = WorkoutLog.objects.get().outcome
    assert (outcome["action"], outcome["flag"]) == ("hold", False)
    assert "Soreness" not in outcome["reason"]


def test_soreness_before_the_third_good_session_holds_the_step_on(
    athlete_client, assignment, first_workout, time_machine
):
    assignment.program.band_rules.update(min_days_on_band=7)
    week_1, week_2 = assignment.program.weeks.order_by("number")
    days = [
        (week_1, 4, datetime(2026, 11, 19, 18, tzinfo=UTC)),
        (week_2, 1, datetime(2026, 11, 23, 18, tzinfo=UTC)),
    ]
    do_every_set(athlete_client, first_workout)
    finish(athlete_client, first_workout)
    for week, day, when in days:
        time_machine.move_to(when, tick=False)
        workout = week.workouts.get(day=day)
        if day == 1:
            check_in(athlete_client, workout, soreness=5)
        do_every_set(athlete_client, workout)
        finish(athlete_client, workout)
    last = WorkoutLog.objects.get(workout__week=week_2, workout__day=1)
    [outcome] = last.outcome
    assert (outcome["action"], outcome["band"]) == ("hold", "Green")
    assert outcome["reason"] == (
        "You were sore (5 of 10) before a recent session: stay on the green band."
    )
    assert assignment.tracks.get().band.name == "Green"

"""Stop: it hurts. The exercise ends for the session, the athlete's eccentric work (the Nordic) is
paused until a coach clears it (its band waits for the clearance), and the athlete is warned
until a coach answers."""

import re
from datetime import UTC, datetime

import pytest

from logbook.models import PainPause, PainStop, SetLog, WorkoutLog
from programs.models import BandChange, Workout
from tests.logbook.conftest import set_data

pytestmark = pytest.mark.usefixtures("catalogue")
HTMX = {"HX-Request": "true"}
STOPPED = "Stopped for pain: no more sets of it today."
PAUSED = "No Nordic or other eccentric sets until your coach clears it."
WARNING = "You stopped for pain recently."


@pytest.fixture(autouse=True)
def monday_16_november(time_machine):
    time_machine.move_to(datetime(2026, 11, 16, 18, tzinfo=UTC), tick=False)


@pytest.fixture
def nordic(first_workout):
    return first_workout.prescriptions.get(order=1)


@pytest.fixture
def hold(first_workout):
    return first_workout.prescriptions.get(order=2)


def stop(client, workout, prescription, *, headers=None, follow=False, **fields):
    data = {"prescription": prescription.pk, "side": "both", "where": "", "kind": "", **fields}
    return client.post(f"/workouts/{workout.pk}/pain-stop/", data, headers=headers, follow=follow)


def engine_changes():
    return BandChange.objects.filter(decided_by="engine")


def test_it_records_the_stop_and_pauses_the_nordic(
    athlete_client, athlete, assignment, first_workout, nordic
):
    response = stop(athlete_client, first_workout, nordic, side="left", where="high", kind="sharp")
    assert response.status_code == 302
    assert response["Location"] == f"/workouts/{first_workout.pk}/#exercise-{nordic.pk}"
    log = WorkoutLog.objects.get()
    assert (log.workout, log.is_complete) == (first_workout, False)
    stop_row = PainStop.objects.get()
    assert (stop_row.workout_log, stop_row.exercise) == (log, nordic.exercise)
    assert (stop_row.side, stop_row.where, stop_row.kind) == ("left", "high", "sharp")
    assert stop_row.answered_at is None
    assert not engine_changes().exists()  # the band waits for the clearance
    assert assignment.tracks.get().band.name == "Green"
    pause = PainPause.objects.open().get(athlete=athlete)
    assert (pause.workout_log, pause.reason) == (log, "You stopped for pain")
    [outcome] = log.outcome
    assert (outcome["exercise"], outcome["action"], outcome["band"]) == (
        "Band-assisted Nordic curl",
        "pause",
        "Green",
    )
    assert (outcome["flag"], outcome["warn"]) == (True, True)
    assert outcome["reason"].startswith(
        "You stopped for pain: Nordic and other eccentric work is paused until your coach "
        "clears it."
    )


def test_the_workout_page_then_shows_the_stop_and_the_warning(
    athlete_client, first_workout, nordic
):
    response = stop(athlete_client, first_workout, nordic, follow=True)
    text = response.text
    assert PAUSED in text and STOPPED not in text
    assert WARNING in text
    assert "Band-assisted Nordic curl stopped. Stop loading the hamstring" in text
    assert text.count("Stop: it hurts") == 1  # only the hold still offers it
    today = athlete_client.get("/today/").text
    assert WARNING in today


def test_a_paused_nordic_cannot_be_logged_and_the_hold_can(
    athlete_client, first_workout, nordic, hold
):
    stop(athlete_client, first_workout, nordic)
    refused = athlete_client.post(
        f"/workouts/{first_workout.pk}/sets/", set_data(nordic, 2), headers=HTMX
    )
    assert "eccentric work is paused after pain until your coach clears it" in refused.text
    assert not SetLog.objects.filter(exercise=nordic.exercise).exists()
    athlete_client.post(f"/workouts/{first_workout.pk}/sets/", set_data(hold, 1), headers=HTMX)
    assert SetLog.objects.filter(exercise=hold.exercise).count() == 1


def test_before_any_stop_there_is_no_warning(athlete_client, first_workout):
    text = athlete_client.get(f"/workouts/{first_workout.pk}/").text
    assert text.count("Stop: it hurts") == 2
    assert STOPPED not in text
    assert WARNING not in text
    assert WARNING not in athlete_client.get("/today/").text


def test_a_second_tap_changes_nothing(athlete_client, assignment, first_workout, nordic):
    stop(athlete_client, first_workout, nordic, kind="sharp")
    response = stop(athlete_client, first_workout, nordic, kind="cramp")
    assert response.status_code == 302
    assert PainStop.objects.get().kind == "sharp"
    assert PainPause.objects.count() == 1
    assert assignment.tracks.get().band.name == "Green"
    assert len(WorkoutLog.objects.get().outcome) == 1


def test_finishing_afterwards_does_not_decide_the_stopped_exercise_again(
    athlete_client, assignment, first_workout, nordic, hold
):
    stop(athlete_client, first_workout, nordic, side="left", where="high", kind="sharp")
    for number in (1, 2):
        athlete_client.post(
            f"/workouts/{first_workout.pk}/sets/", set_data(hold, number), headers=HTMX
        )
    response = athlete_client.post(f"/workouts/{first_workout.pk}/finish/", {"rpe": 6, "pain": 0})
    log = WorkoutLog.objects.get()
    assert response["Location"] == f"/logs/{log.pk}/"
    assert not engine_changes().exists()
    assert PainPause.objects.count() == 1
    assert [item["exercise"] for item in log.outcome] == ["Band-assisted Nordic curl"]
    summary = athlete_client.get(response["Location"]).text
    assert "You stopped for pain" in summary
    assert "Band-assisted Nordic curl: sharp, high, near the buttock, left leg" in summary
    assert WARNING in athlete_client.get("/today/").text


def test_a_finished_workout_is_not_decided_again(athlete_client, assignment, first_workout, nordic):
    for prescription in first_workout.prescriptions.all():
        for number in range(1, prescription.sets + 1):
            athlete_client.post(
                f"/workouts/{first_workout.pk}/sets/", set_data(prescription, number), headers=HTMX
            )
    athlete_client.post(f"/workouts/{first_workout.pk}/finish/", {"rpe": 7, "pain": 0})
    stop(athlete_client, first_workout, nordic)
    log = WorkoutLog.objects.get()
    assert [item["action"] for item in log.outcome] == ["hold"]
    assert not engine_changes().exists()
    assert assignment.tracks.get().band.name == "Green"


def test_stopping_an_exercise_without_a_band_rule_moves_no_band(
    athlete_client, assignment, first_workout, hold
):
    response = stop(athlete_client, first_workout, hold, follow=True)
    assert PainStop.objects.get().exercise == hold.exercise
    assert not engine_changes().exists()
    assert assignment.tracks.get().band.name == "Green"
    assert WorkoutLog.objects.get().outcome == []
    assert STOPPED in response.text
    assert WARNING in response.text


def test_htmx_stopping_redirects_the_page(athlete_client, first_workout, nordic):
    response = stop(athlete_client, first_workout, nordic, headers=HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"/workouts/{first_workout.pk}/#exercise-{nordic.pk}"
    assert PainStop.objects.count() == 1


def test_it_requires_login(client, first_workout, nordic):
    response = stop(client, first_workout, nordic)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not PainStop.objects.exists()


def test_someone_elses_workout_is_404(client, outsider, assignment, first_workout, nordic):
    client.force_login(outsider)
    assert stop(client, first_workout, nordic).status_code == 404
    assert not PainStop.objects.exists()
    assert not WorkoutLog.objects.exists()
    assert assignment.tracks.get().band.name == "Green"


def test_it_is_a_post(athlete_client, first_workout):
    assert athlete_client.get(f"/workouts/{first_workout.pk}/pain-stop/").status_code == 405


@pytest.mark.parametrize(
    "prescription_id",
    ["999999", "²", "", "-1", "1.5", "99999999999999999999", "another workout's"],
)
def test_an_unknown_exercise_is_refused_with_a_message(
    athlete_client, assignment, first_workout, prescription_id
):
    if prescription_id == "another workout's":
        week_2 = Workout.objects.get(week__program=assignment.program, week__number=2, day=1)
        prescription_id = week_2.prescriptions.get(order=1).pk
    data = {"prescription": prescription_id, "side": "both", "where": "", "kind": ""}
    response = athlete_client.post(f"/workouts/{first_workout.pk}/pain-stop/", data, follow=True)
    assert response.status_code == 200
    assert "Choose the exercise that hurt." in response.text
    assert not PainStop.objects.exists()
    assert not engine_changes().exists()
    assert not WorkoutLog.objects.exists()


@pytest.mark.parametrize(
    "data", [{"side": "middle"}, {"where": "ankle"}, {"kind": "stabbing"}, {"side": ""}]
)
def test_answers_outside_the_choices_record_nothing(athlete_client, first_workout, nordic, data):
    response = stop(athlete_client, first_workout, nordic, follow=True, **data)
    assert response.status_code == 200
    assert "Choose the exercise that hurt." in response.text
    assert not PainStop.objects.exists()
    assert not engine_changes().exists()


def test_the_workout_pages_ids_are_unique_with_a_stop_form_per_exercise(
    athlete_client, assignment, first_workout
):
    page = athlete_client.get(f"/workouts/{first_workout.pk}/").text
    assert page.count('<details class="pain-stop">') >= 2
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})

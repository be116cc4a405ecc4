from datetime import UTC, datetime

import pytest

from logbook.models import Flag, PainPause, SetLog, WorkoutLog
from programs.models import BandChange
from tests.logbook.conftest import set_data

pytestmark = pytest.mark.usefixtures("catalogue")
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def monday_16_november(time_machine):
    time_machine.move_to(datetime(2026, 11, 16, 18, tzinfo=UTC), tick=False)


def do_every_set(client, workout):
    for prescription in workout.prescriptions.all():
        for number in range(1, prescription.sets + 1):
            client.post(
                f"/workouts/{workout.pk}/sets/", set_data(prescription, number), headers=HTMX
            )


def finish(client, workout, **data):
    return client.post(f"/workouts/{workout.pk}/finish/", {"rpe": 7, "pain": 0, **data})


def test_finishing_stores_rpe_pain_and_notes_and_shows_the_summary(athlete_client, first_workout):
    do_every_set(athlete_client, first_workout)
    response = finish(athlete_client, first_workout, notes="Felt strong")
    log = WorkoutLog.objects.get()
    assert response["Location"] == f"/logs/{log.pk}/"
    assert (log.rpe, log.pain, log.notes, log.is_complete) == (7, 0, "Felt strong", True)
    summary = athlete_client.get(response["Location"])
    assert "Next time" in summary.text
    assert "Band-assisted Nordic curl: stay on the green band" in summary.text
    assert "1 of 3 good sessions on the green band so far" in summary.text


def test_three_good_sessions_and_the_days_on_the_band_move_it(
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
        do_every_set(athlete_client, workout)
        response = finish(athlete_client, workout)
    summary = athlete_client.get(response["Location"])
    assert "Next Band-assisted Nordic curl: purple band" in summary.text
    assert (
        "3 sessions in a row with every rep done and controlled to the end: "
        "next time use the purple band." in summary.text
    )
    assert BandChange.objects.filter(decided_by="engine").get().to_band.name == "Purple"
    today = athlete_client.get("/today/")
    assert "3 x 12/10/8 · Purple band" in today.text


def test_pain_pauses_the_nordic_and_warns(athlete_client, athlete, first_workout):
    do_every_set(athlete_client, first_workout)
    response = finish(athlete_client, first_workout, pain=6)
    summary = athlete_client.get(response["Location"])
    assert "You reported pain 6/10: Nordic and other eccentric work is paused until your " in (
        summary.text
    )
    assert "Stop loading the hamstring and check with your coach or physio" in summary.text
    assert "Band-assisted Nordic curl: paused until your coach clears it" in summary.text
    assert "You stopped for pain recently." in athlete_client.get("/today/").text
    pause = PainPause.objects.open().get(athlete=athlete)
    assert pause.reason == "You reported pain 6/10" and not pause.repeated
    assert Flag.objects.filter(kind="pain_pause", athlete=athlete).exists()
    assert not BandChange.objects.filter(decided_by="engine").exists()  # the band waits


def test_htmx_finishing_redirects_the_page(athlete_client, first_workout):
    do_every_set(athlete_client, first_workout)
    response = athlete_client.post(
        f"/workouts/{first_workout.pk}/finish/", {"rpe": 7, "pain": 0}, headers=HTMX
    )
    assert response["HX-Redirect"] == f"/logs/{WorkoutLog.objects.get().pk}/"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"rpe": 11}, "Select a valid choice. 11 is not one of the available choices."),
        ({"rpe": ""}, "Choose how hard the session felt."),
        ({"pain": -1}, "Select a valid choice. -1 is not one of the available choices."),
        ({"pain": ""}, "Choose 0 if nothing hurt."),
    ],
)
def test_bad_finish_input_is_refused(athlete_client, first_workout, data, message):
    do_every_set(athlete_client, first_workout)
    response = finish(athlete_client, first_workout, **data)
    assert response.status_code == 200
    assert message in response.text
    assert not WorkoutLog.objects.get().is_complete


def test_htmx_gets_only_the_form_back_with_its_message(athlete_client, first_workout):
    do_every_set(athlete_client, first_workout)
    response = athlete_client.post(
        f"/workouts/{first_workout.pk}/finish/", {"rpe": 11, "pain": 0}, headers=HTMX
    )
    assert response.text.lstrip().startswith('<form id="finish-form"')


def test_a_workout_without_sets_cannot_be_finished(athlete_client, first_workout):
    response = finish(athlete_client, first_workout)
    assert "Log at least one set before you finish." in response.text
    assert not WorkoutLog.objects.filter(completed_at__isnull=False).exists()


def test_someone_elses_workout_cannot_be_finished(client, athlete_client, outsider, first_workout):
    do_every_set(athlete_client, first_workout)
    client.force_login(outsider)
    assert finish(client, first_workout).status_code == 404
    assert not WorkoutLog.objects.get().is_complete


def test_sets_of_a_finished_workout_no_longer_change(athlete_client, first_workout):
    do_every_set(athlete_client, first_workout)
    finish(athlete_client, first_workout)
    set_log = SetLog.objects.first()
    assert athlete_client.post(f"/sets/{set_log.pk}/undo/").status_code == 404
    nordic = first_workout.prescriptions.get(order=1)
    response = athlete_client.post(
        f"/workouts/{first_workout.pk}/sets/", set_data(nordic, 4), headers=HTMX
    )
    assert "This workout is finished" in response.text
    assert SetLog.objects.count() == 5


def test_the_summary_is_the_athletes_own(client, athlete_client, outsider, coach, first_workout):
    do_every_set(athlete_client, first_workout)
    finish(athlete_client, first_workout)
    log = WorkoutLog.objects.get()
    client.force_login(outsider)
    assert client.get(f"/logs/{log.pk}/").status_code == 404


def test_the_summary_shows_the_coachs_comments(athlete_client, coach, first_workout):
    do_every_set(athlete_client, first_workout)
    finish(athlete_client, first_workout)
    log = WorkoutLog.objects.get()
    log.messages.create(athlete=log.athlete, author=coach, body="Great control on the way down.")
    response = athlete_client.get(f"/logs/{log.pk}/")
    assert "Great control on the way down." in response.text


def test_history_lists_the_athletes_workouts(athlete_client, first_workout, client, outsider):
    do_every_set(athlete_client, first_workout)
    finish(athlete_client, first_workout)
    response = athlete_client.get("/history/")
    assert response.status_code == 200
    assert "Session day 1" in response.text and "5 sets" in response.text
    client.force_login(outsider)
    assert "Session day 1" not in client.get("/history/").text
    assert client.logout() is None
    assert client.get("/history/").status_code == 302


def test_an_exercise_skipped_today_is_not_judged_again_on_an_older_session(
    athlete_client, first_workout, time_machine
):
    do_every_set(athlete_client, first_workout)
    finish(athlete_client, first_workout, pain=6)  # the Nordic is decided (paused), once
    time_machine.move_to(datetime(2026, 11, 19, 18, tzinfo=UTC), tick=False)
    second = first_workout.week.workouts.get(day=4)
    hold = second.prescriptions.get(exercise__slug="banded-isometric-leg-curl-hold")
    for number in (1, 2):  # only the hold today: the Nordic is paused, so not done
        athlete_client.post(f"/workouts/{second.pk}/sets/", set_data(hold, number), headers=HTMX)
    finish(athlete_client, second, pain=0)
    first, later = WorkoutLog.objects.order_by("performed_on")
    assert [item["exercise"] for item in first.outcome] == ["Band-assisted Nordic curl"]
    assert "Band-assisted Nordic curl" not in [item["exercise"] for item in later.outcome]

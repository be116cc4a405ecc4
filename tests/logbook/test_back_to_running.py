"""The last stage of return to play, back to running: a run has nothing to log set by set, so it
is finished with its effort and pain alone; and the athlete reports the Askling H-test from the
stage's card on /today/ (did they feel any insecurity?). The answer is a POST; the card comes
back with the gate read again, the coach sees it on the athlete page and signs the stage off."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.test import Client

from logbook.models import HTestReport, WorkoutLog
from logbook.stages import stage_record
from programs.models import StageOpening, Workout
from programs.return_to_play import stage_now
from tests.programs.stages import TODAY, assign_l_protocol, do_stage

HTMX = {"HTTP_HX_REQUEST": "true"}
QUESTION = "The H-test: did you feel any insecurity?"
NOT_REPORTED = "The H-test done with no insecurity reported (not reported yet)"


@pytest.fixture(autouse=True)
def monday_12_october(time_machine):
    time_machine.move_to(datetime(2026, 10, 12, 12, tzinfo=UTC), tick=False)


@pytest.fixture
def assignment(library, athlete, coach):
    return assign_l_protocol(athlete, coach)


def open_running(assignment, coach, on: date) -> None:
    """The coach's sign-offs of stages 1 to 3 as rows (the stage tests walk them)."""
    for number, opened_on in ((2, on - timedelta(days=14)), (3, on - timedelta(days=7)), (4, on)):
        StageOpening.objects.create(
            assignment=assignment,
            week=assignment.program.weeks.get(number=number),
            opened_on=opened_on,
            signed_off_by=coach,
        )


@pytest.fixture
def running(assignment, coach):
    """In the running stage since last Tuesday, three runs at pain 1 done."""
    open_running(assignment, coach, TODAY - timedelta(days=6))
    do_stage(assignment, 4, sessions=3, on=TODAY - timedelta(days=6))
    return assignment


@pytest.fixture
def phone(athlete) -> Client:
    phone = Client()
    phone.force_login(athlete)
    return phone


@pytest.fixture
def desk(coach) -> Client:
    desk = Client()
    desk.force_login(coach)
    return desk


def url(assignment) -> str:
    return f"/assignments/{assignment.pk}/h-test/"


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def run_on(assignment, day: int) -> Workout:
    return Workout.objects.get(week__program=assignment.program, week__number=4, day=day)


# A run


def test_a_run_is_finished_with_its_effort_and_pain_and_no_sets(phone, running):
    run = run_on(running, 1)
    page = phone.get(f"/workouts/{run.pk}/?n=2")
    assert page.status_code == 200
    assert "Run as your physio or coach sets it" in page.text and "Finish workout" in page.text

    response = phone.post(f"/workouts/{run.pk}/finish/?n=2", {"rpe": "5", "pain": "1"})

    log = WorkoutLog.objects.get(workout=run, occurrence=2)
    assert response["Location"] == f"/logs/{log.pk}/"
    assert (log.rpe, log.pain, log.is_complete, log.sets.count()) == (5, 1, True, 0)
    assert stage_record(running, stage_now(running)).pains == (1, 1, 1, 1)


def test_a_workout_with_sets_to_log_still_needs_one_before_the_finish(phone, assignment):
    extender = Workout.objects.filter(week__program=assignment.program, week__number=1).first()
    response = phone.post(f"/workouts/{extender.pk}/finish/", {"rpe": "5", "pain": "1"})
    assert "Log at least one set before you finish." in response.text
    assert not WorkoutLog.objects.filter(workout=extender, completed_at__isnull=False).exists()


# The H-test


def test_today_asks_the_h_test_question_in_the_running_stage(phone, running):
    text = phone.get("/today/").text
    assert "Stage 4 of 4: Back to running" in text
    assert QUESTION in text and f'action="{url(running)}"' in text
    assert NOT_REPORTED in text
    assert "Return to full training opens when:" in text
    assert not HTestReport.objects.exists()  # reading the page writes nothing


def test_an_earlier_stage_asks_no_h_test_question(phone, assignment):
    text = phone.get("/today/").text
    assert "Stage 1 of 4: The Extender" in text
    assert QUESTION not in text and "H-test" not in text


def test_no_insecurity_is_recorded_and_meets_the_criterion(phone, running):
    response = phone.post(url(running), {"insecure": "no"}, follow=True)

    assert response.redirect_chain == [(f"/today/#stage-{running.pk}", 302)]
    assert messages_of(response) == ["Noted: no insecurity. Your coach sees it on your stage."]
    report = HTestReport.objects.get()
    assert (report.athlete, report.assignment, report.insecure) == (
        running.athlete,
        running,
        False,
    )
    assert report.on_date == report.at.date()
    day = report.on_date
    assert (
        f"The H-test done with no insecurity reported (none on {day:%a} {day.day} {day:%b})"
        in response.text
    )


def test_htmx_gets_the_card_back_with_the_answer(phone, running):
    response = phone.post(url(running), {"insecure": "yes"}, **HTMX)

    assert response.status_code == 200
    text = response.text
    assert text.lstrip().startswith(f'<section class="card stage-card" id="stage-{running.pk}"')
    assert "<html" not in text
    assert (
        '<p class="notice" role="status">Noted: you felt some insecurity. Your coach sees it; '
        "the stage goes on.</p>"
    ) in text
    assert "(insecurity on " in text
    assert HTestReport.objects.get().insecure


def test_the_coach_sees_the_answer_and_can_sign_the_stage_off(phone, desk, athlete, running):
    phone.post(url(running), {"insecure": "no"})
    page = desk.get(f"/coach/athletes/{athlete.pk}/").text
    assert "The H-test done with no insecurity reported (none on " in page
    assert QUESTION not in page  # the athlete's to answer, not the coach's

    response = desk.post(f"/coach/assignments/{running.pk}/stage/sign-off/", follow=True)

    assert messages_of(response) == [
        "Back to running signed off: the return-to-play program is done."
    ]


def test_insecurity_keeps_the_sign_off_button_shut(phone, desk, athlete, running):
    phone.post(url(running), {"insecure": "yes"})
    response = desk.post(f"/coach/assignments/{running.pk}/stage/sign-off/", follow=True)
    [warning] = messages_of(response)
    assert warning.startswith("Not yet: The H-test done with no insecurity reported (insecurity")


@pytest.mark.parametrize("data", [{}, {"insecure": ""}, {"insecure": "maybe"}])
def test_a_missing_or_odd_answer_is_refused_by_the_question(phone, running, data):
    response = phone.post(url(running), data)
    assert response.status_code == 422
    assert '<small class="field-error" role="alert">Choose yes or no.</small>' in response.text
    assert response.text.index(QUESTION) < response.text.index("Choose yes or no.")
    assert not HTestReport.objects.exists()


def test_htmx_gets_the_card_with_the_error(phone, running):
    response = phone.post(url(running), {}, **HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section class="card stage-card"')
    assert "Choose yes or no." in response.text
    assert not HTestReport.objects.exists()


def test_a_stage_that_asks_for_no_h_test_refuses_the_answer(phone, assignment):
    response = phone.post(url(assignment), {"insecure": "no"}, follow=True)
    assert messages_of(response) == ["This stage does not ask for the H-test."]
    assert not HTestReport.objects.exists()


def test_another_athletes_stage_is_not_found(client, outsider, running):
    client.force_login(outsider)
    assert client.post(url(running), {"insecure": "no"}).status_code == 404
    assert not HTestReport.objects.exists()


def test_the_coach_cannot_answer_for_the_athlete(desk, running):
    assert desk.post(url(running), {"insecure": "no"}).status_code == 404
    assert not HTestReport.objects.exists()


def test_it_requires_login(client, running):
    response = client.post(url(running), {"insecure": "no"})
    assert response["Location"] == f"/accounts/login/?next={url(running)}"
    assert not HTestReport.objects.exists()


def test_it_is_a_post(phone, running):
    assert phone.get(url(running)).status_code == 405
    assert not HTestReport.objects.exists()


def test_the_question_waits_until_the_running_stage_opens(phone, assignment, coach):
    """Signed off for a later day: until then the card shows the stage without the question."""
    open_running(assignment, coach, TODAY + timedelta(days=1))
    text = phone.get("/today/").text
    assert "Stage 4 of 4: Back to running" in text and QUESTION not in text
    response = phone.post(url(assignment), {"insecure": "no"}, follow=True)
    assert messages_of(response) == [
        "Back to running starts on Tue 13 Oct: report the H-test from then."
    ]
    assert not HTestReport.objects.exists()

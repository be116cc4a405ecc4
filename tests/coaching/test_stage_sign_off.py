"""The coach signs off a return-to-play stage from the athlete's page: the card shows the stage
and what opens the next one, the button waits until the gate holds, and the sign-off opens the
next stage, tells the athlete in their thread and shows on their /today/."""

import re
from datetime import UTC, datetime

import pytest
from django.test import Client

from logbook.models import Message, MessageKind
from logbook.stages import h_test_report
from programs.assignments import program_assign
from programs.models import Assignment, AssignmentStatus, Program, StageOpening
from programs.return_to_play import stage_now
from tests.programs.stages import (
    TODAY,
    assign_l_protocol,
    do_session,
    do_stage,
    stage_workouts,
)

HTMX = {"HTTP_HX_REQUEST": "true"}
CRITERIA = (
    "10 sessions done in this stage (0 so far)",
    "Pain 2/10 or less in each of the last 3 sessions",
    "No exercise stopped for pain in the last 3 sessions",
)
SIGNED_OFF = "The Extender signed off: stage 2 (Add the Diver) starts today."


@pytest.fixture(autouse=True)
def monday_12_october(time_machine):
    time_machine.move_to(datetime(2026, 10, 12, 12, tzinfo=UTC), tick=False)


@pytest.fixture
def assignment(library, athlete, coach) -> Assignment:
    return assign_l_protocol(athlete, coach)


@pytest.fixture
def ready(assignment) -> Assignment:
    """Ten stage-1 sessions, every one at pain 2 or less."""
    do_stage(assignment, 1)
    return assignment


@pytest.fixture
def athlete_phone(athlete) -> Client:
    """The athlete's own browser, beside the coach's."""
    phone = Client()
    phone.force_login(athlete)
    return phone


def page_url(athlete) -> str:
    return f"/coach/athletes/{athlete.pk}/"


def sign_off_url(assignment) -> str:
    return f"/coach/assignments/{assignment.pk}/stage/sign-off/"


def sign_off_button(text: str) -> str:
    [button] = re.findall(r"<button[^>]*>Sign off stage \d</button>", text)
    return button


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# Before the gate holds


def test_the_athlete_page_shows_the_stage_and_its_criteria(coach_client, athlete, assignment):
    response = coach_client.get(page_url(athlete))
    assert response.status_code == 200
    card = response.text
    assert "Stage 1 of 4: The Extender" in card
    assert "stage 1 of 4" in card  # on the program line
    for criterion in CRITERIA:
        assert criterion in card
    assert "You sign it off" in card
    assert " disabled " in sign_off_button(card)
    assert "Open once every point above is met." in card


def test_a_sign_off_before_the_gate_holds_says_what_is_missing(coach_client, athlete, assignment):
    do_stage(assignment, 1, sessions=9)
    response = coach_client.post(sign_off_url(assignment), follow=True)
    assert response.redirect_chain == [(f"{page_url(athlete)}#assignment-{assignment.pk}", 302)]
    [warning] = messages_of(response)
    assert warning == "Not yet: 10 sessions done in this stage (9 so far)."
    assert not StageOpening.objects.exists()
    assert not Message.objects.filter(athlete=athlete).exists()
    assert " disabled " in sign_off_button(response.text)


def test_htmx_gets_the_card_back_with_the_warning(coach_client, assignment):
    do_stage(assignment, 1, sessions=10)
    do_session(assignment, stage_workouts(assignment, 1)[10], pain=3)
    response = coach_client.post(sign_off_url(assignment), **HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith(
        f'<article class="card assignment" id="assignment-{assignment.pk}"'
    )
    assert (
        '<p class="notice" role="status">Not yet: Pain 2/10 or less in each of the last 3 '
        "sessions (highest of them 3/10).</p>"
    ) in response.text
    assert not StageOpening.objects.exists()


# The gate holds


def test_the_button_is_enabled_once_the_gate_holds(coach_client, athlete, ready):
    text = coach_client.get(page_url(athlete)).text
    assert "disabled" not in sign_off_button(text)
    assert "10 sessions done in this stage (10 so far)" in text
    assert "Open once every point above is met." not in text


def test_signing_off_opens_stage_2_and_tells_the_athlete(
    coach_client, coach, athlete, athlete_phone, ready
):
    response = coach_client.post(sign_off_url(ready))

    assert response.status_code == 302
    assert response["Location"] == f"{page_url(athlete)}#assignment-{ready.pk}"
    opening = StageOpening.objects.get()
    assert (opening.assignment, opening.week.number, opening.opened_on) == (ready, 2, TODAY)
    assert opening.signed_off_by == coach
    notice = Message.objects.get(athlete=athlete)
    assert (notice.kind, notice.author, notice.body) == (MessageKind.NOTICE, coach, SIGNED_OFF)
    page = coach_client.get(response["Location"])
    assert messages_of(page) == [SIGNED_OFF]
    assert "Stage 2 of 4: Add the Diver" in page.text
    assert " disabled " in sign_off_button(page.text)  # stage 2 starts its own record
    today = athlete_phone.get("/today/").text
    assert "Stage 2 of 4: Add the Diver" in today
    assert "10 sessions done in this stage (0 so far)" in today
    assert "Extender and Diver, morning" in today


def test_htmx_signing_off_answers_with_the_card(coach_client, athlete, ready):
    response = coach_client.post(sign_off_url(ready), **HTMX)

    assert response.status_code == 200
    text = response.text
    assert text.lstrip().startswith(f'<article class="card assignment" id="assignment-{ready.pk}"')
    assert f'<p class="notice" role="status">{SIGNED_OFF}</p>' in text
    assert "Stage 2 of 4: Add the Diver" in text
    assert "Sign off stage 2" in text
    assert "<html" not in text
    assert StageOpening.objects.filter(assignment=ready, week__number=2).exists()
    assert Message.objects.filter(athlete=athlete, kind=MessageKind.NOTICE).count() == 1


def test_signing_off_the_last_stage_ends_the_program(coach_client, athlete, ready):
    coach_client.post(sign_off_url(ready))
    for number in (2, 3):
        do_stage(ready, number, on=TODAY)
        coach_client.post(sign_off_url(ready))
    running = stage_now(ready)
    assert (running.number, running.title) == (4, "Back to running")
    do_stage(ready, 4, sessions=3, on=running.opened_on)
    h_test_report(assignment=ready, insecure=False, today=running.opened_on)

    response = coach_client.post(sign_off_url(ready), follow=True)

    # The earlier sign-offs' messages were never shown (their redirects not followed).
    assert messages_of(response)[-1] == (
        "Back to running signed off: the return-to-play program is done."
    )
    ready.refresh_from_db()
    assert ready.status == AssignmentStatus.DONE
    assert Message.objects.filter(athlete=athlete, kind=MessageKind.NOTICE).count() == 4
    assert "Sign off stage" not in response.text


# Who may sign off, and how


def test_another_coach_gets_a_404(client, other_coach, ready):
    client.force_login(other_coach)
    assert client.post(sign_off_url(ready)).status_code == 404
    assert not StageOpening.objects.exists()


def test_the_athlete_cannot_sign_off_their_own_stage(athlete_phone, ready):
    assert athlete_phone.post(sign_off_url(ready)).status_code == 403
    assert not StageOpening.objects.exists()


def test_sign_off_requires_login(client, ready):
    response = client.post(sign_off_url(ready))
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={sign_off_url(ready)}"
    assert not StageOpening.objects.exists()


def test_sign_off_is_a_post(coach_client, ready):
    assert coach_client.get(sign_off_url(ready)).status_code == 405
    assert not StageOpening.objects.exists()


def test_a_program_without_stages_gets_a_warning(coach_client, coach, athlete, assignment):
    nordic = Program.objects.library().get(slug="band-assisted-nordic")
    plain = program_assign(template=nordic, athlete=athlete, start_date=TODAY, by=coach)
    response = coach_client.post(sign_off_url(plain), follow=True)
    assert response.status_code == 200
    assert messages_of(response) == ["There is no stage to sign off."]
    assert not StageOpening.objects.exists()
    htmx = coach_client.post(sign_off_url(plain), **HTMX)
    assert "There is no stage to sign off." in htmx.text


def test_an_ended_program_has_no_stage_to_sign_off(coach_client, ready):
    Assignment.objects.filter(pk=ready.pk).update(status=AssignmentStatus.CANCELLED)
    response = coach_client.post(sign_off_url(ready), follow=True)
    assert messages_of(response) == ["There is no stage to sign off."]
    assert not StageOpening.objects.exists()


# The athlete's side


def test_today_shows_the_stage_and_what_opens_the_next(athlete_phone, assignment):
    do_stage(assignment, 1, sessions=3)
    response = athlete_phone.get("/today/")
    assert response.status_code == 200
    text = response.text
    assert "Stage 1 of 4: The Extender" in text
    assert "since Mon 5 Oct. The next stage opens when:" in text
    assert "10 sessions done in this stage (3 so far)" in text
    assert "Pain 2/10 or less in each of the last 3 sessions (highest of them 1/10)" in text
    assert "Your coach signs it off" in text
    assert "Extender, morning" in text


def test_today_shows_no_stage_card_without_a_staged_program(athlete_phone, coach, athlete, library):
    nordic = Program.objects.library().get(slug="band-assisted-nordic")
    program_assign(template=nordic, athlete=athlete, start_date=TODAY, by=coach)
    text = athlete_phone.get("/today/").text
    assert "stage-card" not in text and "The next stage opens when" not in text

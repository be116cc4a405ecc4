"""A return-to-play stage signed off on a day the athlete already trained in it: the next stage
opens the day after, so that day holds no second pair of sessions, every page counts the same
sessions of the stage, and the board names the stage rather than a program week."""

import re
from datetime import UTC, date, datetime
from html import unescape

import pytest
from django.test import Client

from programs.models import StageOpening
from tests.programs.stages import START, assign_l_protocol, do_stage

FRIDAY = date(2026, 10, 9)  # the fifth day of stage 1: its morning and evening are done


@pytest.fixture(autouse=True)
def friday_evening(time_machine):
    time_machine.move_to(datetime(2026, 10, 9, 19, tzinfo=UTC), tick=False)


@pytest.fixture
def assignment(library, athlete, coach):
    """The L-protocol since Monday, both Extender sessions done every day through Friday."""
    assignment = assign_l_protocol(athlete, coach, start=START)
    logs = do_stage(assignment, 1, sessions=10, on=START)
    assert logs[-1].performed_on == logs[-2].performed_on == FRIDAY
    return assignment


@pytest.fixture
def athlete_phone(athlete) -> Client:
    phone = Client()
    phone.force_login(athlete)
    return phone


def text_of(response) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.text)))


def test_it_opens_the_next_stage_tomorrow_when_the_athlete_trained_in_it_today(
    coach_client, athlete, athlete_phone, assignment
):
    page = f"/coach/athletes/{athlete.pk}/"
    before = text_of(coach_client.get(page))
    assert "Schedule: 10 done" in before
    assert "10 sessions done in this stage (10 so far)" in before

    response = coach_client.post(f"/coach/assignments/{assignment.pk}/stage/sign-off/", follow=True)

    notice = "The Extender signed off: stage 2 (Add the Diver) starts tomorrow."
    assert notice in text_of(response)
    assert StageOpening.objects.get(assignment=assignment).opened_on == date(2026, 10, 10)
    after = text_of(coach_client.get(page))
    assert "Schedule: 10 done" in after  # Friday's two sessions stay stage 1's
    assert "Stage 2 of 4: Add the Diver" in after
    today = athlete_phone.get("/today/").text
    due_today, _, ahead = today.partition("<h2>Next up</h2>")
    assert "Nothing due today." in due_today
    assert "Extender and Diver, morning" not in due_today  # no third and fourth session today
    assert due_today.count("✓ Done") == 2
    assert "Extender and Diver, morning" in ahead
    assert "from Sat 10 Oct" in text_of(athlete_phone.get("/today/"))


def test_the_board_names_the_stage_of_a_stage_program(coach_client, assignment):
    row = text_of(coach_client.get("/coach/"))
    assert "Stage 1: The Extender · Return to play after a hamstring strain" in row
    assert "Week 1 ·" not in row


def test_a_session_logged_at_an_absurd_occurrence_before_the_bound_is_no_500(
    coach_client, athlete, athlete_phone, assignment
):
    """Before issue 24 a `?n=99999999` was logged; the stage's record reads its rows."""
    log = assignment.logs.order_by("pk").last()
    log.occurrence = 99_999_999
    log.save(update_fields=["occurrence"])
    page = coach_client.get(f"/coach/athletes/{athlete.pk}/")
    assert page.status_code == 200
    assert "The Extender" in text_of(page)
    assert athlete_phone.get("/today/").status_code == 200

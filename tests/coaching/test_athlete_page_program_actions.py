"""The athlete page's program actions: pause, resume (the schedule moves by the days paused)
and end; an action that does not apply changes nothing, htmx gets only the program's card."""

from datetime import date

import pytest

from tests.coaching.athletes import HTMX, START, TODAY, messages_of, page_url

pytestmark = pytest.mark.usefixtures("frozen_clock")


def action_url(assignment, action: str) -> str:
    return f"/coach/assignments/{assignment.pk}/{action}/"


# Pause, resume, end


def test_pause_then_resume_3_days_later_moves_the_schedule_3_days(
    coach_client, assignment, frozen_clock
):
    response = coach_client.post(action_url(assignment, "pause"))
    assert response.status_code == 302
    assert (
        response["Location"]
        == f"/coach/athletes/{assignment.athlete_id}/#assignment-{assignment.pk}"
    )
    assignment.refresh_from_db()
    assert (assignment.status, assignment.paused_on) == ("paused", TODAY)

    frozen_clock.shift(60 * 60 * 24 * 3)
    response = coach_client.post(action_url(assignment, "resume"), follow=True)
    assert "Resumed: the remaining workouts moved 3 days later." in messages_of(response)
    assignment.refresh_from_db()
    assert (assignment.status, assignment.paused_on) == ("active", None)
    assert assignment.start_date == date(2026, 10, 4)


def test_paused_workouts_are_on_hold_not_missed(coach_client, athlete, assignment, frozen_clock):
    coach_client.post(action_url(assignment, "pause"))
    frozen_clock.shift(60 * 60 * 24 * 5)
    response = coach_client.get(page_url(athlete))
    [panel] = response.context["assignments"]
    marks = {item.on: item.mark for week in panel.weeks for item in week.workouts}
    assert marks[date(2026, 10, 22)] == "on-hold"
    assert "paused since 20 Oct" in response.text


def test_end_sets_the_program_done(coach_client, assignment):
    response = coach_client.post(action_url(assignment, "end"), follow=True)
    assert "Ended: the program moved to the done list." in messages_of(response)
    assignment.refresh_from_db()
    assert assignment.status == "done"


def test_an_action_that_does_not_apply_changes_nothing(coach_client, assignment):
    response = coach_client.post(action_url(assignment, "resume"), follow=True)
    assert "Nothing to resume: this program is active." in messages_of(response)
    assignment.refresh_from_db()
    assert assignment.status == "active"
    assert assignment.start_date == START


def test_an_unknown_action_is_404(coach_client, assignment):
    assert coach_client.post(action_url(assignment, "explode")).status_code == 404
    assignment.refresh_from_db()
    assert assignment.status == "active"


def test_htmx_gets_only_the_assignment(coach_client, assignment):
    response = coach_client.post(action_url(assignment, "pause"), **HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith(
        f'<article class="card assignment" id="assignment-{assignment.pk}"'
    )
    assert "Paused: the remaining workouts wait until you resume." in response.text
    assert "Resume</button>" in response.text
    assert "<html" not in response.text
    assert "Recent workouts" not in response.text


def test_actions_require_login(client, assignment):
    response = client.post(action_url(assignment, "pause"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_actions_are_for_coaches(athlete_client, assignment):
    assert athlete_client.post(action_url(assignment, "pause")).status_code == 403
    assignment.refresh_from_db()
    assert assignment.status == "active"


def test_another_coachs_assignment_is_404(coach_client, theirs):
    assert coach_client.post(action_url(theirs, "end")).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "active"


def test_actions_are_posts(coach_client, assignment):
    assert coach_client.get(action_url(assignment, "pause")).status_code == 405

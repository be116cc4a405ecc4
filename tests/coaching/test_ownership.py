"""An athlete in two coaches' teams: each coach acts only on the programs they run (finding 7
of the hardening issue). The second coach's invite was accepted, so the athlete is theirs too,
but the first coach's assignment, its bands, its logs and its export stay the first coach's."""

import csv
import io
from datetime import UTC, datetime

import pytest
import time_machine

from accounts.models import Membership, Team
from logbook import services as logbook
from logbook.models import Message, WorkoutLog
from programs.models import BandChange
from tests.coaching.athletes import START, assign, log_workout, workouts_of


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(datetime(2026, 10, 20, 12, 0, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def shared_athlete(athlete, other_coach):
    """The athlete joins the other coach's team as well (through an accepted invite)."""
    team = Team.objects.create(coach=other_coach, name="Club")
    Membership.objects.create(team=team, athlete=athlete)
    return athlete


@pytest.fixture
def first_coachs(library, shared_athlete, coach):
    assignment = assign(shared_athlete, coach)
    log_workout(assignment, workouts_of(assignment)[0], on=START, notes="Mine")
    return assignment


def test_the_second_coach_cannot_pause_resume_or_end_it(client, first_coachs, other_coach):
    client.force_login(other_coach)
    for action in ("pause", "resume", "end"):
        response = client.post(f"/coach/assignments/{first_coachs.pk}/{action}/")
        assert response.status_code == 404, action
    first_coachs.refresh_from_db()
    assert first_coachs.status == "active"


def test_the_second_coach_cannot_move_its_bands(client, first_coachs, other_coach):
    track = first_coachs.tracks.get()
    client.force_login(other_coach)
    response = client.post(f"/coach/tracks/{track.pk}/band/", {"band": "none", "reason": "x"})
    assert response.status_code == 404
    assert not BandChange.objects.filter(track=track, decided_by="coach", action="set").exists()


def test_the_second_coach_cannot_comment_on_its_logs(client, first_coachs, other_coach):
    log = first_coachs.logs.get()
    client.force_login(other_coach)
    response = client.post(f"/coach/logs/{log.pk}/comments/", {"body": "Not yours"})
    assert response.status_code == 404
    assert not Message.objects.filter(kind="message").exists()


def test_the_second_coachs_page_and_export_leave_it_out(client, first_coachs, other_coach, coach):
    athlete = first_coachs.athlete
    client.force_login(other_coach)
    page = client.get(f"/coach/athletes/{athlete.pk}/")
    assert page.status_code == 200
    assert "Band-assisted Nordic" not in page.text
    assert "Mine" not in page.text
    rows = list(
        csv.reader(
            io.StringIO(client.get(f"/coach/athletes/{athlete.pk}/export.csv").getvalue().decode())
        )
    )
    assert len(rows) == 1  # the header only

    client.force_login(coach)  # the coach who runs it sees all of it
    assert "Band-assisted Nordic" in client.get(f"/coach/athletes/{athlete.pk}/").text
    rows = list(
        csv.reader(
            io.StringIO(client.get(f"/coach/athletes/{athlete.pk}/export.csv").getvalue().decode())
        )
    )
    assert len(rows) > 1


def test_each_coachs_athlete_page_shows_its_own_logs_and_pain_stops_and_the_free_session(
    client, first_coachs, other_coach, coach
):
    """The page reads the athlete's logs through the assignments it already holds: the first
    coach's log and its pain stop stay theirs; a free session is every coach's."""
    athlete, log = first_coachs.athlete, first_coachs.logs.get()
    nordic = log.workout.prescriptions.get(order=1).exercise
    logbook.pain_stop_record(
        workout_log=log, exercise=nordic, side="left", where="high", kind="sharp"
    )
    free = WorkoutLog.objects.create(
        athlete=athlete, performed_on=START, started_at=datetime(2026, 10, 1, 18, tzinfo=UTC)
    )
    logbook.workout_finish(workout_log=free, rpe=5, pain=0, notes="Extra on my own")

    client.force_login(other_coach)
    page = client.get(f"/coach/athletes/{athlete.pk}/")
    assert [panel.log for panel in page.context["logs"]] == [free]
    assert list(page.context["pain_stops"]) == []
    assert 'id="pain-stops"' not in page.text
    assert "Extra on my own" in page.text and "Mine" not in page.text

    client.force_login(coach)
    page = client.get(f"/coach/athletes/{athlete.pk}/")
    assert {panel.log for panel in page.context["logs"]} == {log, free}
    assert [stop.workout_log for stop in page.context["pain_stops"]] == [log]
    assert 'id="pain-stops"' in page.text

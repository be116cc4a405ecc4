"""The coach's switch for the start-band finder on the athlete page's band-assisted Nordic card:
on by default, off per assignment, left alone once the band is found."""

from datetime import UTC, datetime

import pytest

from catalogue.models import Band, Exercise
from programs import services
from programs.models import Assignment, StartBandFinder
from tests.coaching.athletes import assign, log_workout, workouts_of

HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def frozen_clock(time_machine):
    time_machine.move_to(datetime(2026, 10, 20, 12, 0, tzinfo=UTC), tick=False)


@pytest.fixture
def assignment(library, athlete, coach) -> Assignment:
    return assign(athlete, coach)


@pytest.fixture
def track(assignment):
    return assignment.tracks.get()


def switch(client, track, on: str, **kwargs):
    return client.post(f"/coach/tracks/{track.pk}/start-band/", {"on": on}, **kwargs)


def state() -> str:
    return Assignment.objects.get().start_band_finder


def test_the_nordic_card_shows_the_switch_on(coach_client, athlete, track):
    text = coach_client.get(f"/coach/athletes/{athlete.pk}/").text
    assert "Find the start band in session 1: <strong>on</strong>" in text
    assert f'action="/coach/tracks/{track.pk}/start-band/"' in text


def test_the_coach_switches_it_off_and_on(coach_client, athlete, track):
    response = switch(coach_client, track, "0")
    assert response.status_code == 302
    assert response["Location"] == f"/coach/athletes/{athlete.pk}/#track-{track.pk}"
    assert state() == StartBandFinder.OFF
    response = switch(coach_client, track, "1", headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<article class="card track" id="track-{track.pk}"')
    assert "Switched on: they find their start band in session 1." in response.text
    assert "Switch off</button>" in response.text
    assert state() == StartBandFinder.ON


def test_bad_input_gets_a_message_and_changes_nothing(coach_client, track):
    response = switch(coach_client, track, "maybe", headers=HTMX)
    assert "Choose on or off." in response.text
    assert state() == StartBandFinder.ON


def test_a_found_band_stays_found(coach_client, athlete, track):
    Assignment.objects.update(start_band_finder=StartBandFinder.FOUND)
    assert (
        "Start band found in session 1" in coach_client.get(f"/coach/athletes/{athlete.pk}/").text
    )
    response = switch(coach_client, track, "0", headers=HTMX)
    assert "The start band is found already" in response.text
    assert state() == StartBandFinder.FOUND


def test_nothing_is_left_to_find_once_nordic_sets_are_logged(coach_client, assignment, track):
    switch(coach_client, track, "0")
    log_workout(assignment, workouts_of(assignment)[0])
    response = switch(coach_client, track, "1", headers=HTMX)
    assert "Nothing left to find" in response.text
    assert state() == StartBandFinder.OFF


def test_another_coachs_track_is_404_and_an_athlete_is_403(
    client, coach_client, track, other_coach, athlete
):
    client.force_login(other_coach)
    assert switch(client, track, "0").status_code == 404
    client.force_login(athlete)
    assert switch(client, track, "0").status_code == 403
    assert state() == StartBandFinder.ON


def test_a_track_of_another_exercise_has_no_switch(coach_client, assignment):
    rdl = Exercise.objects.get(slug="band-resisted-romanian-deadlift")
    services.band_rule_set(
        program=assignment.program, exercise=rdl, start_band=Band.objects.get(name="Red")
    )
    rdl_track = assignment.tracks.get(exercise=rdl)
    assert switch(coach_client, rdl_track, "0").status_code == 404
    text = coach_client.get(f"/coach/athletes/{assignment.athlete_id}/").text
    assert text.count("Find the start band in session 1") == 1  # the Nordic card only

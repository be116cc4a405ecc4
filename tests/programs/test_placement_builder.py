"""Placing a workout relative to match day in the builder: MD-6 to MD-1, MD+1 to MD+6, or on
its day of the week; the builder shows the placement beside the day."""

import re

import pytest

from programs.models import Workout
from tests.programs.builder import HTMX, WORKOUT, build_program, error_next_to, first

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture
def program(coach, catalogue):
    return build_program(coach)


def edit_url(program, workout) -> str:
    return f"/programs/{program.pk}/workouts/{workout.pk}/"


def test_the_workout_form_offers_every_placement(coach_client, program):
    workout = first(program, "workout")
    response = coach_client.get(edit_url(program, workout))
    assert '<label for="id_match_day">Placement</label>' in response.text
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', response.text)
    placements = [(value, label) for value, label in options if label.startswith(("MD", "On"))]
    assert placements[0] == ("", "On its day of the week")
    assert ("-4", "MD-4: four days before a match") in placements
    assert ("-1", "MD-1: the day before a match") in placements
    assert ("2", "MD+2: two days after a match") in placements
    assert [value for value, _ in placements[1:]] == [str(n) for n in [*range(-6, 0), *range(1, 7)]]
    assert "in a week without a match it stays on its day" in response.text


def test_a_coach_places_a_workout_at_md_minus_4(coach_client, program):
    workout = first(program, "workout")
    response = coach_client.post(edit_url(program, workout), {**WORKOUT, "match_day": "-4"})
    assert response.status_code == 302
    workout.refresh_from_db()
    assert (workout.match_day, workout.placement, workout.day) == (-4, "MD-4", 3)
    builder = coach_client.get(f"/programs/{program.pk}/edit/")
    assert re.search(r"Day 3 <span[^>]*>MD-4</span> · Second session", builder.text)


def test_the_week_card_htmx_gets_back_shows_the_placement(coach_client, program):
    workout = first(program, "workout")
    response = coach_client.post(
        edit_url(program, workout), {**WORKOUT, "match_day": "2"}, headers=HTMX
    )
    assert response.text.lstrip().startswith('<section class="card week"')
    assert re.search(r"Day 3 <span[^>]*>MD\+2</span> · Second session", response.text)


def test_a_placed_workout_goes_back_on_its_day(coach_client, program):
    workout = first(program, "workout")
    Workout.objects.filter(pk=workout.pk).update(match_day=-1)
    coach_client.post(edit_url(program, workout), {**WORKOUT, "match_day": ""})
    workout.refresh_from_db()
    assert workout.match_day is None
    builder = coach_client.get(f"/programs/{program.pk}/edit/").text
    assert "Day 3 · Second session" in builder
    assert "MD-1" not in builder


def test_a_new_workout_can_be_placed_too(coach_client, program):
    week = first(program, "week")
    coach_client.post(
        f"/programs/{program.pk}/weeks/{week.pk}/workouts/add/", {**WORKOUT, "match_day": "1"}
    )
    assert week.workouts.get(title="Second session").match_day == 1


@pytest.mark.parametrize("value", ["0", "9", "-7", "MD-4", "1.5"])
def test_a_placement_off_the_list_is_refused_next_to_the_field(coach_client, program, value):
    workout = first(program, "workout")
    response = coach_client.post(edit_url(program, workout), {**WORKOUT, "match_day": value})
    assert response.status_code == 200
    assert "Choose a placement from the list" in error_next_to(response, "match_day")
    workout.refresh_from_db()
    assert (workout.match_day, workout.day, workout.title) == (None, 1, "Session 1")


def test_another_coachs_workout_cannot_be_placed(coach_client, other_coach, catalogue):
    theirs = build_program(other_coach, title="Theirs")
    workout = first(theirs, "workout")
    response = coach_client.post(edit_url(theirs, workout), {**WORKOUT, "match_day": "-4"})
    assert response.status_code == 404
    workout.refresh_from_db()
    assert workout.match_day is None

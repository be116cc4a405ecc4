"""Weeks and workouts in the builder: adding, editing, deleting, moving and duplicating weeks
(one band on, at most 52), and a week's workouts with their day and title."""

import pytest

from programs import services
from programs.models import Prescription, Workout
from tests.programs.builder import (
    CURL_HOLD,
    HTMX,
    NORDIC,
    PRONE_CURL,
    WORKOUT,
    band,
    build_program,
    error_next_to,
    fill_weeks,
    first,
    snapshot,
    structure,
    week_numbers,
)

pytestmark = pytest.mark.usefixtures("catalogue")


# Weeks


def test_adding_a_week_appends_it(coach_client, program):
    response = coach_client.post(f"/programs/{program.pk}/weeks/add/", headers=HTMX)
    assert [number for number, _ in week_numbers(program)] == [1, 2, 3]
    assert "Week 3" in response.text


def test_a_program_has_at_most_52_weeks(coach_client, program):
    fill_weeks(program)
    response = coach_client.post(f"/programs/{program.pk}/weeks/add/", headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="week-list">')
    assert "A program has at most 52 weeks." in response.text
    assert program.weeks.count() == 52


def test_editing_a_week_saves_its_focus_and_deload(coach_client, program):
    week = first(program, "week")
    response = coach_client.post(
        f"/programs/{program.pk}/weeks/{week.pk}/",
        {"focus": "Lighter", "is_deload": "on"},
        headers=HTMX,
    )
    week.refresh_from_db()
    assert (week.focus, week.is_deload) == ("Lighter", True)
    assert "Deload" in response.text


def test_a_week_focus_has_at_most_120_characters(coach_client, program):
    week, before = first(program, "week"), snapshot(program)
    response = coach_client.post(f"/programs/{program.pk}/weeks/{week.pk}/", {"focus": "x" * 121})
    assert response.status_code == 200
    assert "at most 120 characters" in error_next_to(response, "focus")
    assert snapshot(program) == before


def test_deleting_a_week_renumbers_the_rest(coach_client, coach):
    program = build_program(coach, weeks=4)
    for number in (1, 2, 3, 4):
        program.weeks.filter(number=number).update(focus=f"Focus {number}")
    second = program.weeks.get(number=2)
    coach_client.post(f"/programs/{program.pk}/weeks/{second.pk}/delete/")
    assert week_numbers(program) == [(1, "Focus 1"), (2, "Focus 3"), (3, "Focus 4")]
    assert not Workout.objects.filter(week_id=second.pk).exists()


@pytest.mark.parametrize(
    "number, direction, expected",
    [
        (1, "down", ["B", "A", "C"]),
        (3, "up", ["A", "C", "B"]),
        (1, "up", ["A", "B", "C"]),  # already first
        (3, "down", ["A", "B", "C"]),  # already last
    ],
)
def test_moving_a_week_swaps_it_with_its_neighbour(
    coach_client, coach, number, direction, expected
):
    program = build_program(coach, weeks=3)
    for focus, week in zip("ABC", program.weeks.all(), strict=True):
        services.week_update(week=week, focus=focus, is_deload=False)
    week = program.weeks.get(number=number)
    coach_client.post(f"/programs/{program.pk}/weeks/{week.pk}/move/", {"direction": direction})
    assert week_numbers(program) == list(zip([1, 2, 3], expected, strict=True))


def test_a_week_moves_only_up_or_down(coach_client, program):
    week, before = first(program, "week"), snapshot(program)
    response = coach_client.post(
        f"/programs/{program.pk}/weeks/{week.pk}/move/", {"direction": "sideways"}, headers=HTMX
    )
    assert response.status_code == 200
    assert "Move a week up or down." in response.text
    assert snapshot(program) == before


def test_duplicating_a_week_inserts_the_copy_right_after_it(coach_client, coach):
    program = build_program(coach, weeks=3)
    for focus, week in zip("ABC", program.weeks.all(), strict=True):
        services.week_update(week=week, focus=focus, is_deload=focus == "B")
    second = program.weeks.get(number=2)
    coach_client.post(f"/programs/{program.pk}/weeks/{second.pk}/duplicate/")
    assert week_numbers(program) == [(1, "A"), (2, "B"), (3, "B"), (4, "C")]
    weeks = structure(program)[:4]
    assert weeks[2][1:] == weeks[1][1:]  # the same focus, deload, workouts and prescriptions
    assert program.weeks.get(number=3).is_deload


def test_duplicating_one_band_on_makes_each_banded_exercise_one_step_harder(coach_client, program):
    week = first(program, "week")
    coach_client.post(f"/programs/{program.pk}/weeks/{week.pk}/duplicate/", {"band_step": "1"})

    def bands(number: int) -> dict:
        return dict(
            Prescription.objects.filter(
                workout__week__program=program, workout__week__number=number
            ).values_list("exercise__slug", "band__name")
        )

    # The Nordic is assisted: a thinner band helps less. The curl is resisted: thicker.
    assert bands(2) == {NORDIC: "Purple", PRONE_CURL: "Purple", CURL_HOLD: None}
    assert bands(1) == {NORDIC: "Green", PRONE_CURL: "Black", CURL_HOLD: None}
    assert bands(3) == bands(1)  # the old week 2, moved on


def test_duplicating_one_band_on_keeps_bands_at_the_end_of_the_ladder(coach_client, program):
    week = first(program, "week")
    Prescription.objects.filter(exercise__slug=NORDIC).update(band=band("Red"))
    Prescription.objects.filter(exercise__slug=PRONE_CURL).update(band=band("Blue"))
    coach_client.post(f"/programs/{program.pk}/weeks/{week.pk}/duplicate/", {"band_step": "1"})
    copied = Prescription.objects.filter(workout__week__program=program, workout__week__number=2)
    assert dict(copied.values_list("exercise__slug", "band__name")) == {
        NORDIC: "Red",  # going unassisted is the athlete's step to earn
        PRONE_CURL: "Blue",
        CURL_HOLD: None,
    }


def test_a_full_program_cannot_duplicate_a_week(coach_client, program):
    fill_weeks(program)
    week, before = first(program, "week"), snapshot(program)
    response = coach_client.post(f"/programs/{program.pk}/weeks/{week.pk}/duplicate/", headers=HTMX)
    assert "A program has at most 52 weeks." in response.text
    assert snapshot(program) == before


@pytest.mark.parametrize(
    "action, data, message",
    [
        ("add", {}, "A program has at most 52 weeks."),
        ("duplicate", {}, "A program has at most 52 weeks."),
        ("move", {"direction": "sideways"}, "Move a week up or down."),
    ],
)
def test_without_htmx_a_refused_week_action_still_says_why(
    coach_client, program, action, data, message
):
    fill_weeks(program)
    week = first(program, "week")
    url = {
        "add": f"/programs/{program.pk}/weeks/add/",
        "duplicate": f"/programs/{program.pk}/weeks/{week.pk}/duplicate/",
        "move": f"/programs/{program.pk}/weeks/{week.pk}/move/",
    }[action]
    response = coach_client.post(url, data, follow=True)
    assert message in response.text


def test_the_week_card_reloads_one_week(coach_client, program):
    week = first(program, "week")
    url = f"/programs/{program.pk}/weeks/{week.pk}/card/"
    assert coach_client.get(url)["Location"] == f"/programs/{program.pk}/edit/#week-{week.pk}"
    response = coach_client.get(url, headers=HTMX)
    assert "Week 1" in response.text
    assert "Week 2" not in response.text


# Workouts


def test_adding_a_workout_puts_it_in_the_week(coach_client, program):
    week = first(program, "week")
    response = coach_client.post(
        f"/programs/{program.pk}/weeks/{week.pk}/workouts/add/", WORKOUT, headers=HTMX
    )
    assert list(week.workouts.values_list("day", "title", "notes")) == [
        (1, "Session 1", ""),
        (3, "Second session", "After training."),
    ]
    assert "Day 3 · Second session" in response.text


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"day": 8}, "day", "Ensure this value is less than or equal to 7."),
        ({"day": 0}, "day", "Ensure this value is greater than or equal to 1."),
        ({"title": ""}, "title", "This field is required."),
    ],
)
def test_a_workout_needs_a_day_from_1_to_7_and_a_title(
    coach_client, program, fields, field, message
):
    week, before = first(program, "week"), snapshot(program)
    response = coach_client.post(
        f"/programs/{program.pk}/weeks/{week.pk}/workouts/add/", {**WORKOUT, **fields}
    )
    assert response.status_code == 200
    assert message in error_next_to(response, field)
    assert snapshot(program) == before


def test_editing_a_workout_saves_it(coach_client, program):
    workout = first(program, "workout")
    coach_client.post(f"/programs/{program.pk}/workouts/{workout.pk}/", WORKOUT)
    workout.refresh_from_db()
    assert (workout.day, workout.title, workout.notes) == (3, "Second session", "After training.")


def test_editing_a_workout_to_day_8_keeps_it_as_it_was(coach_client, program):
    workout, before = first(program, "workout"), snapshot(program)
    response = coach_client.post(
        f"/programs/{program.pk}/workouts/{workout.pk}/", {**WORKOUT, "day": 8}
    )
    assert "less than or equal to 7" in error_next_to(response, "day")
    assert snapshot(program) == before


def test_deleting_a_workout_removes_its_prescriptions(coach_client, program):
    workout = first(program, "workout")
    coach_client.post(f"/programs/{program.pk}/workouts/{workout.pk}/delete/")
    assert not Workout.objects.filter(pk=workout.pk).exists()
    assert not Prescription.objects.filter(workout_id=workout.pk).exists()
    assert Workout.objects.filter(week__program=program).count() == 1

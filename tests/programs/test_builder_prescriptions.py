"""The exercises of a workout in the builder: the target read as coaches write it (12/10/8,
8-10, 45 s), bad input refused next to its field, editing, removing and reordering."""

import pytest

from programs.models import Prescription
from tests.programs.builder import (
    CURL_HOLD,
    HTMX,
    NORDIC,
    PRESCRIPTION,
    PRONE_CURL,
    error_next_to,
    first,
    form_data,
    rows,
    snapshot,
)

pytestmark = pytest.mark.usefixtures("catalogue")


# Prescriptions


@pytest.mark.parametrize(
    "slug, sets, target, stored",
    [
        (PRONE_CURL, 3, "12/10/8", ([12, 10, 8], None, None, None)),
        (PRONE_CURL, 3, "8-10", ([], 8, 10, None)),
        (PRONE_CURL, 3, "8 - 10", ([], 8, 10, None)),
        (PRONE_CURL, 2, "25", ([], 25, None, None)),
        (PRONE_CURL, 2, "10-10", ([], 10, None, None)),
        (CURL_HOLD, 2, "45 s", ([], None, None, 45)),
        (CURL_HOLD, 2, "60 seconds", ([], None, None, 60)),
    ],
)
def test_adding_an_exercise_reads_the_target_as_coaches_write_it(
    coach_client, program, slug, sets, target, stored
):
    workout = first(program, "workout")
    data = {**PRESCRIPTION, "exercise": slug, "sets": sets, "target": target}
    response = coach_client.post(
        f"/programs/{program.pk}/workouts/{workout.pk}/prescriptions/add/", form_data(data)
    )
    assert response.status_code == 302
    added = workout.prescriptions.get(order=4)
    assert (added.set_reps, added.reps_min, added.reps_max, added.seconds) == stored
    assert (added.exercise.slug, added.sets, added.band.name) == (slug, sets, "Black")


def test_an_added_exercise_goes_last_and_shows_in_notation(coach_client, program):
    workout = first(program, "workout")
    data = {
        **PRESCRIPTION,
        "target": "12/10/8",
        "tempo": "3-0-1",
        "rpe_target": 8,
        "per_side": "on",
    }
    response = coach_client.post(
        f"/programs/{program.pk}/workouts/{workout.pk}/prescriptions/add/",
        form_data(data),
        headers=HTMX,
    )
    assert rows(workout) == [(1, NORDIC), (2, PRONE_CURL), (3, CURL_HOLD), (4, PRONE_CURL)]
    assert "3 x 12/10/8 per side @ RPE 8, tempo 3-0-1, black band, resist" in response.text


BAD_PRESCRIPTIONS = [
    ({"sets": 0}, "sets", "Ensure this value is greater than or equal to 1."),
    ({"sets": 21}, "sets", "Ensure this value is less than or equal to 20."),
    ({"sets": 3, "target": "12/10"}, "target", "2 per-set targets for 3 sets: give one per set."),
    ({"target": "abc"}, "target", "Could not read “abc”."),
    ({"target": ""}, "target", "This field is required."),
    ({"target": "600"}, "target", "A set can have at most 500 reps."),
    ({"target": "8-600"}, "target", "A set can have at most 500 reps."),
    ({"target": "12/600/8"}, "target", "A set can have at most 500 reps."),
    ({"target": "10-8"}, "target", "Write the range low to high, such as 8-10."),
    ({"exercise": CURL_HOLD, "target": "4000 s"}, "target", "at most 3600 seconds."),
    ({"target": "45 s"}, "target", "This exercise is counted in reps, not seconds."),
    ({"exercise": CURL_HOLD, "target": "30"}, "target", "This exercise is a hold: give seconds"),
    ({"tempo": "fast"}, "tempo", "Write tempo as three or four digits"),
    ({"rpe_target": 11}, "rpe_target", "Ensure this value is less than or equal to 10."),
    ({"rest_seconds": 3601}, "rest_seconds", "Ensure this value is less than or equal to 3600."),
    ({"exercise": "999999"}, "exercise", "Select a valid choice."),
    ({"band": "999999"}, "band", "Select a valid choice."),
]


@pytest.mark.parametrize(
    "fields, field, message", [pytest.param(*case, id=str(case[0])) for case in BAD_PRESCRIPTIONS]
)
def test_adding_an_exercise_with_bad_input_says_why_and_saves_nothing(
    coach_client, program, fields, field, message
):
    workout, before = first(program, "workout"), snapshot(program)
    response = coach_client.post(
        f"/programs/{program.pk}/workouts/{workout.pk}/prescriptions/add/",
        form_data({**PRESCRIPTION, **fields}),
    )
    assert response.status_code == 200
    assert message in error_next_to(response, field)
    assert snapshot(program) == before


def test_the_edit_form_shows_the_target_as_written(coach_client, program):
    prescription = first(program, "prescription")
    response = coach_client.get(
        f"/programs/{program.pk}/prescriptions/{prescription.pk}/", headers=HTMX
    )
    assert 'value="12/10/8"' in response.text


def test_editing_a_prescription_can_change_the_kind_of_target(coach_client, program):
    prescription = first(program, "prescription")  # the Nordic, 3 x 12/10/8 on Green
    data = {**PRESCRIPTION, "exercise": NORDIC, "sets": 4, "target": "6-8", "band": "Purple"}
    coach_client.post(f"/programs/{program.pk}/prescriptions/{prescription.pk}/", form_data(data))
    prescription.refresh_from_db()
    assert prescription.notation() == "4 x 6-8, purple band, assist"
    assert (prescription.set_reps, prescription.order) == ([], 1)


def test_editing_a_prescription_with_bad_input_keeps_it_as_it_was(coach_client, program):
    prescription, before = first(program, "prescription"), snapshot(program)
    data = {**PRESCRIPTION, "exercise": NORDIC, "sets": 4, "target": "12/10/8"}
    response = coach_client.post(
        f"/programs/{program.pk}/prescriptions/{prescription.pk}/", form_data(data)
    )
    assert "3 per-set targets for 4 sets" in error_next_to(response, "target")
    assert snapshot(program) == before


def test_removing_an_exercise_deletes_only_it(coach_client, program):
    workout = first(program, "workout")
    curl = workout.prescriptions.get(exercise__slug=PRONE_CURL)
    coach_client.post(f"/programs/{program.pk}/prescriptions/{curl.pk}/delete/")
    assert rows(workout) == [(1, NORDIC), (3, CURL_HOLD)]
    assert Prescription.objects.filter(workout__week__program=program).count() == 5


@pytest.mark.parametrize(
    "slug, direction, expected",
    [
        (CURL_HOLD, "up", [NORDIC, CURL_HOLD, PRONE_CURL]),
        (NORDIC, "down", [PRONE_CURL, NORDIC, CURL_HOLD]),
        (NORDIC, "up", [NORDIC, PRONE_CURL, CURL_HOLD]),  # already first
        (CURL_HOLD, "down", [NORDIC, PRONE_CURL, CURL_HOLD]),  # already last
        (PRONE_CURL, "sideways", [NORDIC, PRONE_CURL, CURL_HOLD]),  # ignored
    ],
)
def test_moving_an_exercise_reorders_the_workout(coach_client, program, slug, direction, expected):
    workout = first(program, "workout")
    moved = workout.prescriptions.get(exercise__slug=slug)
    coach_client.post(
        f"/programs/{program.pk}/prescriptions/{moved.pk}/move/", {"direction": direction}
    )
    assert rows(workout) == list(enumerate(expected, start=1))


def test_moving_an_exercise_numbers_the_workout_1_to_n_again(coach_client, program):
    workout = first(program, "workout")
    workout.prescriptions.filter(exercise__slug=PRONE_CURL).delete()  # leaves orders 1 and 3
    hold = workout.prescriptions.get(exercise__slug=CURL_HOLD)
    coach_client.post(f"/programs/{program.pk}/prescriptions/{hold.pk}/move/", {"direction": "up"})
    assert rows(workout) == [(1, CURL_HOLD), (2, NORDIC)]

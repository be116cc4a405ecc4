"""Ids are parsed once, strictly (finding 6 of the hardening issue): "²" passed
str.isdigit() and then failed in int(), answering 500."""

import pytest

from tests.logbook.conftest import set_data
from web.params import parse_id

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        ("²", None),
        ("٣", None),
        ("1\x00", None),
        ("-1", None),
        ("", None),
        (None, None),
        ("9" * 19, None),
        (" 3", None),
    ],
)
def test_parse_id_takes_ascii_digits_only(value, expected):
    assert parse_id(value) == expected


def test_a_superscript_extra_set_is_ignored(athlete_client, first_workout):
    response = athlete_client.get(f"/workouts/{first_workout.pk}/?extra=²")
    assert response.status_code == 200


def test_a_superscript_prescription_is_refused_in_place(athlete_client, first_workout):
    data = {**set_data(first_workout.prescriptions.first()), "prescription": "²"}
    response = athlete_client.post(f"/workouts/{first_workout.pk}/sets/", data)
    assert response.status_code == 200
    assert "This exercise is not part of this workout." in response.text


def test_a_superscript_exercise_opens_a_new_band_rule(coach_client, assignment):
    response = coach_client.get(f"/programs/{assignment.program_id}/rules/?exercise=²")
    assert response.status_code == 200
    assert "Band rule" in response.text

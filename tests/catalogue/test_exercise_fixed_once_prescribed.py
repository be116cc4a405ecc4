"""Issue 24, point 4: an exercise's slug, pattern and band role are fixed once anything plans or
records it. Flipping an assisted Nordic to "resist" while athletes use it made a pain stop move
them to a thinner band (less help); a new slug broke every exported program naming it."""

import uuid
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict

from catalogue import seed
from catalogue.models import Band, Exercise
from catalogue.services import exercise_save, load_catalogue
from logbook import free_sessions
from programs import services
from programs.models import BandRule, Prescription, Workout

pytestmark = pytest.mark.usefixtures("catalogue")
NORDIC = "band-assisted-nordic-curl"
FIXED = "fixed: programs or logged sets use this exercise"


def prescribe(exercise: Exercise, coach) -> Prescription:
    program = services.program_create(owner=coach, title="Block")
    week = services.week_add(program=program)
    workout = Workout.objects.create(week=week, day=1, title="Day 1")
    return Prescription.objects.create(workout=workout, exercise=exercise, sets=3, reps_min=6)


def change_form(exercise: Exercise, **changes) -> dict:
    """The admin's change form as staff would post it, with `changes`."""
    data = model_to_dict(exercise, exclude=["id", "progressions", "seeded"])
    data = {name: value for name, value in data.items() if value not in (False, None)}
    data["is_published"] = "on" if exercise.is_published else ""
    return {**data, **changes}


def test_the_admin_shows_slug_pattern_and_band_role_read_only_once_prescribed(client, staff, coach):
    nordic = Exercise.objects.get(slug=NORDIC)
    prescribe(nordic, coach)
    client.force_login(staff)
    page = client.get(f"/admin/catalogue/exercise/{nordic.pk}/change/").text
    for field in ("slug", "pattern", "band_role"):
        assert f'name="{field}"' not in page, field
    assert "Assist" in page and NORDIC in page
    assert FIXED in page
    assert 'name="anchor"' in page  # the rest stays editable


def test_a_flip_posted_to_the_admin_changes_nothing_fixed(client, staff, coach):
    nordic = Exercise.objects.get(slug=NORDIC)
    prescribe(nordic, coach)
    client.force_login(staff)
    response = client.post(
        f"/admin/catalogue/exercise/{nordic.pk}/change/",
        change_form(
            nordic, band_role="resist", pattern="hip_hinge", slug="renamed", summary="Reworded."
        ),
    )
    assert response.status_code == 302
    nordic.refresh_from_db()
    assert (nordic.slug, nordic.pattern, nordic.band_role) == (NORDIC, "eccentric", "assist")
    assert nordic.summary == "Reworded."


def test_an_exercise_nothing_uses_stays_editable(client, staff):
    spare = Exercise.objects.create(
        name="Spare",
        slug="spare",
        summary="s",
        setup="s",
        cues="c",
        pattern="bridge",
        band_role="resist",
        anchor="none",
    )
    client.force_login(staff)
    page = client.get(f"/admin/catalogue/exercise/{spare.pk}/change/").text
    assert 'name="band_role"' in page and 'name="slug"' in page
    assert FIXED not in page
    response = client.post(
        f"/admin/catalogue/exercise/{spare.pk}/change/",
        change_form(spare, band_role="assist", slug="spare-2"),
    )
    assert response.status_code == 302
    spare.refresh_from_db()
    assert (spare.slug, spare.band_role) == ("spare-2", "assist")


def use_in_a_rule(exercise, coach, athlete):
    program = services.program_create(owner=coach, title="Rules")
    BandRule.objects.create(program=program, exercise=exercise)


def use_in_a_free_session(exercise, coach, athlete):
    free_sessions.free_set_log(
        athlete=athlete,
        today=date(2026, 11, 25),
        token=uuid.uuid4(),
        exercise=exercise,
        reps=6,
        band=Band.objects.get(name="Green"),
    )


def use_in_a_prescription(exercise, coach, athlete):
    prescribe(exercise, coach)


@pytest.mark.parametrize("use", [use_in_a_prescription, use_in_a_rule, use_in_a_free_session])
def test_the_service_refuses_a_change_with_the_reason(use, coach, athlete):
    nordic = Exercise.objects.get(slug=NORDIC)
    use(nordic, coach, athlete)
    nordic.band_role = "resist"
    with pytest.raises(ValidationError) as refused:
        exercise_save(exercise=nordic)
    assert "band_role" in refused.value.message_dict
    assert FIXED in refused.value.message_dict["band_role"][0]
    assert Exercise.objects.get(pk=nordic.pk).band_role == "assist"


def test_the_service_saves_other_changes_of_an_exercise_in_use(coach):
    nordic = Exercise.objects.get(slug=NORDIC)
    prescribe(nordic, coach)
    nordic.summary = "Reworded."
    exercise_save(exercise=nordic)
    assert Exercise.objects.get(pk=nordic.pk).summary == "Reworded."


def test_a_seed_correction_leaves_the_fixed_fields_of_an_exercise_in_use(monkeypatch, coach):
    nordic = Exercise.objects.get(slug=NORDIC)
    prescribe(nordic, coach)
    corrected = [
        {**fields, "band_role": "resist", "summary": "Corrected."}
        if fields["slug"] == NORDIC
        else fields
        for fields in seed.EXERCISES
    ]
    monkeypatch.setattr(seed, "EXERCISES", corrected)
    load_catalogue()
    nordic.refresh_from_db()
    assert (nordic.band_role, nordic.summary) == ("assist", "Corrected.")

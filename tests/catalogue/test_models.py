from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from catalogue.models import Band, Exercise


def make_band(**fields) -> Band:
    defaults = {
        "name": "Test",
        "colour": "grey",
        "hex": "#888888",
        "kind": "loop",
        "width_mm": 20,
        "tension_min_kg": Decimal("10"),
        "tension_max_kg": Decimal("20"),
        "rank": 9,
    }
    return Band(**{**defaults, **fields})


def test_the_database_refuses_a_band_whose_minimum_exceeds_its_maximum(db):
    with pytest.raises(IntegrityError, match="catalogue_band_tension_min_lte_max"):
        make_band(tension_min_kg=Decimal("30"), tension_max_kg=Decimal("20")).save()


def test_validation_explains_the_tension_rule(db):
    band = make_band(tension_min_kg=Decimal("30"), tension_max_kg=Decimal("20"))
    with pytest.raises(ValidationError, match="The lowest tension cannot exceed the highest"):
        band.full_clean()


def test_the_database_refuses_two_bands_with_one_rank_on_a_ladder(db):
    make_band(name="One").save()
    make_band(name="Mini two", kind="mini").save()  # another ladder may reuse the rank
    with pytest.raises(IntegrityError, match="catalogue_band_rank_unique_per_ladder"):
        make_band(name="Two").save()


def test_the_database_refuses_an_unknown_pattern(db):
    exercise = Exercise(
        name="X",
        slug="x",
        summary="s",
        setup="s",
        cues="c",
        pattern="cartwheel",
        band_role="none",
        anchor="none",
    )
    with pytest.raises(IntegrityError, match="catalogue_exercise_pattern_valid"):
        exercise.save()

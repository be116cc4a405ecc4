"""Loads the library programs (`programs.library`) into the database: the missing ones only."""

from dataclasses import dataclass

from django.db import transaction

from catalogue.models import Band, Exercise
from catalogue.services import load_catalogue
from programs.library import LIBRARY
from programs.models import Program
from programs.structure import ProgramSpec, WeekSpec, program_build


@transaction.atomic
def load_library() -> None:
    """Create the library programs that are missing. Safe to run again, and it never touches a
    library program that already exists under the same slug, so admin edits survive."""
    load_catalogue()
    rows = Rows(
        exercises=Exercise.objects.in_bulk(field_name="slug"),
        bands=Band.objects.in_bulk(field_name="name"),
    )
    # Every program without an owner holds its slug (a database constraint), template or not.
    taken = set(Program.objects.filter(owner__isnull=True).values_list("slug", flat=True))
    for spec in LIBRARY:
        if spec["slug"] not in taken:
            program_build(spec=_resolved(spec, rows), owner=None, is_template=True)


@dataclass(frozen=True)
class Rows:
    """The catalogue's rows by the names the library uses: exercises by slug, bands by name."""

    exercises: dict[str, Exercise]
    bands: dict[str, Band]


def _resolved(spec: dict, rows: Rows) -> ProgramSpec:
    """The library's spec with its exercise slugs and band names swapped for the rows."""
    return {
        **spec,
        "weeks": [_week(week, rows) for week in spec["weeks"]],
        "band_rules": [_fields(rule, rows) for rule in spec["band_rules"]],
    }


def _week(week: dict, rows: Rows) -> WeekSpec:
    workouts = [
        {**workout, "prescriptions": [_fields(fields, rows) for fields in workout["prescriptions"]]}
        for workout in week["workouts"]
    ]
    return {**week, "workouts": workouts}


def _fields(fields: dict, rows: Rows) -> dict:
    resolved = {**fields, "exercise": rows.exercises[fields["exercise"]]}
    for key in ("band", "start_band"):
        if key in fields:
            resolved[key] = rows.bands.get(fields[key])  # None stays None: no band
    return resolved

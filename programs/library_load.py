"""Loads the library programs (`programs.library`) into the database: the missing ones only."""

from django.db import transaction

from catalogue.models import Band, Exercise
from catalogue.services import load_catalogue
from programs.library import LIBRARY
from programs.models import BandRule, Prescription, Program, ProgramWeek, StageGate, Workout


@transaction.atomic
def load_library() -> None:
    """Create the library programs that are missing. Safe to run again, and it never touches a
    library program that already exists under the same slug, so admin edits survive."""
    load_catalogue()
    bands = Band.objects.in_bulk(field_name="name")
    exercises = Exercise.objects.in_bulk(field_name="slug")
    # Every program without an owner holds its slug (a database constraint), template or not.
    taken = set(Program.objects.filter(owner__isnull=True).values_list("slug", flat=True))
    for spec in LIBRARY:
        if spec["slug"] not in taken:
            _create_program(spec, bands, exercises)


def _create_program(spec: dict, bands: dict, exercises: dict) -> None:
    details = {key: spec[key] for key in ("slug", "title", "summary", "goal")}
    program = Program.objects.create(owner=None, is_template=True, **details)
    prescriptions = []
    for week_spec in spec["weeks"]:
        program_week = ProgramWeek.objects.create(
            program=program,
            number=week_spec["number"],
            focus=week_spec["focus"],
            is_deload=week_spec["is_deload"],
            is_maintenance=week_spec["is_maintenance"],
        )
        if week_spec["gate"]:
            StageGate.objects.create(week=program_week, **week_spec["gate"])
        for workout_spec in week_spec["workouts"]:
            session = Workout.objects.create(
                week=program_week,
                day=workout_spec["day"],
                title=workout_spec["title"],
                notes=workout_spec["notes"],
            )
            prescriptions += [
                Prescription(workout=session, order=order, **_rows(fields, bands, exercises))
                for order, fields in enumerate(workout_spec["prescriptions"], start=1)
            ]
    Prescription.objects.bulk_create(prescriptions)
    BandRule.objects.bulk_create(
        BandRule(program=program, **_rows(fields, bands, exercises))
        for fields in spec["band_rules"]
    )


def _rows(fields: dict, bands: dict, exercises: dict) -> dict:
    """Swap the exercise slug and band names in a spec for the catalogue rows."""
    rows = {**fields, "exercise": exercises[fields["exercise"]]}
    for key in ("band", "start_band"):
        if key in fields:
            rows[key] = bands.get(fields[key])  # None stays None: no band
    return rows

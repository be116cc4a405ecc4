"""The one writer of a program's structure: its weeks, stage gates, workouts, prescriptions and
band rules, from a spec. A copy (`programs.services`), a file's import (`programs.sharing`) and
the library (`programs.library_load`) each turn what they have into a spec and hand it here, so
the three cannot drift apart.

A spec is resolved before it arrives: exercises and bands are rows (`"exercise": exercise`) or
ids (`"exercise_id": 3`), and every field has been checked; the writer checks nothing. It
inserts each table in one statement (PostgreSQL returns the new ids, which the next table's
rows point at), so a program of 52 weeks costs the same queries as one of 2. The
`StructureVersion` triggers fire on these inserts like on any other."""

from typing import Any, NotRequired, TypedDict

from django.db import transaction

from programs.models import BandRule, Prescription, Program, ProgramWeek, StageGate, Workout

# Each part's own fields, as a copy and the export read them from the rows.
PROGRAM_FIELDS = ("title", "slug", "summary", "goal")
WEEK_FIELDS = ("number", "focus", "is_deload", "is_maintenance")
WORKOUT_FIELDS = ("day", "match_day", "title", "notes")
GATE_FIELDS = ("min_sessions", "pain_max", "test_min_symmetry", "requires_h_test")


class WorkoutSpec(TypedDict):
    day: int
    match_day: NotRequired[int | None]  # left out or None: kept on its day of the week
    title: str
    notes: NotRequired[str]
    # Prescription's fields. Without an "order", the position in the list, from 1.
    prescriptions: list[dict[str, Any]]


class WeekSpec(TypedDict):
    number: int
    focus: str
    is_deload: bool
    is_maintenance: bool
    gate: dict[str, Any] | None  # StageGate's fields make the week a return-to-play stage
    workouts: list[WorkoutSpec]


class ProgramSpec(TypedDict):
    title: str
    slug: str
    summary: str
    goal: str
    weeks: list[WeekSpec]
    band_rules: list[dict[str, Any]]  # BandRule's fields, one rule per exercise


@transaction.atomic
def program_build(
    *, spec: ProgramSpec, owner, is_template: bool, source: Program | None = None
) -> Program:
    """A new program from the spec, owned by `owner` (None: a library program), with
    `source` the program it was copied from, if any."""
    program = Program.objects.create(
        owner=owner,
        is_template=is_template,
        source=source,
        **{key: spec[key] for key in PROGRAM_FIELDS},
    )
    weeks_build(program=program, weeks=spec["weeks"])
    BandRule.objects.bulk_create(BandRule(program=program, **rule) for rule in spec["band_rules"])
    return program


@transaction.atomic(savepoint=False)  # a part of its caller's work, never undone alone
def weeks_build(*, program: Program, weeks: list[WeekSpec]) -> list[ProgramWeek]:
    """The weeks added to the program, with their gates, workouts and prescriptions: four
    inserts at most, whatever the number of weeks. The caller makes sure the numbers are
    free."""
    new_weeks = ProgramWeek.objects.bulk_create(
        ProgramWeek(program=program, **_without(week, "gate", "workouts")) for week in weeks
    )
    pairs = list(zip(new_weeks, weeks, strict=True))
    StageGate.objects.bulk_create(
        StageGate(week=new_week, **week["gate"]) for new_week, week in pairs if week["gate"]
    )
    workouts = [
        (Workout(week=new_week, **_without(workout, "prescriptions")), workout["prescriptions"])
        for new_week, week in pairs
        for workout in week["workouts"]
    ]
    Workout.objects.bulk_create(new_workout for new_workout, _ in workouts)
    Prescription.objects.bulk_create(
        Prescription(workout=new_workout, **{"order": order, **fields})
        for new_workout, prescriptions in workouts
        for order, fields in enumerate(prescriptions, start=1)
    )
    return new_weeks


def _without(spec, *keys: str) -> dict:
    """The spec's own fields, its nested parts left out."""
    return {name: value for name, value in spec.items() if name not in keys}

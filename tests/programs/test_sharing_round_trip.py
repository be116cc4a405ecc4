"""Programs as files, the round trip: every library program (and a coach's own, with every kind
of target, placed workouts and gated weeks) survives export and import unchanged; the file's
shape, and a title already taken."""

import json

import pytest

from catalogue.models import Exercise
from programs import services
from programs.library import LIBRARY
from programs.models import BandRule, Prescription, Program, StageGate, Workout
from programs.services import BAND_RULE_FIELDS, PRESCRIPTION_FIELDS
from programs.sharing import program_import, program_to_dict, program_to_json, read_program_file
from tests.programs.program_files import line_of, nordic_file


def snapshot(program: Program) -> dict:
    """The program as rows, read straight from the database (not through the exporter)."""
    workouts = Workout.objects.filter(week__program=program).order_by("week__number", "day", "id")
    prescriptions = Prescription.objects.filter(workout__week__program=program).order_by(
        "workout__week__number", "workout__day", "workout_id", "order"
    )
    return {
        "details": [program.title, program.slug, program.summary, program.goal],
        "is_template": program.is_template,
        "weeks": list(program.weeks.values_list("number", "focus", "is_deload", "is_maintenance")),
        "workouts": list(
            workouts.values_list("week__number", "day", "match_day", "title", "notes")
        ),
        "prescriptions": list(
            prescriptions.values_list("workout__week__number", "workout__day", *PRESCRIPTION_FIELDS)
        ),
        "band_rules": list(program.band_rules.order_by("exercise_id").values(*BAND_RULE_FIELDS)),
        "gates": list(
            StageGate.objects.filter(week__program=program)
            .order_by("week__number")
            .values_list("week__number", "min_sessions", "pain_max", "test_min_symmetry")
        ),
    }


def import_text(text: str, owner) -> Program:
    return program_import(data=read_program_file(text.encode()), owner=owner)


@pytest.mark.parametrize("slug", [spec["slug"] for spec in LIBRARY])
def test_each_library_program_exports_and_imports_unchanged(library, coach, slug):
    original = Program.objects.library().get(slug=slug)

    copy = import_text(program_to_json(original), coach)

    assert copy.owner == coach and copy.pk != original.pk
    assert snapshot(copy) == snapshot(original)
    assert program_to_dict(copy) == program_to_dict(original)
    parts = snapshot(copy)  # not two empty snapshots that happen to match
    assert parts["weeks"] and parts["prescriptions"] and (parts["band_rules"] or parts["gates"])


def test_the_library_has_a_program_with_rules_and_one_with_gates(library):
    library_programs = Program.objects.library()
    assert BandRule.objects.filter(program__in=library_programs).exists()
    assert StageGate.objects.filter(week__program__in=library_programs).exists()


def test_the_file_has_a_format_a_version_slugs_and_one_key_per_line(library):
    program = Program.objects.library().get(slug="leg-day-primer")
    text = program_to_json(program)
    data = json.loads(text)
    assert (data["format"], data["version"]) == ("hamstrings.program", 1)
    first = data["weeks"][0]["workouts"][0]["prescriptions"][0]
    assert first["exercise"] == "banded-prone-leg-curl"
    assert first["band"] == "Black"
    assert data["band_rules"][0]["start_band"] in {"Black", "Purple"}
    assert '"exercise": "banded-prone-leg-curl",' in text.splitlines()[line_of(text, "prone") - 1]
    assert all(line.count('": ') <= 1 for line in text.splitlines())


def test_an_imported_title_already_taken_gets_a_number(library, coach):
    text = program_to_json(Program.objects.library().get(slug="desk-worker-reset"))
    first, second = import_text(text, coach), import_text(text, coach)
    assert first.title == "Desk-worker reset, 4 weeks"
    assert second.title == "Desk-worker reset, 4 weeks (2)"
    assert second.is_template and second.owner == coach


def test_a_coachs_own_program_round_trips_with_every_kind_of_target(coach):
    program = services.program_create(owner=coach, title="Mixed", summary="All kinds")
    week = services.week_add(program=program)
    workout = Workout.objects.create(week=week, day=6, title="Saturday", notes="Outdoors")
    hold = Exercise.objects.get(slug="banded-isometric-leg-curl-hold")
    curl = Exercise.objects.get(slug="banded-prone-leg-curl")
    Prescription.objects.create(workout=workout, exercise=hold, order=1, sets=2, seconds=45)
    Prescription.objects.create(
        workout=workout,
        exercise=curl,
        order=2,
        sets=3,
        set_reps=[12, 10, 8],
        tempo="30X0",
        per_side=True,
        rest_seconds=0,
        rpe_target=9,
        notes="Last one",
    )
    services.week_add(program=program)  # an empty week travels too

    copy = import_text(program_to_json(program), coach)

    assert copy.title == "Mixed (2)"
    assert snapshot(copy)["prescriptions"] == snapshot(program)["prescriptions"]
    assert snapshot(copy)["weeks"] == [(1, "", False, False), (2, "", False, False)]


# Match days and stage gates


def placed_and_gated(coach) -> Program:
    """Two weeks: a Nordic at MD-4 and a session kept on its day; the first week a stage
    with a gate (symmetry tested), the second a gate without a test."""
    program = services.program_create(owner=coach, title="In season, staged")
    nordic = Exercise.objects.get(slug="band-assisted-nordic-curl")
    for number, symmetry in ((1, 90), (2, None)):
        week = services.week_add(program=program)
        StageGate.objects.create(
            week=week, min_sessions=4 + number, pain_max=number, test_min_symmetry=symmetry
        )
        placed = Workout.objects.create(week=week, day=2, match_day=-4, title="Nordics")
        Workout.objects.create(week=week, day=5, title="Mobility")
        Prescription.objects.create(workout=placed, exercise=nordic, order=1, sets=2, reps_min=5)
    return program


def test_a_placed_workout_and_a_gated_week_round_trip(coach):
    program = placed_and_gated(coach)
    data = program_to_dict(program)
    week = data["weeks"][0]
    assert week["gate"] == {"min_sessions": 5, "pain_max": 1, "test_min_symmetry": 90}
    assert week["workouts"][0]["match_day"] == -4
    assert "match_day" not in week["workouts"][1]  # kept on its day: no key

    copy = import_text(program_to_json(program), coach)

    assert snapshot(copy)["workouts"] == snapshot(program)["workouts"]
    assert snapshot(copy)["gates"] == [(1, 5, 1, 90), (2, 6, 2, None)]
    assert Workout.objects.get(week__program=copy, week__number=2, day=2).placement == "MD-4"


def test_a_file_without_match_days_or_gates_still_imports(library, coach):
    copy = import_text(json.dumps(nordic_file()), coach)
    assert not StageGate.objects.filter(week__program=copy).exists()
    assert not Workout.objects.filter(week__program=copy, match_day__isnull=False).exists()


def test_a_gate_left_out_numbers_takes_the_defaults(library, coach):
    data = nordic_file()
    data["weeks"][0]["gate"] = {"pain_max": 0}
    copy = import_text(json.dumps(data), coach)
    gate = StageGate.objects.get(week__program=copy)
    assert (gate.week.number, gate.min_sessions, gate.pain_max, gate.test_min_symmetry) == (
        1,
        6,
        0,
        None,
    )

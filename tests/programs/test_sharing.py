"""Programs as files: every library program survives export and import unchanged, and a bad
file is refused with the line that is wrong, saving nothing."""

import json

import pytest

from catalogue.models import Exercise
from programs import services
from programs.library import LIBRARY
from programs.library_load import load_library
from programs.models import BandRule, Prescription, Program, ProgramWeek, StageGate, Workout
from programs.services import BAND_RULE_FIELDS, PRESCRIPTION_FIELDS
from programs.sharing import (
    ImportRefused,
    program_import,
    program_to_dict,
    program_to_json,
    read_program_file,
)


@pytest.fixture
def library(catalogue):
    load_library()


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


def nordic_file() -> dict:
    """The 10-week Nordic as a file's dict, ready to spoil."""
    return program_to_dict(Program.objects.library().get(slug="band-assisted-nordic"))


def refusal(data, owner) -> list[str]:
    """What importing `data` (a dict to write out, or the file's text or bytes) says, checking
    it saved nothing."""
    if isinstance(data, dict):
        data = json.dumps(data, indent=2)
    raw = data.encode() if isinstance(data, str) else data
    models = (Program, ProgramWeek, Workout, Prescription, StageGate)
    before = [model.objects.count() for model in models]
    with pytest.raises(ImportRefused) as refused:
        program_import(data=read_program_file(raw), owner=owner)
    after = [model.objects.count() for model in models]
    assert after == before
    return refused.value.problems


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    lines = [number for number, line in enumerate(text.splitlines(), 1) if fragment in line]
    return lines[occurrence - 1]


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


def test_a_syntax_error_is_refused_with_its_line(library, coach):
    text = json.dumps(nordic_file(), indent=2)
    broken_line = line_of(text, '"focus": "Two sessions a week"')
    lines = text.splitlines()
    lines[broken_line - 1] = lines[broken_line - 1].rstrip(",")  # the comma after it is gone

    (problem,) = refusal("\n".join(lines), coach)

    assert problem.startswith(f"Line {broken_line + 1}: not valid JSON")


def test_an_unknown_exercise_is_refused_with_its_line(library, coach):
    data = nordic_file()
    data["weeks"][2]["workouts"][1]["prescriptions"][0]["exercise"] = "nordic-curlz"
    text = json.dumps(data, indent=2)

    problems = refusal(text, coach)

    line = line_of(text, "nordic-curlz")
    assert problems == [
        f"Line {line}: week 3, workout 2, prescription 1: unknown exercise 'nordic-curlz'."
    ]


def test_sets_out_of_range_are_refused_with_their_line(library, coach):
    data = nordic_file()
    data["weeks"][0]["workouts"][0]["prescriptions"][0]["sets"] = 25
    text = json.dumps(data, indent=2)

    problems = refusal(text, coach)

    assert problems == [
        f"Line {line_of(text, '"sets": 25')}: week 1, workout 1, prescription 1: "
        "sets should be a whole number from 1 to 20, not 25."
    ]


def test_every_problem_is_listed_each_with_its_line(library, coach):
    data = nordic_file()
    prescription = data["weeks"][4]["workouts"][0]["prescriptions"][0]
    prescription.update(band="Pink", tempo="slow", rpe_target=11, sets=2)  # 3 set_reps for 2
    data["weeks"][1]["workouts"][0]["day"] = 8
    data["band_rules"][0]["mode"] = "whenever"
    text = json.dumps(data, indent=2)

    problems = refusal(text, coach)

    where = "week 5, workout 1, prescription 1"
    assert problems == [
        f"Line {line_of(text, '"day": 8')}: week 2, workout 1: day should be a whole number "
        "from 1 to 7, not 8.",
        f"Line {line_of(text, '"set_reps"', 1)}: {where}: 3 set_reps for 2 sets: give one per set.",
        f"Line {line_of(text, '"rpe_target": 11')}: {where}: rpe_target should be a whole number "
        "from 1 to 10, not 11.",
        f"Line {line_of(text, 'Pink')}: {where}: unknown band 'Pink'.",
        f"Line {line_of(text, 'slow')}: {where}: tempo 'SLOW' should read like 3-0-1 or 30X0.",
        f"Line {line_of(text, 'whenever')}: band rule 1: mode should be 'earned' or "
        "'scheduled', not 'whenever'.",
    ]


def test_an_unpublished_exercise_is_refused(library, coach):
    Exercise.objects.filter(slug="band-assisted-nordic-curl").update(is_published=False)
    problems = refusal(nordic_file(), coach)
    assert problems[0].endswith("unknown exercise 'band-assisted-nordic-curl'.")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": "something.else"}, "Line 2: This is not a Hamstrings program file"),
        ({"version": 2}, "Line 3: Version 2 is not one this app reads (it reads 1)."),
        ({"title": "   "}, "Line 4: Title is empty."),
        ({"title": "A\u0000B"}, "Line 4: Title should be text"),
        ({"weeks": {}}, "should be a list [...] of weeks."),
        ({"colour": "red"}, "Unknown key 'colour'."),
    ],
)
def test_a_wrong_program_field_is_refused(library, coach, change, message):
    problems = refusal({**nordic_file(), **change}, coach)
    assert message in problems[0]


@pytest.mark.parametrize(
    ("prescription", "message"),
    [
        ({"sets": True}, "sets should be a whole number from 1 to 20, not true."),
        ({"sets": 2.5}, "not 2.5."),
        ({"seconds": 30}, "give exactly one target"),
        ({"reps_max": 3}, "reps_max 3 is below reps_min 6."),
        ({"rest_seconds": 3601}, "rest_seconds should be a whole number from 0 to 3600"),
        ({"per_side": "yes"}, "per_side should be true or false, not 'yes'."),
        ({"notes": "x" * 201}, "notes is longer than 200 characters."),
    ],
)
def test_a_wrong_prescription_is_refused(library, coach, prescription, message):
    data = nordic_file()
    data["weeks"][2]["workouts"][0]["prescriptions"][0].update(prescription)
    (problem,) = refusal(data, coach)
    assert problem.startswith("Line ") and message in problem


def test_a_hold_given_reps_is_refused(library, coach):
    data = nordic_file()
    rx = data["weeks"][0]["workouts"][0]["prescriptions"][0]
    rx["exercise"] = "banded-isometric-leg-curl-hold"
    (problem,) = refusal(data, coach)
    assert "banded-isometric-leg-curl-hold is a hold: give seconds, not reps." in problem


def test_a_maintenance_phase_round_trips_and_only_as_the_last_week(library, coach):
    data = nordic_file()
    assert data["weeks"][-1]["is_maintenance"] is True
    data["weeks"][0]["is_maintenance"] = True
    (problem,) = refusal(data, coach)
    assert problem.endswith("week 1: only the last week can be the maintenance phase.")


def test_weeks_out_of_order_and_a_key_given_twice_are_refused(library, coach):
    data = nordic_file()
    data["weeks"][1]["number"] = 7
    text = json.dumps(data, indent=2).replace('"sets": 2,', '"sets": 2,\n"sets": 3,', 1)
    problems = refusal(text, coach)
    assert problems[0].endswith("week 1, workout 1, prescription 1: 'sets' is given twice.")
    assert "week 2: number should be 2 (weeks count 1, 2, 3... in order)." in problems[1]


def test_a_second_rule_for_the_same_exercise_is_refused(library, coach):
    data = nordic_file()
    data["band_rules"].append(data["band_rules"][0])
    text = json.dumps(data, indent=2)
    assert refusal(text, coach) == [
        f"Line {line_of(text, '"band_rules"')}: Two band rules for the same exercise: keep one."
    ]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "The file is empty."),
        (b"  \n ", "The file is empty."),
        ('{"title": "Caf\u00e9"}'.encode("latin-1"), "The file is not UTF-8 text"),
        (b"x" * 1_000_001, "The file is over 1 MB: too big."),
        (b"[1, 2]", "Line 1: the file should hold one program"),
        (b'{\n\n  "title": nope\n}', "Line 3: not valid JSON (expecting value)."),
        (b"[" * 50_000 + b"]" * 50_000, "The file is not JSON this app can read."),
        (b'{"version": 1' + b"1" * 5000 + b"}", "The file is not JSON this app can read."),
        (b'{"format": NaN}', "This is not a Hamstrings program file"),
    ],
)
def test_a_file_that_is_not_a_program_is_refused(coach, raw, message):
    (problem,) = refusal(raw, coach)
    assert message in problem


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


@pytest.mark.parametrize("match_day", [0, 7, -7, "MD-4", 2.0, True])
def test_a_match_day_off_the_range_is_refused_with_its_line(library, coach, match_day):
    data = nordic_file()
    data["weeks"][1]["workouts"][0]["match_day"] = match_day
    text = json.dumps(data, indent=2)

    (problem,) = refusal(text, coach)

    shown = json.dumps(match_day) if not isinstance(match_day, str) else f"'{match_day}'"
    assert problem == (
        f"Line {line_of(text, '"match_day"')}: week 2, workout 1: match_day should be -6 to -1 "
        f"(days before a match), 1 to 6 (days after) or null, not {shown}."
    )


@pytest.mark.parametrize(
    ("gate", "key", "message"),
    [
        ({"pain_max": 11}, "pain_max", "pain_max should be a whole number from 0 to 10, not 11."),
        (
            {"min_sessions": 0},
            "min_sessions",
            "min_sessions should be a whole number from 1 to 60, not 0.",
        ),
        (
            {"test_min_symmetry": 49},
            "test_min_symmetry",
            "test_min_symmetry should be a whole number from 50 to 100, not 49.",
        ),
        ({"pain_max": 2, "doors": 3}, "doors", "unknown key 'doors'."),
    ],
)
def test_a_bad_gate_is_refused_with_its_line(library, coach, gate, key, message):
    data = nordic_file()
    data["weeks"][2]["gate"] = gate
    text = json.dumps(data, indent=2)

    (problem,) = refusal(text, coach)

    assert problem == f"Line {line_of(text, f'"{key}"')}: week 3, gate: {message}"


def test_a_gate_that_is_not_an_object_is_refused(library, coach):
    data = nordic_file()
    data["weeks"][0]["gate"] = 3
    text = json.dumps(data, indent=2)
    (problem,) = refusal(text, coach)
    assert problem == f"Line {line_of(text, '"gate"')}: week 1, gate: should be an object {{...}}."

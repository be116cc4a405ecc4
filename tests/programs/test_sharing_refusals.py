"""Programs as files, refused: a bad file (not JSON, not a program, an unknown exercise or
band, a number out of range, a bad match day or gate) is refused with the line that is wrong,
every problem listed, saving nothing."""

import json

import pytest

from catalogue.models import Exercise
from programs.models import Prescription, Program, ProgramWeek, StageGate, Workout
from programs.sharing import ImportRefused, program_import, read_program_file
from tests.programs.program_files import line_of, nordic_file


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

"""Programs as files that clubs share: a versioned JSON format, written one key per line so a
line number points at one value, and read back with every limit of the models checked and
each problem reported with its line ("Line 42: week 3, workout 2, prescription 1: ...").

Exercises travel by catalogue slug and bands by name, never by database id. A placed workout
has a "match_day", a return-to-play stage a "gate": keys left out where they do not apply."""

import json
import re
from collections.abc import Mapping

from django.db import DatabaseError, transaction

from catalogue.models import Band, BandKind, BandRole, Dose, Exercise
from programs.jsonfile import MISSING, Fields, Problems, each, loads_with_lines, show
from programs.models import (
    BandRule,
    BandRuleMode,
    Prescription,
    Program,
    ProgramWeek,
    StageGate,
    Workout,
)
from programs.models.plan import PAIN_MAX, REPS_MAX, RPE_MAX, SECONDS_MAX, SETS_MAX, TEMPO_RE
from programs.services import MAX_WEEKS, slug_for
from programs.structure import WEEK_FIELDS, WORKOUT_FIELDS, ProgramSpec, program_build

FORMAT = "hamstrings.program"
VERSION = 1
MAX_BYTES = 1_000_000
MAX_PROBLEMS = 10
SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]{1,120}$")
TEXT_MAX = 5000  # goal and workout notes: text fields, but a shared file stays reasonable
PLACEMENT = "match_day should be -6 to -1 (days before a match), 1 to 6 (days after) or null"


class ImportRefused(Exception):
    """The file is not a program this app can create; `problems` says why, line by line."""

    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


# -- Export ------------------------------------------------------------------------------------

GATE_NUMBERS = {"min_sessions": (1, 60), "pain_max": (0, PAIN_MAX), "test_min_symmetry": (50, 100)}


def program_to_dict(program: Program) -> dict:
    weeks = program.weeks.select_related("gate").prefetch_related(
        "workouts__prescriptions__exercise", "workouts__prescriptions__band"
    )
    rules = program.band_rules.select_related("exercise", "start_band")
    return {
        "format": FORMAT,
        "version": VERSION,
        **{key: getattr(program, key) for key in ("title", "slug", "summary", "goal")},
        "weeks": [_week_to_dict(week) for week in weeks],
        "band_rules": [_rule_to_dict(rule) for rule in rules],
    }


def program_to_json(program: Program) -> str:
    return json.dumps(program_to_dict(program), indent=2, ensure_ascii=False) + "\n"


def _week_to_dict(week: ProgramWeek) -> dict:
    data = {key: getattr(week, key) for key in WEEK_FIELDS}
    if gate := getattr(week, "gate", None):  # a stage of a return-to-play program
        data["gate"] = {key: getattr(gate, key) for key in GATE_NUMBERS}
        if gate.requires_h_test:  # left out where it does not apply
            data["gate"]["requires_h_test"] = True
    return {**data, "workouts": [_workout_to_dict(workout) for workout in week.workouts.all()]}


def _workout_to_dict(workout: Workout) -> dict:
    data = {key: getattr(workout, key) for key in WORKOUT_FIELDS}
    if data["match_day"] is None:  # kept on its day of the week
        del data["match_day"]
    prescriptions = [_prescription_to_dict(rx) for rx in workout.prescriptions.all()]
    return {**data, "prescriptions": prescriptions}


def _prescription_to_dict(prescription: Prescription) -> dict:
    if prescription.seconds is not None:
        target = ["seconds"]
    elif prescription.set_reps:
        target = ["set_reps"]
    else:  # a range, or a single number of reps
        target = ["reps_min"] if prescription.reps_max is None else ["reps_min", "reps_max"]
    numbers = ["sets", *target, "per_side", "tempo", "rest_seconds", "rpe_target"]
    return {
        "exercise": prescription.exercise.slug,
        **{key: getattr(prescription, key) for key in numbers},
        "band": prescription.band.name if prescription.band else None,
        "notes": prescription.notes,
    }


def _rule_to_dict(rule: BandRule) -> dict:
    return {
        "exercise": rule.exercise.slug,
        "mode": rule.mode,
        "start_band": rule.start_band.name if rule.start_band else None,
        **{field: getattr(rule, field) for field in RULE_NUMBERS},
        "coach_approves": rule.coach_approves,
    }


RULE_NUMBERS = {  # field: (lowest, highest), as the model's constraints have them
    "step_weeks": (1, 52),
    "sessions_to_advance": (1, 10),
    "min_days_on_band": (0, 90),
    "hold_until_week": (0, 104),
    "rpe_ceiling": (1, RPE_MAX),
    "pain_stop": (1, PAIN_MAX),
}


# -- Reading a file and checking it against the models' rules -----------------------------------


def read_program_file(raw: bytes) -> dict:
    """The file's JSON object, each part knowing its lines; ImportRefused if it is too big,
    not UTF-8, not JSON, or not an object."""
    if len(raw) > MAX_BYTES:
        raise ImportRefused([f"The file is over {MAX_BYTES // 1_000_000} MB: too big."])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        problem = "The file is not UTF-8 text: export it again from Hamstrings."
        raise ImportRefused([problem]) from None
    if not text.strip():
        raise ImportRefused(["The file is empty."])
    try:
        data = loads_with_lines(text)
    except json.JSONDecodeError as error:
        problem = f"Line {error.lineno}: not valid JSON ({error.msg.lower()})."
        raise ImportRefused([problem]) from None
    except (ValueError, RecursionError):  # a number of 5,000 digits, lists nested 10,000 deep
        raise ImportRefused(["The file is not JSON this app can read."]) from None
    if not isinstance(data, dict):
        raise ImportRefused(["Line 1: the file should hold one program, a JSON object {...}."])
    return data


def program_from_dict(
    obj, *, exercises: Mapping[str, Exercise], bands: Mapping[str, Band]
) -> ProgramSpec:
    """A checked program spec (model fields, with exercises and bands as rows) from a file's
    object; ImportRefused naming each problem and its line. `exercises` are the published
    ones by slug, `bands` all bands by lower-case name."""
    problems = Problems()
    program = Fields(obj, "", problems, PROGRAM_KEYS)
    if program.obj.get("format") != FORMAT:
        problem = f"this is not a Hamstrings program file (format should be '{FORMAT}')"
        program.fail("format", problem)
        raise ImportRefused(problems)
    if program.obj.get("version") != VERSION:
        version = show(program.obj.get("version"))
        program.fail("version", f"version {version} is not one this app reads (it reads {VERSION})")
        raise ImportRefused(problems)
    spec = {
        "title": program.text("title", 120, required=True),
        "slug": program.text("slug", 120, ""),
        "summary": program.text("summary", 300, ""),
        "goal": program.text("goal", TEXT_MAX, ""),
    }
    lookups = {"exercises": exercises, "bands": bands}
    weeks = program.items("weeks", "weeks")
    if len(weeks) > MAX_WEEKS:
        program.fail("weeks", f"a program has at most {MAX_WEEKS} weeks, this one {len(weeks)}")
        weeks = []
    spec["weeks"] = [
        _week(week, number, line, problems, lookups, last=number == len(weeks))
        for number, (_, week, line) in enumerate(each(weeks, "week"), start=1)
    ]
    rules = program.items("band_rules", "band rules")
    spec["band_rules"] = [
        _band_rule(rule, where, line, problems, lookups)
        for where, rule, line in each(rules, "band rule")
    ]
    ruled = [rule["exercise"] for rule in spec["band_rules"] if rule.get("exercise")]
    if len(ruled) != len(set(ruled)):
        program.fail("band_rules", "two band rules for the same exercise: keep one")
    if problems:
        raise ImportRefused(problems[:MAX_PROBLEMS] + _more(problems))
    if not SLUG_RE.match(spec["slug"]):
        spec["slug"] = slug_for(spec["title"])
    return spec


PROGRAM_KEYS = {"format", "version", "title", "slug", "summary", "goal", "weeks", "band_rules"}
WEEK_KEYS = {*WEEK_FIELDS, "gate", "workouts"}
WORKOUT_KEYS = {*WORKOUT_FIELDS, "prescriptions"}
PRESCRIPTION_KEYS = {
    "exercise",
    "sets",
    "reps_min",
    "reps_max",
    "set_reps",
    "seconds",
    "per_side",
    "tempo",
    "rest_seconds",
    "rpe_target",
    "band",
    "notes",
}
RULE_KEYS = {"exercise", "mode", "start_band", "coach_approves", *RULE_NUMBERS}


def _more(problems: list) -> list[str]:
    extra = len(problems) - MAX_PROBLEMS
    return [f"And {extra} more problem{'s' if extra > 1 else ''}."] if extra > 0 else []


def _week(obj, number: int, line, problems: Problems, lookups: dict, *, last: bool) -> dict:
    fields = Fields(obj, f"week {number}", problems, WEEK_KEYS, line)
    if fields.get("number", number) != number:
        fields.fail("number", f"number should be {number} (weeks count 1, 2, 3... in order)")
    is_maintenance = fields.boolean("is_maintenance")
    if is_maintenance and not last:
        fields.fail("is_maintenance", "only the last week can be the maintenance phase")
    workouts = fields.items("workouts", "workouts")
    return {
        "number": number,
        "focus": fields.text("focus", 120, ""),
        "is_deload": fields.boolean("is_deload"),
        "is_maintenance": is_maintenance,
        "gate": _gate(fields, f"week {number}, gate", problems),
        "workouts": [
            _workout(workout, where, line, problems, lookups)
            for where, workout, line in each(workouts, f"week {number}, workout")
        ],
    }


def _workout(obj, where: str, line, problems: Problems, lookups: dict) -> dict:
    fields = Fields(obj, where, problems, WORKOUT_KEYS, line)
    prescriptions = fields.items("prescriptions", "exercises")
    match_day = fields.get("match_day", None)  # null: kept on its day of the week
    if match_day is not None and (type(match_day) is not int or not 1 <= abs(match_day) <= 6):
        fields.fail("match_day", f"{PLACEMENT}, not {show(match_day)}")
    return {
        "day": fields.integer("day", 1, 7),
        "match_day": match_day,
        "title": fields.text("title", 120, required=True),
        "notes": fields.text("notes", TEXT_MAX, ""),
        "prescriptions": [
            _prescription(rx, rx_where, rx_line, problems, lookups)
            for rx_where, rx, rx_line in each(prescriptions, f"{where}, prescription")
        ],
    }


def _gate(week: Fields, where: str, problems: Problems) -> dict | None:
    """What opens the next stage of a return-to-play program; a number left out: the default."""
    obj = week.get("gate", None)
    if obj is None:
        return None
    keys = {*GATE_NUMBERS, "requires_h_test"}
    gate = Fields(obj, where, problems, keys, week.lines.get("gate", week.line))
    default = {name: StageGate._meta.get_field(name).get_default() for name in GATE_NUMBERS}
    return {
        **{
            name: gate.integer(name, low, high, default[name], null=name == "test_min_symmetry")
            for name, (low, high) in GATE_NUMBERS.items()
        },
        "requires_h_test": gate.boolean("requires_h_test"),
    }


def _exercise(fields: Fields, exercises: Mapping[str, Exercise]) -> Exercise | None:
    slug = fields.get("exercise")
    if slug is MISSING:
        return None
    exercise = exercises.get(slug) if isinstance(slug, str) else None
    if exercise is None:
        fields.fail("exercise", f"unknown exercise {show(slug)}")
    return exercise


def _band(fields: Fields, key: str, bands: Mapping[str, Band], *, ladder_only=False):
    name = fields.get(key, None)
    if name is None:
        return None
    band = bands.get(name.lower()) if isinstance(name, str) else None
    if band is None or (ladder_only and band.kind != BandKind.LOOP):
        fields.fail(key, f"unknown band {show(name)}")
    return band


def _prescription(obj, where: str, line, problems: Problems, lookups: dict) -> dict:
    fields = Fields(obj, where, problems, PRESCRIPTION_KEYS, line)
    exercise = _exercise(fields, lookups["exercises"])
    sets = fields.integer("sets", 1, SETS_MAX)
    spec = {
        "exercise": exercise,
        "sets": sets,
        **_target(fields, sets),
        "per_side": fields.boolean("per_side"),
        "tempo": fields.text("tempo", 7, "").upper(),
        "rest_seconds": fields.integer("rest_seconds", 0, SECONDS_MAX, 90),
        "rpe_target": fields.integer("rpe_target", 1, RPE_MAX, None, null=True),
        "band": _band(fields, "band", lookups["bands"]),
        "notes": fields.text("notes", 200, ""),
    }
    if spec["tempo"] and len(spec["tempo"]) <= 7 and not TEMPO_RE.match(spec["tempo"]):
        fields.fail("tempo", f"tempo {show(spec['tempo'])} should read like 3-0-1 or 30X0")
    if exercise is not None:
        is_reps = spec["reps_min"] is not None or bool(spec["set_reps"])
        if exercise.dose == Dose.SECONDS and is_reps:
            fields.fail("exercise", f"{exercise.slug} is a hold: give seconds, not reps")
        elif exercise.dose == Dose.REPS and spec["seconds"] is not None:
            fields.fail("seconds", f"{exercise.slug} is counted in reps, not seconds")
    return spec


def _target(fields: Fields, sets: int | None) -> dict:
    """Exactly one kind of target: reps_min (with reps_max for a range), set_reps, seconds."""
    given = [key for key in ("reps_min", "set_reps", "seconds") if key in fields.obj]
    target = {"reps_min": None, "reps_max": None, "set_reps": [], "seconds": None}
    if len(given) != 1:
        one_target = "give exactly one target: reps_min (and reps_max), set_reps or seconds"
        fields.fail(given[1] if given[1:] else None, one_target)
        return target
    if "reps_max" in fields.obj and given != ["reps_min"]:
        fields.fail("reps_max", "reps_max goes with reps_min")
    if given == ["seconds"]:
        target["seconds"] = fields.integer("seconds", 0, SECONDS_MAX)
    elif given == ["reps_min"]:
        low = target["reps_min"] = fields.integer("reps_min", 0, REPS_MAX)
        high = target["reps_max"] = fields.integer("reps_max", 0, REPS_MAX, None, null=True)
        if low is not None and high is not None and high < low:
            fields.fail("reps_max", f"reps_max {high} is below reps_min {low}")
    else:
        target["set_reps"] = _set_reps(fields, sets)
    return target


def _set_reps(fields: Fields, sets: int | None) -> list[int]:
    value = fields.obj["set_reps"] if isinstance(fields.obj["set_reps"], list) else []
    if not value or any(type(reps) is not int or not 0 <= reps <= REPS_MAX for reps in value):
        fields.fail("set_reps", f"set_reps should list whole numbers from 0 to {REPS_MAX}")
        return []
    if sets is not None and len(value) != sets:
        fields.fail("set_reps", f"{len(value)} set_reps for {sets} sets: give one per set")
    return list(value)


def _band_rule(obj, where: str, line, problems: Problems, lookups: dict) -> dict:
    fields = Fields(obj, where, problems, RULE_KEYS, line)
    exercise = _exercise(fields, lookups["exercises"])
    if exercise is not None and exercise.band_role == BandRole.NONE:
        fields.fail("exercise", f"{exercise.slug} uses no band, so it has no band rule")
    mode = fields.get("mode", BandRuleMode.EARNED)
    if mode not in BandRuleMode.values:
        fields.fail("mode", f"mode should be 'earned' or 'scheduled', not {show(mode)}")
    return {
        "exercise": exercise,
        "mode": mode,
        "start_band": _band(fields, "start_band", lookups["bands"], ladder_only=True),
        **{
            name: fields.integer(name, low, high, BandRule._meta.get_field(name).default)
            for name, (low, high) in RULE_NUMBERS.items()
        },
        "coach_approves": fields.boolean("coach_approves"),
    }


# -- Creating it --------------------------------------------------------------------------------


@transaction.atomic
def program_import(*, data, owner) -> Program:
    """The file's program as a new template of `owner`, its title made unique among theirs."""
    exercises = Exercise.objects.filter(is_published=True).in_bulk(field_name="slug")
    bands = {band.name.lower(): band for band in Band.objects.all()}
    spec = program_from_dict(data, exercises=exercises, bands=bands)
    spec["title"] = unique_title(owner, spec["title"])
    try:
        return program_build(spec=spec, owner=owner, is_template=True)
    except DatabaseError as error:  # the constraints behind the checks above
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ImportRefused([f"The file breaks a rule of the database: {reason}."]) from error


def unique_title(owner, title: str) -> str:
    titles = Program.objects.filter(owner=owner, is_template=True).values_list("title", flat=True)
    taken = set(titles)
    candidate, number = title, 1
    while candidate in taken:
        number += 1
        suffix = f" ({number})"
        candidate = title[: 120 - len(suffix)] + suffix
    return candidate

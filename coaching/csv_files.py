"""An athlete's CSV files, as their coach downloads them (`coaching.views.exports`) and as the
athlete finds them in the zip of their own data (`accounts.data_export`, which this app's
`ready()` hands `sets_csv` and `strength_tests_csv`): every set they logged, and their strength
tests. Rows in words rather than codes, cells that a spreadsheet would run as a formula
neutralised, files named after the person and the day."""

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from logbook.models import Message, SetLog, StrengthTest, TestMethod, WorkoutLog
from logbook.strength_tests import reading_of

CHUNK = 2000  # rows fetched from the cursor at a time

SETS_HEADER = [
    "athlete",
    "date",
    "program",
    "workout",
    "exercise",
    "set",
    "side",
    "reps",
    "seconds",
    "band",
    "band tension (kg)",
    "control",
    "break angle",
    "target reps",
    "target seconds",
    "RPE",
    "set note",
    "session RPE",
    "pain",
    "session notes",
    "coach's comments",
]
TESTS_HEADER = [
    "athlete",
    "date",
    "phase",
    "method",
    "left",
    "right",
    "unit",
    "body mass (kg)",
    "left (N/kg)",
    "right (N/kg)",
    "imbalance (%)",
    "note",
]
UNITS = {TestMethod.NORDBORD: "N", TestMethod.BREAKPOINT: "degrees", TestMethod.DISTANCE: "cm"}


def text_cell(value: str) -> str:
    """Spreadsheets run a cell starting with = + - @ as a formula; a quote keeps it text."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def file_name(kind: str, athlete: User) -> str:
    """'sets-alex-smith-2026-12-07.csv': ASCII letters, digits and hyphens only, whatever the
    name holds (quotes, slashes, accents); the athlete's number when no letter survives."""
    person = slugify(athlete.get_full_name()) or slugify(athlete.username)
    return f"{kind}-{person or f'athlete-{athlete.pk}'}-{timezone.localdate():%Y-%m-%d}.csv"


def targets_of(logged: SetLog) -> tuple[int | None, int | None]:
    """The set's target reps and seconds; none for a set beyond the prescription's (an extra
    one, done without a target)."""
    prescription = logged.prescription
    if prescription is not None and logged.set_number > prescription.sets:
        return None, None
    return logged.target_reps, logged.target_seconds


def set_row(name: str, logged: SetLog, comments: dict[int, str]) -> list:
    log, band = logged.workout_log, logged.band
    target_reps, target_seconds = targets_of(logged)
    return [
        name,
        log.performed_on.isoformat(),
        text_cell(log.assignment.program.title if log.assignment else ""),
        text_cell(log.workout.title if log.workout else "Free session"),
        text_cell(logged.exercise.name),
        logged.set_number,
        logged.side,
        logged.reps,
        logged.seconds,
        text_cell(band.name if band else ""),
        f"{band.tension_min_kg.normalize():f}-{band.tension_max_kg.normalize():f}" if band else "",
        logged.control,
        logged.break_angle,
        target_reps,
        target_seconds,
        logged.rpe,
        text_cell(logged.note),
        log.rpe,
        log.pain,
        text_cell(log.notes),
        text_cell(comments.get(log.pk, "")),
    ]


def athlete_sets(athlete: User, logs: QuerySet[WorkoutLog]) -> Iterator[list]:
    """The header, then every set of these sessions of the athlete's, with the coach's comments
    on each session joined in one cell."""
    comments = defaultdict(list)
    for log_id, author, body in Message.objects.filter(workout_log__in=logs).values_list(
        "workout_log_id", "author__username", "body"
    ):
        comments[log_id].append(f"{author}: {body}")
    joined = {log_id: " | ".join(bodies) for log_id, bodies in comments.items()}
    sets = (
        SetLog.objects.filter(workout_log__in=logs)
        .select_related(
            "workout_log__workout",
            "workout_log__assignment__program",
            "exercise",
            "band",
            "prescription",
        )
        .order_by("workout_log__performed_on", "workout_log_id", "id")
    )
    name = text_cell(athlete.get_full_name() or athlete.username)
    yield SETS_HEADER
    for logged in sets.iterator(chunk_size=CHUNK):
        yield set_row(name, logged, joined)


def strength_test_row(name: str, test: StrengthTest) -> list:
    # N/kg and the imbalance read the test alone: neither the earlier tests nor the sport
    # change them (those only decide the flags).
    reading = reading_of(test, [], "other")
    left_per_kg, right_per_kg = reading.per_kg
    imbalance = reading.imbalance_pct
    return [
        name,
        test.on_date.isoformat(),
        test.get_phase_display(),
        # "NordBord: peak force per leg (N)" reads "NordBord"; the unit has its own column.
        test.get_method_display().split(":")[0].split(" (")[0],
        test.left,
        test.right,
        UNITS[test.method],
        test.body_mass_kg,
        left_per_kg,
        right_per_kg,
        None if imbalance is None else f"{imbalance:.0f}",
        text_cell(test.note),
    ]


def athlete_tests(athlete: User) -> Iterator[list]:
    """The header, then every strength test of the athlete's, oldest first."""
    tests = StrengthTest.objects.filter(athlete=athlete).order_by("on_date", "id")
    name = text_cell(athlete.get_full_name() or athlete.username)
    yield TESTS_HEADER
    for test in tests.iterator():
        yield strength_test_row(name, test)


def csv_text(rows: Iterable[list]) -> str:
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    return text.getvalue()


def sets_csv(person: User) -> tuple[str, str]:
    """The sets file of a person's own data: every session of theirs, whoever ran it."""
    logs = WorkoutLog.objects.filter(athlete=person)
    return file_name("sets", person), csv_text(athlete_sets(person, logs))


def strength_tests_csv(person: User) -> tuple[str, str]:
    """The strength tests file of a person's own data."""
    return file_name("strength-tests", person), csv_text(athlete_tests(person))

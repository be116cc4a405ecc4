"""The coach's exports: every set of an athlete, and their strength tests, as CSV that opens
cleanly in a spreadsheet (formulas neutralised, one row per set or test)."""

import csv
from collections import defaultdict
from itertools import chain

from django.http import StreamingHttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from accounts.access import athlete_for_coach
from accounts.decorators import coach_required
from hamstrings.htmx import HtmxHttpRequest
from logbook.models import Message, SetLog, StrengthTest, WorkoutLog

SETS_HEADER = [
    "athlete", "date", "program", "workout", "exercise", "set", "side", "reps", "seconds",
    "band", "band tension (kg)", "control", "break angle", "target reps", "target seconds",
    "RPE", "set note", "session RPE", "pain", "session notes", "coach's comments",
]  # fmt: skip
TESTS_HEADER = ["athlete", "date", "phase", "method", "left", "right", "body mass (kg)", "note"]


class Echo:
    """A file-like object whose write hands the line back, for streaming csv.writer rows."""

    def write(self, value: str) -> str:
        return value


def text_cell(value: str) -> str:
    """Spreadsheets run a cell starting with = + - @ as a formula; a quote keeps it text."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_response(rows, filename: str) -> StreamingHttpResponse:
    writer = csv.writer(Echo())
    return StreamingHttpResponse(
        (writer.writerow(row) for row in rows),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


def set_row(name: str, logged: SetLog, comments: dict[int, str]) -> list:
    log, band = logged.workout_log, logged.band
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
        logged.target_reps,
        logged.target_seconds,
        logged.rpe,
        text_cell(logged.note),
        log.rpe,
        log.pain,
        text_cell(log.notes),
        text_cell(comments.get(log.pk, "")),
    ]


@coach_required
@require_GET
def athlete_export(request: HtmxHttpRequest, pk: int) -> StreamingHttpResponse:
    athlete = athlete_for_coach(request.user, pk)
    logs = WorkoutLog.objects.for_coach(request.user).filter(athlete=athlete)
    comments = defaultdict(list)
    for log_id, author, body in Message.objects.filter(workout_log__in=logs).values_list(
        "workout_log_id", "author__username", "body"
    ):
        comments[log_id].append(f"{author}: {body}")
    joined = {log_id: " | ".join(bodies) for log_id, bodies in comments.items()}
    sets = (
        SetLog.objects.filter(workout_log__in=logs)
        .select_related(
            "workout_log__workout", "workout_log__assignment__program", "exercise", "band"
        )
        .order_by("workout_log__performed_on", "workout_log_id", "id")
    )
    name = text_cell(athlete.get_full_name() or athlete.username)
    rows = (set_row(name, logged, joined) for logged in sets.iterator(chunk_size=2000))
    return csv_response(chain([SETS_HEADER], rows), f"{athlete.username}-sets.csv")


@coach_required
@require_GET
def athlete_tests_export(request: HtmxHttpRequest, pk: int) -> StreamingHttpResponse:
    athlete = athlete_for_coach(request.user, pk)
    tests = StrengthTest.objects.filter(athlete=athlete).order_by("on_date", "id")
    name = text_cell(athlete.get_full_name() or athlete.username)
    rows = (
        [name, test.on_date.isoformat(), test.phase, test.method, test.left, test.right,
         test.body_mass_kg, text_cell(test.note)]
        for test in tests.iterator()
    )  # fmt: skip
    return csv_response(chain([TESTS_HEADER], rows), f"{athlete.username}-strength-tests.csv")

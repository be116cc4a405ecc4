"""The coach's exports: every set of an athlete, and their strength tests; every set a squad
logged between two days, and the squad's strength tests. CSV that opens cleanly in a
spreadsheet (formulas neutralised, one row per set or test, words rather than codes), named
after the athlete or the team and the days, streamed from a server-side cursor whatever the
squad's size, and kept out of shared caches (they hold health data). Each export is a row in
the club's audit trail (`accounts.audit`): the one write these GETs make, before the first
line is sent."""

import csv
from itertools import chain

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from accounts.access import athlete_for_coach, team_for_coach
from accounts.audit import audit_record
from accounts.decorators import coach_required
from accounts.records import AuditAction
from coaching.csv_files import (
    CHUNK,
    TESTS_HEADER,
    athlete_sets,
    athlete_tests,
    file_name,
    strength_test_row,
    targets_of,
    text_cell,
)
from coaching.pages.squad import PAGE, export_dates, squad_calendar
from logbook.models import SetLog, StrengthTest, WorkoutLog
from web.htmx import UNPROCESSABLE, HtmxHttpRequest
from web.replica import replica_streamed

SQUAD_SETS_HEADER = [
    "athlete",
    "date",
    "program",
    "week",
    "workout",
    "exercise",
    "set",
    "side",
    "reps",
    "seconds",
    "band",
    "control",
    "RPE",
    "target reps",
    "target seconds",
]


class Echo:
    """A file-like object whose write hands the line back, for streaming csv.writer rows."""

    def write(self, value: str) -> str:
        return value


def csv_response(rows, filename: str) -> StreamingHttpResponse:
    """The rows, read from the read replica when there is one (`web.replica`): the export
    streams none of the request's writes (its audit row is not among them)."""
    writer = csv.writer(Echo())
    return StreamingHttpResponse(
        replica_streamed(writer.writerow(row) for row in rows),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


def squad_file_name(kind: str, team, days: str) -> str:
    """'sets-first-xv-2026-10-23-to-2026-11-19.csv': safe characters only, as for an athlete."""
    return f"{kind}-{slugify(team.name) or f'team-{team.pk}'}-{days}.csv"


@coach_required
@require_GET
@cache_control(private=True, no_store=True)
def athlete_export(request: HtmxHttpRequest, pk: int) -> StreamingHttpResponse:
    athlete = athlete_for_coach(request.user, pk)
    audit_record(
        actor=request.user, athlete=athlete, action=AuditAction.CSV_EXPORTED, detail="sets"
    )
    logs = WorkoutLog.objects.for_coach(request.user).filter(athlete=athlete)
    return csv_response(athlete_sets(athlete, logs), file_name("sets", athlete))


@coach_required
@require_GET
@cache_control(private=True, no_store=True)
def athlete_tests_export(request: HtmxHttpRequest, pk: int) -> StreamingHttpResponse:
    athlete = athlete_for_coach(request.user, pk)
    audit_record(
        actor=request.user,
        athlete=athlete,
        action=AuditAction.CSV_EXPORTED,
        detail="strength tests",
    )
    return csv_response(athlete_tests(athlete), file_name("strength-tests", athlete))


def week_words(log: WorkoutLog) -> str:
    """The week in words: "Week 3", or a repeating week with its turn ("Maintenance, week 2",
    "Stage 1, week 4"), as the athlete page titles them."""
    week = log.workout.week
    return f"{week.label}, week {log.occurrence}" if week.repeats else week.label


def squad_set_row(logged: SetLog) -> list:
    log, band, workout = logged.workout_log, logged.band, logged.workout_log.workout
    return [
        text_cell(str(log.athlete)),
        log.performed_on.isoformat(),
        text_cell(workout.week.program.title if workout else ""),
        week_words(log) if workout else "",
        text_cell(workout.title if workout else "Free session"),
        text_cell(logged.exercise.name),
        logged.set_number,
        logged.get_side_display(),
        logged.reps,
        logged.seconds,
        text_cell(band.name if band else ""),
        logged.get_control_display(),
        logged.rpe,
        *targets_of(logged),
    ]


@coach_required
@require_GET
@cache_control(private=True, no_store=True)
def squad_sets_export(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Every set the squad's athletes logged from `?from=` to `?to=` (the last 28 days without
    either); bad dates are answered on the calendar page, next to their field."""
    team = team_for_coach(request.user, pk)
    today = timezone.localdate()
    form = export_dates(request.GET, today)
    if not form.is_valid():
        context = squad_calendar(request.user, team, {}, today, export_form=form)
        return render(request, PAGE, context, status=UNPROCESSABLE)
    first, last = form.days()
    audit_record(
        actor=request.user,
        action=AuditAction.CSV_EXPORTED,
        detail=f"squad sets of {team.name}, {first} to {last}",
    )
    logs = WorkoutLog.objects.for_coach(request.user).filter(
        athlete__in=team.memberships.filter(is_active=True).values("athlete"),
        performed_on__range=(first, last),
    )
    sets = (
        SetLog.objects.filter(workout_log__in=logs)
        .select_related(
            "workout_log__athlete",
            "workout_log__workout__week__gate",
            "workout_log__workout__week__program",
            "exercise",
            "band",
            "prescription",
        )
        .order_by(
            "workout_log__performed_on",
            "workout_log__athlete__first_name",
            "workout_log__athlete__last_name",
            "workout_log__athlete_id",
            "workout_log_id",
            "id",
        )
    )
    rows = (squad_set_row(logged) for logged in sets.iterator(chunk_size=CHUNK))
    name = squad_file_name("sets", team, f"{first}-to-{last}")
    return csv_response(chain([SQUAD_SETS_HEADER], rows), name)


@coach_required
@require_GET
@cache_control(private=True, no_store=True)
def squad_tests_export(request: HtmxHttpRequest, pk: int) -> StreamingHttpResponse:
    """Every strength test of the squad's athletes, in the athlete export's columns."""
    team = team_for_coach(request.user, pk)
    audit_record(
        actor=request.user,
        action=AuditAction.CSV_EXPORTED,
        detail=f"squad strength tests of {team.name}",
    )
    tests = (
        StrengthTest.objects.filter(
            athlete__in=team.memberships.filter(is_active=True).values("athlete")
        )
        .select_related("athlete")
        .order_by("on_date", "athlete__first_name", "athlete__last_name", "athlete_id", "id")
    )
    rows = (
        strength_test_row(text_cell(str(test.athlete)), test)
        for test in tests.iterator(chunk_size=CHUNK)
    )
    name = squad_file_name("strength-tests", team, f"{timezone.localdate()}")
    return csv_response(chain([TESTS_HEADER], rows), name)

"""The coach's page for one athlete: their programs with the schedule, the band ladder of each
tracked exercise, recent workouts with comments, and a CSV export of every set. Every object is
fetched through the coach's athletes, so anyone else's answers 404. The page is built from a
fixed number of queries, however many workouts the athlete has logged."""

import csv
from datetime import date
from itertools import chain

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import coach_required
from accounts.models import athletes_of
from catalogue.models import Band
from logbook.athlete_page import (
    assignment_panels,
    band_form,
    comment_form,
    log_panels,
    logs_of,
    page_context,
    track_panels,
    tracks_of,
)
from logbook.models import SetLog, WorkoutLog
from programs import services
from programs.models import Assignment, AssignmentStatus, BandTrack

PAGE = "logbook/coach_athlete.html"
UNPROCESSABLE = 422  # a form sent back with its errors, without JavaScript


# Access: one scoped query per resource; outside the coach's athletes everything is 404.


def athlete_for(coach, pk: int):
    return get_object_or_404(athletes_of(coach), pk=pk)


def assignment_for(coach, pk: int) -> Assignment:
    assignments = Assignment.objects.filter(athlete__in=athletes_of(coach))
    return get_object_or_404(assignments.select_related("program"), pk=pk)


def track_for(coach, pk: int) -> BandTrack:
    tracks = BandTrack.objects.filter(assignment__athlete__in=athletes_of(coach))
    return get_object_or_404(tracks.select_related("assignment", "exercise", "band"), pk=pk)


def log_for(coach, pk: int) -> WorkoutLog:
    return get_object_or_404(WorkoutLog.objects.filter(athlete__in=athletes_of(coach)), pk=pk)


def page_url(athlete_id: int, anchor: str) -> str:
    return reverse("logbook:coach-athlete", args=[athlete_id]) + f"#{anchor}"


# Views


@coach_required
@require_GET
def athlete_detail(request: HttpRequest, pk: int) -> HttpResponse:
    athlete = athlete_for(request.user, pk)
    return render(request, PAGE, page_context(request.user, athlete))


def pause(assignment: Assignment, today: date) -> str:
    services.assignment_pause(assignment=assignment, today=today)
    return "Paused: the remaining workouts wait until you resume."


def resume(assignment: Assignment, today: date) -> str:
    days = (today - assignment.paused_on).days
    services.assignment_resume(assignment=assignment, today=today)
    return f"Resumed: the remaining workouts moved {days} day{'s' if days != 1 else ''} later."


def end(assignment: Assignment, today: date) -> str:
    services.assignment_end(assignment=assignment)
    return "Ended: the program moved to the done list."


# Each action: the statuses it applies to, and what it does.
ACTIONS = {
    "pause": ({AssignmentStatus.ACTIVE}, pause),
    "resume": ({AssignmentStatus.PAUSED}, resume),
    "end": ({AssignmentStatus.ACTIVE, AssignmentStatus.PAUSED}, end),
}


@coach_required
@require_POST
def assignment_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404("No such action.")
    assignment = assignment_for(request.user, pk)
    statuses, act = ACTIONS[action]
    if assignment.status in statuses:
        notice, level = act(assignment, timezone.localdate()), messages.SUCCESS
    else:
        notice = f"Nothing to {action}: this program is {assignment.get_status_display().lower()}."
        level = messages.WARNING
    if not request.htmx:
        messages.add_message(request, level, notice)
        return redirect(page_url(assignment.athlete_id, f"assignment-{assignment.pk}"))
    [panel] = assignment_panels([assignment], today=timezone.localdate())
    panel.notice = notice
    return render(request, f"{PAGE}#assignment-card", {"panel": panel})


@coach_required
@require_POST
def track_band_set(request: HttpRequest, pk: int) -> HttpResponse:
    track = track_for(request.user, pk)
    ladder = list(Band.objects.ladder())
    form, notice = band_form(track, ladder, request.POST), ""
    if form.is_valid():
        band = form.cleaned_data["band"]
        services.band_set_by_coach(
            track=track, band=band, reason=form.cleaned_data["reason"], by=request.user
        )
        where = f"on the {band.name.lower()} band" if band else "without a band"
        notice = f"{track.exercise.name}: now {where}."
        if not request.htmx:
            messages.success(request, notice)
            return redirect(page_url(track.assignment.athlete_id, f"track-{track.pk}"))
        form = None
    elif not request.htmx:
        context = page_context(request.user, track.assignment.athlete, track_form=form)
        return render(request, PAGE, context, status=UNPROCESSABLE)
    [panel] = track_panels(
        tracks_of(pk=track.pk), ladder=ladder, today=timezone.localdate(), bound=form
    )
    panel.notice = notice
    return render(request, f"{PAGE}#track-card", {"panel": panel})


@coach_required
@require_POST
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    log = log_for(request.user, pk)
    form, notice = comment_form(log, request.POST), ""
    if form.is_valid():
        # No comment service exists yet; a single insert needs no transaction of its own.
        form.instance.workout_log, form.instance.author = log, request.user
        form.save()
        notice = "Comment added."
        if not request.htmx:
            messages.success(request, notice)
            return redirect(page_url(log.athlete_id, f"log-{log.pk}"))
        form = None
    elif not request.htmx:
        context = page_context(request.user, log.athlete, log_form=(log.pk, form))
        return render(request, PAGE, context, status=UNPROCESSABLE)
    [panel] = log_panels(logs_of(pk=log.pk), bound=(log.pk, form) if form else None)
    panel.notice = notice
    return render(request, f"{PAGE}#log-card", {"panel": panel})


# CSV export

CSV_HEADER = [
    "date", "program", "workout", "exercise", "set", "side", "reps", "seconds", "band",
    "target reps", "target seconds", "RPE", "session RPE", "pain",
]  # fmt: skip


class Echo:
    """A file-like object whose write hands the line back, for streaming csv.writer rows."""

    def write(self, value: str) -> str:
        return value


def text_cell(value: str) -> str:
    """Spreadsheets run a cell starting with = + - @ as a formula; a quote keeps it text."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_row(logged: SetLog) -> list:
    log = logged.workout_log
    return [
        log.performed_on.isoformat(),
        text_cell(log.assignment.program.title if log.assignment else ""),
        text_cell(log.workout.title if log.workout else "Free session"),
        text_cell(logged.exercise.name),
        logged.set_number,
        logged.side,
        logged.reps,
        logged.seconds,
        text_cell(logged.band.name if logged.band else ""),
        logged.target_reps,
        logged.target_seconds,
        logged.rpe,
        log.rpe,
        log.pain,
    ]


@coach_required
@require_GET
def athlete_export(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    athlete = athlete_for(request.user, pk)
    sets = (
        SetLog.objects.filter(workout_log__athlete=athlete)
        .select_related(
            "workout_log__workout", "workout_log__assignment__program", "exercise", "band"
        )
        .order_by("workout_log__performed_on", "workout_log_id", "id")
    )
    writer = csv.writer(Echo())
    rows = chain([CSV_HEADER], (csv_row(logged) for logged in sets.iterator(chunk_size=2000)))
    filename = f"{athlete.username}-sets.csv"
    return StreamingHttpResponse(
        (writer.writerow(row) for row in rows),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )

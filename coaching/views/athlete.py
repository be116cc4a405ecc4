"""The coach's page for one athlete: their programs with the schedule, the band ladder of each
tracked exercise, recent workouts with comments, and a CSV export of every set. Every object is
fetched through the coach's athletes (the `access` modules), so anyone else's answers 404. The
page is built from a fixed number of queries, however many workouts the athlete has logged."""

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accounts.access import athlete_for_coach
from accounts.audit import audit_record
from accounts.decorators import coach_required, health_staff_required
from accounts.records import AuditAction
from catalogue.models import Band
from catalogue.words import on_band
from coaching import actions
from coaching.forms import LaterStartForm
from coaching.pages.athlete import (
    PAGE,
    assignment_panels,
    band_form,
    comment_form,
    log_panels,
    logs_of,
    page_context,
    page_url,
    track_panels,
    tracks_of,
)
from logbook import services as logbook
from logbook.access import log_for_coach
from programs import actions as programs_actions
from programs import assignments
from programs.access import assignment_for_coach, suggestion_for_coach, track_for_coach
from programs.models import OPEN_STATUSES, Assignment, AssignmentStatus
from programs.return_to_play import StageNotReady
from web.htmx import UNPROCESSABLE, HtmxHttpRequest, partial_or_redirect


@coach_required
@require_GET
def athlete_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The coach's page of one athlete. When it shows their pain (the pain pause, unanswered
    pain stops), the club's audit trail records who looked: the one write this GET makes."""
    athlete = athlete_for_coach(request.user, pk)
    context = page_context(request.user, athlete)
    if seen := pain_seen(context["pain_pause"], context["pain_stops"]):
        audit_record(
            actor=request.user, athlete=athlete, action=AuditAction.PAIN_STOP_VIEWED, detail=seen
        )
    return render(request, PAGE, context)


def pain_seen(pause, stops) -> str:
    """What of the athlete's pain the page shows, in words ("the pain pause and 2 pain
    stops"); the stops are read once, here, and the template reuses them."""
    shown = ["the pain pause"] if pause else []
    if count := len(stops):
        shown.append(f"{count} pain stop{'s' if count != 1 else ''}")
    return " and ".join(shown)


def pause(assignment: Assignment, today: date) -> str:
    assignments.assignment_pause(assignment=assignment, today=today)
    return "Paused: the remaining workouts wait until you resume."


def resume(assignment: Assignment, today: date) -> str:
    days = (today - assignment.paused_on).days
    assignments.assignment_resume(assignment=assignment, today=today)
    return f"Resumed: the remaining workouts moved {days} day{'s' if days != 1 else ''} later."


def end(assignment: Assignment, today: date) -> str:
    assignments.assignment_end(assignment=assignment)
    return "Ended: the program moved to the done list."


# Each action: the statuses it applies to, and what it does.
ACTIONS = {
    "pause": ({AssignmentStatus.ACTIVE}, pause),
    "resume": ({AssignmentStatus.PAUSED}, resume),
    "end": (set(OPEN_STATUSES), end),
}


@coach_required
@require_POST
def assignment_action(request: HtmxHttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404("No such action.")
    assignment = assignment_for_coach(request.user, pk)
    statuses, act = ACTIONS[action]
    if assignment.status in statuses:
        notice, level = act(assignment, timezone.localdate()), messages.SUCCESS
    else:
        notice = f"Nothing to {action}: this program is {assignment.get_status_display().lower()}."
        level = messages.WARNING
    return show_assignment(request, assignment, notice, level)


def show_assignment(request, assignment: Assignment, notice: str, level: int) -> HttpResponse:
    def card() -> dict:
        [panel] = assignment_panels([assignment], today=timezone.localdate())
        return {"panel": panel}

    return partial_or_redirect(
        request,
        f"{PAGE}#assignment-card",
        card,
        notice=notice,
        level=level,
        url=page_url(assignment.athlete_id, f"assignment-{assignment.pk}"),
    )


@coach_required
@require_POST
def assignment_start(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """One athlete of a squad's plan starts later than the squad, or back on the squad's day
    (`squad` in the POST)."""
    assignment = assignment_for_coach(request.user, pk)
    squad_start = assignment.group.start_date
    data = {"start_date": squad_start} if "squad" in request.POST else request.POST
    form = LaterStartForm(data, squad_start=squad_start)
    if not assignment.is_open:
        return show_assignment(request, assignment, "This program has ended.", messages.WARNING)
    if not form.is_valid():
        notice = " ".join(form.errors["start_date"])
        return show_assignment(request, assignment, f"Not moved. {notice}", messages.ERROR)
    day = form.cleaned_data["start_date"]
    assignment = programs_actions.start_set(
        coach=request.user, assignment=assignment, start_date=day
    )
    said = "the squad's day" if day == squad_start else "later than the squad"
    return show_assignment(
        request, assignment, f"Starts {day:%-d %b %Y}, {said}.", messages.SUCCESS
    )


@health_staff_required
@require_POST
def stage_sign_off(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The coach signs off the athlete's return-to-play stage, once its criteria hold: the next
    stage opens (today, or tomorrow after a session of the stage today) or the program is done,
    and the athlete is told in their thread."""
    assignment = assignment_for_coach(request.user, pk)
    try:
        said = actions.stage_sign_off(
            coach=request.user, assignment=assignment, today=timezone.localdate()
        )
    except StageNotReady as refusal:
        return show_assignment(request, assignment, str(refusal), messages.WARNING)
    return show_assignment(request, assignment, said, messages.SUCCESS)


@coach_required
@require_POST
def track_band_set(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    track = track_for_coach(request.user, pk)
    ladder = list(Band.objects.ladder())
    form, notice = band_form(track, ladder, request.POST), ""
    if form.is_valid():
        band = form.cleaned_data["band"]
        actions.band_set(
            coach=request.user, track=track, band=band, reason=form.cleaned_data["reason"]
        )
        where = on_band(band.name if band else None)
        notice, form = f"{track.exercise.name}: now {where}.", None
    elif not request.htmx:
        context = page_context(request.user, track.assignment.athlete, track_form=form)
        return render(request, PAGE, context, status=UNPROCESSABLE)

    def card() -> dict:
        today = timezone.localdate()
        [panel] = track_panels(tracks_of(pk=track.pk), ladder=ladder, today=today, bound=form)
        return {"panel": panel}

    return partial_or_redirect(
        request,
        f"{PAGE}#track-card",
        card,
        notice=notice,
        url=page_url(track.assignment.athlete_id, f"track-{track.pk}"),
    )


@coach_required
@require_POST
def comment_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    log = log_for_coach(request.user, pk)
    form, notice = comment_form(log, request.POST), ""
    if form.is_valid():
        actions.comment_add(coach=request.user, log=log, body=form.cleaned_data["body"])
        notice, form = "Comment added.", None
    elif not request.htmx:
        context = page_context(request.user, log.athlete, log_form=(log.pk, form))
        return render(request, PAGE, context, status=UNPROCESSABLE)

    def card() -> dict:
        [panel] = log_panels(
            logs_of(request.user, pk=log.pk), bound=(log.pk, form) if form else None
        )
        return {"panel": panel}

    return partial_or_redirect(
        request,
        f"{PAGE}#log-card",
        card,
        notice=notice,
        url=page_url(log.athlete_id, f"log-{log.pk}"),
    )


@coach_required
@require_POST
def suggestion_decide(request: HtmxHttpRequest, pk: int, decision: str) -> HttpResponse:
    """Approve (the band changes now) or decline the engine's suggested step on."""
    if decision not in ("approve", "decline"):
        raise Http404("No such decision.")
    change = suggestion_for_coach(request.user, pk)
    actions.suggestion_decide(coach=request.user, change=change, approve=decision == "approve")
    track = change.track
    to = change.to_band.name.lower() + " band" if change.to_band else "no band"
    notice = f"Approved: {to} from the next session." if decision == "approve" else "Declined."

    def card() -> dict:
        ladder = list(Band.objects.ladder())
        [panel] = track_panels(tracks_of(pk=track.pk), ladder=ladder, today=timezone.localdate())
        return {"panel": panel}

    return partial_or_redirect(
        request,
        f"{PAGE}#track-card",
        card,
        notice=notice,
        url=page_url(track.assignment.athlete_id, f"track-{track.pk}"),
    )


@health_staff_required
@require_POST
def pain_stops_clear(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The coach has spoken with the athlete: the warning on their workouts goes."""
    athlete = athlete_for_coach(request.user, pk)
    cleared = logbook.pain_stops_answer(athlete=athlete, by=request.user)
    messages.success(request, f"Cleared {cleared} pain stop{'s' if cleared != 1 else ''}.")
    return redirect(page_url(athlete.pk, "pain-stops"))

"""The athlete's workout: the page, one-tap set logging (idempotent by token), edit and undo,
and finishing, which runs the band progression engine."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from catalogue.models import Band
from hamstrings.htmx import UNPROCESSABLE, HtmxHttpRequest, partial_or_redirect
from hamstrings.params import parse_id
from logbook import actions, gaps, services
from logbook.access import open_set_for_athlete
from logbook.gaps import Gap
from logbook.links import occurrence_query
from logbook.models import WorkoutLog
from logbook.nordic_gap import TooSoon, nordic_too_soon
from logbook.pages.calendar import FARTHEST
from logbook.pages.state import athlete_state
from logbook.pages.workout import SetRow, build_cards, last_time_for
from logbook.set_forms import CheckInForm, FinishForm, PainStopForm, SetForm
from logbook.start_band import start_band_due
from programs.access import workout_for_athlete
from programs.assignments import occurrences_begun, scheduled_on
from programs.bands import band_for, track_bands
from programs.progression import STOP_LOADING
from programs.schedule import workout_day

PAGE = "logbook/workout.html"


def workout_url(workout, row: SetRow | None = None, name="logbook:workout") -> str:
    """The workout's page (or one of its actions), for the occurrence the workout was read for
    (`occurrence_of`): a repeating week's later weeks carry `?n=`."""
    url = reverse(name, args=[workout.pk]) + occurrence_query(workout.occurrence)
    return f"{url}#{row.dom_id}" if row else url


def athlete_workout(request, pk: int):
    """The athlete's workout and assignment, for the occurrence in `?n=` (1 without it). A
    repeating week's occurrence is logged once its week has begun, or the next one (worked a
    few days early); its page reads as far ahead as the calendar links to it. Anything later
    is not found: no row for a week decades away, no date past the calendar's end."""
    occurrence = parse_id(request.GET.get("n")) or 1
    workout, assignment = workout_for_athlete(request.user, pk, occurrence)
    today = timezone.localdate()
    by = today + FARTHEST if request.method == "GET" else today
    if occurrence > 1 and occurrence > occurrences_begun(assignment, workout, by) + 1:
        raise Http404("That week's workout is not open yet.")
    workout.occurrence = occurrence
    return workout, assignment


def log_of(assignment, workout) -> WorkoutLog | None:
    return WorkoutLog.objects.filter(
        assignment=assignment, workout=workout, occurrence=workout.occurrence
    ).first()


def ask_first(request, workout, assignment, asked: TooSoon | Gap) -> HttpResponse:
    """Before a Nordic session under 48 hours after the last one, or a return after a gap:
    the reason, and a start (a POST), or back to today."""
    context = {
        "workout": workout,
        "assignment": assignment,
        "reason": asked.reason(timezone.localdate())
        if isinstance(asked, TooSoon)
        else asked.reason(),
        "anyway": isinstance(asked, TooSoon),
        "start_url": workout_url(workout, name="logbook:workout-start"),
    }
    return render(request, "logbook/today_start.html", context)


@login_required
@require_POST
def workout_begin(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Start a workout from today (its "Start"): asked first when it is a Nordic session too
    soon after the last one, unless the athlete goes ahead anyway."""
    workout, assignment = athlete_workout(request, pk)
    if log_of(assignment, workout) is None:
        too_soon = nordic_too_soon(
            athlete=request.user, workout=workout, today=timezone.localdate(), now=timezone.now()
        )
        if too_soon is not None and "anyway" not in request.POST:
            return ask_first(request, workout, assignment, too_soon)
        actions.workout_begin(
            athlete=request.user,
            assignment=assignment,
            workout=workout,
            occurrence=workout.occurrence,
            today=timezone.localdate(),
        )
    return redirect(workout_url(workout))


def render_page(
    request,
    workout,
    assignment,
    *,
    log=None,
    refused: SetRow | None = None,
    finish_form=None,
    extra=None,
    check_in_form=None,
    status=200,
):
    state = athlete_state(request.user, timezone.localdate())
    cards = build_cards(
        workout=workout, assignment=assignment, log=log, extra=extra, paused=state["pain_pause"]
    )
    if refused is not None:  # show the refused row with its message in place
        for card in cards:
            for index, row in enumerate(card.rows):
                if row.dom_id == refused.dom_id:
                    card.rows[index] = refused
    context = {
        "workout": workout,
        "assignment": assignment,
        "log": log,
        "cards": cards,
        "bands": Band.objects.order_by("kind", "rank"),
        "finish_form": finish_form or FinishForm(),
        "day": workout_day(  # the one rule: the day it was begun, else its scheduled day
            scheduled=scheduled_on(assignment, workout, workout.occurrence),
            done_on=log.performed_on if log else None,
        ),
        **state,
        "start_band_due": start_band_due(
            assignment=assignment,
            cards=cards,
            paused=bool(state["pain_warning"]) or state["pain_pause"] is not None,
        ),
        "check_in_form": check_in_form
        or (None if log and hasattr(log, "check_in") else CheckInForm()),
        # One form for every exercise card: without ids, its radios and select sit inside
        # their labels, and no id repeats on the page.
        "pain_stop_form": PainStopForm(auto_id=False),
        "stop_loading": STOP_LOADING,
    }
    return render(request, PAGE, context, status=status)


def row_context(row: SetRow, workout) -> dict:
    return {"row": row, "workout": workout, "bands": Band.objects.order_by("kind", "rank")}


def render_row(request, row: SetRow, workout) -> HttpResponse:
    return render(request, f"{PAGE}#set-row", row_context(row, workout))


def show_row(request: HtmxHttpRequest, row: SetRow, workout) -> HttpResponse:
    """After a change to a set: htmx swaps its row, a plain post goes back to it."""
    return partial_or_redirect(
        request,
        f"{PAGE}#set-row",
        lambda: row_context(row, workout),
        url=workout_url(workout, row),
    )


@login_required
@require_GET
def workout_page(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    workout, assignment = athlete_workout(request, pk)
    log = log_of(assignment, workout)
    if log is not None and log.is_complete:
        return redirect("logbook:log-detail", pk=log.pk)
    # The phone keeping a copy for offline (Purpose: prefetch) is not the athlete opening it:
    # the copy holds the sets (one logged offline too soon after a Nordic flags the coach, as
    # any set sent without the question does). Nothing is written here: a gap is resumed by
    # the start (a POST), or by the first set.
    if log is None and request.headers.get("Purpose") != "prefetch":
        asked = gaps.workout_open(
            athlete=request.user,
            assignment=assignment,
            workout=workout,
            today=timezone.localdate(),
            now=timezone.now(),
        )
        if asked is not None:
            return ask_first(request, workout, assignment, asked)
    extra = parse_id(request.GET.get("extra"))
    if request.htmx and extra is not None:
        return extra_set(request, workout, assignment, log, extra)
    return render_page(request, workout, assignment, log=log, extra=extra)


def extra_set(request, workout, assignment, log, extra: int) -> HttpResponse:
    """One more set per tap of "+ Add a set": its row (a row per side), numbered after every
    set logged and every set number the page sends as shown (the rows earlier taps added), so
    two taps make two sets; nothing once the exercise has the most sets a workout allows."""
    shown = {n for n in map(parse_id, request.GET.getlist("set_number")[:200]) if n is not None}
    cards = build_cards(workout=workout, assignment=assignment, log=log, extra=extra, shown=shown)
    card = next((card for card in cards if card.prescription.pk == extra), None)
    if card is None:
        raise Http404("No such exercise in this workout.")
    added = max((row.set_number for row in card.rows), default=0)
    rows = [
        row
        for row in card.rows
        if row.set_number == added and row.is_extra and row.logged is None and added not in shown
    ]
    if not rows:
        return HttpResponse(status=204)
    bands = list(Band.objects.order_by("kind", "rank"))
    html = "".join(
        render_to_string(f"{PAGE}#set-row", {**row_context(row, workout), "bands": bands}, request)
        for row in rows
    )
    return HttpResponse(html)


@login_required
@require_POST
def set_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    workout, assignment = athlete_workout(request, pk)
    prescription_id = parse_id(request.POST.get("prescription"))
    prescription = (
        workout.prescriptions.select_related("exercise").filter(pk=prescription_id).first()
        if prescription_id
        else None
    )
    if prescription is None:
        return render(request, f"{PAGE}#row-refused", {"workout": workout})
    form = SetForm(request.POST, prescription=prescription)
    if form.is_valid():
        data = form.cleaned_data
        try:
            set_log = actions.set_log(
                athlete=request.user,
                assignment=assignment,
                workout=workout,
                occurrence=workout.occurrence,
                prescription=prescription,
                today=timezone.localdate(),
                token=data["token"],
                set_number=data["set_number"],
                side=data["side"],
                reps=data["reps"],
                seconds=data["seconds"],
                band=data["band"],
                rpe=data["rpe"],
                control=data["control"],
                break_angle=data["break_angle"],
            )
        except actions.WorkoutFinished as refusal:
            form.add_error(None, str(refusal))
        except services.SetConflict as error:
            form.add_error(None, f"{error} Reload the page to see it.")
        else:
            row = SetRow(
                set_log.prescription, set_log.set_number, set_log.side, set_log.band, set_log
            )
            return show_row(request, row, workout)
    row = SetRow(
        prescription,
        form.cleaned_data.get("set_number") or 1,
        form.cleaned_data.get("side") or "both",
        band_for(prescription, track_bands(assignment.pk)),
        form=form,
    )
    if request.htmx:
        return render_row(request, row, workout)
    log = log_of(assignment, workout)
    return render_page(request, workout, assignment, log=log, refused=row)


@login_required
@require_POST
def set_undo(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    set_log = open_set_for_athlete(request.user, pk)
    workout = set_log.workout_log.workout
    workout.occurrence = set_log.workout_log.occurrence
    assignment = set_log.workout_log.assignment
    prescription = set_log.prescription
    services.set_undo(set_log=set_log)
    row = SetRow(
        prescription,
        set_log.set_number,
        set_log.side,
        band_for(prescription, track_bands(assignment.pk)),
    )
    last_time_for(row, athlete=request.user, exclude=set_log.workout_log)
    return show_row(request, row, workout)


@login_required
@require_http_methods(["GET", "POST"])
def set_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    set_log = open_set_for_athlete(request.user, pk)
    workout, prescription = set_log.workout_log.workout, set_log.prescription
    workout.occurrence = set_log.workout_log.occurrence
    row = SetRow(prescription, set_log.set_number, set_log.side, set_log.band, set_log)
    if request.method == "POST":
        form = SetForm(request.POST, prescription=prescription)
        if form.is_valid():
            data = form.cleaned_data
            services.set_update(
                set_log=set_log,
                reps=data["reps"],
                seconds=data["seconds"],
                band=data["band"],
                control=data["control"],
                break_angle=data["break_angle"],
            )
            return show_row(request, row, workout)
    else:
        form = SetForm(
            initial={
                "reps": set_log.reps,
                "seconds": set_log.seconds,
                "band": set_log.band_id,
                "control": set_log.control,
                "break_angle": set_log.break_angle,
            },
            prescription=prescription,
        )
    row.form, row.editing = form, True
    template = f"{PAGE}#set-row" if request.htmx else "logbook/set_edit.html"
    return render(request, template, row_context(row, workout))


@login_required
@require_POST
def workout_finish(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    workout, assignment = athlete_workout(request, pk)
    log = log_of(assignment, workout)
    form = FinishForm(request.POST)
    # A session with nothing prescribed set by set (a run in return to play, as the physio or
    # coach sets it) is finished with its effort and pain alone.
    set_by_set = workout.prescriptions.exists()
    if set_by_set and (log is None or not log.sets.exists()):
        form.add_error(None, "Log at least one set before you finish.")
    if form.is_valid():
        log = actions.workout_finish(
            athlete=request.user,
            assignment=assignment,
            workout=workout,
            occurrence=workout.occurrence,
            today=timezone.localdate(),
            **form.cleaned_data,
        )
        url = reverse("logbook:log-detail", args=[log.pk])
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    if request.htmx:
        context = {"workout": workout, "finish_form": form}
        return render(request, f"{PAGE}#finish-form", context)
    return render_page(request, workout, assignment, log=log, finish_form=form)


@login_required
@require_POST
def pain_stop(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Stop: it hurts. The exercise ends for this session, its band is decided at once, the
    coach is flagged; the page then shows the warning."""
    workout, assignment = athlete_workout(request, pk)
    form = PainStopForm(request.POST)
    prescription = None
    if form.is_valid():
        prescription = workout.prescriptions.filter(pk=form.cleaned_data["prescription"]).first()
    if prescription is None:
        messages.error(request, "Choose the exercise that hurt.")
        return redirect(workout_url(workout))
    data = form.cleaned_data
    try:
        actions.pain_stop(
            athlete=request.user,
            assignment=assignment,
            workout=workout,
            occurrence=workout.occurrence,
            today=timezone.localdate(),
            exercise=prescription.exercise,
            side=data["side"],
            where=data["where"],
            kind=data["kind"],
        )
    except actions.WorkoutFinished as refusal:  # one decision per session: a stale page
        messages.warning(request, "This workout is finished; tell your coach about the pain.")
        return redirect("logbook:log-detail", pk=refusal.log.pk)
    messages.warning(request, f"{prescription.exercise.name} stopped. {STOP_LOADING}")
    url = workout_url(workout) + f"#exercise-{prescription.pk}"
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@login_required
@require_POST
def check_in(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Soreness before the session, once; "skip" records nothing and hides the question."""
    workout, assignment = athlete_workout(request, pk)
    form = CheckInForm(request.POST)
    skipped = "skip" in request.POST
    if not skipped and not form.is_valid():
        log = log_of(assignment, workout)
        return render_page(
            request, workout, assignment, log=log, check_in_form=form, status=UNPROCESSABLE
        )
    answers = {} if skipped else form.cleaned_data
    readiness = {item: answers.get(item) for item in CheckInForm.READINESS_ITEMS}
    try:
        actions.check_in(
            athlete=request.user,
            assignment=assignment,
            workout=workout,
            occurrence=workout.occurrence,
            today=timezone.localdate(),
            soreness=answers.get("soreness"),
            **readiness,
        )
    except actions.WorkoutFinished as refusal:
        return redirect("logbook:log-detail", pk=refusal.log.pk)
    return redirect(workout_url(workout))

"""The athlete's workout: the page (asking first after a gap or a Nordic too soon), its start,
the soreness check-in, a pain stop and the finish, which runs the band progression engine.
Logging, editing and undoing one set are `logbook.views.sets`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from logbook import actions, gaps
from logbook.gaps import Gap
from logbook.nordic_gap import TooSoon, nordic_too_soon
from logbook.pages.workout import BandMenu, build_cards
from logbook.pages.workout_render import (
    PAGE,
    athlete_workout,
    render_page,
    row_html,
    visit,
    workout_url,
)
from logbook.set_forms import CheckInForm, FinishForm, PainStopForm
from logbook.workout_reads import all_bands, log_of
from programs.progression import STOP_LOADING
from web.htmx import UNPROCESSABLE, HtmxHttpRequest
from web.params import parse_id


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
            athlete=request.user,
            workout=workout,
            today=timezone.localdate(),
            now=timezone.now(),
            assignment=assignment,
        )
        if too_soon is not None and "anyway" not in request.POST:
            return ask_first(request, workout, assignment, too_soon)
        actions.workout_begin(
            **visit(request, workout, assignment),
        )
    return redirect(workout_url(workout))


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
    bands = BandMenu(all_bands())
    return HttpResponse("".join(row_html(request, row, workout, bands) for row in rows))


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
            **visit(request, workout, assignment),
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
            **visit(request, workout, assignment),
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
            **visit(request, workout, assignment),
            soreness=answers.get("soreness"),
            **readiness,
        )
    except actions.WorkoutFinished as refusal:
        return redirect("logbook:log-detail", pk=refusal.log.pk)
    return redirect(workout_url(workout))

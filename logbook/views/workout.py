"""The athlete's workout: the page, one-tap set logging (idempotent by token), edit and undo,
and finishing, which runs the band progression engine."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from catalogue.models import Band
from hamstrings.htmx import HtmxHttpRequest, partial_or_redirect
from hamstrings.params import parse_id
from logbook import services
from logbook.access import open_set_for_athlete
from logbook.models import WorkoutLog
from logbook.pages.workout import SetRow, build_cards
from logbook.set_forms import FinishForm, SetForm
from programs.access import workout_for_athlete
from programs.bands import band_for, track_bands

PAGE = "logbook/workout.html"


def workout_url(workout, row: SetRow | None = None) -> str:
    url = reverse("logbook:workout", args=[workout.pk])
    return f"{url}#{row.dom_id}" if row else url


def render_page(request, workout, assignment, *, log=None, refused: SetRow | None = None,
                finish_form=None, extra=None, status=200):  # fmt: skip
    cards = build_cards(workout=workout, assignment=assignment, log=log, extra=extra)
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
        "scheduled_on": workout.scheduled_on(assignment.start_date),
    }
    return render(request, PAGE, context, status=status)


def row_context(row: SetRow, workout) -> dict:
    return {"row": row, "workout": workout, "bands": Band.objects.order_by("kind", "rank")}


def render_row(request, row: SetRow, workout) -> HttpResponse:
    return render(request, f"{PAGE}#set-row", row_context(row, workout))


def show_row(request: HtmxHttpRequest, row: SetRow, workout) -> HttpResponse:
    """After a change to a set: htmx swaps its row, a plain post goes back to it."""
    return partial_or_redirect(
        request, f"{PAGE}#set-row", lambda: row_context(row, workout),
        url=workout_url(workout, row),
    )  # fmt: skip


@login_required
@require_GET
def workout_page(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    workout, assignment = workout_for_athlete(request.user, pk)
    log = WorkoutLog.objects.filter(assignment=assignment, workout=workout).first()
    if log is not None and log.is_complete:
        return redirect("logbook:log-detail", pk=log.pk)
    extra = parse_id(request.GET.get("extra"))
    if request.htmx and extra is not None:
        cards = build_cards(workout=workout, assignment=assignment, log=log, extra=extra)
        card = next((card for card in cards if card.prescription.pk == extra), None)
        if card is None:
            raise Http404("No such exercise in this workout.")
        return render_row(request, card.rows[-1], workout)
    return render_page(request, workout, assignment, log=log, extra=extra)


@login_required
@require_POST
def set_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    workout, assignment = workout_for_athlete(request.user, pk)
    prescription_id = parse_id(request.POST.get("prescription"))
    prescription = (
        workout.prescriptions.filter(pk=prescription_id).first() if prescription_id else None
    )
    if prescription is None:
        return render(request, f"{PAGE}#row-refused", {"workout": workout})
    form = SetForm(request.POST, prescription=prescription)
    if form.is_valid():
        data = form.cleaned_data
        log = services.workout_start(
            athlete=request.user, assignment=assignment, workout=workout,
            today=timezone.localdate(),
        )  # fmt: skip
        if log.is_complete:
            form.add_error(None, "This workout is finished; its sets can no longer change.")
        else:
            try:
                set_log = services.set_log(
                    workout_log=log, token=data["token"], exercise_id=prescription.exercise_id,
                    prescription=prescription, set_number=data["set_number"], side=data["side"],
                    reps=data["reps"], seconds=data["seconds"], band=data["band"], rpe=data["rpe"],
                )  # fmt: skip
            except services.SetConflict as error:
                form.add_error(None, f"{error} Reload the page to see it.")
            else:
                row = SetRow(prescription, set_log.set_number, set_log.side, set_log.band, set_log)
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
    log = WorkoutLog.objects.filter(assignment=assignment, workout=workout).first()
    return render_page(request, workout, assignment, log=log, refused=row)


@login_required
@require_POST
def set_undo(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    set_log = open_set_for_athlete(request.user, pk)
    workout = set_log.workout_log.workout
    assignment = set_log.workout_log.assignment
    prescription = set_log.prescription
    services.set_undo(set_log=set_log)
    row = SetRow(
        prescription, set_log.set_number, set_log.side,
        band_for(prescription, track_bands(assignment.pk)),
    )  # fmt: skip
    return show_row(request, row, workout)


@login_required
@require_http_methods(["GET", "POST"])
def set_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    set_log = open_set_for_athlete(request.user, pk)
    workout, prescription = set_log.workout_log.workout, set_log.prescription
    row = SetRow(prescription, set_log.set_number, set_log.side, set_log.band, set_log)
    if request.method == "POST":
        form = SetForm(request.POST, prescription=prescription)
        if form.is_valid():
            data = form.cleaned_data
            services.set_update(
                set_log=set_log, reps=data["reps"], seconds=data["seconds"], band=data["band"]
            )
            return show_row(request, row, workout)
    else:
        form = SetForm(
            initial={"reps": set_log.reps, "seconds": set_log.seconds, "band": set_log.band_id},
            prescription=prescription,
        )
    row.form, row.editing = form, True
    template = f"{PAGE}#set-row" if request.htmx else "logbook/set_edit.html"
    return render(request, template, row_context(row, workout))


@login_required
@require_POST
def workout_finish(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    workout, assignment = workout_for_athlete(request.user, pk)
    log = WorkoutLog.objects.filter(assignment=assignment, workout=workout).first()
    form = FinishForm(request.POST)
    if log is None or not log.sets.exists():
        form.add_error(None, "Log at least one set before you finish.")
    if form.is_valid():
        services.workout_finish(workout_log=log, **form.cleaned_data)
        url = reverse("logbook:log-detail", args=[log.pk])
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    if request.htmx:
        context = {"workout": workout, "finish_form": form}
        return render(request, f"{PAGE}#finish-form", context)
    return render_page(request, workout, assignment, log=log, finish_form=form)

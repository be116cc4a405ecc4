"""One set of the athlete's workout: logged in one tap (idempotent by its token, and refused
with its reason beside the row), edited or undone while the workout is open."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_POST

from logbook import actions, services
from logbook.access import open_set_for_athlete
from logbook.pages.workout import SetRow, last_time_for
from logbook.pages.workout_render import (
    PAGE,
    athlete_workout,
    render_page,
    render_row,
    row_context,
    show_row,
    visit,
)
from logbook.set_forms import SetForm
from logbook.workout_reads import log_of, posted_prescription
from programs import doses
from programs.bands import band_for, track_bands
from programs.models import Prescription
from web.htmx import HtmxHttpRequest
from web.params import parse_id


@login_required
@require_POST
def set_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    workout, assignment = athlete_workout(request, pk)
    prescription_id = parse_id(request.POST.get("prescription"))
    prescription = (
        next(iter(posted_prescription(someone=prescription_id, workout=workout.pk)), None)
        if prescription_id
        else None
    )
    if prescription is None:
        return render(request, f"{PAGE}#row-refused", {"workout": workout})
    prescription = doses.as_planned(assignment, prescription)
    form = SetForm(request.POST, prescription=prescription)
    if form.is_valid():
        data = form.cleaned_data
        try:
            set_log = actions.set_log(
                **visit(request, workout, assignment),
                prescription=prescription,
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
    prescription = as_done(set_log)
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
    workout, prescription = set_log.workout_log.workout, as_done(set_log)
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
    if request.htmx:
        return render_row(request, row, workout)
    return render(request, "logbook/set_edit.html", row_context(row, workout))


def as_done(set_log) -> Prescription:
    """The set's prescription as its session holds it: at the dose the session was begun at,
    or the substitute done in its place (a query then), so an undone or edited row reads and
    checks as the row it was logged on."""
    begun = doses.as_begun([set_log.prescription], set_log.workout_log.doses)
    return begun[0] if begun else set_log.prescription

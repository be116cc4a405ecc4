"""A free session: a workout outside any program, logged exercise by exercise."""

import uuid

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from logbook import services
from logbook.access import free_session_for_athlete
from logbook.set_forms import FinishForm, FreeSetForm


@login_required
@require_http_methods(["GET", "POST"])
def free_session(request: HttpRequest, pk: int) -> HttpResponse:
    log = free_session_for_athlete(request.user, pk)
    if log.is_complete:
        return redirect("logbook:log-detail", pk=log.pk)
    form = FreeSetForm(request.POST or None, initial={"token": uuid.uuid4()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        exercise = data["exercise"]
        try:
            services.set_log(
                workout_log=log, token=data["token"], exercise_id=exercise.pk, prescription=None,
                set_number=log.sets.filter(exercise=exercise).count() + 1,
                reps=data["reps"], seconds=data["seconds"], band=data["band"],
            )  # fmt: skip
        except services.SetConflict as error:
            form.add_error(None, str(error))
        else:
            return redirect("logbook:free-session", pk=log.pk)
    context = {
        "log": log,
        "sets": log.sets.select_related("exercise", "band"),
        "form": form,
        "finish_form": FinishForm(),
    }
    return render(request, "logbook/free_session.html", context)


@login_required
@require_POST
def free_session_finish(request: HttpRequest, pk: int) -> HttpResponse:
    log = free_session_for_athlete(request.user, pk)
    form = FinishForm(request.POST)
    if not log.sets.exists():
        form.add_error(None, "Log at least one set before you finish.")
    if form.is_valid():
        services.workout_finish(workout_log=log, **form.cleaned_data)
        return redirect("logbook:log-detail", pk=log.pk)
    context = {
        "log": log,
        "sets": log.sets.select_related("exercise", "band"),
        "form": FreeSetForm(initial={"token": uuid.uuid4()}),
        "finish_form": form,
    }
    return render(request, "logbook/free_session.html", context)


@login_required
@require_POST
def free_session_start(request: HttpRequest) -> HttpResponse:
    log = services.free_session_start(athlete=request.user, today=timezone.localdate())
    return redirect("logbook:free-session", pk=log.pk)

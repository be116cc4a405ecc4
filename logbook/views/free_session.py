"""A free session: a workout outside any program, logged exercise by exercise. It is made by
its first set (an empty one is never kept), and "Start a free session" resumes today's open
one; each new set starts from the exercise, numbers and band of the last one."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from logbook import free_sessions, services
from logbook.access import free_session_for_athlete
from logbook.models import WorkoutLog
from logbook.set_forms import FinishForm, FreeSetForm

PAGE = "logbook/free_session.html"


@login_required
@require_http_methods(["GET", "POST"])
def free_session_start(request: HttpRequest) -> HttpResponse:
    """Today's open free session, or the page of a new one (made by its first set)."""
    if request.method == "POST":
        free_sessions.free_sessions_empty_delete(athlete=request.user)
    if log := free_sessions.free_session_open(athlete=request.user, today=timezone.localdate()):
        return redirect("logbook:free-session", pk=log.pk)
    return redirect("logbook:free-session-new")


@login_required
@require_http_methods(["GET", "POST"])
def free_session_new(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    # Opened again after its first set (the back button, a bookmark): resume the session.
    if request.method == "GET" and (
        open_log := free_sessions.free_session_open(athlete=request.user, today=today)
    ):
        return redirect("logbook:free-session", pk=open_log.pk)
    return set_page(request, None, today)


@login_required
@require_http_methods(["GET", "POST"])
def free_session(request: HttpRequest, pk: int) -> HttpResponse:
    log = free_session_for_athlete(request.user, pk)
    if log.is_complete:
        return redirect("logbook:log-detail", pk=log.pk)
    return set_page(request, log, timezone.localdate())


def set_page(request: HttpRequest, log: WorkoutLog | None, today) -> HttpResponse:
    """Log a set into `log` (or into a session made by it), then come back for the next."""
    form = FreeSetForm(request.POST or None, initial=next_set_initial(log))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            logged = free_sessions.free_set_log(
                athlete=request.user,
                today=today,
                token=data["token"],
                workout_log=log,
                exercise=data["exercise"],
                reps=data["reps"],
                seconds=data["seconds"],
                band=data["band"],
            )
        except services.SetConflict as error:
            form.add_error(None, str(error))
        else:
            return redirect("logbook:free-session", pk=logged.workout_log_id)
    return render(request, PAGE, page_context(log, form=form))


def next_set_initial(log: WorkoutLog | None) -> dict:
    """A fresh token, and the last set's exercise, reps or seconds, and band."""
    initial = {"token": uuid.uuid4()}
    if log is not None and (last := free_sessions.free_session_last_set(log)):
        initial.update(
            exercise=last.exercise_id, reps=last.reps, seconds=last.seconds, band=last.band_id
        )
    return initial


def page_context(log: WorkoutLog | None, *, form=None, finish_form=None) -> dict:
    return {
        "log": log,
        "sets": log.sets.select_related("exercise", "band") if log else [],
        "form": form or FreeSetForm(initial=next_set_initial(log)),
        "finish_form": finish_form or FinishForm(),
    }


@login_required
@require_POST
def free_session_finish(request: HttpRequest, pk: int) -> HttpResponse:
    log = free_session_for_athlete(request.user, pk)
    if not log.sets.exists():  # nothing to keep: no questions asked
        free_sessions.free_session_finish(workout_log=log, rpe=None, pain=None)
        messages.info(request, "Nothing was logged, so the free session was not kept.")
        return redirect("logbook:today")
    form = FinishForm(request.POST)
    if form.is_valid():
        # It has sets, so it is kept: finished as any workout is, with the minutes confirmed.
        services.workout_finish(workout_log=log, **form.cleaned_data)
        return redirect("logbook:log-detail", pk=log.pk)
    return render(request, PAGE, page_context(log, finish_form=form))

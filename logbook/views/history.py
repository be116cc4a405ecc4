"""The athlete's history: every workout done, and one of them (with what changes next time and
the coach's comments)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from logbook.access import log_for_athlete
from logbook.dates import log_day, log_days
from logbook.models import Message, SetLog, WorkoutLog
from programs.progression import STOP_LOADING


@login_required
@require_GET
def log_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One of the athlete's workouts: the summary after finishing, and later its history."""
    log = log_for_athlete(
        request.user,
        pk,
        WorkoutLog.objects.select_related(
            "workout__week__gate", "assignment__program"
        ).prefetch_related(
            Prefetch("sets", SetLog.objects.select_related("exercise", "band")),
            Prefetch("messages", Message.objects.select_related("author")),
        ),
    )
    exercises = {}
    for set_log in log.sets.all():
        exercises.setdefault(set_log.exercise, []).append(set_log)
    context = {
        "log": log,
        "day": log_day(log),
        "exercises": exercises,
        "pain_stops": list(log.pain_stops.select_related("exercise")),
        "stop_loading": STOP_LOADING,
    }
    return render(request, "logbook/log_detail.html", context)


@login_required
@require_GET
def history(request: HttpRequest) -> HttpResponse:
    logs = (
        WorkoutLog.objects.for_athlete(request.user)
        .select_related("workout__week__gate", "assignment__program")
        .annotate(
            set_count=Count("sets", distinct=True), comment_count=Count("messages", distinct=True)
        )
        .order_by("-performed_on", "-id")
    )
    page = Paginator(logs, 30).get_page(request.GET.get("page"))
    days = log_days(page.object_list)
    rows = [(log, days[log.pk]) for log in page]
    return render(request, "logbook/history.html", {"page": page, "rows": rows})

"""The athlete's own pages: today, one finished workout (with what changes next time and the
coach's comments), history, and free sessions."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from logbook import services
from logbook.models import Comment, SetLog, WorkoutLog
from logbook.today import today_for


@login_required
@require_GET
def today(request: HttpRequest) -> HttpResponse:
    return render(request, "logbook/today.html", today_for(request.user, timezone.localdate()))


@login_required
@require_GET
def log_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One of the athlete's workouts: the summary after finishing, and later its history."""
    log = get_object_or_404(
        WorkoutLog.objects.filter(athlete=request.user)
        .select_related("workout__week", "assignment__program")
        .prefetch_related(
            Prefetch("sets", SetLog.objects.select_related("exercise", "band")),
            Prefetch("comments", Comment.objects.select_related("author")),
        ),
        pk=pk,
    )
    exercises = {}
    for set_log in log.sets.all():
        exercises.setdefault(set_log.exercise, []).append(set_log)
    return render(request, "logbook/log_detail.html", {"log": log, "exercises": exercises})


@login_required
@require_GET
def history(request: HttpRequest) -> HttpResponse:
    logs = (
        WorkoutLog.objects.filter(athlete=request.user)
        .select_related("workout", "assignment__program")
        .annotate(
            set_count=Count("sets", distinct=True), comment_count=Count("comments", distinct=True)
        )
        .order_by("-performed_on", "-id")
    )
    page = Paginator(logs, 30).get_page(request.GET.get("page"))
    return render(request, "logbook/history.html", {"page": page})


@login_required
@require_POST
def free_session_start(request: HttpRequest) -> HttpResponse:
    log = services.free_session_start(athlete=request.user, today=timezone.localdate())
    return redirect("logbook:free-session", pk=log.pk)

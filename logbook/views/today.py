"""/today/, and skipping a missed workout from it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from logbook.actions import NotMissed, workout_skip
from logbook.links import occurrence_of
from logbook.pages.today import today_for
from programs.access import workout_for_athlete
from web.htmx import HtmxHttpRequest, partial_or_redirect

PAGE = "logbook/today.html"


@login_required
@require_GET
def today(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, PAGE, today_for(request.user, timezone.localdate()))


@login_required
@require_POST
def skip(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Skip a missed workout: it leaves the missed list (and still counts as not done)."""
    occurrence = occurrence_of(request)
    workout, assignment = workout_for_athlete(request.user, pk, occurrence)
    day = timezone.localdate()
    try:
        workout_skip(
            athlete=request.user,
            assignment=assignment,
            workout=workout,
            today=day,
            occurrence=occurrence,
        )
    except NotMissed as refusal:
        notice, level = str(refusal), messages.WARNING
    else:
        notice, level = f"Skipped {workout.title}. It still counts as missed.", messages.SUCCESS
    return partial_or_redirect(
        request,
        f"{PAGE}#missed",
        lambda: today_for(request.user, day),
        url=reverse("logbook:today"),
        notice=notice,
        level=level,
    )

"""The athlete's progress: where each tracked exercise stands on the band ladder over time,
weekly volume over the last twelve weeks, and their strength tests, with the form to record
their own Nordic break-point test (its estimate, with its range, listed once saved)."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Sum
from django.db.models.functions import TruncWeek
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from accounts.units import mass_from_kg
from catalogue.models import Band, BandRole
from logbook import actions
from logbook.charts import ladder_chart, volume_chart
from logbook.models import SetLog, TestPhase
from logbook.strength_test_form import SelfTestForm
from logbook.strength_tests import tests_read
from programs.models import BandChange, BandTrack
from programs.start_band_finder import is_band_assisted_nordic
from web.htmx import UNPROCESSABLE

PAGE = "logbook/progress.html"
WEEKS_SHOWN = 12


@login_required
@require_GET
def progress(request: HttpRequest) -> HttpResponse:
    return render(request, PAGE, progress_context(request.user))


@login_required
@require_POST
def self_test_add(request: HttpRequest) -> HttpResponse:
    """The athlete's own break-point test: always theirs (the form names no athlete)."""
    bands = list(Band.objects.ladder())
    form = SelfTestForm(request.POST, units=request.user.units, bands=bands)
    if not form.is_valid():
        context = progress_context(request.user, bands=bands, test_form=form)
        return render(request, PAGE, context, status=UNPROCESSABLE)
    actions.strength_test_self_record(athlete=request.user, **form.recorded())
    messages.success(request, "Strength test saved.")
    return redirect(reverse("logbook:progress") + "#strength-tests")


def progress_context(
    athlete: User, *, bands: list[Band] | None = None, test_form: SelfTestForm | None = None
) -> dict:
    """`bands`: the ladder, when the caller read it already."""
    today = timezone.localdate()
    bands = list(Band.objects.ladder()) if bands is None else bands
    ladder = [(band.name, band.hex) for band in bands]
    tracks = (
        BandTrack.objects.for_athlete(athlete)
        .select_related("exercise", "assignment__program", "band")
        .prefetch_related(Prefetch("changes", BandChange.objects.select_related("to_band")))
        .order_by("-assignment__start_date", "exercise__name")
    )
    charts = []
    for track in tracks:
        history = [
            (timezone.localdate(change.at), change.to_band.name if change.to_band else None)
            for change in track.changes.all()
        ]
        if not history:
            continue
        svg = ladder_chart(
            title=track.exercise.name,
            ladder=ladder,
            changes=history,
            start=min(track.assignment.start_date, history[0][0]),
            end=max(today, history[-1][0]),
            role="assist" if track.exercise.band_role == BandRole.ASSIST else "resist",
        )
        charts.append({"track": track, "svg": mark_safe(svg)})  # the chart escapes its text

    first_week = today - timedelta(days=today.weekday() + 7 * (WEEKS_SHOWN - 1))
    totals = {
        row["week"]: row
        for row in SetLog.objects.filter(
            workout_log__athlete=athlete, workout_log__performed_on__gte=first_week
        )
        .annotate(week=TruncWeek("workout_log__performed_on"))
        .values("week")
        .annotate(reps=Sum("reps"), seconds=Sum("seconds"))
    }
    weeks = [first_week + timedelta(weeks=number) for number in range(WEEKS_SHOWN)]
    volume = {}
    for unit in ("reps", "seconds"):
        series = [(week, (totals.get(week) or {}).get(unit) or 0) for week in weeks]
        if any(total for _, total in series):
            volume[unit] = mark_safe(volume_chart(weeks=series, unit=unit))  # escapes its text
    return {
        "charts": charts,
        "volume": volume,
        "tests": tests_read(athlete)[::-1],
        "test_form": test_form or self_test_form(athlete, tracks, bands, today),
    }


def self_test_form(athlete: User, tracks, bands: list[Band], today) -> SelfTestForm:
    """Today, in season, the band of their open band-assisted Nordic (the newest program's),
    and the body mass and height of their settings: each can be changed."""
    nordic = next(
        (
            track
            for track in tracks
            if track.assignment.is_open and is_band_assisted_nordic(track.exercise)
        ),
        None,
    )
    units, mass = athlete.units, athlete.body_mass_kg
    initial = {
        "on_date": today,
        "phase": TestPhase.IN_SEASON,
        "band": nordic.band_id if nordic and nordic.band_id else "",
        "body_mass": None if mass is None else mass_from_kg(mass, units),
        "height_cm": athlete.height_cm,
    }
    return SelfTestForm(initial=initial, units=units, bands=bands)

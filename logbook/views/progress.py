"""The athlete's progress: where each tracked exercise stands on the band ladder over time,
and weekly volume over the last twelve weeks."""

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Sum
from django.db.models.functions import TruncWeek
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from catalogue.models import Band, BandRole
from logbook.charts import ladder_chart, volume_chart
from logbook.models import SetLog
from programs.models import BandChange, BandTrack

WEEKS_SHOWN = 12


@login_required
@require_GET
def progress(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    ladder = [(band.name, band.hex) for band in Band.objects.ladder()]
    tracks = (
        BandTrack.objects.for_athlete(request.user)
        .select_related("exercise", "assignment__program", "band")
        .prefetch_related(Prefetch("changes", BandChange.objects.select_related("to_band")))
    )
    charts = []
    for track in tracks.order_by("-assignment__start_date", "exercise__name"):
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
            workout_log__athlete=request.user, workout_log__performed_on__gte=first_week
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
    return render(request, "logbook/progress.html", {"charts": charts, "volume": volume})

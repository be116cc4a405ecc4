"""The load and readiness section of the coach's athlete page: weekly session-RPE load of the
hamstring sessions logged here (training and matches elsewhere are not in it, so no
acute:chronic ratio), and the check-in trend (soreness, and the mean of sleep, fatigue, stress
and mood). Pure rules in `logbook.load`; two queries here."""

from datetime import date, timedelta

from django.utils.safestring import mark_safe

from logbook import load
from logbook.charts import tests_chart, volume_chart
from logbook.models import CheckIn

WEEKS = 8


def load_panel(logs, athlete, *, today: date) -> dict:
    """`logs`: the athlete's logs the coach sees (`WorkoutLog.objects.of_athlete_seen`)."""
    first = today - timedelta(weeks=WEEKS)
    sessions = [
        load.Session(log.performed_on, log.rpe, log.load_minutes)
        for log in logs.completed()
        .filter(performed_on__gte=first)
        .only("performed_on", "rpe", "minutes", "started_at", "completed_at")
    ]
    weekly = load.weekly_loads(sessions, today=today, weeks=WEEKS)
    check_ins = [
        load.CheckIn(c.on_date, c.soreness, c.sleep, c.fatigue, c.stress, c.mood)
        for c in CheckIn.objects.filter(athlete=athlete, on_date__gte=today - timedelta(days=28))
    ]
    trend = load.readiness_trend(check_ins, today=today)
    readiness = _mean_readiness(trend)
    charts = []
    has_load = any(total for _, total in weekly)
    if has_load:
        svg = volume_chart(weeks=weekly, unit="AU")
        title = "Weekly load, hamstring sessions only (session RPE x minutes)"
        charts.append((title, mark_safe(svg)))  # the chart escapes its text
    for title, unit, points in (
        ("Soreness before sessions", "/10", trend["soreness"]),
        ("Readiness (sleep, fatigue, stress, mood)", "/5", readiness),
    ):
        if points:
            points = [(day, value, None) for day, value in points]
            svg = tests_chart(title=title, unit=unit, points=points, noun="check-in")
            charts.append((title, mark_safe(svg)))  # the chart escapes its text
    return {"has_load": has_load, "charts": charts}


def _mean_readiness(trend: dict) -> list[tuple[date, float]]:
    by_day: dict[date, list[int]] = {}
    for item in ("sleep", "fatigue", "stress", "mood"):
        for day, value in trend[item]:
            by_day.setdefault(day, []).append(value)
    return [(day, round(sum(v) / len(v), 1)) for day, v in sorted(by_day.items())]

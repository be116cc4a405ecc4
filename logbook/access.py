"""The one place where another person's record turns into a 404 (it never says it exists)."""

from django.shortcuts import get_object_or_404

from logbook.models import Flag, SetLog, WorkoutLog


def log_for_athlete(athlete, pk: int, logs=None) -> WorkoutLog:
    """One of the athlete's own workout logs; `logs` narrows or prefetches the queryset."""
    logs = WorkoutLog.objects.all() if logs is None else logs
    return get_object_or_404(logs.for_athlete(athlete), pk=pk)


def log_for_coach(coach, pk: int) -> WorkoutLog:
    """A workout log of one of the coach's athletes."""
    return get_object_or_404(WorkoutLog.objects.for_coach(coach), pk=pk)


def free_session_for_athlete(athlete, pk: int) -> WorkoutLog:
    return log_for_athlete(athlete, pk, WorkoutLog.objects.filter(workout__isnull=True))


def open_set_for_athlete(athlete, pk: int) -> SetLog:
    """A set of the athlete's own programmed workout that is not finished yet."""
    return get_object_or_404(
        SetLog.objects.select_related("prescription", "band", "workout_log__workout"),
        pk=pk,
        workout_log__athlete=athlete,
        workout_log__completed_at__isnull=True,
        workout_log__workout__isnull=False,
    )


def flag_for_coach(coach, pk: int) -> Flag:
    """A flag of one of the coach's athletes."""
    return get_object_or_404(Flag.objects.for_coach(coach).select_related("athlete"), pk=pk)

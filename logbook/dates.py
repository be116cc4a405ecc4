"""A workout log's day, by the one rule every page uses (`programs.schedule.workout_day`): the
day it was done, with the day it was scheduled for beside it when that differs."""

from logbook.models import WorkoutLog
from programs.schedule import WorkoutDay, workout_day


def log_day(log: WorkoutLog) -> WorkoutDay:
    """Read with the log's workout (and its week) and assignment already selected."""
    scheduled = None
    if log.workout_id is not None and log.assignment_id is not None:
        scheduled = log.workout.scheduled_on(log.assignment.start_date)
    return workout_day(scheduled=scheduled, done_on=log.performed_on)

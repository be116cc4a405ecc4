"""A workout log's day, by the one rule every page uses (`programs.schedule.workout_day`): the
day it was done, with the day it was scheduled for beside it when that differs."""

from logbook.models import WorkoutLog
from programs.assignments import scheduled_on
from programs.schedule import WorkoutDay, workout_day


def log_day(log: WorkoutLog) -> WorkoutDay:
    """Read with the log's workout (its week and the week's gate) and assignment selected; a
    placed workout or a stage costs a query more."""
    scheduled = None
    if log.workout_id is not None and log.assignment_id is not None:
        scheduled = scheduled_on(log.assignment, log.workout, log.occurrence)
    return workout_day(scheduled=scheduled, done_on=log.performed_on)

"""A workout log's day, by the one rule every page uses (`programs.schedule.workout_day`): the
day it was done, with the day it was scheduled for beside it when that differs."""

from datetime import timedelta

from logbook.models import WorkoutLog
from programs.dating import assignment_schedule, scheduled_on
from programs.schedule import WorkoutDay, workout_day

# A log is matched to its scheduled day if it was done within this long of it: further apart,
# it is dated by the day it was done alone.
LATE_OR_EARLY = timedelta(days=28)


def log_day(log: WorkoutLog) -> WorkoutDay:
    """Read with the log's workout (its week and the week's gate) and assignment selected; a
    placed workout or a stage costs a query more."""
    scheduled = None
    if log.workout_id is not None and log.assignment_id is not None:
        scheduled = scheduled_on(log.assignment, log.workout, log.occurrence)
    return workout_day(scheduled=scheduled, done_on=log.performed_on)


def log_days(logs: list[WorkoutLog]) -> dict[int, WorkoutDay]:
    """Each log's day by its pk, from one schedule read for them all: the same queries for a
    page of 2 or 30 logs, whatever their programs (placed workouts, stages)."""
    planned = [log for log in logs if log.workout_id and log.assignment_id]
    scheduled = {}
    if planned:
        done = [log.performed_on for log in planned]
        window = (min(done) - LATE_OR_EARLY, max(done) + LATE_OR_EARLY)
        assignments = {log.assignment_id: log.assignment for log in planned}.values()
        scheduled = {item.key: item.on for item in assignment_schedule(assignments, between=window)}
    return {
        log.pk: workout_day(
            scheduled=scheduled.get((log.assignment_id, log.workout_id, log.occurrence)),
            done_on=log.performed_on,
        )
        for log in logs
    }

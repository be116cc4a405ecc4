"""Skipping a missed workout: the athlete says they will not make it up, so it leaves the missed
list on /today/. It still counts as not done: adherence reads completed logs only."""

from datetime import date

from django.db import transaction

from logbook.models import WorkoutLog, WorkoutSkip
from programs.assignments import scheduled_on
from programs.models import Assignment, Workout


class NotMissed(Exception):
    """Only a workout whose day has passed, not done, can be skipped."""


@transaction.atomic
def workout_skip(
    *, athlete, assignment: Assignment, workout: Workout, today: date, occurrence: int = 1
) -> WorkoutSkip:
    """Skip a missed workout, once (skipping it again answers the first skip)."""
    scheduled = scheduled_on(assignment, workout, occurrence)
    if scheduled is None or scheduled >= today:
        raise NotMissed(f"{workout.title} is not missed yet: it is still to do.")
    done = WorkoutLog.objects.completed().filter(
        assignment=assignment, workout=workout, occurrence=occurrence
    )
    if done.exists():
        raise NotMissed(f"{workout.title} is done: there is nothing to skip.")
    skip, _ = WorkoutSkip.objects.get_or_create(
        assignment=assignment,
        workout=workout,
        occurrence=occurrence,
        defaults={"athlete": athlete, "skipped_on": today},
    )
    return skip

"""Free sessions: the athlete's own training outside a program, made by their first set (an
empty one is never kept), resumed while open, finished like any workout."""

import uuid
from datetime import date

from django.db import transaction
from django.db.models import Exists, OuterRef

from accounts.models import User
from catalogue.models import Band, Exercise
from logbook.models import SET_NUMBER_MAX, SetLog, WorkoutLog
from logbook.services import SetConflict, set_log, workout_finish


def free_sessions_open(*, athlete, today: date):
    """The athlete's unfinished free sessions of `today` (their own day), latest first."""
    return (
        WorkoutLog.objects.for_athlete(athlete)
        .filter(workout__isnull=True, completed_at__isnull=True, performed_on=today)
        .filter(Exists(SetLog.objects.filter(workout_log=OuterRef("pk"))))
        .order_by("-started_at", "-pk")
    )


def free_session_open(*, athlete, today: date) -> WorkoutLog | None:
    """The free session "Start a free session" resumes instead of making another."""
    return free_sessions_open(athlete=athlete, today=today).first()


@transaction.atomic
def free_set_log(
    *,
    athlete,
    today: date,
    token: uuid.UUID,
    exercise: Exercise,
    reps: int | None = None,
    seconds: int | None = None,
    band: Band | None = None,
    workout_log: WorkoutLog | None = None,
) -> SetLog:
    """Log a set of a free session: into `workout_log`, or (the first set) into today's open
    free session, which is made now when there is none. The same token answers the set it
    first made, so a retried post never makes a second set or a second session."""
    existing = SetLog.objects.filter(token=token, workout_log__athlete=athlete).first()
    if existing is not None:
        return existing
    if workout_log is None:
        # The athlete's row is locked while their session is found or made: two first sets
        # sent at once (two tabs, a retry) make one session.
        list(User.objects.select_for_update().filter(pk=athlete.pk).values("pk"))
        workout_log = free_session_open(athlete=athlete, today=today)
        if workout_log is None:
            workout_log = WorkoutLog.objects.create(athlete=athlete, performed_on=today)
    else:
        workout_log = WorkoutLog.objects.select_for_update().get(pk=workout_log.pk)
        if workout_log.is_complete:
            raise SetConflict("This session is finished: start a new one to log more.")
    set_number = workout_log.sets.filter(exercise=exercise).count() + 1
    if set_number > SET_NUMBER_MAX:
        raise SetConflict(f"That makes more than {SET_NUMBER_MAX} sets of {exercise.name}.")
    return set_log(
        workout_log=workout_log,
        token=token,
        exercise_id=exercise.pk,
        prescription=None,
        set_number=set_number,
        reps=reps,
        seconds=seconds,
        band=band,
    )


def free_session_last_set(workout_log: WorkoutLog) -> SetLog | None:
    """The set logged last: the next one starts from its exercise, numbers and band."""
    return workout_log.sets.order_by("-created_at", "-pk").first()


@transaction.atomic
def free_session_finish(
    *, workout_log: WorkoutLog, rpe: int | None, pain: int | None, notes: str = ""
) -> WorkoutLog | None:
    """Finish a free session; one without a set is not kept (None)."""
    log = WorkoutLog.objects.select_for_update().get(pk=workout_log.pk)
    if not log.is_complete and not log.sets.exists():
        log.delete()
        return None
    return workout_finish(workout_log=log, rpe=rpe, pain=pain, notes=notes)


@transaction.atomic
def free_sessions_empty_delete(*, athlete) -> int:
    """Delete the athlete's unfinished free sessions without a set (made by taps on "Start"
    before sessions began at their first set): an empty session is never kept."""
    deleted, _ = (
        WorkoutLog.objects.for_athlete(athlete)
        .filter(workout__isnull=True, completed_at__isnull=True, sets__isnull=True)
        .delete()
    )
    return deleted

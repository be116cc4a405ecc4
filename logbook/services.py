"""Business actions of the logbook: start a workout, log and undo sets, finish a workout (which
hands what was done to the band progression engine in `programs.bands`), comment on a workout.
Views, commands and tests all go through these."""

import uuid
from collections import defaultdict
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from psycopg.errors import UniqueViolation

from catalogue.models import Band
from logbook.models import Comment, SetLog, WorkoutLog
from programs import bands, progression
from programs.models import Assignment, BandTrack, Prescription, Workout

EXPOSURES_CONSIDERED = 10


class SetConflict(Exception):
    """Another set already holds this set number and side."""


def workout_start(*, athlete, assignment: Assignment, workout: Workout, today: date) -> WorkoutLog:
    """The athlete's log of a scheduled workout, created on first use (one per workout)."""
    log, _ = WorkoutLog.objects.get_or_create(
        assignment=assignment,
        workout=workout,
        defaults={"athlete": athlete, "performed_on": today},
    )
    return log


def free_session_start(*, athlete, today: date) -> WorkoutLog:
    return WorkoutLog.objects.create(athlete=athlete, performed_on=today)


def set_log(
    *,
    workout_log: WorkoutLog,
    token: uuid.UUID,
    exercise_id: int,
    prescription: Prescription | None,
    set_number: int,
    side: str = "both",
    reps: int | None = None,
    seconds: int | None = None,
    band: Band | None = None,
    rpe: int | None = None,
) -> SetLog:
    """Log one set. Idempotent: the same token always answers the set it first created, so a
    phone retrying the same POST never makes a duplicate."""
    try:
        with transaction.atomic():
            return SetLog.objects.create(
                workout_log=workout_log,
                token=token,
                exercise_id=exercise_id,
                prescription=prescription,
                set_number=set_number,
                side=side,
                reps=reps,
                seconds=seconds,
                band=band,
                rpe=rpe,
                target_reps=None if prescription is None or prescription.is_hold
                else prescription.target_for_set(set_number),
                target_seconds=prescription.seconds if prescription else None,
            )  # fmt: skip
    except IntegrityError as error:
        if not isinstance(error.__cause__, UniqueViolation):
            raise  # a value the database refuses is not a duplicate
        existing = SetLog.objects.filter(token=token, workout_log=workout_log).first()
        if existing is None:
            raise SetConflict("This set is already logged.") from None
        return existing


@transaction.atomic
def set_update(*, set_log: SetLog, reps: int | None, seconds: int | None, band: Band | None):
    set_log.reps, set_log.seconds, set_log.band = reps, seconds, band
    set_log.save(update_fields=["reps", "seconds", "band"])
    return set_log


def set_undo(*, set_log: SetLog) -> None:
    set_log.delete()


def comment_add(*, workout_log: WorkoutLog, author, body: str) -> Comment:
    return Comment.objects.create(workout_log=workout_log, author=author, body=body)


# Finishing a workout and moving the bands


@transaction.atomic
def workout_finish(
    *, workout_log: WorkoutLog, rpe: int | None, pain: int | None, notes: str = "", now=None
) -> WorkoutLog:
    """Close the workout, then let the engine decide each tracked band of it. Finishing twice
    changes nothing the second time. `now` is the clock (the demo data replays past weeks)."""
    log = WorkoutLog.objects.select_for_update().get(pk=workout_log.pk)
    if log.completed_at is not None:
        return log
    log.rpe, log.pain, log.notes, log.completed_at = rpe, pain, notes, now or timezone.now()
    log.save(update_fields=["rpe", "pain", "notes", "completed_at"])
    if log.assignment_id and log.workout_id:
        names = dict(Band.objects.values_list("pk", "name"))
        outcomes = (_progress(track, log, names) for track in _tracks_in(log))
        log.outcome = [outcome for outcome in outcomes if outcome is not None]
        log.save(update_fields=["outcome"])
    return log


def _tracks_in(log: WorkoutLog) -> list[BandTrack]:
    exercise_ids = log.workout.prescriptions.values("exercise_id")
    return list(
        BandTrack.objects.select_for_update(of=("self",))
        .filter(assignment_id=log.assignment_id, exercise_id__in=exercise_ids)
        .select_related("exercise", "band", "assignment__program")
    )


def _progress(track: BandTrack, log: WorkoutLog, names: dict[int, str]) -> dict | None:
    """Hand the engine this exercise's sessions; what it decided, for the summary."""
    decision = bands.band_progress(
        track=track,
        exposures=exposures(assignment_id=log.assignment_id, exercise_id=track.exercise_id),
        today=log.performed_on,
        week_number=log.workout.week.number,
        owned_band_ids=frozenset(log.athlete.owned_bands.values_list("pk", flat=True)),
        at=log.completed_at,
    )
    if decision is None:
        return None
    return {
        "exercise": track.exercise.name,
        "action": decision.action.value,
        "band": names.get(decision.band_id),
        "reason": decision.reason,
        "flag": decision.flag,
    }


def exposures(*, assignment_id: int, exercise_id: int) -> list[progression.Exposure]:
    """The completed sessions of one exercise in an assignment, oldest first, as the engine
    reads them: prescribed against done volume, the band used, RPE and pain."""
    logs = list(
        WorkoutLog.objects.filter(
            assignment_id=assignment_id,
            completed_at__isnull=False,
            sets__exercise_id=exercise_id,
        )
        .distinct()
        .order_by("-performed_on", "-completed_at")[:EXPOSURES_CONSIDERED]
    )
    prescriptions = defaultdict(list)
    for prescription in Prescription.objects.filter(
        workout_id__in=[log.workout_id for log in logs], exercise_id=exercise_id
    ):
        prescriptions[prescription.workout_id].append(prescription)
    sets = defaultdict(list)
    for logged in SetLog.objects.filter(workout_log__in=logs, exercise_id=exercise_id):
        sets[logged.workout_log_id].append(logged)
    return [exposure_of(log, prescriptions[log.workout_id], sets[log.pk]) for log in reversed(logs)]


def exposure_of(log: WorkoutLog, prescribed: list[Prescription], done: list[SetLog]):
    # Slots are per prescription: the same exercise may be prescribed twice in a workout.
    done_by_slot = {
        (s.prescription_id, s.set_number, s.side): s.reps if s.seconds is None else s.seconds
        for s in done
    }
    prescribed_volume, completed_all = 0, True
    for prescription in prescribed:
        for set_number in range(1, prescription.sets + 1):
            minimum = prescription.minimum_for_set(set_number)
            for side in prescription.sides:
                prescribed_volume += minimum
                if (done_by_slot.get((prescription.pk, set_number, side)) or 0) < minimum:
                    completed_all = False
    set_rpes = [s.rpe for s in done if s.rpe is not None]
    return progression.Exposure(
        performed_on=log.performed_on,
        band_id=done[0].band_id if done else None,
        prescribed_volume=prescribed_volume,
        done_volume=sum(value or 0 for value in done_by_slot.values()),
        completed_all=completed_all,
        rpe=max(set_rpes) if set_rpes else log.rpe,
        pain=log.pain,
    )

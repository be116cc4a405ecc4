"""What an athlete did on one exercise, session by session, as the progression engine reads
it: each logged set against its prescribed minimum, with its band and control; what was
prescribed but not logged (at the cut dose the session was begun with, if any); the session's
pain, pain stop, soreness and RPE. Read only: the engine's moves are written by
`programs.bands`."""

from collections import defaultdict

from logbook.models import CheckIn, PainStop, SetLog, WorkoutLog
from programs import doses, ladder
from programs.models import Prescription

SESSIONS_CONSIDERED = 12


def sessions_of(*, assignment_id: int, exercise_id: int, including=None) -> list:
    """The completed sessions of one exercise in an assignment, oldest first, plus the
    session `including` (a workout log in progress: a pain stop decides before the finish)."""
    logs = list(
        WorkoutLog.objects.filter(
            assignment_id=assignment_id, completed_at__isnull=False, sets__exercise_id=exercise_id
        )
        .exclude(pk=including.pk if including else None)
        .select_related("workout__week")
        .distinct()
        .order_by("-performed_on", "-completed_at")[:SESSIONS_CONSIDERED]
    )[::-1]
    if including is not None:
        logs.append(including)
    log_ids = [log.pk for log in logs]
    prescriptions = defaultdict(list)
    for prescription in Prescription.objects.filter(
        workout_id__in=[log.workout_id for log in logs], exercise_id=exercise_id
    ):
        prescriptions[prescription.workout_id].append(prescription)
    sets = defaultdict(list)
    for logged in SetLog.objects.filter(workout_log_id__in=log_ids, exercise_id=exercise_id):
        sets[logged.workout_log_id].append(logged)
    stopped = set(
        PainStop.objects.filter(workout_log_id__in=log_ids, exercise_id=exercise_id).values_list(
            "workout_log_id", flat=True
        )
    )
    soreness = dict(
        CheckIn.objects.filter(workout_log_id__in=log_ids).values_list("workout_log_id", "soreness")
    )
    return [
        session_of(
            log,
            [
                prescription
                for prescription in doses.as_begun(prescriptions[log.workout_id], log.doses)
                if prescription.exercise_id == exercise_id
            ],
            sets[log.pk],
            pain_stop=log.pk in stopped,
            soreness=soreness.get(log.pk),
        )
        for log in logs
    ]


def session_of(log, prescribed: list[Prescription], done: list[SetLog], *, pain_stop, soreness):
    # Slots are per prescription: the same exercise may be prescribed twice in a workout.
    logged = {(s.prescription_id, s.set_number, s.side): s for s in done}
    sets, missing = [], []
    for prescription in prescribed:
        for set_number in range(1, prescription.sets + 1):
            minimum = prescription.minimum_for_set(set_number)
            for side in prescription.sides:
                one = logged.pop((prescription.pk, set_number, side), None)
                if one is None:
                    missing.append(minimum)
                else:
                    sets.append(set_done(one, minimum))
    sets.extend(set_done(extra, 0) for extra in logged.values())  # extra sets add, never owe
    return ladder.Session(
        performed_on=log.performed_on,
        # A repeating week counts on: its n-th occurrence is n - 1 weeks after its number.
        week_number=log.workout.week.number + log.occurrence - 1 if log.workout_id else 1,
        sets=tuple(sets),
        missing=tuple(missing),
        pain=log.pain,
        pain_stop=pain_stop,
        soreness=soreness,
        rpe=log.rpe,
        rpe_target=next((p.rpe_target for p in prescribed if p.rpe_target), None),
    )


def set_done(logged: SetLog, target: int) -> ladder.SetDone:
    # A set holds reps or seconds, never both (logbook_setlog_reps_or_seconds).
    return ladder.SetDone(
        band_id=logged.band_id,
        target=target,
        done=logged.reps if logged.reps is not None else logged.seconds,
        control=ladder.Control(logged.control) if logged.control else None,
        rpe=logged.rpe,
    )

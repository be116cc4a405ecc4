"""Business actions of the logbook: start a workout, log and undo sets, finish a workout (which
hands what was done to the band progression engine in `programs.bands`), stop for pain.
Views, commands and tests all go through these."""

import uuid
from datetime import date

from django.db import transaction
from django.utils import timezone

from catalogue.models import Band, Pattern
from logbook import gaps, pauses
from logbook.flags import flag_raise, flags_acknowledge_for
from logbook.messages import notice_post
from logbook.models import CheckIn, FlagKind, PainStop, SetLog, WorkoutLog
from logbook.nordic_gap import nordic_too_soon
from logbook.sessions import sessions_of
from logbook.workout_reads import begun_log
from programs import bands, dating, doses, ladder
from programs.models import PAIN_STOP_DEFAULT, Assignment, BandTrack, Prescription, Workout
from web.inserts import insert_unless_taken


class SetConflict(Exception):
    """Another set already holds this set number and side."""


class EccentricPaused(SetConflict):
    """The athlete's eccentric work is paused for pain until a coach clears it."""

    def __init__(self):
        super().__init__(
            "Nordic and other eccentric work is paused after pain until your coach clears it."
        )


def workout_start(
    *,
    athlete,
    assignment: Assignment,
    workout: Workout,
    today: date,
    now=None,
    occurrence=1,
    athlete_start: bool = False,
) -> WorkoutLog:
    """The athlete's log of a scheduled workout, created on first use (one per workout and
    occurrence of its week); its start time, with the finish, gives the session's minutes.
    `now`: the demo's clock. On `athlete_start` (the athlete's own start, a POST, after the
    page asked): a return after a gap writes its easier bands and moves the schedule (rule
    3'), and a Nordic session begun less than 48 hours after the last one is flagged for the
    coach."""
    log = begun_log(assignment.pk, workout.pk, occurrence)
    if log is not None:
        return log
    log = WorkoutLog(
        assignment=assignment,
        workout=workout,
        occurrence=occurrence,
        athlete=athlete,
        performed_on=today,
        started_at=now or timezone.now(),
    )
    if not insert_unless_taken(log):  # begun by a request racing this one
        return begun_log(assignment.pk, workout.pk, occurrence)
    if athlete_start:
        gaps.gap_resume(athlete=athlete, assignment=assignment, workout=workout, today=today)
    log.doses = doses.doses_for(assignment, workout)  # kept with the session: its doses
    log.save(update_fields=["doses"])
    if athlete_start:
        too_soon = nordic_too_soon(
            athlete=athlete,
            workout=workout,
            today=today,
            now=log.started_at,
            exclude=log,
            assignment=assignment,
        )
        if too_soon is not None:
            due = dating.scheduled_on(assignment, workout, occurrence)
            flag_raise(
                athlete=athlete,
                kind=FlagKind.NORDIC_TOO_SOON,
                workout_log=log,
                detail=too_soon.detail(workout, due),
            )
    return log


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
    control: str = "",
    break_angle: int | None = None,
) -> SetLog:
    """Log one set. Idempotent: the same token always answers the set it first created, so a
    phone retrying the same POST never makes a duplicate. No eccentric set while the athlete
    is paused for pain (`EccentricPaused`)."""
    # A prescription's exercise (or its substitute's) is at hand: only eccentric work asks.
    exercise = prescription.exercise if prescription is not None else None
    asks = exercise is None or exercise.pattern == Pattern.ECCENTRIC
    if asks and pauses.is_paused_for(athlete_id=workout_log.athlete_id, exercise_id=exercise_id):
        existing = set_of(token, workout_log)
        if existing is not None:
            return existing  # sent before the pause, retried since
        raise EccentricPaused
    set_log = SetLog(
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
        control=control,
        break_angle=break_angle,
        target_reps=None
        if prescription is None or prescription.is_hold
        else prescription.target_for_set(set_number),
        target_seconds=prescription.seconds if prescription else None,
    )
    if insert_unless_taken(set_log):
        return set_log
    # Refused: this token's set (a retry), or another set already holding this one's place.
    existing = set_of(token, workout_log)
    if existing is None:
        raise SetConflict("This set is already logged.")
    return existing


def set_of(token: uuid.UUID, workout_log: WorkoutLog) -> SetLog | None:
    """The set this token made in this session, if any: what a retried tap answers with."""
    return SetLog.objects.filter(token=token, workout_log=workout_log).first()


@transaction.atomic
def set_update(
    *,
    set_log: SetLog,
    reps: int | None,
    seconds: int | None,
    band: Band | None,
    control: str = "",
    break_angle: int | None = None,
) -> SetLog:
    set_log.reps, set_log.seconds, set_log.band = reps, seconds, band
    set_log.control, set_log.break_angle = control, break_angle
    set_log.save(update_fields=["reps", "seconds", "band", "control", "break_angle"])
    return set_log


def set_undo(*, set_log: SetLog) -> None:
    set_log.delete()


# Finishing a workout, stopping for pain, and moving the bands


@transaction.atomic
def workout_finish(
    *,
    workout_log: WorkoutLog,
    rpe: int | None,
    pain: int | None,
    notes: str = "",
    minutes: int | None = None,
    now=None,
) -> WorkoutLog:
    """Close the workout, then let the engine decide each tracked band of it (once per
    session: an exercise stopped for pain was decided then). Pain at or above the stop level
    is kept as a pain stop, so the athlete is warned until a coach answers. Finishing twice
    changes nothing the second time. `minutes`: what the athlete confirmed the session took
    (None: the load reads the clock). `now` is the clock (the demo data replays past weeks)."""
    log = WorkoutLog.objects.select_for_update().get(pk=workout_log.pk)
    if log.completed_at is not None:
        return log
    log.rpe, log.pain, log.notes, log.minutes = rpe, pain, notes, minutes
    log.completed_at = now or timezone.now()
    log.save(update_fields=["rpe", "pain", "notes", "minutes", "completed_at"])
    if pain is not None and pain >= PAIN_STOP_DEFAULT:
        PainStop.objects.get_or_create(
            workout_log=log, exercise=None, defaults={"pain": pain, "at": log.completed_at}
        )
        flag_raise(
            athlete=log.athlete,
            kind=FlagKind.PAIN,
            workout_log=log,
            detail=f"Pain {pain}/10 after {log.workout or 'a free session'}",
        )
    if log.assignment_id and log.workout_id:
        # Only the exercises done in this session are decided (one skipped today is not
        # judged again on an older session), and not one a pain stop already decided.
        stopped = set(log.pain_stops.values_list("exercise_id", flat=True))
        done = set(log.sets.values_list("exercise_id", flat=True)) - stopped
        tracks = [track for track in _tracks_in(log) if track.exercise_id in done]
        for track in tracks:
            if _dose_of(log, track.exercise_id):
                doses.dose_used(track=track)
        decided = [_progress(track, log) for track in tracks]
        log.outcome = [*log.outcome, *(outcome for outcome in decided if outcome)]
        log.save(update_fields=["outcome"])
    pauses.pause_if_pain(log=log)
    return log


@transaction.atomic
def pain_stop_record(
    *, workout_log: WorkoutLog, exercise, side: str, where: str, kind: str, now=None
) -> PainStop:
    """The athlete stopped an exercise because it hurt: that exercise ends for the session,
    the engine decides its band at once (safety: one step easier), the coach is flagged. A
    second tap changes nothing."""
    log = WorkoutLog.objects.select_for_update().get(pk=workout_log.pk)
    stop, created = PainStop.objects.get_or_create(
        workout_log=log,
        exercise=exercise,
        defaults={"side": side, "where": where, "kind": kind, "at": now or timezone.now()},
    )
    if created:
        flag_raise(
            athlete=log.athlete, kind=FlagKind.PAIN_STOP, detail=stop.in_words(), workout_log=log
        )
        what = f"the {exercise.name}" if exercise else "the session"
        notice_post(
            athlete=log.athlete,
            author=log.athlete,
            workout_log=log,
            body=f"Stopped for pain. {stop.in_words()}",
            subject=f"{log.athlete} stopped {what}: it hurt",
        )
    if created and log.assignment_id and log.workout_id:
        for track in _tracks_in(log, only=exercise.pk):
            if outcome := _progress(track, log, at=stop.at):
                log.outcome = [*log.outcome, outcome]
        log.save(update_fields=["outcome"])
    if created:
        pauses.pause_if_pain(log=log)
    return stop


def _tracks_in(log: WorkoutLog, *, only=None) -> list[BandTrack]:
    exercise_ids = [only] if only else log.workout.prescriptions.values("exercise_id")
    return list(
        BandTrack.objects.select_for_update(of=("self",))
        .filter(assignment_id=log.assignment_id, exercise_id__in=exercise_ids)
        .select_related("exercise", "band", "assignment__program")
    )


def _progress(track: BandTrack, log: WorkoutLog, at=None) -> dict | None:
    """Hand the engine this exercise's sessions; what it decided, for the summary."""
    since = bands.changed_on(track)
    decision = bands.band_progress(
        track=track,
        sessions=sessions_of(
            assignment_id=log.assignment_id,
            exercise_id=track.exercise_id,
            including=None if log.completed_at else log,
        ),
        today=log.performed_on,
        owned_band_ids=frozenset(log.athlete.owned_bands.values_list("pk", flat=True)),
        at=at or log.completed_at,
        due_sessions=dating.sessions_due(
            track.assignment, track.exercise_id, (since, log.performed_on)
        )
        if since <= log.performed_on
        else None,
    )
    if decision is None:
        return None
    if decision.repeat_week:  # struggling at the easiest band: this volume once more
        reps = _dose_of(log, track.exercise_id) or _prescribed_reps(log, track.exercise_id)
        if reps:
            doses.dose_cut(
                track=track,
                reps=reps,
                sessions=1,
                reason="This week's volume again: struggling on the easiest band.",
            )
    if decision.flag:
        flag_raise(
            athlete=log.athlete,
            kind=flag_kind(decision),
            workout_log=log,
            detail=f"{track.exercise.name}: {decision.reason}",
        )
    band = Band.objects.filter(pk=decision.band_id).values_list("name", flat=True).first()
    return {
        "exercise": track.exercise.name,
        "action": decision.action.value,
        "band": band,
        "reason": decision.reason,
        "flag": decision.flag,
        "warn": decision.warn,
        "suggested": decision.suggested,
    }


def _dose_of(log: WorkoutLog, exercise_id: int) -> list[int]:
    """The cut reps the session was begun at for the exercise, if any."""
    for prescription in log.workout.prescriptions.all():
        if prescription.exercise_id == exercise_id and str(prescription.pk) in log.doses:
            return log.doses[str(prescription.pk)].get("reps", [])
    return []


def _prescribed_reps(log: WorkoutLog, exercise_id: int) -> list[int]:
    prescription = log.workout.prescriptions.filter(exercise_id=exercise_id, seconds=None).first()
    if prescription is None:
        return []
    begun = log.doses.get(str(prescription.pk), {}).get("prescribed")
    prescription = doses.as_prescribed(prescription, begun)  # as the session was begun
    return [prescription.minimum_for_set(n) for n in range(1, prescription.sets + 1)]


def flag_kind(decision: ladder.Decision) -> FlagKind:
    if decision.warn or decision.pain:
        return FlagKind.PAIN
    if decision.stalled:
        return FlagKind.STALLED
    if decision.action is ladder.Action.REGRESS or not decision.notes:
        return FlagKind.REGRESSION  # more help, or no easier band to give
    return FlagKind.SORENESS


@transaction.atomic
def check_in_save(
    *, athlete, workout_log: WorkoutLog, soreness: int | None, **readiness: int | None
) -> CheckIn:
    """Before the session, asked once and skippable: soreness (DOMS, not pain) and, if the
    athlete answers them, sleep, fatigue, stress and mood on 1-5."""
    check_in, _ = CheckIn.objects.update_or_create(
        workout_log=workout_log,
        defaults={
            "athlete": athlete,
            "on_date": workout_log.performed_on,
            "soreness": soreness,
            **readiness,
        },
    )
    return check_in


@transaction.atomic
def pain_stops_answer(
    *, athlete, by, workout_log: WorkoutLog | None = None, assignment: Assignment | None = None
) -> int:
    """A coach answered (a comment, a band set by hand, or clearing it): the athlete's warning
    goes. Only the stops of `workout_log`, or of `assignment`, when given; else all of them."""
    stops = PainStop.objects.unanswered().filter(workout_log__athlete=athlete)
    if workout_log is not None:
        stops = stops.filter(workout_log=workout_log)
    if assignment is not None:
        stops = stops.filter(workout_log__assignment=assignment)
    flags_acknowledge_for(
        athlete=athlete,
        by=by,
        kinds=[FlagKind.PAIN, FlagKind.PAIN_STOP],
        note="Answered",
        workout_logs=None
        if workout_log is None and assignment is None
        else stops.values("workout_log"),
    )
    return stops.update(answered_at=timezone.now(), answered_by=by)

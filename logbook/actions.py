"""What an athlete does, one function each: begin a workout, log a set, check in, stop for pain,
finish, skip a missed workout, record their own break-point test. Each is one durable
transaction: the log a first tap starts, a return after a gap, the engine's band moves, the
flags and the notice to the coach land together, or none of them does (a refused set leaves no
empty log behind). The services below (`logbook.services`, `gaps`, `pauses`, `flags`,
`messages`, `strength_tests`) keep plain atomic blocks and are composed here; views check the
input, call one action and render. The demo replays its history through the same functions. A
coach's actions are in `coaching.actions`."""

import uuid
from datetime import date
from decimal import Decimal

from django.db import transaction

from catalogue.models import Band
from logbook import services
from logbook.models import (
    CheckIn,
    PainStop,
    SetLog,
    StrengthTest,
    TestMethod,
    WorkoutLog,
    WorkoutSkip,
)
from logbook.strength_tests import strength_test_record, team_sport
from programs import doses
from programs.dating import scheduled_on
from programs.models import Assignment, Prescription, Workout

LEFT_OUT = "Your coach left this exercise out of your plan."


class WorkoutFinished(Exception):
    """The workout is finished: its sets, check-in and pain stops no longer change."""

    def __init__(self, log: WorkoutLog):
        super().__init__("This workout is finished; its sets can no longer change.")
        self.log = log


class NotMissed(Exception):
    """Only a workout whose day has passed, not done, can be skipped."""


def _open_log(*, athlete, assignment, workout, occurrence, today, now=None) -> WorkoutLog:
    """The session's log, started now if it was not (a return after a gap is written then);
    refused once the session is finished."""
    log = services.workout_start(
        athlete=athlete,
        assignment=assignment,
        workout=workout,
        today=today,
        now=now,
        occurrence=occurrence,
        athlete_start=True,
    )
    if log.is_complete:
        raise WorkoutFinished(log)
    return log


@transaction.atomic(durable=True)
def workout_begin(
    *,
    athlete,
    assignment: Assignment,
    workout: Workout,
    occurrence: int = 1,
    today: date,
    now=None,
) -> WorkoutLog:
    """The athlete starts the session (after the page asked about a gap or a Nordic too soon):
    the log, the easier bands and moved schedule of a return after a gap, the coach's flag of
    a Nordic under 48 hours after the last one. Starting a started session changes nothing."""
    return services.workout_start(
        athlete=athlete,
        assignment=assignment,
        workout=workout,
        today=today,
        now=now,
        occurrence=occurrence,
        athlete_start=True,
    )


@transaction.atomic(durable=True)
def set_log(
    *,
    athlete,
    assignment: Assignment,
    workout: Workout,
    occurrence: int = 1,
    prescription: Prescription,
    today: date,
    token: uuid.UUID,
    set_number: int,
    side: str = "both",
    reps: int | None = None,
    seconds: int | None = None,
    band: Band | None = None,
    rpe: int | None = None,
    control: str = "",
    break_angle: int | None = None,
    now=None,
) -> SetLog:
    """One tap: the set, against the dose the session began with (a cut dose keeps its own
    targets; a substitute is logged as the exercise done), starting the session if this is its
    first. The same token answers the set it first made; a set another set holds, eccentric
    work while paused for pain, or an exercise left out of the athlete's plan is refused
    (`services.SetConflict`) and nothing is written, not even the session's start."""
    log = _open_log(
        athlete=athlete,
        assignment=assignment,
        workout=workout,
        occurrence=occurrence,
        today=today,
        now=now,
    )
    begun = doses.as_begun([prescription], log.doses)
    if not begun:
        raise services.SetConflict(LEFT_OUT)
    return services.set_log(
        workout_log=log,
        token=token,
        exercise_id=begun[0].exercise_id,
        prescription=begun[0],
        set_number=set_number,
        side=side,
        reps=reps,
        seconds=seconds,
        band=band,
        rpe=rpe,
        control=control,
        break_angle=break_angle,
    )


@transaction.atomic(durable=True)
def check_in(
    *,
    athlete,
    assignment: Assignment,
    workout: Workout,
    occurrence: int = 1,
    today: date,
    soreness: int | None,
    now=None,
    **readiness: int | None,
) -> CheckIn:
    """Soreness before the session (and sleep, fatigue, stress, mood when answered); all None
    when the athlete skips the question. Starts the session."""
    log = _open_log(
        athlete=athlete,
        assignment=assignment,
        workout=workout,
        occurrence=occurrence,
        today=today,
        now=now,
    )
    return services.check_in_save(athlete=athlete, workout_log=log, soreness=soreness, **readiness)


@transaction.atomic(durable=True)
def pain_stop(
    *,
    athlete,
    assignment: Assignment,
    workout: Workout,
    occurrence: int = 1,
    today: date,
    exercise,
    side: str,
    where: str,
    kind: str,
    now=None,
) -> PainStop:
    """ "Stop: it hurts": the exercise ends for the session, its band is decided at once, the
    coach is flagged and told, and eccentric work pauses when the pain says so."""
    log = _open_log(
        athlete=athlete,
        assignment=assignment,
        workout=workout,
        occurrence=occurrence,
        today=today,
        now=now,
    )
    return services.pain_stop_record(
        workout_log=log, exercise=exercise, side=side, where=where, kind=kind, now=now
    )


@transaction.atomic(durable=True)
def workout_finish(
    *,
    athlete,
    assignment: Assignment,
    workout: Workout,
    occurrence: int = 1,
    today: date,
    rpe: int | None,
    pain: int | None,
    notes: str = "",
    minutes: int | None = None,
    now=None,
) -> WorkoutLog:
    """The finish: effort, pain, notes and minutes, then the engine's decision for each band
    of the session, a pain flag and a pause when the pain says so. A session with nothing
    prescribed set by set (a run in return to play) is started and finished at once.
    Finishing twice changes nothing the second time."""
    log = services.workout_start(
        athlete=athlete,
        assignment=assignment,
        workout=workout,
        today=today,
        now=now,
        occurrence=occurrence,
        athlete_start=True,
    )
    return services.workout_finish(
        workout_log=log, rpe=rpe, pain=pain, notes=notes, minutes=minutes, now=now
    )


@transaction.atomic(durable=True)
def workout_skip(
    *, athlete, assignment: Assignment, workout: Workout, today: date, occurrence: int = 1
) -> WorkoutSkip:
    """Skip a missed workout: it leaves the missed list on /today/ and still counts as not
    done (adherence reads completed logs only). Skipping it again answers the first skip."""
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


@transaction.atomic(durable=True)
def strength_test_self_record(
    *,
    athlete,
    on_date: date,
    phase: str,
    band: Band | None,
    left: Decimal,
    body_mass_kg: Decimal | None,
    height_cm: int | None,
) -> StrengthTest:
    """The athlete's own Nordic break-point test (`left`: the angle; `band`: None unassisted),
    with their body mass and height at the time, which the test keeps (their settings stay as
    they are). Read and flagged as a coach's entry is, against their team's sport."""
    return strength_test_record(
        athlete=athlete,
        entered_by=athlete,
        sport=team_sport(athlete),
        method=TestMethod.BREAKPOINT,
        on_date=on_date,
        phase=phase,
        band=band,
        left=left,
        body_mass_kg=body_mass_kg,
        height_cm=height_cm,
    )

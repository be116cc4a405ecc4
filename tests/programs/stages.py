"""The L-protocol assigned and walked through its stages, for the tests of stages here and in
the coaching and logbook tests: sessions done with a pain, stages done and signed off."""

import uuid
from datetime import date, timedelta

from logbook.models import WorkoutLog
from logbook.services import set_log, workout_finish, workout_start
from logbook.stages import stage_reading
from programs.assignments import program_assign
from programs.dating import assignment_schedule
from programs.models import Assignment, Program, Workout
from programs.return_to_play import stage_now, stage_sign_off

SLUG = "return-to-play-l-protocol"
START = date(2026, 10, 5)  # a Monday
TODAY = date(2026, 10, 12)  # the Monday of the second week of stage 1
TWO_WEEKS = (START, START + timedelta(days=13))


def assign_l_protocol(athlete, coach, start: date = START) -> Assignment:
    template = Program.objects.library().get(slug=SLUG)
    return program_assign(template=template, athlete=athlete, start_date=start, by=coach)


def stage_workouts(assignment: Assignment, number: int) -> list[Workout]:
    return list(
        Workout.objects.filter(week__program=assignment.program, week__number=number)
        .select_related("week__gate")
        .order_by("day", "id")
    )


def do_session(assignment, workout, *, occurrence=1, pain=1, on=START) -> WorkoutLog:
    """The athlete does every prescribed set of the workout and finishes with this pain."""
    log = workout_start(
        athlete=assignment.athlete,
        assignment=assignment,
        workout=workout,
        today=on,
        occurrence=occurrence,
    )
    for prescription in workout.prescriptions.all():
        for number in range(1, prescription.sets + 1):
            set_log(
                workout_log=log,
                token=uuid.uuid4(),
                exercise_id=prescription.exercise_id,
                prescription=prescription,
                set_number=number,
                reps=prescription.target_for_set(number),
            )
    return workout_finish(workout_log=log, rpe=4, pain=pain)


def do_stage(assignment, number: int, *, sessions=10, pain=1, on=START) -> list[WorkoutLog]:
    """`sessions` of the stage's workouts done in a row, each at this pain."""
    workouts = stage_workouts(assignment, number)
    return [
        do_session(
            assignment,
            workouts[n % len(workouts)],
            occurrence=n // len(workouts) + 1,
            pain=pain,
            on=on + timedelta(days=n // 2),
        )
        for n in range(sessions)
    ]


def sign_off(assignment, by, today=TODAY) -> str:
    stage = stage_now(assignment)
    return stage_sign_off(
        assignment=assignment,
        stage=stage,
        reading=stage_reading(assignment, stage),
        by=by,
        today=today,
    )


def weeks_dated(assignment, between) -> dict[tuple[int, int], list]:
    """(stage, occurrence): the dates of its workouts, in order."""
    found = {}
    for item in assignment_schedule([assignment], between=between):
        found.setdefault((item.workout.week.number, item.occurrence), []).append(item.on)
    return found


def reach_running(assignment, coach) -> date:
    """Stages 1 to 3 done and signed off, each the day after its last session; the day the
    running stage opened."""
    for number in (1, 2, 3):
        opened = stage_now(assignment).opened_on
        do_stage(assignment, number, on=opened)
        sign_off(assignment, coach, today=opened + timedelta(days=5))
    return stage_now(assignment).opened_on

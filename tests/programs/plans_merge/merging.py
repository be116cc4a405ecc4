"""What the plan-merging tests share (`manage.py plans_merge`, issue 27): the days, an athlete's
copy of their own (a group of one, as before shared plans), their training, the command's
output, and each athlete's schedule and records with the plan's parts named by place (a merge
moves them to the kept copy's parts in the same place)."""

import uuid
from datetime import date, timedelta
from io import StringIO

from django.core.management import call_command

from catalogue.models import Band
from logbook import actions as athlete_actions
from logbook.models import SetLog, WorkoutLog, WorkoutSkip
from programs import dating
from programs.assignments import program_assign
from programs.models import (
    Assignment,
    BandChange,
    BandTrack,
    Workout,
)

START = date(2026, 10, 5)  # a Monday
TODAY = date(2026, 10, 21)  # the Wednesday of week 3
WINDOW = (START - timedelta(days=7), TODAY + timedelta(days=27))


def alone(template, athlete, coach, start=START) -> Assignment:
    """The athlete's own copy, as every assignment before shared plans was (a group of one)."""
    return program_assign(
        template=template, athlete=athlete, start_date=start, by=coach, find_start_band=False
    )


def workout_at(assignment, week: int, day: int) -> Workout:
    return Workout.objects.get(week__program=assignment.program, week__number=week, day=day)


def train(assignment, week: int, day: int, on: date, *, finish: bool = True, sets=None) -> None:
    """The athlete logs the workout's sets as prescribed (`sets` of each: all of them by
    default) on the green band, and finishes it."""
    workout = workout_at(assignment, week, day)
    green = Band.objects.get(name="Green")
    log = athlete_actions.workout_begin(
        athlete=assignment.athlete, assignment=assignment, workout=workout, today=on
    )
    for prescription in workout.prescriptions.all():
        # A cut dose the session began at is what the athlete does.
        cut = log.doses.get(str(prescription.pk), {}).get("reps")
        targets = cut or [prescription.target_for_set(n + 1) for n in range(prescription.sets)]
        for number, reps in enumerate(targets[:sets], start=1):
            athlete_actions.set_log(
                athlete=assignment.athlete,
                assignment=assignment,
                workout=workout,
                prescription=prescription,
                today=on,
                token=uuid.uuid4(),
                set_number=number,
                reps=reps,
                band=green,
                control="full",
            )
    if finish:
        athlete_actions.workout_finish(
            athlete=assignment.athlete,
            assignment=assignment,
            workout=workout,
            today=on,
            rpe=7,
            pain=1,
        )


def run(*args) -> str:
    out = StringIO()
    call_command("plans_merge", *args, stdout=out)
    return out.getvalue()


def place_names(program) -> dict[int, str]:
    """The program's workout and prescription ids -> where they are in the plan."""
    names = {}
    for workout in Workout.objects.filter(week__program=program).select_related("week"):
        names[workout.pk] = f"w{workout.week.number}.{workout.day}"
        for prescription in workout.prescriptions.all():
            names[prescription.pk] = f"w{workout.week.number}.{workout.day}.{prescription.order}"
    return names


def schedule_of(assignment) -> list[tuple]:
    assignment.refresh_from_db()
    return [
        (item.on, item.workout.week.number, item.workout.day, item.workout.title, item.occurrence)
        for item in dating.assignment_schedule([assignment], between=WINDOW)
    ]


def record_of(assignment) -> dict:
    """Every record of the athlete's training, with the plan's parts named by place."""
    names = place_names(Assignment.objects.get(pk=assignment.pk).program)
    logs = WorkoutLog.objects.filter(assignment=assignment).order_by("pk")
    return {
        "logs": [
            (
                log.pk,
                names[log.workout_id],
                log.occurrence,
                log.performed_on,
                log.completed_at,
                log.rpe,
                log.pain,
                log.outcome,
                {names[int(k)]: v for k, v in log.doses.items()},
            )
            for log in logs
        ],
        "sets": [
            (
                s.pk,
                s.workout_log_id,
                names[s.prescription_id],
                s.set_number,
                s.reps,
                s.band_id,
                s.target_reps,
                s.control,
            )
            for s in SetLog.objects.filter(workout_log__in=logs).order_by("pk")
        ],
        "skips": [
            (skip.pk, names[skip.workout_id], skip.occurrence, skip.skipped_on)
            for skip in WorkoutSkip.objects.filter(assignment=assignment)
        ],
        "tracks": list(
            BandTrack.objects.filter(assignment=assignment).values_list(
                "pk", "exercise", "band", "dose_reps", "dose_sessions"
            )
        ),
        "changes": list(
            BandChange.objects.filter(track__assignment=assignment)
            .order_by("pk")
            .values_list("pk", "from_band", "to_band", "status", "reason")
        ),
    }

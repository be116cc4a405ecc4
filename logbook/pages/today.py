"""What /today/ shows an athlete: the workouts due today or missed this past week, and the next
one ahead, for each open assignment. A fixed number of queries."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from logbook.models import PainStop, WorkoutLog
from programs.assignments import assignment_schedule
from programs.bands import band_for
from programs.models import Assignment, AssignmentStatus, BandTrack, Prescription, Workout
from programs.progression import STOP_LOADING

OVERDUE_DAYS = 7


@dataclass
class DueWorkout:
    workout: Workout
    assignment: Assignment
    on: date
    started: bool = False
    overdue: bool = False
    exercises: list = field(default_factory=list)  # (prescription, band to use) pairs


def today_for(athlete, today: date) -> dict:
    assignments = list(Assignment.objects.for_athlete(athlete).open().select_related("program"))
    active = [a for a in assignments if a.status == AssignmentStatus.ACTIVE]
    logs = {
        (log.assignment_id, log.workout_id): log
        for log in WorkoutLog.objects.filter(assignment__in=active, workout__isnull=False)
    }
    due, upcoming = [], []
    for item in assignment_schedule(active):
        log = logs.get((item.assignment.pk, item.workout.pk))
        if log is not None and log.is_complete:
            continue
        shown = DueWorkout(
            item.workout, item.assignment, item.on, started=log is not None, overdue=item.on < today
        )
        if today - timedelta(days=OVERDUE_DAYS) < item.on <= today:
            due.append(shown)
        elif item.on > today:
            upcoming.append(shown)
    next_up = upcoming[0] if upcoming else None
    attach_exercises(due + ([next_up] if next_up else []))
    return {
        "due": due,
        "next_up": next_up,
        "paused": [a for a in assignments if a.status == AssignmentStatus.PAUSED],
        "has_program": bool(assignments),
        "today": today,
        # Until a coach answers a pain stop, every hamstring workout carries the warning.
        "pain_warning": STOP_LOADING
        if PainStop.objects.unanswered().filter(workout_log__athlete=athlete).exists()
        else "",
    }


def attach_exercises(items: list[DueWorkout]) -> None:
    """Each shown workout gets its (prescription, band to use) pairs."""
    prescriptions = Prescription.objects.filter(
        workout__in=[item.workout for item in items]
    ).select_related("exercise", "band")
    track_bands = {}
    for track in (
        BandTrack.objects.filter(assignment__in={item.assignment.pk for item in items})
        .ruled()
        .select_related("band")
    ):
        track_bands.setdefault(track.assignment_id, {})[track.exercise_id] = track.band
    by_workout = {}
    for prescription in prescriptions:
        by_workout.setdefault(prescription.workout_id, []).append(prescription)
    for item in items:
        own = track_bands.get(item.assignment.pk, {})
        item.exercises = [(p, band_for(p, own)) for p in by_workout.get(item.workout.pk, [])]

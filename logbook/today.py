"""What /today/ shows an athlete: the workouts due today or missed this past week, and the next
one ahead, for each open assignment. A fixed number of queries."""

from dataclasses import dataclass
from datetime import date, timedelta

from logbook.models import WorkoutLog
from logbook.workout_page import band_for
from programs.models import Assignment, AssignmentStatus, BandTrack, Prescription, Workout

OVERDUE_DAYS = 7


@dataclass
class DueWorkout:
    workout: Workout
    assignment: Assignment
    on: date
    started: bool = False
    overdue: bool = False


def today_for(athlete, today: date) -> dict:
    assignments = {
        a.pk: a
        for a in Assignment.objects.filter(
            athlete=athlete, status__in=[AssignmentStatus.ACTIVE, AssignmentStatus.PAUSED]
        ).select_related("program")
    }
    active = [a for a in assignments.values() if a.status == AssignmentStatus.ACTIVE]
    workouts = Workout.objects.filter(week__program__assignment__in=active).select_related(
        "week__program__assignment"
    )
    logs = {
        (log.assignment_id, log.workout_id): log
        for log in WorkoutLog.objects.filter(assignment__in=active, workout__isnull=False)
    }
    due, upcoming = [], []
    for workout in workouts:
        assignment = assignments[workout.week.program.assignment.pk]
        on = workout.scheduled_on(assignment.start_date)
        log = logs.get((assignment.pk, workout.pk))
        if log is not None and log.is_complete:
            continue
        item = DueWorkout(workout, assignment, on, started=log is not None, overdue=on < today)
        if today - timedelta(days=OVERDUE_DAYS) < on <= today:
            due.append(item)
        elif on > today:
            upcoming.append(item)
    due.sort(key=lambda item: (item.on, item.workout.pk))
    next_up = min(upcoming, key=lambda item: (item.on, item.workout.pk), default=None)
    shown = due + ([next_up] if next_up else [])
    attach_exercises(shown)
    return {
        "due": due,
        "next_up": next_up,
        "paused": [a for a in assignments.values() if a.status == AssignmentStatus.PAUSED],
        "has_program": bool(assignments),
        "today": today,
    }


def attach_exercises(items: list[DueWorkout]) -> None:
    """Each shown workout gets `.exercises`: (prescription, band to use) pairs."""
    prescriptions = Prescription.objects.filter(
        workout__in=[item.workout for item in items]
    ).select_related("exercise", "band")
    tracks = {
        (track.assignment_id, track.exercise_id): track.band
        for track in BandTrack.objects.filter(
            assignment__in={item.assignment.pk for item in items}
        ).select_related("band")
    }
    by_workout = {}
    for prescription in prescriptions:
        by_workout.setdefault(prescription.workout_id, []).append(prescription)
    for item in items:
        own = {
            exercise_id: band
            for (assignment_id, exercise_id), band in tracks.items()
            if assignment_id == item.assignment.pk
        }
        item.exercises = [(p, band_for(p, own)) for p in by_workout.get(item.workout.pk, [])]

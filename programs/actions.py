"""What a coach does with programs, one function each, as one durable transaction (see
`logbook.actions` and `coaching.actions` for the athlete's and the coach's other actions):
assigning a template to a squad or a list of athletes as one shared plan, and one athlete's
changes to it (`programs.overrides`): a later start, a dose, an exercise left out, a workout
moved, and taking one of them back."""

from datetime import date

from django.db import transaction

from accounts.models import Team
from catalogue.models import Band, Exercise
from programs import assignments
from programs.models import Assignment, MaintenanceDose, Prescription, Program, Workout


@transaction.atomic(durable=True)
def program_assign_many(
    *,
    coach,
    template: Program,
    athletes: list,
    start_date: date,
    start_bands: dict[int, dict[int, Band | None]],
    maintenance: MaintenanceDose,
    find_start_band: bool,
    team: Team | None = None,
) -> list[Assignment]:
    """The athletes (a squad, `team`, or the ones chosen) share one plan from `start_date`:
    one copy of the template, which the coach then edits once for all of them, each athlete
    on the bands chosen for them (`start_bands`: by athlete id, then exercise id). All of
    them, or none: one who already has the program (`assignments.AlreadyAssigned`, or the
    same assignment made at the same moment elsewhere, an `IntegrityError`) leaves the whole
    squad unassigned."""
    return assignments.group_assign(
        template=template,
        athletes=athletes,
        start_date=start_date,
        by=coach,
        start_bands=start_bands,
        maintenance=maintenance,
        find_start_band=find_start_band,
        team=team,
    )


@transaction.atomic(durable=True)
def start_set(*, coach, assignment: Assignment, start_date: date) -> Assignment:
    """One athlete of a squad's plan starts later than the squad (the day the group starts
    or after it): their workouts move with it, nobody else's do. The group's own day takes
    them back to the squad's plan."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    assignment.start_date = start_date
    assignment.save(update_fields=["start_date"])
    return assignment


@transaction.atomic(durable=True)
def dose_set(*, coach, assignment: Assignment, prescription: Prescription, sets: int, reps: int):
    """The athlete does `sets` x `reps` of one prescription of the squad's plan; the rest of
    the squad keeps the plan's dose. Sessions already begun keep the dose they began with."""
    return _override(assignment, prescription, {"sets": sets, "reps": reps})


@transaction.atomic(durable=True)
def exercise_leave_out(
    *,
    coach,
    assignment: Assignment,
    prescription: Prescription,
    substitute: Exercise | None,
    note: str,
):
    """One prescription of the plan left out for the athlete (injured), with `substitute`
    done in its place at the same sets and reps, or nothing."""
    left_out = {"left_out": True, "substitute": substitute.pk if substitute else None}
    return _override(assignment, prescription, left_out | {"note": note})


@transaction.atomic(durable=True)
def workout_move(
    *, coach, assignment: Assignment, workout: Workout, day: int, match_day: int | None
):
    """One workout of the plan on another day of its week for the athlete (or at another
    match-day offset, on `day` in a week without a match)."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if workout.week.program_id != assignment.program_id:
        raise ValueError("The workout is not in the athlete's plan.")
    move = {"day": day} if match_day is None else {"day": day, "match_day": match_day}
    assignment.workout_moves = assignment.workout_moves | {str(workout.pk): move}
    assignment.save(update_fields=["workout_moves"])
    return assignment


@transaction.atomic(durable=True)
def override_remove(*, coach, assignment: Assignment, kind: str, key: str) -> Assignment:
    """The athlete back on the squad's plan for one prescription (a dose, an exercise left
    out) or one workout (a move). Sessions already begun keep what they began with."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    field = "workout_moves" if kind == "move" else "prescription_overrides"
    kept = {k: v for k, v in getattr(assignment, field).items() if k != key}
    setattr(assignment, field, kept)
    assignment.save(update_fields=[field])
    return assignment


def _override(assignment: Assignment, prescription: Prescription, override: dict) -> Assignment:
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if prescription.workout.week.program_id != assignment.program_id:
        raise ValueError("The prescription is not in the athlete's plan.")
    overrides = assignment.prescription_overrides | {str(prescription.pk): override}
    assignment.prescription_overrides = overrides
    assignment.save(update_fields=["prescription_overrides"])
    return assignment

"""An athlete's own changes to the plan their squad shares: a dose (sets x reps) for one
prescription, an exercise left out (injured) with or without a substitute, a workout moved to
another day of its week or another match-day offset, and a later start (the assignment's own
`start_date`). Everything else follows the squad's plan, so a builder edit still reaches them.

They live on the athlete's assignment (`prescription_overrides`, `workout_moves`), read with
it: the schedule and the workout page cost no query more for a squad without any. Keys are
the plan's prescription and workout ids as text (JSON keys); removing a part in the builder
takes back the changes of it (`forget`). A session begun copies what applies to it
(`programs.doses`), so removing an override never rewrites what was logged."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models.expressions import RawSQL

from catalogue.models import Exercise, Pattern
from programs.models import Assignment, Prescription, Workout

SUBSTITUTED = "In place of {exercise}, which your coach left out for you"
DOSED = "Your coach's dose for you"


@dataclass(frozen=True)
class Differs:
    """One way an athlete's plan differs from the squad's, as the coach's page lists it."""

    kind: str  # "dose", "left_out", "move"
    key: str  # the prescription or workout id
    what: str  # "Week 2, Tuesday: Nordic curl"
    change: str  # "2 x 5 instead of 3 x 6"


def moved(assignment: Assignment, workout) -> tuple[int, int | None]:
    """(day, match day offset) of the workout for this athlete: the squad's, or their own."""
    move = assignment.workout_moves.get(str(workout.pk))
    if move is None:
        return workout.day, workout.match_day
    return move.get("day", workout.day), move.get("match_day")


def any_placed(assignments) -> bool:
    """Whether an athlete has a workout moved to a match-day offset (the fixtures are read)."""
    return any(
        "match_day" in move
        for assignment in assignments
        for move in assignment.workout_moves.values()
    )


def entries_for(assignment: Assignment, prescriptions) -> dict[str, dict]:
    """Prescription id -> what the athlete's overrides make of it, as a session copies it:
    {"reps": [...], "reason": ...} for a dose, {"left_out": True, "substitute": id or None,
    "reason": ...} for an exercise left out."""
    found = {}
    for prescription in prescriptions:
        override = assignment.prescription_overrides.get(str(prescription.pk))
        if override is None:
            continue
        if override.get("left_out"):
            found[str(prescription.pk)] = {
                "left_out": True,
                "substitute": override.get("substitute"),
                "reason": override.get("note", ""),
            }
        elif not prescription.is_hold:
            reps = [override["reps"]] * override["sets"]
            found[str(prescription.pk)] = {"reps": reps, "reason": DOSED}
    return found


def differences(assignment: Assignment) -> list[Differs]:
    """Every way the athlete's plan differs from the squad's, doses first: up to three
    queries, none without an override."""
    doses, moves = assignment.prescription_overrides, assignment.workout_moves
    found = []
    if doses:
        prescriptions = {
            str(p.pk): p
            for p in Prescription.objects.filter(
                pk__in=[int(key) for key in doses], workout__week__program=assignment.program_id
            ).select_related("exercise", "workout__week")
        }
        substitutes = dict(
            Exercise.objects.filter(
                pk__in=[o["substitute"] for o in doses.values() if o.get("substitute")]
            ).values_list("pk", "name")
        )
        for key, override in doses.items():
            prescription = prescriptions.get(key)
            if prescription is None:
                continue  # removed from the plan since
            what = f"{where(prescription.workout)}: {prescription.exercise.name}"
            if override.get("left_out"):
                substitute = substitutes.get(override.get("substitute"))
                change = f"left out, {substitute} instead" if substitute else "left out"
                found.append(Differs("left_out", key, what, change))
            else:
                own = f"{override['sets']} x {override['reps']}"
                change = f"{own} instead of {prescription.volume_text()}"
                found.append(Differs("dose", key, what, change))
    if moves:
        workouts = {
            str(w.pk): w
            for w in Workout.objects.filter(
                pk__in=[int(key) for key in moves], week__program=assignment.program_id
            ).select_related("week")
        }
        for key, move in moves.items():
            workout = workouts.get(key)
            if workout is not None:
                found.append(Differs("move", key, where(workout), f"moved to {placing(move)}"))
    return found


def where(workout: Workout) -> str:
    return f"Week {workout.week.number}, {workout.title}"


def placing(move: dict) -> str:
    if "match_day" in move:
        offset = move["match_day"]
        return f"MD{offset:+d}"
    return f"day {move['day']} of its week"


def forget(*, program_id: int, workout_ids, prescription_ids) -> None:
    """The athletes' own changes of workouts and prescriptions the builder is removing from a
    plan, taken back with them (inside the removal's transaction)."""
    for field, ids in (
        ("workout_moves", workout_ids),
        ("prescription_overrides", prescription_ids),
    ):
        keys = [str(pk) for pk in ids]
        if keys:
            Assignment.objects.filter(
                program_id=program_id, **{f"{field}__has_any_keys": keys}
            ).update(**{field: RawSQL(f'"{field}" - %s::text[]', (keys,))})


def nordics_left_out(assignments) -> dict[int, set[int]]:
    """Assignment id -> the workouts whose Nordic (eccentric work) the athlete's coach left out
    for them: no Nordic session for that athlete, whatever its substitute. One query, none
    when nobody's plan leaves an exercise out."""
    wanted = defaultdict(list)  # prescription id -> the assignments leaving it out
    for assignment in assignments:
        for key, override in assignment.prescription_overrides.items():
            if override.get("left_out"):
                wanted[int(key)].append(assignment.pk)
    found = defaultdict(set)
    if wanted:
        for pk, workout_id in Prescription.objects.filter(
            pk__in=list(wanted), exercise__pattern=Pattern.ECCENTRIC
        ).values_list("pk", "workout_id"):
            for assignment_id in wanted[pk]:
                found[assignment_id].add(workout_id)
    return found

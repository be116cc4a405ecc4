"""Business actions on programs: create, copy, and the builder's edits. Views, the admin,
commands and tests all call these; each one is a single transaction."""

from datetime import datetime, time

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from catalogue.models import Band, BandRole, Exercise
from programs import progression
from programs.models import (
    Assignment,
    AssignmentStatus,
    BandChange,
    BandRule,
    BandTrack,
    DecidedBy,
    Prescription,
    Program,
    ProgramWeek,
    Workout,
)

PRESCRIPTION_FIELDS = [
    "exercise_id", "order", "sets", "reps_min", "reps_max", "set_reps", "seconds", "per_side",
    "tempo", "rest_seconds", "rpe_target", "band_id", "notes",
]  # fmt: skip
MAX_WEEKS = 52
OPEN_STATUSES = [AssignmentStatus.ACTIVE, AssignmentStatus.PAUSED]
BAND_RULE_FIELDS = [
    "exercise_id", "mode", "start_band_id", "step_weeks", "sessions_to_advance", "rpe_ceiling",
    "pain_stop",
]  # fmt: skip


class ProgramFull(Exception):
    """A program already has the most weeks it may have."""


@transaction.atomic
def program_create(*, owner, title: str, summary: str = "", goal: str = "") -> Program:
    return Program.objects.create(
        owner=owner, title=title, slug=slugify(title)[:120], summary=summary, goal=goal
    )


@transaction.atomic
def program_copy(*, program: Program, owner, is_template: bool = True, title: str = "") -> Program:
    """A deep copy (weeks, workouts, prescriptions, band rules) owned by `owner`. Library
    programs are only ever edited through such a copy."""
    copy = Program.objects.create(
        owner=owner,
        title=title or program.title,
        slug=program.slug,
        summary=program.summary,
        goal=program.goal,
        is_template=is_template,
        source=program,
    )
    for week in program.weeks.prefetch_related("workouts__prescriptions"):
        _copy_week(week, program=copy, number=week.number)
    BandRule.objects.bulk_create(
        BandRule(program=copy, **{field: getattr(rule, field) for field in BAND_RULE_FIELDS})
        for rule in program.band_rules.all()
    )
    return copy


def _copy_week(week: ProgramWeek, *, program: Program, number: int, band_step: bool = False):
    new_week = ProgramWeek.objects.create(
        program=program, number=number, focus=week.focus, is_deload=week.is_deload
    )
    ladder = _ladder() if band_step else None
    for workout in week.workouts.all():
        new_workout = Workout.objects.create(
            week=new_week, day=workout.day, title=workout.title, notes=workout.notes
        )
        prescriptions = []
        for prescription in workout.prescriptions.all():
            fields = {field: getattr(prescription, field) for field in PRESCRIPTION_FIELDS}
            if ladder and prescription.band_id:
                fields["band_id"] = _one_band_on(ladder, prescription)
            prescriptions.append(Prescription(workout=new_workout, **fields))
        Prescription.objects.bulk_create(prescriptions)
    return new_week


def _ladder() -> list[progression.Band]:
    return [progression.Band(band.pk, band.name) for band in Band.objects.ladder()]


def _one_band_on(ladder: list[progression.Band], prescription: Prescription) -> int | None:
    """The next harder band for this exercise; unchanged at the end of the ladder (an assisted
    exercise keeps its thinnest band: going unassisted is the athlete's step to earn)."""
    role = prescription.exercise.band_role
    if role == BandRole.NONE or prescription.band_id not in {band.id for band in ladder}:
        return prescription.band_id
    target = progression.step(
        ladder, prescription.band_id, role=progression.Role(role), direction="advance"
    )
    return prescription.band_id if target in (None, progression.END) else target


# Weeks. Week numbers are unique per program, so renumbering walks in an order that never
# lands on a number still in use.


@transaction.atomic
def week_add(*, program: Program) -> ProgramWeek:
    last = _last_week_number(program)
    return ProgramWeek.objects.create(program=program, number=last + 1)


def _last_week_number(program: Program) -> int:
    last = program.weeks.aggregate(last=Max("number"))["last"] or 0
    if last >= MAX_WEEKS:
        raise ProgramFull(f"A program has at most {MAX_WEEKS} weeks.")
    return last


@transaction.atomic
def week_update(*, week: ProgramWeek, focus: str, is_deload: bool) -> ProgramWeek:
    week.focus, week.is_deload = focus, is_deload
    week.save(update_fields=["focus", "is_deload"])
    return week


@transaction.atomic
def week_delete(*, week: ProgramWeek) -> None:
    program, number = week.program, week.number
    week.delete()
    for later in program.weeks.filter(number__gt=number).order_by("number"):
        later.number -= 1
        later.save(update_fields=["number"])


@transaction.atomic
def week_move(*, week: ProgramWeek, direction: str) -> None:
    """Swap a week with its neighbour ('up' = earlier)."""
    neighbour_number = week.number - 1 if direction == "up" else week.number + 1
    neighbour = week.program.weeks.filter(number=neighbour_number).first()
    if neighbour is None:
        return
    old_number = week.number
    week.number = MAX_WEEKS + 1  # parked past the end (the database allows up to 104)
    week.save(update_fields=["number"])
    neighbour.number = old_number
    neighbour.save(update_fields=["number"])
    week.number = neighbour_number
    week.save(update_fields=["number"])


@transaction.atomic
def week_duplicate(*, week: ProgramWeek, band_step: bool = False) -> ProgramWeek:
    """Copy a week right after itself; with band_step every banded prescription moves one
    band harder (thinner assist, thicker resist)."""
    program = week.program
    _last_week_number(program)
    for later in program.weeks.filter(number__gt=week.number).order_by("-number"):
        later.number += 1
        later.save(update_fields=["number"])
    week = ProgramWeek.objects.prefetch_related("workouts__prescriptions__exercise").get(pk=week.pk)
    return _copy_week(week, program=program, number=week.number + 1, band_step=band_step)


# Workouts and prescriptions.


@transaction.atomic
def workout_save(*, workout: Workout) -> Workout:
    workout.full_clean()
    workout.save()
    return workout


@transaction.atomic
def prescription_save(*, prescription: Prescription) -> Prescription:
    if prescription.pk is None:
        last = prescription.workout.prescriptions.aggregate(last=Max("order"))["last"] or 0
        prescription.order = last + 1
    prescription.save()
    return prescription


@transaction.atomic
def prescription_move(*, prescription: Prescription, direction: str) -> None:
    """Swap with the neighbour above ('up') or below, then number the workout 1..n."""
    siblings = list(prescription.workout.prescriptions.all())
    index = siblings.index(prescription)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
    for order, sibling in enumerate(siblings, start=1):
        if sibling.order != order:
            sibling.order = order
            sibling.save(update_fields=["order"])


# Band rules.


@transaction.atomic
def band_rule_set(*, program: Program, exercise: Exercise, **fields) -> BandRule:
    """Create or replace the rule for one exercise of the program."""
    rule, _ = BandRule.objects.update_or_create(program=program, exercise=exercise, defaults=fields)
    return rule


# Assignments


class AlreadyAssigned(Exception):
    pass


@transaction.atomic
def program_assign(
    *, template: Program, athlete, start_date, by, start_bands: dict | None = None
) -> Assignment:
    """Copy the template for the athlete, start a band track for each exercise with a band
    rule (at the coach's chosen band, else the rule's start band), and date the schedule."""
    if Assignment.objects.filter(
        athlete=athlete, template=template, status__in=OPEN_STATUSES
    ).exists():
        raise AlreadyAssigned(f"{athlete} already has {template.title}.")
    copy = program_copy(program=template, owner=by, is_template=False)
    assignment = Assignment.objects.create(
        athlete=athlete, program=copy, template=template, assigned_by=by, start_date=start_date
    )
    start_bands = start_bands or {}
    for rule in copy.band_rules.select_related("start_band"):
        band = start_bands.get(rule.exercise_id, rule.start_band)
        track = BandTrack.objects.create(
            assignment=assignment, exercise_id=rule.exercise_id, band=band
        )
        BandChange.objects.create(
            track=track,
            to_band=band,
            action="start",
            reason=f"Starts on the {band.name.lower()} band." if band else "Starts unassisted.",
            decided_by=DecidedBy.COACH,
            by=by,
            at=min(timezone.now(), start_of(start_date)),
        )
    return assignment


def start_of(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@transaction.atomic
def assignment_pause(*, assignment: Assignment, today) -> None:
    if assignment.status == AssignmentStatus.ACTIVE:
        assignment.status, assignment.paused_on = AssignmentStatus.PAUSED, today
        assignment.save(update_fields=["status", "paused_on"])


@transaction.atomic
def assignment_resume(*, assignment: Assignment, today) -> None:
    """The remaining workouts move on by the days the assignment was paused."""
    if assignment.status == AssignmentStatus.PAUSED:
        assignment.start_date += today - assignment.paused_on
        assignment.status, assignment.paused_on = AssignmentStatus.ACTIVE, None
        assignment.save(update_fields=["status", "paused_on", "start_date"])


@transaction.atomic
def assignment_end(*, assignment: Assignment) -> None:
    if not assignment.is_open:
        return
    assignment.status, assignment.paused_on = AssignmentStatus.DONE, None
    assignment.save(update_fields=["status", "paused_on"])


@transaction.atomic
def band_set_by_coach(*, track: BandTrack, band: Band | None, reason: str, by) -> BandChange:
    change = BandChange.objects.create(
        track=track, from_band=track.band, to_band=band, action="set", reason=reason,
        decided_by=DecidedBy.COACH, by=by,
    )  # fmt: skip
    track.band = band
    track.save(update_fields=["band", "updated_at"])
    return change

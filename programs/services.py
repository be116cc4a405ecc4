"""Business actions on programs: create, copy, and the builder's edits. Views, the admin,
commands and tests all call these; each one is a single transaction."""

from django.db import transaction
from django.db.models import Max, ProtectedError
from django.utils import timezone
from django.utils.text import slugify

from catalogue.models import Exercise
from programs import bands, overrides
from programs.models import BandRule, Prescription, Program, ProgramWeek, StageGate, Workout
from programs.structure import (
    GATE_FIELDS,
    PROGRAM_FIELDS,
    WEEK_FIELDS,
    WORKOUT_FIELDS,
    WeekSpec,
    program_build,
    weeks_build,
)

PRESCRIPTION_FIELDS = [
    "exercise_id",
    "order",
    "sets",
    "reps_min",
    "reps_max",
    "set_reps",
    "seconds",
    "per_side",
    "tempo",
    "rest_seconds",
    "rpe_target",
    "band_id",
    "notes",
]
MAX_WEEKS = 52
BAND_RULE_FIELDS = [
    "exercise_id",
    "mode",
    "start_band_id",
    "step_weeks",
    "sessions_to_advance",
    "min_days_on_band",
    "hold_until_week",
    "rpe_ceiling",
    "pain_stop",
    "coach_approves",
]


class ProgramFull(Exception):
    """A program already has the most weeks it may have."""


class HasHistory(Exception):
    """Logged work hangs on this part of the plan: deleting it would delete that history."""


def _delete_unless_logged(part, what: str) -> None:
    # The logbook protects its rows (on_delete=PROTECT); a savepoint keeps the caller's
    # transaction usable when the database refuses.
    try:
        with transaction.atomic():
            part.delete()
    except ProtectedError as error:
        raise HasHistory(
            f"This {what} has logged sets or workouts, so it stays: the athlete's history "
            "keeps what was prescribed. Change it, or end the program instead."
        ) from error


def slug_for(title: str) -> str:
    # A title of signs alone ("٣", "!!") slugifies to nothing; a slug is never blank.
    return slugify(title)[:120] or "program"


@transaction.atomic
def program_create(*, owner, title: str, summary: str = "", goal: str = "") -> Program:
    return Program.objects.create(
        owner=owner, title=title, slug=slug_for(title), summary=summary, goal=goal
    )


@transaction.atomic
def program_copy(*, program: Program, owner, is_template: bool = True, title: str = "") -> Program:
    """A deep copy (weeks, stage gates, workouts, prescriptions, band rules) owned by `owner`.
    Library programs are only ever edited through such a copy."""
    weeks = program.weeks.select_related("gate").prefetch_related("workouts__prescriptions")
    spec = {
        **_fields_of(program, PROGRAM_FIELDS),
        "title": title or program.title,
        "weeks": [_week_spec(week) for week in weeks],
        "band_rules": [_fields_of(rule, BAND_RULE_FIELDS) for rule in program.band_rules.all()],
    }
    return program_build(spec=spec, owner=owner, is_template=is_template, source=program)


def _week_spec(week: ProgramWeek) -> WeekSpec:
    """The week as the builder takes it, read with its gate, workouts and prescriptions:
    exercises and bands by id, and each prescription's order as it is."""
    return {
        **_fields_of(week, WEEK_FIELDS),
        "gate": _fields_of(week.gate, GATE_FIELDS) if week.is_stage else None,
        "workouts": [
            {
                **_fields_of(workout, WORKOUT_FIELDS),
                "prescriptions": [
                    _fields_of(prescription, PRESCRIPTION_FIELDS)
                    for prescription in workout.prescriptions.all()
                ],
            }
            for workout in week.workouts.all()
        ],
    }


def _fields_of(row, fields) -> dict:
    return {field: getattr(row, field) for field in fields}


# Weeks. Week numbers are unique per program, so renumbering walks in an order that never
# lands on a number still in use.


@transaction.atomic
def week_add(*, program: Program) -> ProgramWeek:
    """A new last numbered week: before the maintenance phase, which stays the last week."""
    last = _last_week_number(program)
    maintenance = program.weeks.filter(is_maintenance=True).first()
    if maintenance is None:
        return ProgramWeek.objects.create(program=program, number=last + 1)
    number, maintenance.number = maintenance.number, last + 1
    maintenance.save(update_fields=["number"])
    return ProgramWeek.objects.create(program=program, number=number)


def _last_week_number(program: Program) -> int:
    last = program.weeks.aggregate(last=Max("number"))["last"] or 0
    if last >= MAX_WEEKS:
        raise ProgramFull(f"A program has at most {MAX_WEEKS} weeks.")
    return last


@transaction.atomic
def week_update(
    *, week: ProgramWeek, focus: str, is_deload: bool, gate: dict | None = None
) -> ProgramWeek:
    """The week's words, and its stage gate: `gate` (min_sessions, pain_max,
    test_min_symmetry, requires_h_test) makes it a return-to-play stage, None makes it an
    ordinary week."""
    week.focus, week.is_deload = focus, is_deload
    week.save(update_fields=["focus", "is_deload"])
    if gate is None:
        StageGate.objects.filter(week=week).delete()
    else:
        StageGate.objects.update_or_create(week=week, defaults=gate)
    return week


@transaction.atomic
def week_delete(*, week: ProgramWeek) -> None:
    program, number = week.program, week.number
    overrides.forget(
        program_id=program.pk,
        workout_ids=Workout.objects.filter(week=week).values_list("pk", flat=True),
        prescription_ids=Prescription.objects.filter(workout__week=week).values_list(
            "pk", flat=True
        ),
    )
    _delete_unless_logged(week, "week")
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
    week = (
        ProgramWeek.objects.select_related("gate")
        .prefetch_related("workouts__prescriptions__exercise")
        .get(pk=week.pk)
    )
    if band_step:  # on the rows just read, never saved: the copy takes the harder bands
        ladder = bands.ladder_now()
        for workout in week.workouts.all():
            for prescription in workout.prescriptions.all():
                prescription.band_id = bands.one_band_harder(ladder, prescription)
    # A copy of the maintenance phase is a plain week, never a second phase.
    copy = {**_week_spec(week), "number": week.number + 1, "is_maintenance": False}
    return weeks_build(program=program, weeks=[copy])[0]


# Workouts and prescriptions.


@transaction.atomic
def workout_save(*, workout: Workout) -> Workout:
    workout.full_clean()
    workout.save()
    return workout


@transaction.atomic
def workout_delete(*, workout: Workout) -> None:
    overrides.forget(
        program_id=workout.week.program_id,
        workout_ids=[workout.pk],
        prescription_ids=workout.prescriptions.values_list("pk", flat=True),
    )
    _delete_unless_logged(workout, "workout")


@transaction.atomic
def prescription_delete(*, prescription: Prescription) -> None:
    overrides.forget(
        program_id=prescription.workout.week.program_id,
        workout_ids=[],
        prescription_ids=[prescription.pk],
    )
    _delete_unless_logged(prescription, "exercise")


# What a done session's sets were of: changing it would rewrite that history. The dose (sets,
# reps, seconds) may change: each session keeps the dose it was begun at (`programs.doses`),
# so an edit reaches the sessions to come of every member of a squad's plan.
IDENTITY = ("exercise_id", "per_side")


@transaction.atomic
def prescription_save(*, prescription: Prescription) -> Prescription:
    """Add or change an exercise of a workout. Once someone has done the workout, its dose may
    still change for the sessions to come, but not what the exercise is."""
    if prescription.pk is not None:
        before = Prescription.objects.get(pk=prescription.pk)
        changed = any(getattr(before, f) != getattr(prescription, f) for f in IDENTITY)
        # The athlete's logs of this workout (logbook's WorkoutLog.workout).
        if changed and prescription.workout.logs.filter(completed_at__isnull=False).exists():
            raise HasHistory(
                "This workout has been done, so its exercise stays as it was logged. Change "
                "its dose, or add the other exercise to the workouts still ahead."
            )
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
def band_rule_set(*, program: Program, exercise: Exercise, by=None, **fields) -> BandRule:
    """Create or replace the rule for one exercise of the program. On a squad's plan (or an
    athlete's), a new rule starts each member's track at the rule's start band (a track one
    had keeps its band)."""
    rule, _ = BandRule.objects.update_or_create(program=program, exercise=exercise, defaults=fields)
    untracked = program.assignments.exclude(tracks__exercise=exercise)
    for assignment in untracked:
        bands.track_start(
            assignment=assignment,
            exercise_id=exercise.pk,
            band=rule.start_band,
            by=by,
            at=timezone.now(),
        )
    return rule


@transaction.atomic
def band_rule_delete(*, rule: BandRule) -> None:
    """The band stops moving for that exercise: the prescription's own band applies again.
    The athlete's track and its changes stay, as history."""
    rule.delete()

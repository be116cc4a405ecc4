"""An athlete's programs: assigning a template, pausing, resuming and ending it, and the one
schedule read that dates every workout for every page."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from catalogue.models import Pattern
from programs import bands
from programs.models import (
    Assignment,
    AssignmentStatus,
    MaintenanceDose,
    Prescription,
    Program,
    Workout,
)
from programs.schedule import week_on, workout_date
from programs.services import program_copy


class AlreadyAssigned(Exception):
    pass


@transaction.atomic
def program_assign(
    *,
    template: Program,
    athlete,
    start_date,
    by,
    start_bands: dict | None = None,
    maintenance: str = MaintenanceDose.STANDARD,
) -> Assignment:
    """Copy the template for the athlete, start a band track for each exercise with a band
    rule (at the coach's chosen band, else the rule's start band), and date the schedule. The
    copy's maintenance phase, if the template has one, gets the chosen Nordic dose."""
    if Assignment.objects.for_athlete(athlete).open().filter(template=template).exists():
        raise AlreadyAssigned(f"{athlete} already has {template.title}.")
    maintenance = MaintenanceDose(maintenance)  # a ValueError for anything else
    copy = program_copy(program=template, owner=by, is_template=False)
    assignment = Assignment.objects.create(
        athlete=athlete, program=copy, template=template, assigned_by=by, start_date=start_date,
        maintenance=maintenance,
    )  # fmt: skip
    maintenance_dose_apply(program=copy, dose=maintenance)
    start_bands = start_bands or {}
    for rule in copy.band_rules.select_related("start_band"):
        band = start_bands.get(rule.exercise_id, rule.start_band)
        bands.track_start(
            assignment=assignment, exercise_id=rule.exercise_id, band=band, by=by,
            at=min(timezone.now(), start_of(start_date)),
        )  # fmt: skip
    return assignment


# Petersen's once-a-week 3 x 12/10/8, or the low volume of 2 x 6 (Presland 2018, Lacome 2020).
MAINTENANCE_TARGETS = {
    MaintenanceDose.STANDARD: {"sets": 3, "set_reps": [12, 10, 8], "reps_min": None},
    MaintenanceDose.LOW_VOLUME: {"sets": 2, "set_reps": [], "reps_min": 6},
}


def maintenance_dose_apply(*, program: Program, dose: MaintenanceDose) -> int:
    """Write the dose on the Nordic (eccentric) prescriptions of the program's maintenance
    week; the other exercises there stay as written. Returns how many were written."""
    return Prescription.objects.filter(
        workout__week__program=program,
        workout__week__is_maintenance=True,
        exercise__pattern=Pattern.ECCENTRIC,
    ).update(**MAINTENANCE_TARGETS[dose], reps_max=None, seconds=None)


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
def assignment_end(*, assignment: Assignment, status=AssignmentStatus.DONE) -> None:
    """Done (finished) or cancelled (called off); its logs stay, as all history does."""
    if not assignment.is_open:
        return
    assignment.status, assignment.paused_on = status, None
    assignment.save(update_fields=["status", "paused_on"])


@transaction.atomic
def assignment_resume_after_gap(*, assignment: Assignment, today) -> None:
    """A return after two weeks or more away is a pause that ended today: the week of the
    next workout after the last one done starts again today, its remaining workouts on their
    days; workouts skipped before that stay in the past, missed."""
    done = Workout.objects.filter(logs__assignment=assignment, logs__completed_at__isnull=False)
    last = done.select_related("week").order_by("-week__number", "-day", "-id").first()
    ahead = Workout.objects.filter(week__program=assignment.program).exclude(pk__in=done)
    if last is not None:
        ahead = ahead.filter(
            Q(week__number__gt=last.week.number)
            | Q(week__number=last.week.number, day__gt=last.day)
        )
    first_open = ahead.select_related("week").order_by("week__number", "day", "id").first()
    if first_open is None:
        return
    start = today - timedelta(days=7 * (first_open.week.number - 1))
    if start > assignment.start_date:
        assignment.start_date = start
        assignment.save(update_fields=["start_date"])


# The schedule: dates are derived, never stored (programs.schedule holds the arithmetic).


@dataclass
class Dated:
    assignment: Assignment
    workout: Workout  # with its week
    on: date


def assignment_schedule(
    assignments: Iterable[Assignment], *, between: tuple[date, date] | None = None
) -> list[Dated]:
    """The workouts of these assignments with their dates, in date order. With `between`, only
    the workouts dated inside it, read from the weeks that can fall there (so a long program
    costs no more than a short one). One query."""
    by_program = {assignment.program_id: assignment for assignment in assignments}
    nordic = Prescription.objects.filter(
        workout=OuterRef("pk"), exercise__pattern=Pattern.ECCENTRIC
    )
    workouts = (
        Workout.objects.filter(week__program__in=by_program)
        .select_related("week")
        .annotate(has_nordic=Exists(nordic))  # for the coach's dose reading
    )
    if between and by_program:
        first, last = between
        starts = [assignment.start_date for assignment in by_program.values()]
        workouts = workouts.filter(
            week__number__gte=week_on(max(starts), first),
            week__number__lte=week_on(min(starts), last),
        )
    dated = []
    for workout in workouts:
        assignment = by_program[workout.week.program_id]
        on = workout_date(assignment.start_date, workout.week.number, workout.day)
        if between is None or between[0] <= on <= between[1]:
            dated.append(Dated(assignment, workout, on))
    dated.sort(key=lambda item: (item.on, item.workout.pk))
    return dated

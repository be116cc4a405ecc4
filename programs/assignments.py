"""An athlete's programs: assigning a template (to a squad as one shared plan, or to one
athlete), pausing, resuming and ending it, and moving its start after a gap. The schedule
those dates make is read in `programs.dating`."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import Team
from catalogue.models import Pattern
from programs import bands
from programs.models import (
    Assignment,
    AssignmentGroup,
    AssignmentStatus,
    MaintenanceDose,
    Prescription,
    Program,
    StartBandFinder,
    Workout,
)
from programs.services import program_copy
from programs.start_band_finder import is_band_assisted_nordic


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
    find_start_band: bool = True,
) -> Assignment:
    """One athlete alone: a group of one (`group_assign`)."""
    [assignment] = group_assign(
        template=template,
        athletes=[athlete],
        start_date=start_date,
        by=by,
        start_bands={athlete.pk: start_bands} if start_bands else {},
        maintenance=maintenance,
        find_start_band=find_start_band,
    )
    return assignment


@transaction.atomic
def group_assign(
    *,
    template: Program,
    athletes: list,
    start_date,
    by,
    start_bands: dict[int, dict] | None = None,
    maintenance: str = MaintenanceDose.STANDARD,
    find_start_band: bool = True,
    team: Team | None = None,
) -> list[Assignment]:
    """One copy of the template for everyone assigned it together (a squad, or several
    athletes): the group's plan, which the coach edits once for all of them. Each athlete gets
    an assignment to it, with a band track for each exercise with a band rule (at the band
    chosen for them, `start_bands` by athlete id then exercise id, else the rule's start
    band). The copy's maintenance phase, if the template has one, gets the chosen Nordic dose.
    Session 1 finds the start band of a band-assisted Nordic with a band rule, unless the coach
    said no (`find_start_band`); the chosen band is used until then. An athlete who already
    has the template open refuses the whole group (`AlreadyAssigned`)."""
    taken = (
        Assignment.objects.open()
        .filter(template=template, athlete__in=athletes)
        .select_related("athlete")
        .first()
    )
    if taken is not None:
        raise AlreadyAssigned(f"{taken.athlete} already has {template.title}.")
    maintenance = MaintenanceDose(maintenance)  # a ValueError for anything else
    copy = program_copy(program=template, owner=by, is_template=False)
    group = AssignmentGroup.objects.create(
        program=copy,
        template=template,
        team=team,
        start_date=start_date,
        maintenance=maintenance,
        assigned_by=by,
    )
    maintenance_dose_apply(program=copy, dose=maintenance)
    rules = list(copy.band_rules.select_related("start_band", "exercise"))
    finds = find_start_band and any(is_band_assisted_nordic(rule.exercise) for rule in rules)
    start_bands = start_bands or {}
    members = []
    for athlete in athletes:
        assignment = Assignment.objects.create(
            athlete=athlete,
            group=group,
            program=copy,
            template=template,
            assigned_by=by,
            start_date=start_date,
            maintenance=maintenance,
            start_band_finder=StartBandFinder.ON if finds else StartBandFinder.OFF,
        )
        chosen = start_bands.get(athlete.pk) or {}
        for rule in rules:
            bands.track_start(
                assignment=assignment,
                exercise_id=rule.exercise_id,
                band=chosen.get(rule.exercise_id, rule.start_band),
                by=by,
                at=min(timezone.now(), start_of(start_date)),
            )
        members.append(assignment)
    return members


# Petersen's once-a-week 3 x 12/10/8, or the low volume of 2 x 6 (in season, Lacome 2020; after
# a high-volume block, Behan 2022).
MAINTENANCE_TARGETS = {
    MaintenanceDose.STANDARD: {"sets": 3, "set_reps": [12, 10, 8], "reps_min": None},
    MaintenanceDose.LOW_VOLUME: {"sets": 2, "set_reps": [], "reps_min": 6},
}


def maintenance_dose_apply(*, program: Program, dose: MaintenanceDose) -> int:
    """Write the dose on the Nordic (eccentric) prescriptions of the program's maintenance
    week; the other exercises there stay as written. Returns how many were written.

    The ids are read first: as one UPDATE ... WHERE id IN (join), a planner whose statistics
    say the tables are empty (a fresh database, the test database) loops the whole join once
    per prescription, minutes for the demo's squad; by id it is an index lookup."""
    ids = list(
        Prescription.objects.filter(
            workout__week__program=program,
            workout__week__is_maintenance=True,
            exercise__pattern=Pattern.ECCENTRIC,
        ).values_list("id", flat=True)
    )
    targets = MAINTENANCE_TARGETS[dose]
    return Prescription.objects.filter(id__in=ids).update(**targets, reps_max=None, seconds=None)


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
    # Repeating weeks (maintenance, stages) simply go on from where they are: numbered weeks
    # only are moved.
    ordinary = Workout.objects.filter(
        week__program=assignment.program, week__is_maintenance=False, week__gate__isnull=True
    )
    done = ordinary.filter(logs__assignment=assignment, logs__completed_at__isnull=False)
    last = done.select_related("week").order_by("-week__number", "-day", "-id").first()
    ahead = ordinary.exclude(pk__in=done)
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

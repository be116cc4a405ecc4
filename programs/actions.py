"""What a coach does with programs, one function each, as one durable transaction (see
`logbook.actions` and `coaching.actions` for the athlete's and the coach's other actions):
today, assigning a template to a squad or a list of athletes as one shared plan."""

from datetime import date

from django.db import transaction

from accounts.models import Team
from catalogue.models import Band
from programs import assignments
from programs.models import Assignment, MaintenanceDose, Program


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

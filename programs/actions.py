"""What a coach does with programs, one function each, as one durable transaction (see
`logbook.actions` and `coaching.actions` for the athlete's and the coach's other actions):
today, assigning a template to a squad or a list of athletes."""

from datetime import date

from django.db import transaction

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
) -> list[Assignment]:
    """Each athlete gets their own copy of the template from `start_date`, on the bands chosen
    for them (`start_bands`: by athlete id, then exercise id). All of them, or none: one who
    already has the program (`assignments.AlreadyAssigned`, or the same assignment made at the
    same moment elsewhere, an `IntegrityError`) leaves the whole squad unassigned."""
    return [
        assignments.program_assign(
            template=template,
            athlete=athlete,
            start_date=start_date,
            by=coach,
            start_bands=start_bands.get(athlete.pk),
            maintenance=maintenance,
            find_start_band=find_start_band,
        )
        for athlete in athletes
    ]

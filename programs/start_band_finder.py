"""The start-band finder's switch on an assignment (`Assignment.start_band_finder`): which
exercise it is for, the coach turning it on or off, and marking it found. The rule itself is
pure, in `programs.start_band`; the trials are the athlete's record, in `logbook`."""

from django.db import transaction

from catalogue.models import BandRole, Exercise, Pattern
from programs.models import Assignment, BandRule, StartBandFinder


def is_band_assisted_nordic(exercise: Exercise) -> bool:
    """The exercise the finder is for: eccentric work with a band that takes weight off."""
    return exercise.pattern == Pattern.ECCENTRIC and exercise.band_role == BandRole.ASSIST


def finder_rule(assignment: Assignment) -> BandRule | None:
    """The band rule of the assignment's band-assisted Nordic, with its exercise (the first by
    name, should a program track two); None when the program has none. One query."""
    rules = assignment.program.band_rules.select_related("exercise").order_by("exercise__name")
    return next((rule for rule in rules if is_band_assisted_nordic(rule.exercise)), None)


@transaction.atomic
def start_band_finder_switch(*, assignment: Assignment, on: bool) -> bool:
    """The coach's switch, per assignment. A finder that has found the band stays found: from
    then on the coach sets the band by hand. Returns whether the switch moved."""
    state = StartBandFinder.ON if on else StartBandFinder.OFF
    moved = (
        Assignment.objects.filter(pk=assignment.pk)
        .exclude(start_band_finder__in=[state, StartBandFinder.FOUND])
        .update(start_band_finder=state)
    )
    assignment.refresh_from_db(fields=["start_band_finder"])
    return bool(moved)


def start_band_finder_found(*, assignment: Assignment) -> None:
    """The finder has its answer (inside the caller's transaction): it does not run again."""
    Assignment.objects.filter(pk=assignment.pk).update(start_band_finder=StartBandFinder.FOUND)
    assignment.start_band_finder = StartBandFinder.FOUND

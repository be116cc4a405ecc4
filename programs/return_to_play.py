"""Return to play, as a program's state: which stage an athlete is in (its gate, when it
opened, what follows) and the coach's sign-off that opens the next one. The gates' rules are
pure, in `programs.stages`; the athlete's record a gate reads is the logbook's
(`logbook.stages`); the dates of a stage's repeating week are the schedule's
(`programs.dating.stage_windows`)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from programs.assignments import assignment_end
from programs.models import Assignment, ProgramWeek, StageOpening
from programs.stages import Gate, GateReading, next_stage_opens


@dataclass
class StageNow:
    week: ProgramWeek  # with its gate
    number: int  # 1 for the first stage
    count: int
    opened_on: date
    next_week: ProgramWeek | None

    @property
    def gate(self) -> Gate:
        gate = self.week.gate
        return Gate(gate.min_sessions, gate.pain_max, gate.test_min_symmetry, gate.requires_h_test)

    @property
    def title(self) -> str:
        return self.week.focus or f"Stage {self.number}"


def stage_now(assignment: Assignment) -> StageNow | None:
    """The stage the athlete is in (None when the program has no stages). Two queries."""
    return stages_now([assignment]).get(assignment.pk)


def stages_now(assignments) -> dict[int, StageNow]:
    """The stage each staged assignment is in, by assignment id, for any number of assignments
    (the coach's board). Two queries, one when none is staged."""
    by_program = defaultdict(list)
    for week in (
        ProgramWeek.objects.filter(
            program__in={a.program_id for a in assignments}, gate__isnull=False
        )
        .select_related("gate")
        .order_by("number")
    ):
        by_program[week.program_id].append(week)
    staged = [a for a in assignments if a.program_id in by_program]
    if not staged:
        return {}
    opened = {
        (assignment_id, week_id): on
        for assignment_id, week_id, on in StageOpening.objects.filter(
            assignment_id__in=[assignment.pk for assignment in staged]
        ).values_list("assignment_id", "week_id", "opened_on")
    }
    found = {}
    for assignment in staged:
        weeks = by_program[assignment.program_id]
        index, opened_on = 0, assignment.start_date
        for n, week in enumerate(weeks[1:], start=1):
            if (assignment.pk, week.pk) in opened:
                index, opened_on = n, opened[(assignment.pk, week.pk)]
        following = weeks[index + 1] if index + 1 < len(weeks) else None
        found[assignment.pk] = StageNow(weeks[index], index + 1, len(weeks), opened_on, following)
    return found


class StageNotReady(Exception):
    """The gate does not hold yet: what is missing, in words."""


@transaction.atomic
def stage_sign_off(
    *, assignment: Assignment, stage: StageNow, reading: GateReading, by, today: date
) -> str:
    """The coach signs the stage off once its criteria hold: the next stage opens today, or the
    day after when the athlete already trained in this stage today (`next_stage_opens`), its
    week repeating from then; after the last one, the program is done. Says what happened."""
    if not reading.ready:
        raise StageNotReady("Not yet: " + "; ".join(reading.missing) + ".")
    if stage.next_week is None:
        assignment_end(assignment=assignment)
        return f"{stage.title} signed off: the return-to-play program is done."
    opens = next_stage_opens(today, reading.lived_through)
    _, created = StageOpening.objects.get_or_create(
        assignment=assignment,
        week=stage.next_week,
        defaults={"opened_on": opens, "signed_off_by": by},
    )
    if not created:
        raise StageNotReady(f"{stage.title} was already signed off.")
    days = (opens - today).days
    when = {0: "today", 1: "tomorrow"}.get(days, f"on {opens:%a} {opens.day} {opens:%b}")
    return (
        f"{stage.title} signed off: stage {stage.number + 1} "
        f"({stage.next_week.focus or 'the next stage'}) starts {when}."
    )

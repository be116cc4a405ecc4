"""What an athlete did in a return-to-play stage, as the stage's gate reads it
(`programs.stages`): the pain of each session finished in the stage, the exercises stopped for
pain, and the best leg symmetry of the strength tests since the stage opened."""

from dataclasses import dataclass

from logbook.models import PainStop, StrengthTest, WorkoutLog
from programs.season import StageNow, stage_now
from programs.stages import GateReading, StageRecord, gate_reading, symmetry


def stage_record(assignment, stage: StageNow) -> StageRecord:
    """Three queries."""
    logs = WorkoutLog.objects.completed().filter(assignment=assignment, workout__week=stage.week)
    pains = tuple(pain for pain in logs.values_list("pain", flat=True) if pain is not None)
    stops = PainStop.objects.filter(workout_log__in=logs).count()
    tests = StrengthTest.objects.filter(
        athlete_id=assignment.athlete_id, on_date__gte=stage.opened_on
    ).values_list("left", "right")
    best = max((s for s in (symmetry(left, right) for left, right in tests) if s is not None),
               default=None)  # fmt: skip
    return StageRecord(pains, stops, best)


def stage_reading(assignment, stage: StageNow) -> GateReading:
    return gate_reading(stage.gate, stage_record(assignment, stage))


@dataclass
class StageCard:
    assignment: object
    stage: StageNow
    reading: GateReading


def stage_cards(assignments) -> list[StageCard]:
    """The stage each staged assignment is in, with what opens the next. Five queries each."""
    cards = []
    for assignment in assignments:
        stage = stage_now(assignment)
        if stage is not None:
            cards.append(StageCard(assignment, stage, stage_reading(assignment, stage)))
    return cards

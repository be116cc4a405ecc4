"""What an athlete did in a return-to-play stage, as the stage's gate reads it
(`programs.stages`): the pain of each session finished in the stage, in the order they were
finished, the exercises stopped for pain in the last of them, the best leg symmetry of the
strength tests since the stage opened, and the last day it was trained in (the sign-off opens the
next stage after it)."""

from contextlib import suppress
from dataclasses import dataclass
from datetime import date

from logbook.models import PainStop, StrengthTest, WorkoutLog
from programs.schedule import workout_date
from programs.season import StageNow, stage_now
from programs.stages import LAST_SESSIONS, GateReading, StageRecord, gate_reading, symmetry


def stage_record(assignment, stage: StageNow) -> StageRecord:
    """Three queries at most."""
    logs = WorkoutLog.objects.filter(assignment=assignment, workout__week=stage.week)
    finished, days = [], []
    for pk, pain, completed_at, performed_on, occurrence, day in logs.values_list(
        "pk", "pain", "completed_at", "performed_on", "occurrence", "workout__day"
    ):
        if completed_at is not None:
            finished.append((completed_at, pk, pain))
        # Begun counts too: a session begun today keeps today in this stage. The stage's
        # occurrences are weeks from its opening (`programs.assignments.week_starts`).
        days.append(performed_on)
        with suppress(OverflowError):  # a row logged before occurrences were bounded
            days.append(workout_date(stage.opened_on, occurrence, day))
    finished.sort()
    # A session finished without a pain answer is no session of the gate, but a pain stop in
    # it still counts.
    last = [pk for _, pk, _ in finished[-LAST_SESSIONS:]]
    stops = PainStop.objects.filter(workout_log__in=last).count() if last else 0
    tests = StrengthTest.objects.filter(
        athlete_id=assignment.athlete_id, on_date__gte=stage.opened_on
    ).values_list("left", "right")
    best = max(
        (s for s in (symmetry(left, right) for left, right in tests) if s is not None), default=None
    )
    pains = tuple(pain for _, _, pain in finished if pain is not None)
    return StageRecord(pains, stops, best, max(days, default=None))


def stage_reading(assignment, stage: StageNow) -> GateReading:
    return gate_reading(stage.gate, stage_record(assignment, stage))


@dataclass
class StageCard:
    assignment: object
    stage: StageNow
    reading: GateReading
    today: date

    @property
    def opens_later(self) -> bool:
        """Signed off on a day already trained in the stage before: it opens after that day."""
        return self.stage.opened_on > self.today


def stage_cards(assignments, *, today: date) -> list[StageCard]:
    """The stage each staged assignment is in, with what opens the next. Five queries each."""
    cards = []
    for assignment in assignments:
        stage = stage_now(assignment)
        if stage is not None:
            cards.append(StageCard(assignment, stage, stage_reading(assignment, stage), today))
    return cards

"""What an athlete did in a return-to-play stage, as the stage's gate reads it
(`programs.stages`): the pain of each session finished in the stage, in the order they were
finished, the exercises stopped for pain in the last of them, the best leg symmetry of the
strength tests since the stage opened, the latest H-test the athlete reported when the gate asks
for one, and the last day it was trained in (the sign-off opens the next stage after it). And the
athlete's one write here: reporting the H-test."""

from contextlib import suppress
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from logbook.models import HTestReport, PainStop, StrengthTest, WorkoutLog
from programs.models import Assignment
from programs.return_to_play import StageNow, stage_now
from programs.schedule import workout_date
from programs.stages import (
    LAST_SESSIONS,
    GateReading,
    HTest,
    StageRecord,
    gate_reading,
    symmetry,
)


def stage_record(assignment, stage: StageNow) -> StageRecord:
    """Three queries at most, four when the gate asks for the H-test."""
    logs = WorkoutLog.objects.filter(assignment=assignment, workout__week=stage.week)
    finished, days = [], []
    for pk, pain, completed_at, performed_on, occurrence, day in logs.values_list(
        "pk", "pain", "completed_at", "performed_on", "occurrence", "workout__day"
    ):
        if completed_at is not None:
            finished.append((completed_at, pk, pain))
        # Begun counts too: a session begun today keeps today in this stage. The stage's
        # occurrences are weeks from its opening (`programs.dating.week_starts`).
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
    return StageRecord(
        pains=pains,
        pain_stops=stops,
        symmetry=best,
        h_test=h_test_latest(assignment, stage),
        lived_through=max(days, default=None),
    )


def h_test_latest(assignment, stage: StageNow) -> HTest | None:
    """The athlete's latest H-test report in the stage; None when the gate asks for none."""
    if not stage.gate.h_test:
        return None
    latest = (
        HTestReport.objects.filter(assignment=assignment, week=stage.week)
        .order_by("-on_date", "-at")
        .values_list("on_date", "insecure")
        .first()
    )
    return HTest(*latest) if latest else None


def stage_reading(assignment, stage: StageNow) -> GateReading:
    return gate_reading(stage.gate, stage_record(assignment, stage))


@dataclass
class StageCard:
    assignment: object
    stage: StageNow
    reading: GateReading
    today: date
    h_test_error: str = ""  # the athlete's answer was refused: shown by the question

    @property
    def opens_later(self) -> bool:
        """Signed off on a day already trained in the stage before: it opens after that day."""
        return self.stage.opened_on > self.today

    @property
    def asks_h_test(self) -> bool:
        """The athlete can report the H-test here: the gate asks for it and the stage is open."""
        return self.stage.gate.h_test and not self.opens_later


def stage_cards(assignments, *, today: date) -> list[StageCard]:
    """The stage each staged assignment is in, with what opens the next. Five queries each, six
    when the gate asks for the H-test."""
    cards = []
    for assignment in assignments:
        stage = stage_now(assignment)
        if stage is not None:
            cards.append(StageCard(assignment, stage, stage_reading(assignment, stage), today))
    return cards


class NoHTest(Exception):
    """The athlete's stage does not ask for the H-test (or is not open yet)."""


@transaction.atomic
def h_test_report(*, assignment: Assignment, insecure: bool, today: date) -> HTestReport:
    """The athlete reports the H-test their physio or coach took them through: whether they
    felt any insecurity. Once a day: a second answer the same day replaces the first."""
    stage = stage_now(assignment) if assignment.is_open else None
    if stage is None or not stage.gate.h_test:
        raise NoHTest("This stage does not ask for the H-test.")
    if stage.opened_on > today:
        raise NoHTest(
            f"{stage.title} starts on {stage.opened_on:%a} {stage.opened_on.day} "
            f"{stage.opened_on:%b}: report the H-test from then."
        )
    report, _ = HTestReport.objects.update_or_create(
        assignment=assignment,
        week=stage.week,
        on_date=today,
        defaults={"athlete_id": assignment.athlete_id, "insecure": insecure, "at": timezone.now()},
    )
    return report

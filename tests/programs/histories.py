"""Realistic histories replayed through the pure engine, session by session, as the app does:
decide after each session, apply the move, carry on. Shared by the table tests and by
`python -m tests.programs.histories`, which prints the timelines for the closing note."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from programs.progression import (
    Action,
    Band,
    Control,
    Decision,
    Role,
    Rule,
    Session,
    SetDone,
    after_gap,
    decide,
)

RED, BLACK, PURPLE, GREEN, BLUE = 1, 2, 3, 4, 5
LADDER = [
    Band(RED, "Red"),
    Band(BLACK, "Black"),
    Band(PURPLE, "Purple"),
    Band(GREEN, "Green"),
    Band(BLUE, "Blue"),
]
NAMES = {band.id: band.name for band in LADDER}
NORDIC_RULE = Rule(sessions_to_advance=3, min_days_on_band=14, hold_until_week=5)
START = date(2026, 1, 5)  # a Monday

# The 10-week band-assisted Nordic (Petersen 2011): (days in the week, per-set minimum reps),
# then maintenance: one session a week of 12/10/8.
FULL = [12, 10, 8]
NORDIC_WEEKS = {
    1: ([1], [5, 5]),
    2: ([1, 4], [6, 6]),
    3: ([1, 3, 5], [6, 6, 6]),
    4: ([1, 3, 5], [8, 8, 8]),
    **{week: ([1, 3, 5], FULL) for week in range(5, 11)},
}
MAINTENANCE = ([1], FULL)


@dataclass(frozen=True)
class Slot:
    week: int
    on: date
    targets: list[int]


def nordic_schedule(weeks: int = 12, start: date = START) -> list[Slot]:
    slots = []
    for week in range(1, weeks + 1):
        days, targets = NORDIC_WEEKS.get(week, MAINTENANCE)
        for day in days:
            on = start + timedelta(days=7 * (week - 1) + day - 1)
            slots.append(Slot(week, on, targets))
    return slots


Athlete = Callable[[Slot, int | None, int], Session]  # (slot, band, session index) -> Session


def diligent(slot: Slot, band: int | None, index: int) -> Session:
    """Every rep, controlled near or to the floor, RPE 7, no pain, a little sore."""
    sets = tuple(
        SetDone(band, target, target, Control.FULL if number else Control.LATE, rpe=7)
        for number, target in enumerate(slot.targets)
    )
    return Session(slot.on, slot.week, sets, pain=0, soreness=2, rpe=7, rpe_target=8)


def beginner(slot: Slot, band: int | None, index: int) -> Session:
    """Honest RPE 9-10, every rep breaking in the top third, a few reps short."""
    sets = tuple(
        SetDone(band, target, max(1, target - 1), Control.EARLY, rpe=10 if number else 9)
        for number, target in enumerate(slot.targets)
    )
    return Session(slot.on, slot.week, sets, pain=1, soreness=3, rpe=10, rpe_target=8)


@dataclass
class Step:
    on: date
    week: int
    band: int | None  # the band used in the session
    decision: Decision

    def line(self) -> str:
        used = NAMES.get(self.band, "unassisted")
        after = NAMES.get(self.decision.band_id, "unassisted")
        move = self.decision.action.value + (" (suggested)" if self.decision.suggested else "")
        return (
            f"{self.on:%a %d %b} | week {self.week:>2} | {used:<10} | {move:<20} -> "
            f"{after:<10} | {self.decision.reason}"
        )


def replay(
    athlete: Athlete,
    slots: list[Slot],
    *,
    start_band: int | None = GREEN,
    rule: Rule = NORDIC_RULE,
    role: Role = Role.ASSIST,
    eccentric: bool = True,
    owned: frozenset[int] = frozenset(),
    tweak: Callable[[int, Session], Session] | None = None,
) -> list[Step]:
    """Each slot: the athlete trains on the current band (a gap first writes its easier band),
    the engine decides, an applied move changes the band from the next session on."""
    band, changed_on, sessions, steps = start_band, slots[0].on, [], []
    for index, slot in enumerate(slots):
        last = sessions[-1].performed_on if sessions else None
        gap = after_gap(
            ladder=LADDER,
            role=role,
            current_band_id=band,
            last_session_on=last,
            today=slot.on,
            owned_band_ids=owned,
        )
        if gap is not None:
            band, changed_on = gap.band_id, slot.on
            steps.append(Step(slot.on, slot.week, band, gap))
        session = athlete(slot, band, index)
        if tweak is not None:
            session = tweak(index, session)
        sessions.append(session)
        decision = decide(
            ladder=LADDER,
            role=role,
            rule=rule,
            current_band_id=band,
            band_changed_on=changed_on,
            sessions=sessions,
            today=slot.on,
            eccentric=eccentric,
            owned_band_ids=owned,
        )
        steps.append(Step(slot.on, slot.week, band, decision))
        if decision.band_id != band and not decision.suggested:
            band, changed_on = decision.band_id, slot.on
    return steps


def moves(steps: list[Step]) -> list[tuple[int, str, str | None]]:
    """(week, action, band after) of every step that moved or suggested a band."""
    return [
        (step.week, step.decision.action.value, NAMES.get(step.decision.band_id))
        for step in steps
        if step.decision.action is not Action.HOLD
    ]


def with_session(index: int, **changes) -> Callable[[int, Session], Session]:
    def tweak(number: int, session: Session) -> Session:
        return replace(session, **changes) if number == index else session

    return tweak


def print_timeline(title: str, steps: list[Step]) -> None:
    print(f"\n{title}\n" + "\n".join(step.line() for step in steps))


if __name__ == "__main__":
    print_timeline("Diligent athlete from green", replay(diligent, nordic_schedule(12)))
    print_timeline("Struggling beginner from green", replay(beginner, nordic_schedule(4)))

"""Realistic histories replayed through the pure engine, session by session, as the app does:
decide after each session, apply the move, carry on. Shared by the table tests and by
`python -m tests.programs.histories`, which prints the timelines for the closing note."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from programs.ladder import (
    Action,
    Band,
    Control,
    Decision,
    Role,
    Rule,
    Session,
    SetDone,
)
from programs.progression import decide
from programs.reentry import after_gap, after_pause, graduation_dose

RED, BLACK, PURPLE, GREEN, BLUE = 1, 2, 3, 4, 5
LADDER = [
    Band(RED, "Red"),
    Band(BLACK, "Black"),
    Band(PURPLE, "Purple"),
    Band(GREEN, "Green"),
    Band(BLUE, "Blue"),
]
NAMES = {band.id: band.name for band in LADDER}
SESSIONS_A_WEEK = 3  # a gap brings an earlier week's volume back for this many sessions
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


def maximal(slot: Slot, band: int | None, index: int) -> Session:
    """As diligent, but honest about maximal intent: RPE 9 on the last set, 9 for the session
    ("brake the fall for as long as you can")."""
    session = diligent(slot, band, index)
    last = len(session.sets) - 1
    sets = tuple(replace(s, rpe=9) if n == last else s for n, s in enumerate(session.sets))
    return replace(session, sets=sets, rpe=9)


def halfway(slot: Slot, band: int | None, index: int) -> Session:
    """Every rep done, every one breaking at halfway: never struggling, never counting."""
    sets = tuple(SetDone(band, target, target, Control.MID, rpe=8) for target in slot.targets)
    return Session(slot.on, slot.week, sets, pain=0, soreness=3, rpe=8, rpe_target=8)


@dataclass
class Step:
    on: date
    week: int
    band: int | None  # the band used in the session
    decision: Decision
    session: Session | None = None  # None for a move made before one (a gap, a clearance)

    def line(self) -> str:
        used = NAMES.get(self.band, "unassisted")
        after = NAMES.get(self.decision.band_id, "unassisted")
        move = self.decision.action.value + (" (suggested)" if self.decision.suggested else "")
        done = "/".join(str(s.target) for s in self.session.sets) if self.session else "-"
        return (
            f"{self.on:%a %d %b} | week {self.week:>2} | {done:<8} | {used:<10} | {move:<20} -> "
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
    approve: bool = True,
    clear_after_days: int = 7,
) -> list[Step]:
    """Each slot: the athlete trains on the current band (a gap first writes its easier band
    and brings back an earlier week's volume), the engine decides, an applied move changes the
    band from the next session on. A suggestion is approved by the coach before the next
    session when `approve`; a pause skips the slots until the coach clears it
    `clear_after_days` later (one step more help, counts restart); struggling at the thickest
    band repeats that week's volume until a session is not struggling; the first two
    unassisted sessions are cut to 2 x 5."""
    band, changed_on, sessions, steps = start_band, slots[0].on, [], []
    paused_on = cleared_on = None
    volume: list[int] | None = None  # a week's targets brought back (gap, repeat)
    volume_left = 0  # sessions still at that volume after a gap
    unassisted = 0
    for index, slot in enumerate(slots):
        if paused_on is not None:
            if (slot.on - paused_on).days < clear_after_days:
                continue
            cleared_on = slot.on
            cleared = after_pause(
                ladder=LADDER, role=role, current_band_id=band, cleared_on=cleared_on
            )
            steps.append(Step(slot.on, slot.week, band, cleared))
            band, changed_on, paused_on = cleared.band_id, cleared_on, None
        last = sessions[-1] if sessions else None
        if last is not None and changed_on > last.performed_on:
            last = None  # a move since (a clearance) ends a gap, as `programs.bands` reads it
        gap = after_gap(
            ladder=LADDER,
            role=role,
            current_band_id=band,
            last_session_on=last.performed_on if last else None,
            last_week=last.week_number if last else 1,
            today=slot.on,
            owned_band_ids=owned,
        )
        if gap is not None:
            steps.append(Step(slot.on, slot.week, band, gap))
            band, changed_on = gap.band_id, slot.on
            volume, volume_left = _week_targets(gap.resume_week), SESSIONS_A_WEEK
        targets = slot.targets
        if band is None and (dose := graduation_dose(unassisted)):
            targets = [dose[1]] * dose[0]
        elif volume is not None:
            targets = volume
        session = athlete(replace(slot, targets=targets), band, index)
        if tweak is not None:
            session = tweak(index, session)
        sessions.append(session)
        unassisted += band is None
        due = sum(1 for s in slots[: index + 1] if s.on >= changed_on)
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
            cleared_on=cleared_on,
            due_sessions=due,
        )
        steps.append(Step(slot.on, slot.week, band, decision, session))
        if decision.repeat_week:
            volume, volume_left = volume or list(slot.targets), 1
        elif volume_left:
            volume_left -= 1
            volume = volume if volume_left else None
        if decision.action is Action.PAUSE:
            paused_on = slot.on
        elif decision.band_id != band and (approve or not decision.suggested):
            band, changed_on = decision.band_id, slot.on
    return steps


def _week_targets(week: int) -> list[int]:
    return NORDIC_WEEKS.get(week, MAINTENANCE)[1]


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


def gap_after_week_4(days: int) -> list[Slot]:
    """The 12-week schedule with `days` off after week 4's last session: the rest moved on."""
    slots = nordic_schedule(12)
    last = max(index for index, slot in enumerate(slots) if slot.week == 4)
    shift = timedelta(days=days - (slots[last + 1].on - slots[last].on).days)
    return slots[: last + 1] + [replace(s, on=s.on + shift) for s in slots[last + 1 :]]


def pain_in_week(week: int, pain: int, *, sessions: int = 1) -> Callable[[int, Session], Session]:
    """The first `sessions` sessions of `week` logged with this pain."""
    firsts = [i for i, slot in enumerate(nordic_schedule(12)) if slot.week == week][:sessions]

    def tweak(number: int, session: Session) -> Session:
        return replace(session, pain=pain) if number in firsts else session

    return tweak


if __name__ == "__main__":
    print_timeline("Diligent athlete from green", replay(diligent, nordic_schedule(12)))
    print_timeline("RPE 9 on the last set, from green", replay(maximal, nordic_schedule(12)))
    print_timeline("Reps breaking at halfway, from green", replay(halfway, nordic_schedule(5)))
    print_timeline("Struggling beginner from green", replay(beginner, nordic_schedule(4)))
    print_timeline(
        "Struggling beginner on blue, the thickest",
        replay(beginner, nordic_schedule(4), start_band=BLUE),
    )
    print_timeline(
        "Pain 5 in week 8's first session (cleared 7 days later)",
        replay(diligent, nordic_schedule(12), tweak=pain_in_week(8, 5)),
    )
    print_timeline(
        "Pain 3 two sessions running in week 7 (cleared 7 days later)",
        replay(diligent, nordic_schedule(12), tweak=pain_in_week(7, 3, sessions=2)),
    )
    for days in (18, 24, 60):
        print_timeline(
            f"{days} days off after week 4, on purple",
            replay(diligent, gap_after_week_4(days), start_band=PURPLE),
        )

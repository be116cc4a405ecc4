"""Pain, as the band advice reads it (DESIGN.md, "Band progression, round 3", rule 1'): which
reports pause the athlete's eccentric work until someone clears it, which only hold and flag,
and when a pause is a repeat that should go to a physio. Soreness (DOMS) is not pain and is
read elsewhere (`programs.progression`).

Pure functions over plain data, no Django: the engine reads a track's sessions through it, and
`logbook` reads every finished session of the athlete through it to open a pause.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

PAIN_STOP = 5  # session pain at or above this is a stop, as tapping "Stop: it hurts" is
PAIN_HOLD = 3  # pain 3-4: the band holds and the coach is told; twice running pauses
REPEAT_WITHIN = timedelta(days=28)  # a second stop inside this goes to a physio
NO_ADVANCE_AFTER_CLEARANCE = 14  # days after a pause is cleared with no step on


@dataclass(frozen=True)
class PainReport:
    """One finished (or pain-stopped) session's pain as the athlete reported it."""

    on: date
    pain: int | None  # 0-10 at the finish, None when not answered
    stopped: bool = False  # "Stop: it hurts" on an exercise of it

    def is_stop(self, pain_stop: int = PAIN_STOP) -> bool:
        return self.stopped or (self.pain or 0) >= pain_stop

    def is_hold(self, pain_stop: int = PAIN_STOP) -> bool:
        return not self.is_stop(pain_stop) and (self.pain or 0) >= PAIN_HOLD


@dataclass(frozen=True)
class PainVerdict:
    pause: bool  # eccentric work pauses until cleared
    reason: str  # what happened, for the athlete and the coach
    repeated: bool = False  # a second stop within 28 days: refer to a physio

    @property
    def words(self) -> str:
        if self.pause:
            tail = " Repeated within 4 weeks: refer to a physio." if self.repeated else ""
            return (
                f"{self.reason}: Nordic and other eccentric work is paused until your coach "
                f"clears it.{tail}"
            )
        return f"{self.reason}: hold this band, and your coach has been told."


def pain_verdict(
    reports: Sequence[PainReport], *, pain_stop: int = PAIN_STOP, cleared_on: date | None = None
) -> PainVerdict | None:
    """What the latest report (the last one) means: a pause, a hold with a flag, or nothing.
    Two sessions running at 3-4 pause; sessions before the last clearance never make a run
    with one after it (the clearance was someone's judgement), but a stop before it still
    makes a later stop a repeat."""
    if not reports:
        return None
    latest = reports[-1]
    if latest.is_stop(pain_stop):
        cause = "You stopped for pain" if latest.stopped else f"You reported pain {latest.pain}/10"
        earlier = [
            report
            for report in reports[:-1]
            if report.is_stop(pain_stop) and latest.on - report.on <= REPEAT_WITHIN
        ]
        return PainVerdict(True, cause, repeated=bool(earlier))
    if not latest.is_hold(pain_stop):
        return None
    before = [r for r in reports[:-1] if cleared_on is None or r.on > cleared_on]
    if before and before[-1].is_hold(pain_stop):
        return PainVerdict(
            True, f"Pain {before[-1].pain} then {latest.pain}/10 two sessions running"
        )
    return PainVerdict(False, f"You reported pain {latest.pain}/10")


def advance_blocked_after_clearance(cleared_on: date | None, today: date) -> int:
    """Days still to go before a track cleared after pain may step on (0: none)."""
    if cleared_on is None:
        return 0
    return max(0, NO_ADVANCE_AFTER_CLEARANCE - (today - cleared_on).days)

"""Band progression: which band an athlete should use next time for one exercise.

Pure functions over plain data, no Django, so the rules can be read and tested on their own. The
ladder is ordered thinnest first, and a band id of ``None`` means no band (unassisted).
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Literal

Direction = Literal["advance", "regress"]
END: Literal["end"] = "end"  # what `step` answers when the ladder has no further band that way
StepResult = int | Literal["end"] | None  # a band id, no band (unassisted), or END

MAX_PAIN_TO_ADVANCE = 2
DAYS_TO_SETTLE = 7  # a new band needs a week before it can change again
NUMBER_WORDS = ("One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten")


class Role(StrEnum):
    ASSIST = "assist"
    RESIST = "resist"


class Mode(StrEnum):
    EARNED = "earned"
    SCHEDULED = "scheduled"


class Action(StrEnum):
    ADVANCE = "advance"
    HOLD = "hold"
    REGRESS = "regress"
    GRADUATE = "graduate"


@dataclass(frozen=True)
class Band:
    id: int
    name: str


@dataclass(frozen=True)
class Rule:
    mode: Mode = Mode.EARNED
    start_band_id: int | None = None
    step_weeks: int = 2
    sessions_to_advance: int = 2
    rpe_ceiling: int = 8
    pain_stop: int = 5


@dataclass(frozen=True)
class Exposure:
    performed_on: date
    band_id: int | None
    prescribed_volume: int
    done_volume: int
    completed_all: bool
    rpe: int | None
    pain: int | None


@dataclass(frozen=True)
class Decision:
    action: Action
    band_id: int | None
    reason: str
    flag: bool = False


def step(
    ladder: list[Band],
    band_id: int | None,
    *,
    role: Role,
    direction: Direction,
    owned_band_ids: frozenset[int] = frozenset(),
) -> StepResult:
    """The band one step from `band_id`, skipping bands not owned; END when there is none."""
    owned = [band for band in ladder if not owned_band_ids or band.id in owned_band_ids]
    # Assist advances towards thinner bands, resist towards thicker; regressing is the reverse.
    thicker = (direction == "advance") == (role is Role.RESIST)
    if band_id is None:
        # No band sits below the thinnest, so the only way on is to pick the thinnest one up.
        return owned[0].id if thicker and owned else END
    index = _index(ladder, band_id)
    candidates = ladder[index + 1 :] if thicker else ladder[:index][::-1]
    for band in candidates:
        if band in owned:
            return band.id
    # Graduating needs no band at all; a resist track has no step below its thinnest band.
    return None if role is Role.ASSIST and not thicker else END


def decide(
    *,
    ladder: list[Band],
    role: Role,
    rule: Rule,
    current_band_id: int | None,
    band_changed_on: date | None,
    exposures: list[Exposure],
    today: date,
    owned_band_ids: frozenset[int] = frozenset(),
    week_number: int = 1,
) -> Decision:
    """Decide the band for the next session from the exposures so far (oldest first)."""
    track = _Track(ladder, role, owned_band_ids)
    current = current_band_id
    if not exposures:
        return Decision(Action.HOLD, current, f"No sessions logged yet: {track.keep(current)}.")
    safety_cause = _safety_cause(exposures, rule, current)
    if safety_cause:
        return track.regress(current, safety_cause)
    if role is Role.ASSIST and current is None:
        return Decision(Action.HOLD, None, "You are already unassisted: keep going without a band.")
    if rule.mode is Mode.SCHEDULED:
        return _scheduled(track, rule, current, week_number)
    return _earned(track, rule, current, band_changed_on, exposures, today)


def qualifies(exposure: Exposure, band_id: int | None, rule: Rule) -> bool:
    """Whether a session counts towards earning the next band."""
    return (
        exposure.band_id == band_id
        and exposure.completed_all
        and exposure.rpe is not None
        and exposure.rpe <= rule.rpe_ceiling
        and (exposure.pain or 0) <= MAX_PAIN_TO_ADVANCE
    )


@dataclass(frozen=True)
class _Track:
    """A ladder seen by one athlete on one exercise: their role and the bands they own."""

    ladder: list[Band]
    role: Role
    owned_band_ids: frozenset[int]

    def step(self, band_id: int | None, direction: Direction) -> StepResult:
        return step(
            self.ladder,
            band_id,
            role=self.role,
            direction=direction,
            owned_band_ids=self.owned_band_ids,
        )

    def rank(self, band_id: int | None) -> int:
        """How far along the advance direction a band is; no band is the far end for assist."""
        if band_id is None:
            return len(self.ladder) if self.role is Role.ASSIST else -1
        index = _index(self.ladder, band_id)
        return len(self.ladder) - 1 - index if self.role is Role.ASSIST else index

    def words(self, band_id: int | None) -> str:
        if band_id is None:
            return "no band"
        return f"the {self.ladder[_index(self.ladder, band_id)].name.lower()} band"

    def at(self, band_id: int | None) -> str:
        return "without a band" if band_id is None else f"at {self.words(band_id)}"

    def keep(self, band_id: int | None) -> str:
        return "keep going without a band" if band_id is None else f"keep {self.words(band_id)}"

    def you_own(self) -> str:
        return " you own" if self.owned_band_ids else ""

    def advance(self, current: int | None, evidence: str) -> Decision:
        target = self.step(current, "advance")
        if target == END:
            load = "add reps" if current is None else f"add reps or double up {self.words(current)}"
            reason = f"{evidence}, and there is no thicker band{self.you_own()}: {load}."
            return Decision(Action.HOLD, current, reason)
        if target is None:
            thinnest = "the thinnest" if current == self.ladder[0].id else "the thinnest you own"
            reason = (
                f"{evidence}: {self.words(current)} was {thinnest}, so next time go unassisted."
            )
            return Decision(Action.GRADUATE, None, reason)
        return self._move(Action.ADVANCE, current, target, evidence)

    def regress(self, current: int | None, cause: str) -> Decision:
        target = self.step(current, "regress")
        if target == END:
            way = "thicker" if self.role is Role.ASSIST else "thinner"
            reason = (
                f"{cause}, and there is no {way} band{self.you_own()} to go back to: "
                f"{self.keep(current)} and talk to your coach."
            )
            return Decision(Action.HOLD, current, reason, flag=True)
        return self._move(Action.REGRESS, current, target, cause, flag=True)

    def _move(
        self, action: Action, current: int | None, target: int, evidence: str, flag: bool = False
    ) -> Decision:
        target_index = _index(self.ladder, target)
        if current is None:
            how = "the thinnest" if target_index == 0 else "the thinnest you own"
        else:
            gap = target_index - _index(self.ladder, current)
            way = "thicker" if gap > 0 else "thinner"
            how = f"one {way}" if abs(gap) == 1 else f"the next {way} one you own"
        reason = f"{evidence}: next time use {self.words(target)}, {how}."
        return Decision(action, target, reason, flag)


def _safety_cause(exposures: list[Exposure], rule: Rule, current: int | None) -> str | None:
    # Only the latest pain counts: the engine runs after every session, and an older report
    # has already been acted on.
    pain = exposures[-1].pain or 0
    if pain >= rule.pain_stop:
        return f"Pain {pain} of 10 is at or above the stop level of {rule.pain_stop}"
    # Both short sessions must be at the current band: one short session right after a step
    # back does not step back again.
    recent = exposures[-2:]
    if len(recent) == 2 and all(e.band_id == current and _low_volume(e) for e in recent):
        return "Two sessions in a row under 70% of the prescribed volume"
    return None


def _low_volume(exposure: Exposure) -> bool:
    return exposure.done_volume * 10 < exposure.prescribed_volume * 7  # under 70%, in integers


def _earned(
    track: _Track,
    rule: Rule,
    current: int | None,
    band_changed_on: date | None,
    exposures: list[Exposure],
    today: date,
) -> Decision:
    needed = max(1, rule.sessions_to_advance)
    streak = 0
    for exposure in reversed(exposures):
        if not qualifies(exposure, current, rule):
            break
        streak += 1
    latest = exposures[-1]
    if streak == 0 and latest.band_id == current:
        return Decision(Action.HOLD, current, f"{_shortfall(latest, rule)}: {track.keep(current)}.")
    if streak < needed:
        reason = f"{streak} of {needed} qualifying sessions {track.at(current)} so far."
        return Decision(Action.HOLD, current, reason)
    if band_changed_on is not None:
        days = max(0, (today - band_changed_on).days)
        if days < DAYS_TO_SETTLE:
            reason = f"The band changed {_ago(days)}; give {track.words(current)} a week."
            return Decision(Action.HOLD, current, reason)
    sessions = "session" if needed == 1 else "sessions in a row"
    evidence = (
        f"{_number_word(needed)} {sessions} with every rep done at RPE {rule.rpe_ceiling} or less"
    )
    return track.advance(current, evidence)


def _shortfall(exposure: Exposure, rule: Rule) -> str:
    if not exposure.completed_all:
        return "Not every prescribed set and rep was done last time"
    if exposure.rpe is None:
        return "No RPE was recorded last time, so the session cannot count"
    if exposure.rpe > rule.rpe_ceiling:
        return f"RPE {exposure.rpe} is above the ceiling of {rule.rpe_ceiling}"
    return f"Pain {exposure.pain} is above {MAX_PAIN_TO_ADVANCE}, the most that allows a step"


def _scheduled(track: _Track, rule: Rule, current: int | None, week_number: int) -> Decision:
    target = rule.start_band_id if rule.start_band_id is not None else current
    steps_due = max(0, (week_number - 1) // max(1, rule.step_weeks))
    for _ in range(min(steps_due, len(track.ladder) + 1)):
        next_band = track.step(target, "advance")
        if next_band == END:
            break  # clamped at the end of the ladder
        target = next_band
    evidence = f"Week {week_number} of the schedule calls for {track.words(target)}"
    if target == current:
        return Decision(Action.HOLD, current, f"{evidence}: use it again next time.")
    if track.rank(target) < track.rank(current):
        # Ahead of the schedule (a coach moved them on): a schedule never moves an athlete back,
        # only pain or low volume do.
        return Decision(
            Action.HOLD, current, f"{evidence}, and you are past it: {track.keep(current)}."
        )
    next_band = track.step(current, "advance")
    if next_band == END or track.rank(next_band) > track.rank(target):
        reason = f"{evidence}, which you do not own: {track.keep(current)}."
        return Decision(Action.HOLD, current, reason)
    return track.advance(current, evidence)  # one step, even when the schedule is further on


def _index(ladder: list[Band], band_id: int) -> int:
    for index, band in enumerate(ladder):
        if band.id == band_id:
            return index
    raise ValueError(f"Band {band_id} is not on the ladder.")


def _number_word(number: int) -> str:
    return NUMBER_WORDS[number - 1] if 1 <= number <= len(NUMBER_WORDS) else str(number)


def _ago(days: int) -> str:
    if days == 0:
        return "today"
    return "1 day ago" if days == 1 else f"{days} days ago"

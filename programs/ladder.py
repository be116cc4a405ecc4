"""The band ladder and what the progression engine reads and answers about it: bands in ladder
order, the role a band plays, one step along the ladder, a session's work on an exercise, a
band rule, a decision. Pure data and arithmetic, no Django; the rules that decide are in
`programs.progression`."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Literal

Direction = Literal["advance", "regress"]
END: Literal["end"] = "end"  # what `step` answers when the ladder has no further band that way
StepResult = int | Literal["end"] | None  # a band id, no band (unassisted), or END
MIXED = -1  # a session whose sets used more than one band is at no band


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
    PAUSE = "pause"  # eccentric work waits for a coach's clearance (rule 1')


class Control(StrEnum):
    """Where an eccentric rep broke, as the athlete taps it."""

    EARLY = "early"  # lost it in the top third
    MID = "mid"  # halfway
    LATE = "late"  # near the floor
    FULL = "full"  # controlled to the floor


CONTROLLED = (Control.LATE, Control.FULL)


@dataclass(frozen=True)
class Band:
    id: int
    name: str


@dataclass(frozen=True)
class Rule:
    mode: Mode = Mode.EARNED
    start_band_id: int | None = None
    step_weeks: int = 2
    sessions_to_advance: int = 3
    min_days_on_band: int = 14
    hold_until_week: int = 0
    rpe_ceiling: int = 8
    pain_stop: int = 5
    coach_approves: bool = False


@dataclass(frozen=True)
class SetDone:
    band_id: int | None
    target: int  # the least that counts as the set done; 0 for an extra set
    done: int  # reps, or seconds for a hold
    control: Control | None = None
    rpe: int | None = None


@dataclass(frozen=True)
class Session:
    """One session's work on the exercise: the sets logged, and what was prescribed but not
    logged (`missing`, their targets)."""

    performed_on: date
    week_number: int
    sets: tuple[SetDone, ...]
    missing: tuple[int, ...] = ()
    pain: int | None = None
    pain_stop: bool = False
    soreness: int | None = None
    rpe: int | None = None
    rpe_target: int | None = None

    @property
    def band_id(self) -> int | None:
        """The band every set used (None = none), or MIXED."""
        bands = {logged.band_id for logged in self.sets}
        return bands.pop() if len(bands) == 1 else MIXED

    @property
    def prescribed(self) -> int:
        return sum(logged.target for logged in self.sets) + sum(self.missing)

    @property
    def done(self) -> int:
        return sum(logged.done for logged in self.sets)

    @property
    def every_rep(self) -> bool:
        return not self.missing and all(logged.done >= logged.target for logged in self.sets)

    @property
    def hardest_rpe(self) -> int | None:
        rpes = [logged.rpe for logged in self.sets if logged.rpe is not None]
        return max(rpes) if rpes else self.rpe

    def reps_where(self, controls: Sequence[Control]) -> int:
        return sum(logged.done for logged in self.sets if logged.control in controls)


@dataclass(frozen=True)
class Decision:
    action: Action
    band_id: int | None
    reason: str
    flag: bool = False  # the coach should look now
    warn: bool = False  # tell the athlete to stop loading the hamstring
    suggested: bool = False  # an advance waiting for the coach's approval (rule 6)
    notes: tuple[str, ...] = field(default=())
    pain: bool = False  # it answers pain (a pause, a stop, pain 3-4): a pain flag
    repeated: bool = False  # a second pain stop within 28 days: refer to a physio
    stalled: bool = False  # no step on for 3 weeks of sessions done
    repeat_week: bool = False  # struggling at the thickest band: repeat this week's volume
    resume_week: int | None = None  # after a gap: the program week whose volume comes again


def step(ladder: list[Band], band_id: int | None, *, role: Role, direction: Direction):
    """The band one ladder step from `band_id`: thinner for an assisted advance, thicker for a
    resisted one, the reverse to regress. None is "go unassisted" (an assisted advance from the
    thinnest band); END when the ladder has nothing further that way."""
    thicker = (direction == "advance") == (role is Role.RESIST)
    if band_id is None:
        return ladder[0].id if thicker and ladder else END
    index = index_of(ladder, band_id)
    if thicker:
        return ladder[index + 1].id if index + 1 < len(ladder) else END
    if index > 0:
        return ladder[index - 1].id
    return None if role is Role.ASSIST else END


def index_of(ladder: list[Band], band_id: int) -> int:
    for index, band in enumerate(ladder):
        if band.id == band_id:
            return index
    raise ValueError(f"Band {band_id} is not on the ladder.")

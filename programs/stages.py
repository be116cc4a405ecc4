"""Return-to-play gates: whether a stage's record opens the next stage. A stage repeats week after
week until its last 3 sessions were at or under the pain limit (pain <= 2) with no exercise
stopped for pain, enough sessions are done, a strength test reached its mark if the gate asks for
one, the athlete reported the Askling H-test with no insecurity if the gate asks for that (the
last stage, back to running), and then the coach signs it off: the criteria say what is still
missing, in words for the athlete and the coach. Only the last sessions count, so one sore day
early in a stage does not keep it shut for good. The record comes from the logbook
(`logbook.stages`); the opening is written by `programs.return_to_play.stage_sign_off`.

Pure functions, no Django, tested without a database.
"""

from dataclasses import dataclass
from datetime import date, timedelta

# The sessions the pain criteria read: the stage's most recent ones, so the gate follows how the
# hamstring is now, not its worst day since the stage opened.
LAST_SESSIONS = 3


@dataclass(frozen=True)
class Gate:
    min_sessions: int
    pain_max: int
    test_min_symmetry: int | None = None  # % of the stronger leg the weaker must reach
    h_test: bool = False  # the Askling H-test, with no insecurity reported


@dataclass(frozen=True)
class HTest:
    """The athlete's report of an Askling H-test: whether they felt any insecurity in it."""

    on: date
    insecure: bool


@dataclass(frozen=True)
class StageRecord:
    """What the athlete did in the stage so far."""

    pains: tuple[int, ...] = ()  # each completed session's pain, 0-10, oldest first
    pain_stops: int = 0  # exercises stopped for pain in the last LAST_SESSIONS sessions
    symmetry: float | None = None  # best weaker-to-stronger % of the tests in the stage
    h_test: HTest | None = None  # the latest H-test the athlete reported in the stage
    # The last day the stage was trained in or has a begun session dated on, if any.
    lived_through: date | None = None


@dataclass(frozen=True)
class Criterion:
    text: str
    met: bool


@dataclass(frozen=True)
class GateReading:
    criteria: tuple[Criterion, ...]
    lived_through: date | None = None  # as in the record

    @property
    def ready(self) -> bool:
        """Everything but the coach's sign-off holds."""
        return all(criterion.met for criterion in self.criteria)

    @property
    def missing(self) -> list[str]:
        return [criterion.text for criterion in self.criteria if not criterion.met]


def gate_reading(gate: Gate, record: StageRecord) -> GateReading:
    done = len(record.pains)
    highest = max(record.pains[-LAST_SESSIONS:], default=None)
    criteria = [
        Criterion(
            f"{gate.min_sessions} sessions done in this stage ({done} so far)",
            done >= gate.min_sessions,
        ),
        Criterion(
            f"Pain {gate.pain_max}/10 or less in each of the last {LAST_SESSIONS} sessions"
            + (f" (highest of them {highest}/10)" if highest is not None else ""),
            done > 0 and highest <= gate.pain_max,
        ),
        Criterion(
            f"No exercise stopped for pain in the last {LAST_SESSIONS} sessions"
            + (f" ({record.pain_stops} stopped)" if record.pain_stops else ""),
            record.pain_stops == 0,
        ),
    ]
    if gate.test_min_symmetry is not None:
        best = record.symmetry
        criteria.append(
            Criterion(
                "A strength test in this stage with the weaker leg at "
                f"{gate.test_min_symmetry}% of the stronger or better"
                + (f" (best so far {best:.0f}%)" if best is not None else " (none yet)"),
                best is not None and best >= gate.test_min_symmetry,
            )
        )
    if gate.h_test:
        criteria.append(h_test_criterion(record.h_test))
    return GateReading(tuple(criteria), record.lived_through)


def h_test_criterion(answer: HTest | None) -> Criterion:
    """The latest report counts: felt insecure on Monday, secure on Thursday is secure now, and
    the other way round shuts the gate again."""
    text = "The H-test done with no insecurity reported"
    if answer is None:
        return Criterion(f"{text} (not reported yet)", False)
    day = f"{answer.on:%a} {answer.on.day} {answer.on:%b}"
    if answer.insecure:
        return Criterion(f"{text} (insecurity on {day})", False)
    return Criterion(f"{text} (none on {day})", True)


def next_stage_opens(today: date, lived_through: date | None) -> date:
    """The day the next stage opens when the coach signs this one off today: today, unless the
    athlete already trained in this stage today (or began a session of it dated later), then the
    day after. So no day holds the sessions of two stages, and every session of a stage stays
    dated inside it: the schedule and the gate count the same sessions."""
    if lived_through is None or lived_through < today:
        return today
    return lived_through + timedelta(days=1)


def symmetry(left: float | None, right: float | None) -> float | None:
    """The weaker leg as a % of the stronger; None without both legs."""
    if left is None or right is None or max(left, right) <= 0:
        return None
    return min(left, right) * 100 / max(left, right)

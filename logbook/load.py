"""Training load and readiness, per athlete: session load, weekly load, the acute:chronic ratio,
a drop in adherence, and the check-in trend.

Pure functions over plain data, no Django, so both the athlete's and the coach's pages can use
them and they are tested on their own (DESIGN.md, "Hamstring monitoring": Load, Readiness).
Days are whole dates; a window of N days ends on `today` and includes it; anything dated after
`today` is not counted yet.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

ACUTE_DAYS = 7  # acute:chronic, 7 days against 28 (DESIGN.md, "Load")
CHRONIC_DAYS = 28
CHRONIC_WEEKS = CHRONIC_DAYS // ACUTE_DAYS  # the 28-day weekly average is the total over 4
ADHERENCE_DROP = 0.20  # a 7-day adherence 20 points or more under the 28-day one (DESIGN.md)
READINESS_ITEMS = ("soreness", "sleep", "fatigue", "stress", "mood")


@dataclass(frozen=True)
class Session:
    on: date
    rpe: int | None  # session RPE, 1-10, asked after the session
    minutes: float | None


@dataclass(frozen=True)
class CheckIn:
    """Soreness 0-10 (DOMS, not pain); sleep, fatigue, stress and mood 1-5; each optional."""

    on: date
    soreness: int | None
    sleep: int | None
    fatigue: int | None
    stress: int | None
    mood: int | None


def session_load(rpe: int | None, minutes: float | None) -> int | None:
    """Foster's session RPE: the session's RPE times its minutes, in arbitrary units (AU). None
    when either is missing: an unknown load is not a zero load."""
    if rpe is None or minutes is None:
        return None
    return _whole(rpe * minutes)


def weekly_loads(sessions: list[Session], *, today: date, weeks: int = 8) -> list[tuple[date, int]]:
    """The summed load of each of the last `weeks` weeks (Monday to Sunday, the current week
    last), as (that Monday, load). A week with no sessions, or none with a known load, is 0."""
    this_monday = today - timedelta(days=today.weekday())
    mondays = [this_monday - timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]
    totals = dict.fromkeys(mondays, 0)
    for session in sessions:
        monday = session.on - timedelta(days=session.on.weekday())
        if monday in totals and session.on <= today:
            totals[monday] += _load(session)
    return list(totals.items())


def acute_chronic(sessions: list[Session], *, today: date) -> float | None:
    """The last 7 days' load against the weekly average of the last 28 (their total over 4; the
    28 days include the 7), to two decimals. Information for the coach, not a verdict: DESIGN.md
    sets no threshold on it. None when the 28 days hold no load (nothing to compare with)."""
    acute = _total(sessions, today=today, days=ACUTE_DAYS)
    chronic = _total(sessions, today=today, days=CHRONIC_DAYS)
    if chronic <= 0:
        return None
    return round(acute / (chronic / CHRONIC_WEEKS), 2)


def adherence_drop(adherence_7: float | None, adherence_28: float | None) -> bool:
    """True when the 7-day adherence (a share, 0 to 1) is 20 points or more under the 28-day one
    (DESIGN.md, "Load"); False when either is unknown."""
    if adherence_7 is None or adherence_28 is None:
        return False
    # Rounded so that 0.70 - 0.50 (0.19999999999999996 in floating point) counts as 20 points.
    return round(adherence_28 - adherence_7, 9) >= ADHERENCE_DROP


def readiness_trend(
    check_ins: list[CheckIn], *, today: date, days: int = 28
) -> dict[str, list[tuple[date, int]]]:
    """Per item (soreness, sleep, fatigue, stress, mood), the (date, value) points of the last
    `days` days, oldest first, skipping items left blank."""
    since = today - timedelta(days=days - 1)
    window = sorted(
        (check_in for check_in in check_ins if since <= check_in.on <= today),
        key=lambda check_in: check_in.on,
    )
    return {
        item: [
            (check_in.on, getattr(check_in, item))
            for check_in in window
            if getattr(check_in, item) is not None
        ]
        for item in READINESS_ITEMS
    }


def _total(sessions: list[Session], *, today: date, days: int) -> int:
    since = today - timedelta(days=days - 1)
    return sum(_load(session) for session in sessions if since <= session.on <= today)


def _load(session: Session) -> int:
    """A session's load for a sum: an unknown load adds nothing."""
    return session_load(session.rpe, session.minutes) or 0


def _whole(value: float) -> int:
    """Rounded half up, as a person rounds (Python's round() sends 297.5 to 298 but 296.5 to
    296)."""
    return int(Decimal(repr(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))

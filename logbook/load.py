"""Training load and readiness, per athlete: session load, weekly load, a drop in adherence,
Nordic compliance (Ripley 2021), and the check-in trend. No acute:chronic ratio: it couples its
terms and is conceptually flawed (Lolli 2019, Impellizzeri 2020), and here it would rest on the
app's hamstring sessions alone.

Pure functions over plain data, no Django, so both the athlete's and the coach's pages can use
them and they are tested on their own (DESIGN.md, "Hamstring monitoring": Load, Readiness).
Days are whole dates; a window of N days ends on `today` and includes it; anything dated after
`today` is not counted yet.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

ADHERENCE_DROP = 0.20  # a 7-day adherence 20 points or more under the 28-day one (DESIGN.md)
# Compliance as Ripley 2021 measured it: more than half of the prescribed Nordic sessions done,
# and no more than 3 weeks between sessions.
COMPLIANT_SHARE = 0.5
COMPLIANT_GAP_DAYS = 21
READINESS_ITEMS = ("soreness", "sleep", "fatigue", "stress", "mood")
CLOCK_MINUTES = (1, 240)  # a clock reading outside it is no real session (a page left open)


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


def clock_minutes(start: datetime, end: datetime) -> int | None:
    """Whole minutes from `start` to `end`; None under a minute or over four hours, which
    read as no real session."""
    minutes = (end - start).total_seconds() / 60
    low, high = CLOCK_MINUTES
    return _whole(minutes) if low <= minutes <= high else None


def session_minutes(*, confirmed: int | None, clock: int | None) -> int | None:
    """The minutes a session's load counts: those the athlete confirmed at the finish, else the
    clock's (which may have run on while a page was open)."""
    return confirmed if confirmed is not None else clock


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


def adherence_drop(adherence_7: float | None, adherence_28: float | None) -> bool:
    """True when the 7-day adherence (a share, 0 to 1) is 20 points or more under the 28-day one
    (DESIGN.md, "Load"); False when either is unknown."""
    if adherence_7 is None or adherence_28 is None:
        return False
    # Rounded so that 0.70 - 0.50 (0.19999999999999996 in floating point) counts as 20 points.
    return round(adherence_28 - adherence_7, 9) >= ADHERENCE_DROP


def nordic_compliant(
    *, due: int, done: int, sessions: list[date], since: date, until: date
) -> bool | None:
    """Ripley 2021's compliance over a window: of the `due` prescribed Nordic sessions, `done`
    is more than half, and no stretch of the window goes more than 3 weeks without a session.
    The stretches run from `since` (the window's start, or the program's if later) through
    each session (`sessions`: their dates; others outside the window are not counted) to
    `until` (today, or the day the program was paused). None when nothing was due."""
    if due <= 0:
        return None
    if done / due <= COMPLIANT_SHARE:
        return False
    days = sorted(day for day in sessions if since <= day <= until)
    edges = [since, *days, until]
    return all((later - earlier).days <= COMPLIANT_GAP_DAYS for earlier, later in pairwise(edges))


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


def _load(session: Session) -> int:
    """A session's load for a sum: an unknown load adds nothing."""
    return session_load(session.rpe, session.minutes) or 0


def _whole(value: float) -> int:
    """Rounded half up, as a person rounds (Python's round() sends 297.5 to 298 but 296.5 to
    296)."""
    return int(Decimal(repr(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))

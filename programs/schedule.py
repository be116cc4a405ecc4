"""Schedule arithmetic. Dates are derived, never stored: week 1 day 1 is the start date. Some
weeks repeat: a program's maintenance phase (its last week, flagged) every week while the
assignment is open, a return-to-play stage every week until the coach signs it off. The n-th
occurrence of a repeating week is plain arithmetic (`repeats`), so a date years ahead costs what
next week costs; each log records the occurrence it belongs to.

Pure functions, no Django, tested without a database.
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

WEEK = timedelta(days=7)


def workout_date(start_date: date, week_number: int, day: int) -> date:
    return start_date + timedelta(days=7 * (week_number - 1) + (day - 1))


def week_start(start_date: date, week_number: int) -> date:
    return workout_date(start_date, week_number, 1)


def repeats(
    anchor: date, *, between: tuple[date, date], until: date | None = None
) -> list[tuple[int, date]]:
    """Each (occurrence, week start) of a week that repeats every 7 days from `anchor` (its
    first occurrence, 1), overlapping `between` (inclusive) and starting before `until`: computed
    from the window's ends, never by walking the weeks before it."""
    first, last = between
    if until is not None:
        last = min(last, until - timedelta(days=1))
    low = max(1, (first - anchor).days // 7 + 1)  # the week holding `first`
    high = (last - anchor).days // 7 + 1
    return [(n, anchor + WEEK * (n - 1)) for n in range(low, high + 1)]


@dataclass(frozen=True)
class WorkoutDay:
    """The day a workout is shown on, the same on every page (see `workout_day`)."""

    on: date
    scheduled_for: date | None = None  # said beside `on` only when it differs
    done: bool = False


def workout_day(*, scheduled: date | None, done_on: date | None) -> WorkoutDay:
    """The one rule for dating a workout: once done (or begun) it is dated by the day it was
    done, with the day it was scheduled for beside it when that differs (made up late, or
    done early); until then by its scheduled day. A free session has no scheduled day."""
    if done_on is None:
        if scheduled is None:
            raise ValueError("A workout is dated by its schedule or by the day it was done.")
        return WorkoutDay(on=scheduled)
    return WorkoutDay(
        on=done_on, scheduled_for=scheduled if scheduled != done_on else None, done=True
    )


def week_on(start_date: date, today: date) -> int:
    """The program week `today` falls in (1 before the start)."""
    return max(1, (today - start_date).days // 7 + 1)


def due_in_last_days(
    scheduled: Iterable[tuple[Hashable, date]],
    completed: set,
    *,
    today: date,
    days: int,
    paused_on: date | None = None,
) -> set:
    """The slots (a workout, or a workout and its occurrence) due over the last `days` days up
    to today. Today's workouts count once done (the day is not over); while paused, nothing
    from the pause on is due: those dates move when the assignment resumes."""
    first = today - timedelta(days=days - 1)
    return {
        slot
        for slot, when in scheduled
        if first <= when <= today
        and (when < today or slot in completed)
        and (paused_on is None or when < paused_on)
    }


def adherence(due: set, completed: set) -> float | None:
    """Share of the due workouts that were completed; None when nothing was due yet."""
    if not due:
        return None
    return len(due & completed) / len(due)

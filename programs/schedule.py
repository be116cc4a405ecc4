"""Schedule arithmetic. Dates are derived, never stored: week 1 day 1 is the start date. A
program's maintenance phase (its last week, flagged) is meant to repeat every week while the
assignment is open: its n-th occurrence is plain arithmetic (`maintenance_dates`), so a date years
ahead costs what next week costs. `assignment_schedule` dates only its first week until logs are
keyed by occurrence as well as workout (the next step of issue 15).

Pure functions, no Django, tested without a database.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta


def workout_date(start_date: date, week_number: int, day: int) -> date:
    return start_date + timedelta(days=7 * (week_number - 1) + (day - 1))


def maintenance_occurrence(start_date: date, first_week: int, on: date) -> int | None:
    """Which week of the maintenance phase `on` falls in (1 = the maintenance week itself,
    `first_week` of the program), None before the phase begins."""
    week = (on - start_date).days // 7 + 1
    return week - first_week + 1 if week >= first_week else None


def maintenance_date(start_date: date, first_week: int, day: int, occurrence: int) -> date:
    """The date of a maintenance workout (on `day` of the week) in its n-th repetition."""
    if occurrence < 1:
        raise ValueError("Maintenance occurrences count from 1.")
    return workout_date(start_date, first_week + occurrence - 1, day)


def maintenance_dates(
    start_date: date, first_week: int, day: int, *, between: tuple[date, date]
) -> list[tuple[int, date]]:
    """Each (occurrence, date) of a maintenance workout on `day` inside `between` (inclusive):
    computed from the window's ends, never by walking the weeks before it."""
    first, last = between
    day_one = maintenance_date(start_date, first_week, day, 1)
    low = max(1, -((day_one - first).days // 7) + 1)  # ceil((first - day_one) / 7) + 1
    high = (last - day_one).days // 7 + 1
    return [
        (occurrence, maintenance_date(start_date, first_week, day, occurrence))
        for occurrence in range(low, high + 1)
    ]


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
    scheduled: Iterable[tuple[int, date]],
    completed: set[int],
    *,
    today: date,
    days: int,
    paused_on: date | None = None,
) -> set[int]:
    """Ids of the workouts due over the last `days` days up to today. Today's workouts count
    once done (the day is not over); while paused, nothing from the pause on is due: those
    dates move when the assignment resumes."""
    first = today - timedelta(days=days - 1)
    return {
        workout_id
        for workout_id, when in scheduled
        if first <= when <= today
        and (when < today or workout_id in completed)
        and (paused_on is None or when < paused_on)
    }


def adherence(due: set[int], completed: set[int]) -> float | None:
    """Share of the due workouts that were completed; None when nothing was due yet."""
    if not due:
        return None
    return len(due & completed) / len(due)

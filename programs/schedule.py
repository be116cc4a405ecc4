"""Schedule arithmetic. Dates are derived, never stored: week 1 day 1 is the start date.

Pure functions, no Django, tested without a database.
"""

from collections.abc import Iterable
from datetime import date, timedelta


def workout_date(start_date: date, week_number: int, day: int) -> date:
    return start_date + timedelta(days=7 * (week_number - 1) + (day - 1))


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

"""Match-day arithmetic: where a workout placed relative to match day (`MD-4`, `MD+2`) falls in
its week, and what is wrong with a placement once the fixtures are known.

A placed workout follows the first match of the team whose offset day lands inside the workout's
week; in a week without one it stays on its own day of the week. Nothing is moved to make room:
a placement that does not fit is reported to the coach (`clashes`), never silently doubled up.

Pure functions, no Django, tested without a database.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

NORDIC_GAP = timedelta(hours=48)  # between two Nordic sessions (DESIGN.md, fixtures)


def placed_on(week_start: date, day: int, match_day: int | None, fixtures: Sequence[date]):
    """(date, fixture) of a workout in the week starting `week_start`: at `match_day` days from
    the first fixture that puts it inside the week, else on its `day` with no fixture.
    `fixtures` in date order."""
    own_day = week_start + timedelta(days=day - 1)
    if not match_day:
        return own_day, None
    offset = timedelta(days=match_day)
    week_end = week_start + timedelta(days=6)
    for fixture in fixtures:
        # The offset is moved onto the week, never onto the fixture: a match stored at year 1
        # or 9999 would take the date past what a calendar holds.
        if week_start - offset <= fixture <= week_end - offset:
            return fixture + offset, fixture
    return own_day, None


@dataclass(frozen=True)
class Placed:
    """A dated workout of one athlete's program, as the clash check reads it."""

    key: object  # whatever identifies it to the caller
    title: str
    on: date
    match_day: int | None = None
    fixture: date | None = None  # the match it follows, when placed
    nordic: bool = False


@dataclass(frozen=True)
class Clash:
    on: date
    keys: tuple
    text: str

    def __str__(self) -> str:
        return self.text


def clashes(workouts: Sequence[Placed], fixtures: Sequence[date]) -> list[Clash]:
    """What the fixtures do to one athlete's placed workouts, in date order:
    - another match between a placed workout and the match it follows (or on its day): the two
      matches are too close for that placement;
    - a placed workout on the same day as another workout of the program (doubled up);
    - a placed Nordic session less than 48 hours from another Nordic session.
    Workouts that are not placed are checked only against placed ones."""
    found = []
    for workout in workouts:
        if workout.fixture is None:
            continue
        low, high = sorted((workout.on, workout.fixture))
        between = [match for match in fixtures if low <= match <= high and match != workout.fixture]
        if between:
            placement = f"{workout.title} ({md(workout.match_day)} of {day(workout.fixture)})"
            reason = (
                f"{placement} falls on {day(workout.on)}, but there is a match on "
                f"{day(between[0])}: the two matches are too close for this placement."
            )
            found.append(Clash(workout.on, (workout.key,), reason))
    ordered = sorted(workouts, key=lambda workout: workout.on)
    for index, first in enumerate(ordered):
        for second in ordered[index + 1 :]:
            if second.on - first.on >= NORDIC_GAP:
                break
            if first.fixture is None and second.fixture is None:
                continue
            if first.on == second.on:
                reason = f"{first.title} and {second.title} both fall on {day(first.on)}."
                found.append(Clash(first.on, (first.key, second.key), reason))
            elif first.nordic and second.nordic:
                reason = (
                    f"Nordic sessions on {day(first.on)} and {day(second.on)} are less than "
                    "48 hours apart."
                )
                found.append(Clash(second.on, (first.key, second.key), reason))
    return sorted(found, key=lambda clash: clash.on)


def md(match_day: int | None) -> str:
    return f"MD{match_day:+d}" if match_day else ""


def day(on: date) -> str:
    return f"{on:%a} {on.day} {on:%b}"

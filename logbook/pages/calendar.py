"""What a calendar shows: the dated workouts of some assignments over a window of weeks, each
marked done, not finished, missed, skipped, today, upcoming or paused. Read through the one
schedule read (`programs.dating.assignment_schedule`) and dated by the one rule
(`programs.schedule.workout_day`): a done workout sits on the day it was done. The athlete's
page, the coach's team calendar and the iCal feed all read it, in a fixed number of queries
whatever the number of weeks or athletes."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from logbook.models import CalendarFeed
from logbook.pages.today import LogRecord, records_of
from programs.bands import tracks_of
from programs.dating import assignment_schedule
from programs.models import Assignment, Fixture, Prescription, Workout
from programs.schedule import WorkoutDay, workout_day

MAX_WEEKS = 26
# A workout done up to this long before or after its day still shows on the day it was done
# (longer gaps restart the program: DESIGN.md, rule 3).
MARGIN = timedelta(days=14)
# Dates further away than this are refused (they say nothing useful, and date arithmetic near
# year 1 or 9999 overflows).
FARTHEST = timedelta(days=3660)


class Mark(StrEnum):
    DONE = "done"
    STARTED = "started"
    MISSED = "missed"
    SKIPPED = "skipped"
    TODAY = "today"
    UPCOMING = "upcoming"
    PAUSED = "paused"


LABELS = {
    Mark.DONE: "Done",
    Mark.STARTED: "Not finished",
    Mark.MISSED: "Missed",
    Mark.SKIPPED: "Skipped",
    Mark.TODAY: "Today",
    Mark.UPCOMING: "Upcoming",
    Mark.PAUSED: "Paused",
}
SYMBOLS = {
    Mark.DONE: "✓",
    Mark.STARTED: "…",
    Mark.MISSED: "✗",
    Mark.SKIPPED: "-",
    Mark.TODAY: "●",
    Mark.UPCOMING: "○",
    Mark.PAUSED: "Ⅱ",
}


@dataclass
class Entry:
    assignment: Assignment
    workout: Workout  # with its week
    scheduled: date
    log: LogRecord | None
    mark: Mark
    occurrence: int = 1  # of a repeating week
    bands: list = field(default_factory=list)  # (exercise, band) of its tracked exercises

    @property
    def when(self) -> WorkoutDay:
        return workout_day(
            scheduled=self.scheduled, done_on=self.log.performed_on if self.log else None
        )

    @property
    def label(self) -> str:
        return LABELS[self.mark]

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.mark]


def mark_of(assignment: Assignment, on: date, log, skipped: bool, today: date) -> Mark | None:
    if log is not None:
        if log.completed:
            return Mark.DONE
        return Mark.TODAY if log.performed_on == today else Mark.STARTED
    if not assignment.is_open:
        return None  # a finished or cancelled program keeps only what was done
    if skipped:
        return Mark.SKIPPED
    if assignment.paused_on is not None and on >= assignment.paused_on:
        return Mark.PAUSED  # these dates move on when the coach resumes the program
    if on < today:
        return Mark.MISSED
    return Mark.TODAY if on == today else Mark.UPCOMING


def calendar_entries(
    assignments: list[Assignment], *, first: date, last: date, today: date
) -> list[Entry]:
    """The workouts shown between `first` and `last`, in date order. Two queries."""
    if not assignments:
        return []
    logs, skipped = records_of(assignments)
    entries = []
    for item in assignment_schedule(assignments, between=(first - MARGIN, last + MARGIN)):
        log = logs.get(item.key)
        mark = mark_of(item.assignment, item.on, log, item.key in skipped, today)
        if mark is None:
            continue
        entry = Entry(item.assignment, item.workout, item.on, log, mark, item.occurrence)
        if first <= entry.when.on <= last:
            entries.append(entry)
    entries.sort(key=lambda entry: (entry.when.on, entry.workout.pk))
    return entries


def attach_bands(assignments: list[Assignment], entries: list[Entry]) -> None:
    """The band to use for each tracked exercise of the workouts still to do (a done one shows
    what was done on its own page). Two queries, whatever the number of workouts."""
    if not assignments:
        return
    tracks = tracks_of([assignment.pk for assignment in assignments])
    ahead = [entry for entry in entries if entry.mark != Mark.DONE]
    tracked = (
        Prescription.objects.filter(
            workout__in=[entry.workout.pk for entry in ahead],
            exercise__in={exercise_id for _, exercise_id in tracks},
        )
        .order_by("order")
        .values_list("workout_id", "exercise_id")
    )
    by_workout: dict[int, list[int]] = {}
    for workout_id, exercise_id in tracked:
        if exercise_id not in by_workout.setdefault(workout_id, []):
            by_workout[workout_id].append(exercise_id)
    for entry in ahead:
        for exercise_id in by_workout.get(entry.workout.pk, []):
            track = tracks.get((entry.assignment.pk, exercise_id))
            if track is not None:
                entry.bands.append((track.exercise, track.band))


# The window of days shown, from the query string; a bad value gives the default.


@dataclass(frozen=True)
class Window:
    first: date  # a Monday
    weeks: int
    view: str  # "week" or "month"
    month: date | None = None  # the month's first day, in the month view

    @property
    def last(self) -> date:
        return self.first + timedelta(days=7 * self.weeks - 1)

    def previous(self) -> str:
        if self.month:
            return f"?view=month&from={(self.month - timedelta(days=1)).replace(day=1)}"
        return f"?from={self.first - timedelta(days=7 * self.weeks)}&weeks={self.weeks}"

    def next(self) -> str:
        if self.month:
            return f"?view=month&from={(self.month + timedelta(days=31)).replace(day=1)}"
        return f"?from={self.first + timedelta(days=7 * self.weeks)}&weeks={self.weeks}"


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def date_param(value: str | None, today: date) -> date | None:
    try:
        day = date.fromisoformat(value or "")
    except ValueError:
        return None
    return day if abs(day - today) <= FARTHEST else None


def weeks_param(value: str | None, default: int) -> int:
    try:
        weeks = int(value or "")
    except ValueError:
        return default
    return weeks if 1 <= weeks <= MAX_WEEKS else default


def window_from(params, today: date, *, back: int = 2, ahead: int = 4) -> Window:
    """Week view: `back` weeks before this one to `ahead` after it, or `?weeks=` from the
    Monday of `?from=`. Month view (`?view=month`): the weeks of the month of `?from=`."""
    start = date_param(params.get("from"), today)
    if params.get("view") == "month":
        month = (start or today).replace(day=1)
        first = monday_of(month)
        month_end = (month + timedelta(days=31)).replace(day=1) - timedelta(days=1)
        weeks = (month_end - first).days // 7 + 1
        return Window(first, weeks, "month", month)
    weeks = weeks_param(params.get("weeks"), back + 1 + ahead)
    first = monday_of(start) if start else monday_of(today) - timedelta(days=7 * back)
    return Window(first, weeks, "week")


@dataclass
class Day:
    on: date
    entries: list[Entry]
    is_today: bool
    in_month: bool = True
    fixtures: list = field(default_factory=list)  # match days of the athlete's teams


def weeks_of(entries: list[Entry], window: Window, today: date, fixtures=()) -> list[list[Day]]:
    by_day: dict[date, list[Entry]] = {}
    for entry in entries:
        by_day.setdefault(entry.when.on, []).append(entry)
    matches: dict[date, list] = {}
    for fixture in fixtures:
        matches.setdefault(fixture.date, []).append(fixture)
    days = [
        Day(
            on,
            by_day.get(on, []),
            on == today,
            window.month is None or on.month == window.month.month,
            matches.get(on, []),
        )
        for on in (window.first + timedelta(days=n) for n in range(7 * window.weeks))
    ]
    return [days[n : n + 7] for n in range(0, len(days), 7)]


def athlete_calendar(athlete, *, window: Window, today: date) -> dict:
    """The athlete's own calendar page: every program they follow or followed (a finished one
    shows only what was done). A fixed number of queries."""
    assignments = list(Assignment.objects.for_athlete(athlete).select_related("program"))
    entries = calendar_entries(assignments, first=window.first, last=window.last, today=today)
    attach_bands(assignments, entries)
    fixtures = Fixture.objects.for_athlete(athlete).filter(date__range=(window.first, window.last))
    return {
        "window": window,
        "weeks": weeks_of(entries, window, today, fixtures.select_related("team")),
        "today": today,
        "has_program": bool(assignments),
        "feed": CalendarFeed.objects.filter(user=athlete).first(),
    }

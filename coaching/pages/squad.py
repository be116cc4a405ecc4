"""The team calendar (`/coach/teams/<id>/calendar/`): on a desktop the squad grid, athletes
down and the days of four weeks across, each cell what became of the day's workouts (done,
missed, skipped, to do, paused) and the team's matches, as a colour and a letter with its
words; on a phone the list of days. Both read the squad's dated workouts once, through the
calendar's read (`logbook.pages.calendar.calendar_entries`, the schedule and the logs), in a
fixed number of queries whatever the size of the squad. The page also carries the form of the
squad's exports, which the export view reads (the two views share it here)."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from django import forms
from django.urls import reverse
from django.utils import timezone

from catalogue.models import Pattern
from coaching.forms import date_in
from logbook.models import PainPause
from logbook.pages.calendar import Entry, Mark, Window, calendar_entries, monday_of, weeks_of
from programs.models import Assignment, Prescription
from programs.season import placement_clashes
from web.params import YEAR, DateWindow

PAGE = "coaching/team_calendar.html"

WEEKS = 4
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# A grid further than this from today says nothing useful (and the date arithmetic near year 1
# or 9999 overflows).
FARTHEST = timedelta(days=3660)
EXPORT_DAYS = 28  # the export form's days by default, ending today
EXPORT_DATES = DateWindow(back=10 * YEAR, ahead=YEAR)


class State(StrEnum):
    DONE = "done"
    BEGUN = "begun"
    MISSED = "missed"
    SKIPPED = "skipped"
    TO_DO = "to-do"
    PAUSED = "paused"


# The letter beside each state's colour (never colour alone), and its words in the legend and
# for screen readers.
LETTERS = {
    State.DONE: ("D", "Done"),
    State.BEGUN: ("B", "Begun, not finished"),
    State.MISSED: ("M", "Missed"),
    State.SKIPPED: ("S", "Skipped"),
    State.TO_DO: ("T", "To do"),
    State.PAUSED: ("P", "Paused"),
}
MATCH_DAY = ("MD", "Match day")
FROM_MARK = {
    Mark.DONE: State.DONE,
    Mark.STARTED: State.BEGUN,
    Mark.MISSED: State.MISSED,
    Mark.SKIPPED: State.SKIPPED,
    Mark.TODAY: State.TO_DO,
    Mark.UPCOMING: State.TO_DO,
    Mark.PAUSED: State.PAUSED,  # the coach paused the assignment
}


@dataclass(frozen=True)
class Shown:
    """One workout in a cell, and where a click on it goes."""

    state: State
    title: str
    url: str

    @property
    def letter(self) -> str:
        return LETTERS[self.state][0]

    @property
    def words(self) -> str:
        return LETTERS[self.state][1]


@dataclass
class Cell:
    on: date
    match: str | None = None  # the fixture's label (or "") on a match day
    workouts: list[Shown] = field(default_factory=list)


@dataclass
class Row:
    athlete: object
    url: str
    cells: list[Cell]


def grid_start(value: str | None, today: date) -> date:
    """The Monday the grid starts on: that of `?from=` when it is a real YYYY-MM-DD date within
    ten years of today, else this week's."""
    if value and ISO_DAY.fullmatch(value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            day = None
        if day is not None and abs(day - today) <= FARTHEST:
            return monday_of(day)
    return monday_of(today)


def state_of(entry: Entry, paused_for_pain: bool) -> State:
    if entry.log is not None and not entry.log.completed:
        return State.BEGUN  # begun, today or another day, and not finished
    state = FROM_MARK[entry.mark]
    if paused_for_pain and state in (State.MISSED, State.TO_DO):
        return State.PAUSED
    return state


def pain_paused_days(athlete_ids: list[int], window: Window) -> dict[int, list]:
    """By athlete, the (first, end) days each pain pause overlapping the window held their
    eccentric work (end None while open; the day it was cleared is free again). One query."""
    start = timezone.make_aware(
        datetime.combine(window.last + timedelta(days=1), datetime.min.time())
    )
    end = timezone.make_aware(datetime.combine(window.first, datetime.min.time()))
    pauses = PainPause.objects.filter(athlete__in=athlete_ids, raised_at__lt=start).exclude(
        cleared_at__lt=end
    )
    found: dict[int, list] = {}
    for athlete_id, raised, cleared in pauses.values_list("athlete_id", "raised_at", "cleared_at"):
        last = timezone.localdate(cleared) if cleared else None
        found.setdefault(athlete_id, []).append((timezone.localdate(raised), last))
    return found


def eccentric_workouts(entries: list[Entry]) -> set[int]:
    """The workouts among `entries` that hold eccentric work (the Nordic), which a pain pause
    holds back. One query."""
    return set(
        Prescription.objects.filter(
            workout__in={entry.workout.pk for entry in entries},
            exercise__pattern=Pattern.ECCENTRIC,
        ).values_list("workout_id", flat=True)
    )


def is_paused(spans: list, on: date) -> bool:
    return any(first <= on and (end is None or on < end) for first, end in spans)


def days_of(window: Window) -> list[date]:
    return [window.first + timedelta(days=n) for n in range(7 * window.weeks)]


def grid_rows(members, entries: list[Entry], fixtures, window: Window) -> list[Row]:
    """A row per member, a cell per day of the window. Two queries (pain pauses, and the
    eccentric workouts when someone was paused)."""
    athlete_ids = [member.athlete_id for member in members]
    pauses = pain_paused_days(athlete_ids, window)
    eccentric = eccentric_workouts(entries) if pauses and entries else set()
    matches = {fixture.date: fixture.label for fixture in fixtures}
    days = days_of(window)
    rows = {}
    for member in members:
        url = reverse("coaching:athlete", args=[member.athlete_id])
        cells = [Cell(day, matches.get(day)) for day in days]
        rows[member.athlete_id] = Row(member.athlete, url, cells)
    for entry in entries:
        row = rows.get(entry.assignment.athlete_id)
        if row is None:
            continue
        on = entry.when.on
        paused = entry.workout.pk in eccentric and is_paused(pauses.get(row.athlete.pk, []), on)
        state = state_of(entry, paused)
        anchor = (
            f"log-{entry.log.pk}" if state == State.DONE else f"assignment-{entry.assignment.pk}"
        )
        row.cells[(on - window.first).days].workouts.append(
            Shown(state, entry.workout.title, f"{row.url}#{anchor}")
        )
    return list(rows.values())


class ExportDates(forms.Form):
    """The days of a squad export, both included. Its fields are `from` and `to`, as the
    export's URL names them (declared below: `from` is a Python keyword)."""

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("from"), cleaned.get("to")
        if first and last and last < first:
            self.add_error("to", "Give a last day on or after the first.")
        return cleaned

    def clean_from(self):
        return date_in(EXPORT_DATES, self.cleaned_data["from"])

    def clean_to(self):
        return date_in(EXPORT_DATES, self.cleaned_data["to"])

    def days(self) -> tuple[date, date]:
        """The first and last day, once valid."""
        return self.cleaned_data["from"], self.cleaned_data["to"]


def day_field(label: str, missing: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": missing, "invalid": "Give a date as YYYY-MM-DD."},
    )


ExportDates.base_fields = {
    "from": day_field("From", "Give the first day."),
    "to": day_field("To", "Give the last day."),
}


def export_dates(params, today: date) -> ExportDates:
    """The form bound to the query string; with neither date given, the last 28 days."""
    if "from" not in params and "to" not in params:
        params = {"from": f"{today - timedelta(days=EXPORT_DAYS - 1)}", "to": f"{today}"}
    return ExportDates(params)


def squad_calendar(
    coach, team, params, today: date, export_form: ExportDates | None = None
) -> dict:
    """What the team calendar page shows: the grid, the list, the clashes and the export form
    (bound when the export refused its dates). 13 queries with the request's own, for a squad
    of 2 or of 40 (tests/coaching/test_squad_grid.py)."""
    first = grid_start(params.get("from"), today)
    window = Window(first, WEEKS, "week")
    members = list(
        team.memberships.filter(is_active=True)
        .select_related("athlete")
        .order_by("athlete__first_name", "athlete__last_name", "athlete__username")
    )
    assignments = list(
        Assignment.objects.for_coach(coach)
        .filter(athlete__in=[member.athlete_id for member in members])
        .select_related("program", "athlete")
    )
    entries = calendar_entries(assignments, first=window.first, last=window.last, today=today)
    fixtures = list(team.fixtures.filter(date__range=(window.first, window.last)))
    here = reverse("coaching:team-calendar", args=[team.pk])
    return {
        "team": team,
        "window": window,
        "weeks": [first + timedelta(days=7 * n) for n in range(WEEKS)],
        # Whole paths: the page is also the answer of the export's URL to bad dates.
        "earlier": f"{here}?from={first - timedelta(days=7 * WEEKS)}",
        "later": f"{here}?from={first + timedelta(days=7 * WEEKS)}",
        "today": today,
        "grid_days": days_of(window),
        "rows": grid_rows(members, entries, fixtures, window),
        "days": [day for week in weeks_of(entries, window, today, fixtures) for day in week],
        "legend": [(state, *words) for state, words in LETTERS.items()] + [("match", *MATCH_DAY)],
        "has_program": bool(assignments),
        "clashes": placement_clashes(
            [a for a in assignments if a.is_open], between=(window.first, window.last)
        ),
        "export_form": export_form or export_dates({}, today),
    }

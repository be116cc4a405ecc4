"""What /today/ shows an athlete: today's workouts first, then the ones missed this week (since
Monday, in the program week or repeating week's occurrence that holds today; folded, each to do
now or skip), the ones done today, and the next one ahead, for each open assignment. A fixed
number of queries."""

import functools
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from django.db import connection
from django.db.models import DateTimeField, F, IntegerField, Value

from logbook.models import WorkoutLog, WorkoutSkip
from logbook.pages.state import athlete_state
from logbook.stages import stage_cards
from programs import doses
from programs.bands import band_for, tracks_of
from programs.dating import assignment_places
from programs.models import Assignment, AssignmentStatus, Prescription
from programs.places import WorkoutPlace, structure_version
from programs.schedule import WEEK, WorkoutDay, workout_day
from web.compiled import SOME_IDS, SOMEONE, Compiled, Shape, compiled
from web.lookups import AnyOf


class LogRecord(NamedTuple):
    pk: int
    performed_on: date
    completed: bool


@dataclass
class DueWorkout:
    workout: WorkoutPlace  # its title, week and day, kept per program structure version
    assignment: Assignment
    on: date  # the day it is scheduled for
    log: LogRecord | None = None
    occurrence: int = 1  # of a repeating week
    exercises: list = field(default_factory=list)  # (prescription, band to use) pairs

    @property
    def started(self) -> bool:
        return self.log is not None

    @property
    def when(self) -> WorkoutDay:
        return workout_day(scheduled=self.on, done_on=self.log.performed_on if self.log else None)


@functools.cache
def records_query() -> Compiled:
    """The logs and the skips of some assignments' workouts in one query, compiled once per
    process (today and the calendar run it on every view)."""
    logs = (
        WorkoutLog.objects.filter(AnyOf(F("assignment_id"), SOME_IDS), workout__isnull=False)
        .order_by()
        .values_list(
            "assignment_id", "workout_id", "occurrence", "pk", "performed_on", "completed_at"
        )
    )
    skips = (
        WorkoutSkip.objects.filter(AnyOf(F("assignment_id"), SOME_IDS))
        .order_by()
        .values_list(
            "assignment_id",
            "workout_id",
            "occurrence",
            Value(None, output_field=IntegerField()),
            "skipped_on",
            Value(None, output_field=DateTimeField()),
        )
    )
    return compiled(logs.union(skips, all=True), ids=SOME_IDS)


def records_of(assignments: list[Assignment]) -> tuple[dict, set]:
    """The logs ((assignment id, workout id, occurrence) -> LogRecord) and the skips of these
    assignments' workouts, read in one query (the page's query budget is tight)."""
    query = records_query()
    with connection.cursor() as cursor:
        cursor.execute(query.sql, query.params_with(ids=[a.pk for a in assignments]))
        rows = cursor.fetchall()
    found, skipped = {}, set()
    for assignment_id, workout_id, n, log_id, on, completed_at in rows:
        if log_id is None:
            skipped.add((assignment_id, workout_id, n))
        else:
            found[(assignment_id, workout_id, n)] = LogRecord(log_id, on, completed_at is not None)
    return found, skipped


# Read on every view of today (and of the calendar): compiled once per process.
open_assignments = Shape(
    lambda: (
        Assignment.objects.filter(athlete=SOMEONE)
        .open()
        .select_related("program")
        .annotate(structure=structure_version("program"))
    ),
    someone=SOMEONE,
)
prescriptions_of = Shape(
    lambda: Prescription.objects.filter(AnyOf(F("workout"), SOME_IDS)).select_related(
        "exercise", "band"
    ),
    ids=SOME_IDS,
)


def today_for(athlete, today: date) -> dict:
    assignments = list(open_assignments(someone=athlete.pk))
    active = [a for a in assignments if a.status == AssignmentStatus.ACTIVE]
    logs, skipped = records_of(active) if active else ({}, set())
    todays, missed, done_today, upcoming, staged = [], [], [], [], {}
    # "This week" is the athlete's, from Monday, and the program's week that holds today: a
    # program begun on a Wednesday still holds last Friday on Monday, which is last week's.
    monday = today - timedelta(days=today.weekday())
    # A repeating week (maintenance, a stage) is dated up to a week ahead: the next one shows.
    versions = {assignment.program_id: assignment.structure for assignment in active}
    for item in assignment_places(
        active, repeats_through=today + timedelta(days=7), versions=versions
    ):
        if item.workout.week.is_stage:
            staged[item.assignment.pk] = item.assignment
        key = item.key
        log = logs.get(key)
        shown = DueWorkout(item.workout, item.assignment, item.on, log, occurrence=item.occurrence)
        if log is not None and log.completed:
            if log.performed_on == today:
                done_today.append(shown)
        elif item.on == today or (log is not None and log.performed_on == today):
            todays.append(shown)  # due today, or begun today whatever its day
        elif item.on > today:
            upcoming.append(shown)
        elif key not in skipped and item.on >= monday and today < item.week_began + WEEK:
            missed.append(shown)  # missed this week: on a Monday, last week's stay last week's
    next_up = upcoming[0] if upcoming else None
    attach_exercises(todays + ([next_up] if next_up else []))
    return {
        "todays": todays,
        "missed": missed,
        "done_today": done_today,
        "next_up": next_up,
        "paused": [a for a in assignments if a.status == AssignmentStatus.PAUSED],
        "has_program": bool(assignments),
        "today": today,
        "stages": stage_cards(staged.values(), today=today),  # return to play: what opens next
        # Until a coach answers a pain stop, every hamstring workout carries the warning.
        **athlete_state(athlete, today),
    }


def attach_exercises(items: list[DueWorkout]) -> None:
    """Each shown workout gets its (prescription, band to use) pairs."""
    if not items:
        return
    prescriptions = prescriptions_of(ids=[item.workout.pk for item in items])
    track_bands, tracks = {}, {}
    for (assignment_id, exercise_id), track in tracks_of(
        {item.assignment.pk for item in items}
    ).items():
        track_bands.setdefault(assignment_id, {})[exercise_id] = track.band
        tracks.setdefault(assignment_id, {})[exercise_id] = track
    by_workout = {}
    for prescription in prescriptions:
        by_workout.setdefault(prescription.workout_id, []).append(prescription)
    for item in items:
        own = track_bands.get(item.assignment.pk, {})
        # As the athlete's own plan has them: a dose of their own, an exercise left out (or
        # its substitute in its place), a cut the engine keeps (`programs.doses`).
        prescribed = by_workout.get(item.workout.pk, [])
        cuts = doses.begun_with(prescribed, tracks.get(item.assignment.pk, {}), item.assignment)
        item.exercises = [(p, band_for(p, own)) for p in doses.as_begun(prescribed, cuts)]

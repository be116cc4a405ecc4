"""The schedule read: the dates of an athlete's workouts, derived from the assignment's start,
the program's weeks, match days and return-to-play stage openings, never stored
(`programs.schedule` holds the arithmetic, `programs.assignments` the lifecycle that moves a
start date). `assignment_schedule` dates workouts for every page; `schedule_places` is the
board's light read of the same dates."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import F, Q

from programs import overrides
from programs.matchdays import placed_on
from programs.models import (
    Assignment,
    Fixture,
    Prescription,
    ProgramWeek,
    StageOpening,
    Workout,
)
from programs.places import WorkoutPlace, program_places, versions_of
from programs.schedule import WEEK, repeats, week_on, week_start, workout_date
from web.compiled import SOME_IDS, Shape
from web.lookups import AnyOf


@dataclass(slots=True)
class Dated:
    assignment: Assignment
    workout: Workout | WorkoutPlace  # with its week (and the week's gate)
    on: date
    occurrence: int = 1  # of a repeating week (maintenance, a stage); 1 otherwise
    fixture: date | None = None  # the match a placed workout follows this week
    week_began: date | None = None  # the first day of the program week (or occurrence) it is in

    @property
    def key(self) -> tuple[int, int, int]:
        """What a log or a skip of this workout is found by."""
        return self.assignment.pk, self.workout.pk, self.occurrence


def assignment_schedule(
    assignments: Iterable[Assignment],
    *,
    between: tuple[date, date] | None = None,
    repeats_through: date | None = None,
) -> list[Dated]:
    """The workouts of these assignments with their dates, in date order. A repeating week
    (maintenance, a return-to-play stage) is dated once per week inside `between`, or up to
    `repeats_through` when there is no window; a placed workout (`MD-4`) follows the fixtures of
    the athlete's teams coached by whoever assigned it. With `between`, only the workouts dated
    inside it, read from the weeks that can fall there (so a long program costs no more than a
    short one). One query, plus one for fixtures when a workout is placed and one for stage
    openings when a program is staged."""
    by_program = by_plan(assignments)
    workouts = list(schedule_workouts(members_of(by_program), between))
    return dated(by_program, workouts, between, repeats_through)


def schedule_places(
    assignments: Iterable[Assignment],
    *,
    between: tuple[date, date],
    versions: dict[int, int | None] | None = None,
) -> list[Dated]:
    """`assignment_schedule` over a window, with each workout's place (`WorkoutPlace`) instead
    of the workout: for pages that count or check the workouts of many athletes (the coach's
    board, the clashes) rather than show them. The places are kept per program structure
    version (programs.places): give `versions` by program (`places.structure_version`
    annotated on the assignments) to spare the query that reads them."""
    by_program = by_plan(assignments)
    if versions is None:
        versions = versions_of(list(by_program))
    places = []
    for program, found in program_places(versions).items():
        reaches = [weeks_in_reach(assignment, between) for assignment in by_program[program]]
        low, high = min(low for low, _ in reaches), max(high for _, high in reaches)
        places += [
            place
            for place in found
            if place.week.is_maintenance or place.week.is_stage or low <= place.week.number <= high
        ]
    return dated(by_program, places, between, None)


def assignment_places(
    assignments: list[Assignment], *, repeats_through: date, versions: dict[int, int | None]
) -> list[Dated]:
    """`assignment_schedule` without a window, with each workout's place (`WorkoutPlace`, kept
    per program structure version) instead of the workout: today reads it on every view. Give
    `versions` by program (`places.structure_version` annotated on the assignments)."""
    places = [place for found in program_places(versions).values() for place in found]
    return dated(by_plan(assignments), places, None, repeats_through)


def by_plan(assignments) -> dict[int, list[Assignment]]:
    """The assignments by the program they follow: a squad's plan has many members."""
    found = defaultdict(list)
    for assignment in assignments:
        found[assignment.program_id].append(assignment)
    return found


def members_of(by_program: dict[int, list[Assignment]]) -> list[Assignment]:
    return [assignment for members in by_program.values() for assignment in members]


def dated(by_program, workouts, between, repeats_through) -> list[Dated]:
    """The dating itself, for model workouts and for places alike (see `assignment_schedule`):
    each workout once for each member of its plan, on that member's own dates."""
    members = members_of(by_program)
    placed = any(workout.match_day for workout in workouts) or overrides.any_placed(members)
    fixtures = fixtures_of(members) if placed else {}
    stage_weeks = {workout.week for workout in workouts if workout.week.is_stage}
    stages = stage_windows(members, stage_weeks) if stage_weeks else {}
    window = between or (date.min, repeats_through or date.min)
    found = []
    for workout in workouts:
        for assignment in by_program[workout.week.program_id]:
            found += dated_for(assignment, workout, between, window, fixtures, stages)
    found.sort(key=lambda item: (item.on, item.workout.pk, item.occurrence, item.assignment.pk))
    return found


def dated_for(assignment, workout, between, window, fixtures, stages) -> list[Dated]:
    """One member's dates of one workout, on the member's own day for it if they have one."""
    week = workout.week
    day, match_day = overrides.moved(assignment, workout)
    if not (week.is_maintenance or week.is_stage or match_day):
        # A workout of a numbered week, most of any schedule: its one date.
        on = workout_date(assignment.start_date, week.number, day)
        if between is not None and not between[0] <= on <= between[1]:
            return []
        began = week_start(assignment.start_date, week.number)
        return [Dated(assignment, workout, on, week_began=began)]
    matches = fixtures.get((assignment.athlete_id, assignment.assigned_by_id), [])
    _, until = stages.get((assignment.pk, week.pk), (None, None))
    found = []
    for occurrence, start in week_starts(assignment, week, window, stages):
        on, fixture = placed_on(start, day, match_day, matches)
        if until is not None and on >= until:
            continue  # a stage signed off mid-week ends there: the next one has begun
        if between is None or between[0] <= on <= between[1]:
            found.append(Dated(assignment, workout, on, occurrence, fixture, start))
    return found


def workouts_of(programs: list[int]):
    """Every workout of these programs, with its week and the week's gate."""
    return (
        Workout.objects.filter(AnyOf(F("week__program"), programs))
        .select_related("week__gate")
        .order_by()  # `dated` sorts by date
    )


# The same, compiled once per process: today and the workout page read it on every view.
programs_workouts = Shape(lambda: workouts_of(SOME_IDS), ids=SOME_IDS)


def schedule_workouts(assignments, between):
    """The workouts to date. With a window, each program's numbered weeks that can fall in it
    (assignments that started the same week share a condition), and its repeating weeks."""
    programs = [a.program_id for a in assignments]
    if not between:
        return programs_workouts(ids=programs)
    workouts = workouts_of(programs)
    if assignments:
        reach = defaultdict(list)  # (first week, last week) -> programs
        for assignment in assignments:
            reach[weeks_in_reach(assignment, between)].append(assignment.program_id)
        in_reach = Q()
        for (low, high), programs in reach.items():
            # The cheap range first: PostgreSQL then reads the list only for weeks in it.
            in_reach |= Q(week__number__range=(low, high)) & Q(AnyOf(F("week__program"), programs))
        repeating = Q(week__is_maintenance=True) | Q(week__gate__isnull=False)
        workouts = workouts.filter(in_reach | repeating)
    return workouts


def weeks_in_reach(assignment, between: tuple[date, date]) -> tuple[int, int]:
    """The first and last numbered week of the assignment's program that can fall in `between`
    (its repeating weeks can fall in any)."""
    return week_on(assignment.start_date, between[0]), week_on(assignment.start_date, between[1])


def week_starts(assignment, week: ProgramWeek, window, stages) -> list[tuple[int, date]]:
    """(occurrence, first day) of each week this program week is lived in the window."""
    until = None
    if week.is_stage:
        start, until = stages.get((assignment.pk, week.pk), (None, None))
        if start is None:
            return []  # a stage not opened yet has no dates
    else:
        start = week_start(assignment.start_date, week.number)
        if not week.is_maintenance:
            return [(1, start)]
    # Without a window the first occurrence is still dated, like any week.
    return repeats(start, between=window, until=until) or [(1, start)]


def fixtures_of(assignments) -> dict[tuple[int, int], list[date]]:
    """Match days by (athlete, member of staff): the fixtures of the athlete's current teams,
    under each member of staff of their club (a plan is read under the coach who assigned it)."""
    found = defaultdict(list)
    for athlete_id, coach_id, on in (
        Fixture.objects.filter(
            team__memberships__athlete__in={a.athlete_id for a in assignments},
            team__memberships__is_active=True,
        )
        .order_by("date")
        # Every member of staff of the team's club, so a plan finds its match days by whoever
        # of the club assigned it (a team handed to another coach keeps moving it).
        .values_list("team__memberships__athlete", "team__club__staff__user", "date")
    ):
        found[(athlete_id, coach_id)].append(on)
    return found


def first_week(assignment: Assignment, workout: Workout) -> tuple[date | None, dict]:
    """The first day of the workout's week as first lived (None for a stage not opened yet),
    and the stage windows read to find it."""
    week, stages = workout.week, {}
    if week.is_stage:
        stages = stage_windows(
            [assignment], ProgramWeek.objects.filter(program=week.program_id, gate__isnull=False)
        )
    starts = week_starts(assignment, week, (date.min, date.min), stages)
    return (starts[0][1] if starts else None), stages


def occurrences_begun(assignment: Assignment, workout: Workout, by: date) -> int:
    """How many occurrences of the workout's week have begun by `by` (0 before the first, or
    for a stage not opened yet): a repeating week's later occurrences are opened up to the one
    after these, never a week no calendar reaches."""
    first, _ = first_week(assignment, workout)
    if first is None or by < first:
        return 0
    return (by - first).days // 7 + 1


def scheduled_on(assignment: Assignment, workout: Workout, occurrence: int = 1) -> date | None:
    """The day one occurrence of a workout is scheduled for, as `assignment_schedule` dates it
    (None for a stage not opened yet, or past its end, and for an occurrence past the last
    date a calendar holds: logs from before occurrences were bounded may name one).
    `workout` with its week and gate."""
    first, stages = first_week(assignment, workout)
    if first is None:
        return None
    day, match_day = overrides.moved(assignment, workout)
    matches = []
    if match_day:
        matches = fixtures_of([assignment]).get((assignment.athlete_id, assignment.assigned_by_id))
    try:
        start = first + WEEK * (occurrence - 1)
        on = placed_on(start, day, match_day, matches or [])[0]
    except OverflowError:
        return None
    _, until = stages.get((assignment.pk, workout.week.pk), (None, None))
    return None if until is not None and on >= until else on


def stage_windows(assignments, stage_weeks) -> dict[tuple[int, int], tuple[date, date | None]]:
    """(opened on, next stage opened on) of each stage lived so far: the first stage opens with
    the assignment, every other one when the coach signs the one before off."""
    weeks = sorted(stage_weeks, key=lambda week: week.number)
    first = {}
    for week in weeks:
        first.setdefault(week.program_id, week)
    opened = {
        (a.pk, first[a.program_id].pk): a.start_date for a in assignments if a.program_id in first
    }
    for opening in StageOpening.objects.filter(assignment_id__in=[a.pk for a in assignments]):
        opened[(opening.assignment_id, opening.week_id)] = opening.opened_on
    windows = {}
    for assignment in assignments:
        lived = [
            (opened[(assignment.pk, week.pk)], week)
            for week in weeks
            if (assignment.pk, week.pk) in opened
        ]
        for index, (anchor, week) in enumerate(lived):
            until = lived[index + 1][0] if index + 1 < len(lived) else None
            windows[(assignment.pk, week.pk)] = (anchor, until)
    return windows


def sessions_due(assignment: Assignment, exercise_id: int, between: tuple[date, date]) -> int:
    """How many workouts holding the exercise the assignment had scheduled inside `between`
    (inclusive): the engine's stall check weighs the sessions done against them."""
    dated = assignment_schedule([assignment], between=between)
    holding = set(
        Prescription.objects.filter(
            workout_id__in={item.workout.pk for item in dated}, exercise_id=exercise_id
        ).values_list("workout_id", flat=True)
    )
    return sum(1 for item in dated if item.workout.pk in holding)

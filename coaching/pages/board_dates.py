"""The board's dates: which workouts each athlete had scheduled over the last 4 weeks, for 200
athletes on every view of the board. Most of them are a numbered week's workout on its plain
day (week n, day d: the start date plus 7(n-1) + d-1 days), so each program's such workouts are
kept by that offset, sorted, and an athlete's window is two bisections. The rest (repeating
weeks, stages, match days, and every workout of a program one of whose athletes moved one)
are dated by `programs.dating.dated`, the schedule read every page uses."""

import threading
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import compress

from programs.dating import by_plan, dated
from programs.places import KEPT_PROGRAMS, WorkoutPlace, program_places


@dataclass(frozen=True, slots=True)
class Numbered:
    """A program's workouts of numbered weeks on their plain day, by offset from the start;
    its others; whether it has stages."""

    places: list[WorkoutPlace]  # the program's places these were read from (programs.places)
    offsets: list[int]  # days after the start date, ascending
    days: list[timedelta]  # the same, as timedeltas
    slots: list[tuple[int, int]]  # (workout, occurrence 1), in the same order
    workouts: list[int]  # the workouts' ids, in the same order
    nordic: list[bool]  # whether each holds a Nordic, in the same order
    others: list[WorkoutPlace]  # repeating weeks, stages, match days
    staged: bool


@dataclass
class Window:
    """What the board reads of the dating: each assignment's (workout, occurrence) slots and
    their dates; the workouts dated, those holding a Nordic, and the programs with stages."""

    scheduled: dict[int, list[tuple[tuple[int, int], date]]]
    in_window: set[int]
    nordic: set[int]
    staged: set[int]


_numbered: dict[int, Numbered] = {}  # program -> its numbered workouts, as last read
_lock = threading.Lock()


def plain(place: WorkoutPlace) -> bool:
    """Dated by its week and day alone (`programs.dating.dated_for`'s first case)."""
    week = place.week
    return not (week.is_maintenance or week.is_stage or place.match_day)


def numbered(program: int, places: list[WorkoutPlace]) -> Numbered:
    """The program's numbered workouts by offset, kept as long as its places are the same list
    (programs.places keeps one list per structure version)."""
    kept = _numbered.get(program)
    if kept is not None and kept.places is places:
        return kept
    found = sorted(
        ((7 * (place.week.number - 1) + place.day - 1, place) for place in places if plain(place)),
        key=lambda found: found[0],
    )
    offsets = [offset for offset, _ in found]
    kept = Numbered(
        places,
        offsets,
        [timedelta(days=n) for n in offsets],
        [(place.pk, 1) for _, place in found],
        [place.pk for _, place in found],
        [place.has_nordic for _, place in found],
        [place for place in places if not plain(place)],
        any(place.week.is_stage for place in places),
    )
    with _lock:
        _numbered.pop(program, None)
        _numbered[program] = kept
        while len(_numbered) > KEPT_PROGRAMS:
            del _numbered[next(iter(_numbered))]
    return kept


def board_window(assignments, *, between: tuple[date, date], versions: dict) -> Window:
    """The assignments' workouts dated inside `between` (inclusive), as
    `programs.dating.schedule_places` dates them; `versions` by program (see
    `programs.places.program_places`)."""
    window = Window(defaultdict(list), set(), set(), set())
    by_program = by_plan(assignments)
    others = []  # dated by `dated`
    for program, places in program_places(versions).items():
        kept = numbered(program, places)
        if kept.staged:
            window.staged.add(program)
        members = by_program[program]
        if any(member.workout_moves for member in members):
            others += places
            continue
        others += kept.others
        for member in members:
            start = member.start_date
            first = bisect_left(kept.offsets, (between[0] - start).days)
            last = bisect_right(kept.offsets, (between[1] - start).days)
            if first == last:
                continue
            on = [start + days for days in kept.days[first:last]]
            window.scheduled[member.pk] += zip(kept.slots[first:last], on, strict=True)
            workouts = kept.workouts[first:last]
            window.in_window.update(workouts)
            window.nordic.update(compress(workouts, kept.nordic[first:last]))
    if others:
        for item in dated(by_program, others, between, None):
            window.scheduled[item.assignment.pk].append(
                ((item.workout.pk, item.occurrence), item.on)
            )
            window.in_window.add(item.workout.pk)
            if item.workout.has_nordic:
                window.nordic.add(item.workout.pk)
    return window

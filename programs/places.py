"""Where each workout of a program sits (`WorkoutPlace`: its week, day, match day, title and
whether it holds a Nordic), kept by each process for as long as the program's structure version
stays (`StructureVersion`, which PostgreSQL moves on every write to the structure): the coach's
board dates the workouts of 200 programs on each request without reading them again. Versions
never repeat, and are read before the places, so a kept list is never older than its version."""

import threading
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Subquery

from catalogue.models import Pattern
from programs.models import Prescription, StructureVersion, Workout
from web.lookups import AnyOf

KEPT_PROGRAMS = 5_000  # per process, the least recently read dropped first (~1 KB each)


@dataclass(frozen=True, slots=True)
class WeekPlace:
    """What dating reads of a program week, without the model instance."""

    pk: int
    program_id: int
    number: int
    is_maintenance: bool
    is_stage: bool

    @property
    def label(self) -> str:
        """As an athlete reads it (`ProgramWeek.label`)."""
        if self.is_stage:
            return f"Stage {self.number}"
        return "Maintenance" if self.is_maintenance else f"Week {self.number}"


@dataclass(frozen=True, slots=True)
class WorkoutPlace:
    """What dating reads of a workout, its title and whether it holds a Nordic, without the
    model."""

    pk: int
    week: WeekPlace
    day: int
    match_day: int | None
    title: str
    has_nordic: bool


def structure_version(program: str) -> Subquery:
    """The structure version of the program at `program` (a field name of the outer query), to
    annotate with: None for a program whose structure was not written since versions began."""
    versions = StructureVersion.objects.filter(program_id=OuterRef(program))
    return Subquery(versions.values("number")[:1])


def versions_of(programs) -> dict[int, int | None]:
    """The structure versions of these programs, in one query."""
    found = dict(
        StructureVersion.objects.filter(AnyOf(F("program_id"), programs)).values_list(
            "program_id", "number"
        )
    )
    return {program: found.get(program) for program in programs}


_kept: dict[int, tuple[int | None, list[WorkoutPlace]]] = {}  # program -> (version, places)
_lock = threading.Lock()


def program_places(versions: dict[int, int | None]) -> dict[int, list[WorkoutPlace]]:
    """The places of the workouts of each program (by program id, with its current structure
    version): kept ones as they are, the rest read in one query."""
    with _lock:
        stale = [pk for pk, version in versions.items() if not is_kept(pk, version)]
    fresh = read_places(stale) if stale else {}
    with _lock:
        found = {}
        for pk, version in versions.items():
            if pk in fresh or not is_kept(pk, version):
                _kept[pk] = (version, fresh.get(pk, []))
            _kept[pk] = _kept.pop(pk)  # last in the order: the most recently read
            found[pk] = _kept[pk][1]
        while len(_kept) > KEPT_PROGRAMS:
            del _kept[next(iter(_kept))]
    return found


def is_kept(program: int, version: int | None) -> bool:
    kept = _kept.get(program)
    return kept is not None and kept[0] == version


def read_places(programs: list[int]) -> dict[int, list[WorkoutPlace]]:
    nordic = Prescription.objects.filter(
        workout=OuterRef("pk"), exercise__pattern=Pattern.ECCENTRIC
    )
    columns = (
        "pk",
        "day",
        "match_day",
        "title",
        "has_nordic",
        "week_id",
        "week__program_id",
        "week__number",
        "week__is_maintenance",
        "week__gate",
    )
    rows = (
        Workout.objects.filter(AnyOf(F("week__program"), programs))
        .order_by()
        .annotate(has_nordic=Exists(nordic))
        .values_list(*columns)
    )
    weeks, found = {}, {program: [] for program in programs}
    for pk, day, match_day, title, nordic, week_id, program_id, number, maintenance, gate in rows:
        week = weeks.get(week_id)
        if week is None:
            week = weeks[week_id] = WeekPlace(
                week_id, program_id, number, maintenance, gate is not None
            )
        found[program_id].append(WorkoutPlace(pk, week, day, match_day, title, nordic))
    return found

"""The one place where someone else's program, workout, assignment or band track turns into a
404 (it never says it exists). Top-level objects are `<thing>_for_<who>(user, pk)`; the parts
of a program already fetched are `<part>_of(program, pk)`."""

from django.db import DEFAULT_DB_ALIAS
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404

from programs.dating import scheduled_on
from programs.models import (
    OPEN_STATUSES,
    Assignment,
    BandChange,
    BandRule,
    BandTrack,
    ChangeStatus,
    Prescription,
    Program,
    ProgramWeek,
    Workout,
)
from web.compiled import SOME_IDS, SOMEONE, Shape
from web.lookups import AnyOf


def program_for_user(user, pk: int, programs=None) -> Program:
    """A program the user may read: the library, their own, the copies assigned to them."""
    programs = Program.objects.all() if programs is None else programs
    return get_object_or_404(programs.for_user(user), pk=pk)


def program_for_owner(owner, pk: int, programs=None) -> Program:
    """A program the coach may edit; library programs are never edited in place."""
    programs = Program.objects.all() if programs is None else programs
    return get_object_or_404(programs.owned_by(owner), pk=pk)


def template_for_coach(coach, pk: int) -> Program:
    """A template the coach may copy or assign."""
    return get_object_or_404(Program.objects.copyable_by(coach), pk=pk)


MINE = [field.attname for field in Assignment._meta.concrete_fields]


# Compiled once per process (`web.compiled.Shape`): the workout page and every set POST read it.
athletes_workout = Shape(
    lambda: (
        Workout.objects.filter(
            AnyOf(F("pk"), SOME_IDS),
            week__program__assignment__athlete=SOMEONE,
            week__program__assignment__status__in=OPEN_STATUSES,
        )
        .annotate(**{f"mine_{name}": F(f"week__program__assignment__{name}") for name in MINE})
        .select_related("week__program", "week__gate")
        .order_by()
    ),
    someone=SOMEONE,
    ids=SOME_IDS,
)


def workout_for_athlete(athlete, pk: int, occurrence: int = 1) -> tuple[Workout, Assignment]:
    """A workout of one of the athlete's open assignments, with that assignment. Only a
    repeating week (maintenance, a stage) has occurrences past the first, and a stage's
    workouts are the athlete's once the stage is open."""
    # The workout with the athlete's open assignment to its plan (a squad's plan has many
    # members: the athlete's is one of them), in one query, every set POST reads it: the
    # assignment's columns come along the join the filter made, and are read back as the
    # model (`from_db`), as a select_related would for a single-valued relation.
    workout = next(iter(athletes_workout(someone=athlete.pk, ids=[pk])), None)
    if workout is None:
        raise Http404("No such workout of yours.")
    week = workout.week
    assignment = Assignment.from_db(
        DEFAULT_DB_ALIAS, MINE, [getattr(workout, f"mine_{name}") for name in MINE]
    )
    assignment.program = week.program
    if occurrence != 1 and not week.repeats:
        raise Http404("This workout happens once.")
    if week.is_stage and scheduled_on(assignment, workout, occurrence) is None:
        raise Http404("This stage is not open yet.")
    return workout, assignment


def assignment_for_athlete(athlete, pk: int) -> Assignment:
    """One of the athlete's own open assignments."""
    assignments = Assignment.objects.for_athlete(athlete).open().select_related("program")
    return get_object_or_404(assignments, pk=pk)


def assignment_for_coach(coach, pk: int) -> Assignment:
    assignments = Assignment.objects.for_coach(coach).select_related("program", "group")
    return get_object_or_404(assignments, pk=pk)


def track_for_coach(coach, pk: int) -> BandTrack:
    tracks = BandTrack.objects.for_coach(coach).select_related("assignment", "exercise", "band")
    return get_object_or_404(tracks, pk=pk)


def suggestion_for_coach(coach, pk: int) -> BandChange:
    """A band change the engine suggested on one of the coach's tracks, still waiting."""
    changes = BandChange.objects.filter(
        track__in=BandTrack.objects.for_coach(coach), status=ChangeStatus.SUGGESTED
    )
    return get_object_or_404(changes.select_related("track__assignment", "to_band"), pk=pk)


def week_of(program: Program, pk: int) -> ProgramWeek:
    return get_object_or_404(program.weeks.all(), pk=pk)


def workout_of(program: Program, pk: int) -> Workout:
    workouts = Workout.objects.filter(week__program=program).select_related("week")
    return get_object_or_404(workouts, pk=pk)


def prescription_of(program: Program, pk: int) -> Prescription:
    prescriptions = Prescription.objects.filter(workout__week__program=program)
    return get_object_or_404(prescriptions.select_related("workout__week", "exercise"), pk=pk)


def rule_of(program: Program, pk: int) -> BandRule:
    return get_object_or_404(program.band_rules.all(), pk=pk)

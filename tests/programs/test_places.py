"""A program's structure version moves on every write to its structure, whichever way the write
comes (services, bulk writes, a queryset update, the catalogue), and the places a process keeps
follow it: the board never dates a workout as it was before an edit."""

from datetime import date, timedelta

import pytest

from catalogue.models import Exercise, Pattern
from programs import assignments, dating, places, services
from programs.models import (
    Prescription,
    Program,
    StageGate,
    StructureVersion,
    Workout,
)

pytestmark = pytest.mark.usefixtures("catalogue")
MONDAY = date(2026, 11, 2)
WINDOW = (MONDAY, MONDAY + timedelta(days=20))  # weeks 1 to 3


@pytest.fixture
def plan(coach) -> Program:
    """Three weeks of Monday and Wednesday, a Nordic on Mondays and a curl on Wednesdays."""
    program = services.program_create(owner=coach, title="Plan")
    nordic = Exercise.objects.get(slug="band-assisted-nordic-curl")
    curl = Exercise.objects.get(slug="banded-prone-leg-curl")
    for _ in range(3):
        week = services.week_add(program=program)
        for day, exercise in ((1, nordic), (3, curl)):
            workout = Workout.objects.create(week=week, day=day, title=f"Day {day}")
            Prescription.objects.create(workout=workout, exercise=exercise, sets=2, reps_min=5)
    return program


@pytest.fixture
def other(coach) -> Program:
    program = services.program_create(owner=coach, title="Other")
    Workout.objects.create(week=services.week_add(program=program), day=1, title="Day 1")
    return program


def version(program: Program) -> int | None:
    return places.versions_of([program.pk])[program.pk]


def first_workout(program: Program) -> Workout:
    return Workout.objects.filter(week__program=program).order_by("week__number", "day").first()


def good_morning() -> Exercise:
    return Exercise.objects.get(slug="banded-good-morning")


def moved(workout: Workout, day: int) -> Workout:
    workout.day = day
    return workout


WRITES = {
    "a week added": lambda plan: services.week_add(program=plan),
    "a week renumbered": lambda plan: services.week_move(
        week=plan.weeks.get(number=1), direction="down"
    ),
    "a workout moved to another day": lambda plan: services.workout_save(
        workout=moved(first_workout(plan), day=2)
    ),
    "workouts placed before a match, in bulk": lambda plan: Workout.objects.filter(
        week__program=plan
    ).update(match_day=-3),
    "a workout deleted": lambda plan: services.workout_delete(workout=first_workout(plan)),
    "a prescription's exercise changed": lambda plan: Prescription.objects.filter(
        workout=first_workout(plan)
    ).update(exercise=good_morning()),
    "prescriptions added in bulk": lambda plan: Prescription.objects.bulk_create(
        [
            Prescription(
                workout=first_workout(plan), exercise=good_morning(), sets=1, reps_min=5, order=2
            )
        ]
    ),
    "a prescription deleted": lambda plan: services.prescription_delete(
        prescription=Prescription.objects.filter(workout=first_workout(plan)).first()
    ),
    "a week made a stage": lambda plan: StageGate.objects.create(
        week=plan.weeks.get(number=2), min_sessions=2, pain_max=2
    ),
    "the Nordic recatalogued": lambda plan: Exercise.objects.filter(
        slug="band-assisted-nordic-curl"
    ).update(pattern=Pattern.HIP_HINGE),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_every_write_to_the_structure_moves_its_version_only(plan, other, write):
    before, untouched = version(plan), version(other)
    write(plan)
    assert version(plan) not in (before, None)
    assert version(other) == untouched


def test_writes_elsewhere_leave_the_version(plan):
    before = version(plan)
    Program.objects.filter(pk=plan.pk).update(title="Renamed")
    Exercise.objects.filter(slug="band-assisted-nordic-curl").update(cues="Hips forward")
    assert version(plan) == before


def test_a_deleted_program_takes_its_version_with_it(plan):
    assert StructureVersion.objects.filter(program_id=plan.pk).exists()
    plan.delete()
    assert not StructureVersion.objects.filter(program_id=plan.pk).exists()


@pytest.fixture
def assignment(plan, coach, athlete):
    template = services.program_copy(program=plan, owner=coach)
    return assignments.program_assign(
        template=template, athlete=athlete, start_date=MONDAY, by=coach
    )


def dates(assignment, django_assert_num_queries, queries: int) -> list[tuple[str, date, bool]]:
    """The athlete's workouts in the window, as the board reads them, in `queries` queries."""
    versions = places.versions_of([assignment.program_id])
    with django_assert_num_queries(queries):
        found = dating.schedule_places([assignment], between=WINDOW, versions=versions)
    return [(item.workout.title, item.on, item.workout.has_nordic) for item in found]


def test_kept_places_are_read_once_and_follow_every_edit(assignment, django_assert_num_queries):
    program = assignment.program
    read = dates(assignment, django_assert_num_queries, 1)
    assert read[:2] == [("Day 1", MONDAY, True), ("Day 3", MONDAY + timedelta(days=2), False)]
    assert dates(assignment, django_assert_num_queries, 0) == read  # kept, not read again

    Workout.objects.filter(week__program=program, day=3).update(day=4, title="Thursday")
    Exercise.objects.filter(slug="band-assisted-nordic-curl").update(pattern=Pattern.HIP_HINGE)
    moved = dates(assignment, django_assert_num_queries, 1)
    assert moved[:2] == [("Day 1", MONDAY, False), ("Thursday", MONDAY + timedelta(days=3), False)]
    services.workout_delete(workout=first_workout(program))
    assert ("Day 1", MONDAY, False) not in dates(assignment, django_assert_num_queries, 1)
    assert len(dates(assignment, django_assert_num_queries, 0)) == 5


def test_a_process_keeps_a_bounded_number_of_programs(plan, other, monkeypatch):
    monkeypatch.setattr(places, "KEPT_PROGRAMS", 1)
    monkeypatch.setattr(places, "_kept", {})
    places.program_places(places.versions_of([plan.pk, other.pk]))
    assert list(places._kept) == [other.pk]  # the most recently read stays

"""The board dates each athlete's last 4 weeks its own way (coaching/pages/board_dates.py): the
same slots on the same days as the schedule read of every page (`programs.dating`), for plain
numbered weeks, two workouts on one day, maintenance weeks, return-to-play stages, a workout
moved to another day and one moved to a match-day offset."""

from datetime import date, timedelta

import pytest

from accounts.models import Membership
from catalogue.models import Exercise
from coaching.pages.board_dates import board_window
from programs.dating import schedule_places
from programs.models import Assignment, Fixture, Prescription, Program, Workout
from programs.places import versions_of
from tests.coaching.athletes import assign
from tests.conftest import make_user
from tests.programs.stages import assign_l_protocol, do_stage


def read(assignments, today):
    between = (today - timedelta(days=28), today)
    fresh = list(Assignment.objects.filter(pk__in=[a.pk for a in assignments]))
    versions = versions_of({a.program_id for a in fresh})
    mine = board_window(fresh, between=between, versions=versions)
    theirs = schedule_places(fresh, between=between, versions=versions)
    return mine, theirs


def slots(dated) -> dict[int, list]:
    found = {}
    for item in dated:
        found.setdefault(item.assignment.pk, []).append(
            ((item.workout.pk, item.occurrence), item.on)
        )
    return {pk: sorted(items) for pk, items in found.items()}


@pytest.fixture
def everyone(library, coach, team, athlete, pair_on_one_plan) -> list[Assignment]:
    """Alex and Sam on one plan (Sam's Monday workout moved to Sunday, Alex's first Nordic to
    MD-4 of a Saturday match), another athlete alone on the 10 weeks with two workouts on one
    day, and one in stage 2 of the L-protocol."""
    alex, sam = pair_on_one_plan
    monday = Workout.objects.filter(week__program=alex.program, week__number=2).order_by("day")[0]
    Assignment.objects.filter(pk=sam.pk).update(workout_moves={str(monday.pk): {"day": 7}})
    first = Workout.objects.filter(week__program=alex.program, week__number=1).order_by("day")[0]
    Fixture.objects.create(team=team, date=date(2026, 11, 21), label="Away")
    Assignment.objects.filter(pk=alex.pk).update(
        workout_moves={str(first.pk): {"day": first.day, "match_day": -4}}
    )
    lone = make_user("lone", first_name="Lou")
    Membership.objects.create(team=team, athlete=lone)
    alone = assign(lone, coach, start=date(2026, 9, 7))
    week = alone.program.weeks.get(number=3)
    twin = Workout.objects.create(week=week, day=1, title="Second on Monday")
    Prescription.objects.create(
        workout=twin,
        exercise=Exercise.objects.get(slug="band-assisted-nordic-curl"),
        sets=1,
        reps_min=5,
    )
    staged = make_user("staged", first_name="Sol")
    Membership.objects.create(team=team, athlete=staged)
    protocol = assign_l_protocol(staged, coach, start=date(2026, 10, 5))
    do_stage(protocol, 1, on=date(2026, 10, 5))
    return [alex, sam, alone, protocol]


@pytest.mark.parametrize(
    "today",
    [
        date(2026, 9, 30),
        date(2026, 11, 19),
        date(2026, 11, 30),
        date(2026, 12, 20),
        date(2027, 2, 1),
    ],
)
def test_the_board_dates_what_the_schedule_read_dates(everyone, today):
    mine, theirs = read(everyone, today)
    expected = slots(theirs)
    assert expected  # something is dated in every window
    assert {pk: sorted(items) for pk, items in mine.scheduled.items() if items} == expected
    assert mine.in_window == {item.workout.pk for item in theirs}
    assert mine.nordic == {item.workout.pk for item in theirs if item.workout.has_nordic}
    stages = Program.objects.filter(weeks__gate__isnull=False).values_list("pk", flat=True)
    assert mine.staged == {a.program_id for a in everyone} & set(stages)

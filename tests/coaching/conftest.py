"""Fixtures shared by several of the coaching tests: the program library; an athlete on the
band-assisted Nordic (their track, a first logged workout) and another coach's athlete on it,
on 20 Oct 2026; two of a team's matches, on 19 Nov 2026; two of a squad on one plan. The
clocks are not autouse: the modules that want one ask for it by `pytestmark`."""

from datetime import UTC, date, datetime

import pytest
from time_machine import travel

from accounts.models import Membership
from logbook.models import WorkoutLog
from programs import actions
from programs.models import Assignment, BandTrack, Fixture, Program
from tests.coaching.athletes import NOW, START, assign, log_workout, workouts_of
from tests.conftest import make_user

SQUAD_START = date(2026, 11, 16)  # a Monday


@pytest.fixture
def frozen_clock():
    """Tuesday 20 October 2026, noon: week 3 of an assignment started on the 1st."""
    with travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def assignment(library, athlete, coach) -> Assignment:
    return assign(athlete, coach)


@pytest.fixture
def track(assignment) -> BandTrack:
    return assignment.tracks.get()


@pytest.fixture
def first_log(assignment) -> WorkoutLog:
    return log_workout(assignment, workouts_of(assignment)[0], on=START, notes="Felt strong")


@pytest.fixture
def theirs(library, outsider, other_coach) -> Assignment:
    """An assignment of another coach's athlete."""
    return assign(outsider, other_coach)


@pytest.fixture
def thursday_19_november(time_machine):
    """The day the fixtures tests run on: a match on 5 Dec is upcoming, one on 31 Oct past."""
    time_machine.move_to(datetime(2026, 11, 19, 9, tzinfo=UTC), tick=False)


@pytest.fixture
def rovers(team) -> Fixture:
    return Fixture.objects.create(team=team, date=date(2026, 12, 5), label="v Rovers (away)")


@pytest.fixture
def city(team) -> Fixture:
    """Played last month."""
    return Fixture.objects.create(team=team, date=date(2026, 10, 31), label="v City")


@pytest.fixture
def pair_on_one_plan(library, coach, team, athlete) -> list[Assignment]:
    """Alex and Sam of the coach's squad on one plan of the band-assisted Nordic from Monday
    16 November 2026: what one athlete's own changes differ from."""
    sam = make_user("sam", first_name="Sam")
    Membership.objects.create(team=team, athlete=sam)
    return actions.program_assign_many(
        coach=coach,
        template=Program.objects.library().get(slug="band-assisted-nordic"),
        athletes=[athlete, sam],
        start_date=SQUAD_START,
        start_bands={},
        maintenance="standard",
        find_start_band=False,
        team=team,
    )

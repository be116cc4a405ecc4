"""The plan-merging tests' clock (Wednesday 21 October 2026, week 3 of plans begun on Monday
the 5th), the band-assisted Nordic template, a squad of three, and their histories."""

from datetime import UTC, datetime, timedelta

import pytest

from accounts.models import Membership
from catalogue.models import Band
from coaching import actions as coach_actions
from logbook import actions as athlete_actions
from programs import doses
from programs.models import (
    Assignment,
    Program,
)
from tests.conftest import make_user
from tests.programs.plans_merge.merging import START, TODAY, alone, train, workout_at


@pytest.fixture(autouse=True)
def wednesday(time_machine):
    time_machine.move_to(datetime(2026, 10, 21, 12, tzinfo=UTC), tick=False)


@pytest.fixture
def nordic(library) -> Program:
    return Program.objects.library().get(slug="band-assisted-nordic")


@pytest.fixture
def squad(team, athlete) -> list:
    others = [make_user("sam", first_name="Sam"), make_user("kim", first_name="Kim")]
    Membership.objects.bulk_create(Membership(team=team, athlete=other) for other in others)
    return [athlete, *others]


@pytest.fixture
def histories(coach, squad, nordic) -> list[Assignment]:
    """Three athletes of the squad, each on a copy of their own from the same Monday: Alex
    trained weeks 1 and 2, skipped the second workout of week 2, began week 3 and was moved
    to the purple band by the coach; Sam trained week 1, then week 2's first workout at a cut
    dose; Kim trained week 1 only."""
    alex, sam, kim = (alone(nordic, athlete, coach) for athlete in squad)
    for assignment in (alex, sam, kim):
        train(assignment, 1, 1, START)
    train(alex, 2, 1, START + timedelta(days=7))
    athlete_actions.workout_skip(
        athlete=alex.athlete, assignment=alex, workout=workout_at(alex, 2, 4), today=TODAY
    )
    train(alex, 3, 1, TODAY - timedelta(days=2), finish=False, sets=2)
    coach_actions.band_set(
        coach=coach,
        track=alex.tracks.get(),
        band=Band.objects.get(name="Purple"),
        reason="Ready for a thinner band.",
    )
    doses.dose_cut(track=sam.tracks.get(), reps=[4, 4], sessions=1, reason="An easier week.")
    train(sam, 2, 1, START + timedelta(days=8))
    return [alex, sam, kim]

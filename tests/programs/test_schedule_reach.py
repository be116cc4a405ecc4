"""The schedule read over a window fetches, for each assignment, only the weeks that can fall in
it (and the repeating ones): a squad whose athletes started months apart costs what one costs."""

from datetime import date, timedelta

import pytest

from accounts.models import User
from programs import assignments
from programs.library import load_library
from programs.models import Program

MONDAY = date(2026, 11, 16)


@pytest.fixture
def nordic(catalogue) -> Program:
    load_library()
    return Program.objects.library().get(slug="band-assisted-nordic")


def test_each_assignment_reads_only_its_own_weeks_in_reach(nordic, coach, athlete):
    other = User.objects.create_user("other", password="x")
    early = assignments.program_assign(
        template=nordic, athlete=athlete, start_date=MONDAY - timedelta(weeks=8), by=coach
    )
    late = assignments.program_assign(template=nordic, athlete=other, start_date=MONDAY, by=coach)
    window = (MONDAY, MONDAY + timedelta(days=6))
    read = assignments.schedule_workouts([early, late], window)
    weeks = {(workout.week.program_id, workout.week.number) for workout in read}
    # Week 9 for the early one, week 1 for the late one, and the maintenance week of each
    # (it repeats): not the eight weeks between them for both.
    assert weeks == {
        (early.program_id, 9), (early.program_id, 11), (late.program_id, 1),
        (late.program_id, 11),
    }  # fmt: skip
    dated = assignments.assignment_schedule([early, late], between=window)
    assert {(item.assignment, item.workout.week.number) for item in dated} == {
        (early, 9),
        (late, 1),
    }

"""The schedule read over a window fetches, for each assignment, only the weeks that can fall in
it (and the repeating ones): a squad whose athletes started months apart costs what one costs."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from catalogue.models import Pattern
from programs import assignments, dating
from programs.models import Assignment, Program, Workout

MONDAY = date(2026, 11, 16)


@pytest.fixture
def nordic(library) -> Program:
    return Program.objects.library().get(slug="band-assisted-nordic")


def test_each_assignment_reads_only_its_own_weeks_in_reach(nordic, coach, athlete):
    other = User.objects.create_user("other", password="x")
    early = assignments.program_assign(
        template=nordic, athlete=athlete, start_date=MONDAY - timedelta(weeks=8), by=coach
    )
    late = assignments.program_assign(template=nordic, athlete=other, start_date=MONDAY, by=coach)
    window = (MONDAY, MONDAY + timedelta(days=6))
    read = dating.schedule_workouts([early, late], window)
    weeks = {(workout.week.program_id, workout.week.number) for workout in read}
    # Week 9 for the early one, week 1 for the late one, and the maintenance week of each
    # (it repeats): not the eight weeks between them for both.
    assert weeks == {
        (early.program_id, 9),
        (early.program_id, 11),
        (late.program_id, 1),
        (late.program_id, 11),
    }
    dated = dating.assignment_schedule([early, late], between=window)
    assert {(item.assignment, item.workout.week.number) for item in dated} == {
        (early, 9),
        (late, 1),
    }


@pytest.mark.parametrize("weeks_from_today", [0, 2, 6, 12])
def test_places_are_dated_as_the_workouts_are(demo, weeks_from_today):
    """The board's light read dates every workout as the full read does, on the demo squad:
    numbered weeks, maintenance, workouts placed before Saturday's matches, a return-to-play
    stage."""
    squad = list(Assignment.objects.open())
    # The coach places every day-1 workout three days before Saturday's match (MD-3).
    Workout.objects.filter(week__program__assignment__in=squad, day=1).update(match_day=-3)
    every = list(dating.schedule_workouts(squad, None))
    # The demo holds both, or this test would prove less than it says.
    assert any(w.match_day for w in every) and any(w.week.is_stage for w in every)
    first = timezone.localdate() + timedelta(weeks=weeks_from_today)
    window = (first - timedelta(days=27), first)
    full = dating.assignment_schedule(squad, between=window)
    light = dating.schedule_places(squad, between=window)
    assert len(full) > 20
    assert [(item.key, item.on, item.fixture) for item in light] == [
        (item.key, item.on, item.fixture) for item in full
    ]
    nordic = {
        item.workout.pk
        for item in full
        if any(p.exercise.pattern == Pattern.ECCENTRIC for p in item.workout.prescriptions.all())
    }
    assert nordic == {item.workout.pk for item in light if item.workout.has_nordic}
    assert [item.workout.title for item in light] == [item.workout.title for item in full]

"""The start-band finder's switch on an assignment: on by default for a band-assisted Nordic
with a band rule, off when the coach says so at assigning, and the switch afterwards."""

import re
from datetime import date

import pytest

from catalogue.models import Band, Exercise
from programs import services
from programs.assignments import program_assign
from programs.models import Assignment, Program, StartBandFinder, Workout
from programs.start_band_finder import finder_rule, start_band_finder_switch

pytestmark = pytest.mark.usefixtures("catalogue")
START = date(2026, 11, 23)


@pytest.fixture
def nordic(library) -> Program:
    return Program.objects.library().get(slug="band-assisted-nordic")


@pytest.fixture
def rdl_block(coach) -> Program:
    """A coach's program whose only band rule is on a band-resisted exercise."""
    program = services.program_create(owner=coach, title="Hinge block")
    week = services.week_add(program=program)
    workout = Workout.objects.create(week=week, day=1, title="Hinge")
    rdl = Exercise.objects.get(slug="band-resisted-romanian-deadlift")
    workout.prescriptions.create(exercise=rdl, order=1, sets=3, reps_min=8, reps_max=10)
    services.band_rule_set(program=program, exercise=rdl, start_band=Band.objects.get(name="Red"))
    return program


def url(program) -> str:
    return f"/programs/{program.pk}/assign/"


def test_assigning_a_band_assisted_nordic_switches_the_finder_on(nordic, athlete, coach):
    assignment = program_assign(template=nordic, athlete=athlete, start_date=START, by=coach)
    assert assignment.start_band_finder == StartBandFinder.ON
    assert finder_rule(assignment).exercise.slug == "band-assisted-nordic-curl"


def test_the_coach_can_say_no_when_assigning(nordic, athlete, coach):
    assignment = program_assign(
        template=nordic, athlete=athlete, start_date=START, by=coach, find_start_band=False
    )
    assert assignment.start_band_finder == StartBandFinder.OFF


def test_a_program_without_a_band_assisted_nordic_has_nothing_to_find(rdl_block, athlete, coach):
    assignment = program_assign(template=rdl_block, athlete=athlete, start_date=START, by=coach)
    assert assignment.start_band_finder == StartBandFinder.OFF
    assert finder_rule(assignment) is None


def test_the_assign_form_offers_the_finder_ticked(coach_client, nordic, athlete):
    response = coach_client.get(url(nordic), {"target": f"athlete-{athlete.pk}"})
    assert "Find the start band in session 1" in response.text
    assert re.search(
        r"<input type=\"checkbox\" name=\"find_start_band\"[^>]* checked", response.text
    )


def test_the_assign_form_leaves_the_finder_out_without_a_nordic(coach_client, rdl_block, athlete):
    response = coach_client.get(url(rdl_block), {"target": f"athlete-{athlete.pk}"})
    assert response.status_code == 200
    assert "find_start_band" not in response.text


@pytest.mark.parametrize(("ticked", "state"), [(True, "on"), (False, "off")])
def test_assigning_with_the_box_ticked_or_not(coach_client, nordic, athlete, ticked, state):
    data = {"target": f"athlete-{athlete.pk}", "start_date": "2026-11-23"}
    if ticked:
        data["find_start_band"] = "on"
    assert coach_client.post(url(nordic), data).status_code == 302
    assert Assignment.objects.get().start_band_finder == state


def test_the_switch_turns_off_and_on_and_leaves_a_found_band_alone(nordic, athlete, coach):
    assignment = program_assign(template=nordic, athlete=athlete, start_date=START, by=coach)
    assert start_band_finder_switch(assignment=assignment, on=False)
    assert assignment.start_band_finder == StartBandFinder.OFF
    assert not start_band_finder_switch(assignment=assignment, on=False)  # already off
    assert start_band_finder_switch(assignment=assignment, on=True)
    assert Assignment.objects.get().start_band_finder == StartBandFinder.ON
    Assignment.objects.update(start_band_finder=StartBandFinder.FOUND)
    assert not start_band_finder_switch(assignment=assignment, on=False)
    assert Assignment.objects.get().start_band_finder == StartBandFinder.FOUND

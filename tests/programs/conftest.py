"""Fixtures shared by several of the programs tests: the program library, the builder's
programs (the coach's own, another coach's, a library one), and the L-protocol assigned on a
fixed Monday for the tests of its stages."""

from datetime import UTC, datetime

import pytest

from programs.models import Assignment, Program
from tests.programs.builder import build_program
from tests.programs.stages import assign_l_protocol


@pytest.fixture
def program(coach, catalogue) -> Program:
    return build_program(coach)


@pytest.fixture
def others_program(other_coach, catalogue) -> Program:
    return build_program(other_coach, title="Someone else's block")


@pytest.fixture
def library_program(catalogue) -> Program:
    return build_program(None, title="Library block")


@pytest.fixture
def monday_12_october(time_machine):
    """The Monday of the second week of stage 1 (the stage tests ask for it by `pytestmark`)."""
    time_machine.move_to(datetime(2026, 10, 12, 12, tzinfo=UTC), tick=False)


@pytest.fixture
def assignment(library, athlete, coach) -> Assignment:
    """The L-protocol assigned to the athlete from `stages.START`: what the stage tests walk."""
    return assign_l_protocol(athlete, coach)

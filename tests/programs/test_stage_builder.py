"""A coach builds a return-to-play program in the builder: any week can be made a stage, with
its gate (sessions, pain, an optional strength test), and made an ordinary week again."""

import json

import pytest

from programs import services
from programs.assignments import program_assign
from programs.models import StageGate
from programs.sharing import (
    ImportRefused,
    program_import,
    program_to_dict,
    program_to_json,
    read_program_file,
)
from tests.programs.builder import HTMX, build_program, error_next_to, first, snapshot

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture
def program(coach):
    return build_program(coach)


def make_stage(week, *, min_sessions: int, requires_h_test: bool = False) -> None:
    gate = {
        "min_sessions": min_sessions,
        "pain_max": 2,
        "test_min_symmetry": None,
        "requires_h_test": requires_h_test,
    }
    services.week_update(week=week, focus="", is_deload=False, gate=gate)


def week_url(program, week) -> str:
    return f"/programs/{program.pk}/weeks/{week.pk}/"


def test_a_week_becomes_a_stage_with_its_gate(coach_client, program):
    week = first(program, "week")
    response = coach_client.post(
        week_url(program, week),
        {
            "focus": "The Extender",
            "is_stage": "on",
            "min_sessions": "8",
            "pain_max": "1",
            "test_min_symmetry": "90",
        },
        headers=HTMX,
    )
    gate = StageGate.objects.get(week=week)
    assert (gate.min_sessions, gate.pain_max, gate.test_min_symmetry) == (8, 1, 90)
    assert "Stage: 8 sessions, pain 1/10 or less, test 90%" in response.text


def test_left_empty_the_gate_takes_the_usual_numbers(coach_client, program):
    week = first(program, "week")
    coach_client.post(week_url(program, week), {"focus": "", "is_stage": "on"}, headers=HTMX)
    gate = StageGate.objects.get(week=week)
    assert (gate.min_sessions, gate.pain_max, gate.test_min_symmetry) == (6, 2, None)


def test_the_edit_form_shows_the_gate_and_unticking_makes_an_ordinary_week(coach_client, program):
    week = first(program, "week")
    make_stage(week, min_sessions=9)
    form = coach_client.get(week_url(program, week), headers=HTMX).text
    assert 'name="is_stage"' in form and "checked" in form.split('name="is_stage"')[1][:80]
    assert 'value="9"' in form
    coach_client.post(week_url(program, week), {"focus": ""}, headers=HTMX)
    assert not StageGate.objects.filter(week=week).exists()


def test_a_stage_can_ask_for_the_h_test(coach_client, program):
    week = first(program, "week")
    data = {"focus": "Back to running", "is_stage": "on", "requires_h_test": "on"}
    response = coach_client.post(week_url(program, week), data, headers=HTMX)
    assert StageGate.objects.get(week=week).requires_h_test
    assert "Stage: 6 sessions, pain 2/10 or less, H-test</span>" in response.text
    form = coach_client.get(week_url(program, week), headers=HTMX).text
    assert "checked" in form.split('name="requires_h_test"')[1][:80]

    coach_client.post(week_url(program, week), {"focus": "", "is_stage": "on"}, headers=HTMX)
    assert not StageGate.objects.get(week=week).requires_h_test


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("min_sessions", "0", "greater than or equal to 1"),
        ("pain_max", "11", "less than or equal to 10"),
        ("test_min_symmetry", "120", "less than or equal to 100"),
        ("min_sessions", "six", "Enter a whole number"),
    ],
)
def test_bad_gate_numbers_are_refused_next_to_the_field(
    coach_client, program, field, value, message, no_library
):
    week, before = first(program, "week"), snapshot(program)
    data = {"focus": "", "is_stage": "on", field: value}
    response = coach_client.post(week_url(program, week), data)
    assert response.status_code == 200
    assert message in error_next_to(response, field)
    assert snapshot(program) == before and not StageGate.objects.exists()


def test_the_maintenance_phase_cannot_be_a_stage(coach_client, program, no_library):
    week = program.weeks.order_by("number").last()
    week.is_maintenance = True
    week.save(update_fields=["is_maintenance"])
    response = coach_client.post(week_url(program, week), {"focus": "", "is_stage": "on"})
    assert "cannot also be a stage" in error_next_to(response, "is_stage")
    assert not StageGate.objects.exists()


def test_assigning_a_built_stage_program_copies_its_gates(coach, athlete, program):
    week = first(program, "week")
    make_stage(week, min_sessions=4)
    assignment = program_assign(
        template=program, athlete=athlete, start_date=week.program.created_at.date(), by=coach
    )
    [copied] = StageGate.objects.filter(week__program=assignment.program)
    assert (copied.week.number, copied.min_sessions) == (week.number, 4)
    assert not copied.requires_h_test


def test_assigning_copies_the_h_test_and_a_file_keeps_it(coach, athlete, program):
    week = first(program, "week")
    make_stage(week, min_sessions=3, requires_h_test=True)
    assignment = program_assign(
        template=program, athlete=athlete, start_date=week.program.created_at.date(), by=coach
    )
    assert StageGate.objects.get(week__program=assignment.program).requires_h_test

    data = program_to_dict(program)
    assert data["weeks"][0]["gate"]["requires_h_test"] is True
    copy = program_import(data=read_program_file(program_to_json(program).encode()), owner=coach)
    assert StageGate.objects.get(week__program=copy).requires_h_test


def test_a_file_gate_without_the_h_test_key_asks_for_none(coach, program):
    make_stage(first(program, "week"), min_sessions=3)
    data = program_to_dict(program)
    assert "requires_h_test" not in data["weeks"][0]["gate"]  # left out where it does not apply
    copy = program_import(data=data, owner=coach)
    assert not StageGate.objects.get(week__program=copy).requires_h_test


def test_a_file_gate_with_a_wrong_h_test_value_is_refused(coach, program):
    make_stage(first(program, "week"), min_sessions=3)
    data = program_to_dict(program)
    data["weeks"][0]["gate"]["requires_h_test"] = "yes"
    with pytest.raises(ImportRefused) as refusal:
        program_import(data=read_program_file(json.dumps(data).encode()), owner=coach)
    assert "requires_h_test should be true or false, not 'yes'" in str(refusal.value)

"""Band rules in the builder: setting one per exercise (again replaces it), its form starting
from the rule there is, removing it, and bad input refused next to its field."""

import pytest

from programs.models import BandRule
from tests.programs.builder import (
    HTMX,
    PRONE_CURL,
    ROMANIAN_DEADLIFT,
    RULE,
    error_next_to,
    first,
    form_data,
    snapshot,
)

pytestmark = pytest.mark.usefixtures("catalogue")


# Band rules


def test_setting_a_band_rule_adds_it(coach_client, program):
    response = coach_client.post(f"/programs/{program.pk}/rules/", form_data(RULE), headers=HTMX)
    rule = program.band_rules.get(exercise__slug=PRONE_CURL)
    assert (rule.mode, rule.start_band.name, rule.step_weeks, rule.pain_stop) == (
        "scheduled",
        "Purple",
        3,
        4,
    )
    assert "Moves to a thicker band every 3 weeks" in response.text
    assert program.band_rules.count() == 2


def test_setting_a_rule_again_for_the_same_exercise_replaces_it(coach_client, program):
    url = f"/programs/{program.pk}/rules/"
    coach_client.post(url, form_data(RULE))
    second = {**RULE, "mode": "earned", "start_band": "", "sessions_to_advance": 3, "pain_stop": 6}
    coach_client.post(url, form_data(second))
    (rule,) = program.band_rules.filter(exercise__slug=PRONE_CURL)
    assert (rule.mode, rule.start_band, rule.sessions_to_advance, rule.pain_stop) == (
        "earned",
        None,
        3,
        6,
    )


def test_the_rule_form_for_an_exercise_starts_from_its_rule(coach_client, program):
    rule = first(program, "rule")
    BandRule.objects.filter(pk=rule.pk).update(mode="scheduled", step_weeks=4)
    response = coach_client.get(
        f"/programs/{program.pk}/rules/?exercise={rule.exercise_id}", headers=HTMX
    )
    assert response.context["form"].instance == rule
    assert 'name="step_weeks" value="4"' in response.text


def test_removing_a_band_rule_deletes_it(coach_client, program):
    rule = first(program, "rule")
    coach_client.post(f"/programs/{program.pk}/rules/{rule.pk}/delete/")
    assert not program.band_rules.exists()


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"pain_stop": 11}, "pain_stop", "Ensure this value is less than or equal to 10."),
        ({"pain_stop": 0}, "pain_stop", "Ensure this value is greater than or equal to 1."),
        ({"step_weeks": 0}, "step_weeks", "Ensure this value is greater than or equal to 1."),
        ({"rpe_ceiling": 11}, "rpe_ceiling", "Ensure this value is less than or equal to 10."),
        ({"mode": "sometimes"}, "mode", "Select a valid choice."),
        ({"exercise": ROMANIAN_DEADLIFT}, "exercise", "Select a valid choice."),  # no band
        ({"start_band": "Mini"}, "start_band", "Select a valid choice."),  # not on the ladder
    ],
)
def test_a_band_rule_with_bad_input_says_why_and_saves_nothing(
    coach_client, program, fields, field, message
):
    before = snapshot(program)
    response = coach_client.post(f"/programs/{program.pk}/rules/", form_data({**RULE, **fields}))
    assert response.status_code == 200
    assert message in error_next_to(response, field)
    assert snapshot(program) == before

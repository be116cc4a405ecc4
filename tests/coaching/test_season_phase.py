"""The squad strength form's phase starts at the phase that fits the day: the team's fixtures
first, else the month of a northern-hemisphere football season (Australian football's own)."""

from datetime import UTC, date, datetime

import pytest

from coaching.season_phase import phase_on
from logbook.strength import Phase
from programs.models import Fixture

pytestmark = pytest.mark.usefixtures("catalogue")


def selected_phase(response) -> str:
    select = response.text.split('name="phase"')[1].split("</select>")[0]
    chosen = [option for option in select.split("<option")[1:] if " selected" in option]
    return chosen[0].split('value="')[1].split('"')[0] if chosen else "(none chosen)"


@pytest.mark.parametrize(
    ("day", "phase"),
    [
        (date(2026, 12, 7), Phase.IN_SEASON),
        (date(2026, 5, 31), Phase.IN_SEASON),
        (date(2026, 6, 1), Phase.PRESEASON_START),
        (date(2026, 7, 31), Phase.PRESEASON_START),
        (date(2026, 8, 1), Phase.PRESEASON_END),
        (date(2026, 9, 1), Phase.IN_SEASON),
    ],
)
def test_with_no_match_near_the_month_of_a_northern_season_decides(day, phase):
    assert phase_on(day, matches=[]) == phase


@pytest.mark.parametrize(
    ("day", "phase"),
    [
        (date(2026, 12, 7), Phase.PRESEASON_START),
        (date(2027, 2, 10), Phase.PRESEASON_END),
        (date(2027, 4, 10), Phase.IN_SEASON),
        (date(2026, 10, 31), Phase.IN_SEASON),
    ],
)
def test_australian_football_has_its_own_months(day, phase):
    assert phase_on(day, matches=[], sport="australian_football") == phase


def test_a_match_in_the_last_four_weeks_means_in_season():
    assert phase_on(date(2026, 7, 20), matches=[date(2026, 7, 1)]) == Phase.IN_SEASON


def test_the_first_match_within_three_weeks_means_the_end_of_pre_season():
    assert phase_on(date(2026, 12, 7), matches=[date(2026, 12, 28)]) == Phase.PRESEASON_END


def test_the_first_match_within_ten_weeks_means_the_start_of_pre_season():
    assert phase_on(date(2026, 12, 7), matches=[date(2027, 2, 1)]) == Phase.PRESEASON_START


def test_the_squad_form_defaults_to_in_season_in_december(coach_client, team, time_machine):
    time_machine.move_to(datetime(2026, 12, 7, 9, tzinfo=UTC), tick=False)
    response = coach_client.get(f"/coach/teams/{team.pk}/strength-tests/")
    assert response.status_code == 200
    assert selected_phase(response) == "in_season"


def test_the_squad_form_defaults_to_the_start_of_pre_season_in_july(
    coach_client, team, time_machine
):
    time_machine.move_to(datetime(2026, 7, 6, 9, tzinfo=UTC), tick=False)
    response = coach_client.get(f"/coach/teams/{team.pk}/strength-tests/")
    assert selected_phase(response) == "preseason_start"


def test_the_squad_form_reads_the_teams_fixtures(coach_client, team, time_machine):
    time_machine.move_to(datetime(2026, 12, 7, 9, tzinfo=UTC), tick=False)
    Fixture.objects.create(team=team, date=date(2026, 12, 20), label="First match")
    response = coach_client.get(f"/coach/teams/{team.pk}/strength-tests/")
    assert selected_phase(response) == "preseason_end"

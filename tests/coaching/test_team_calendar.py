"""The coach's team calendar, as a phone shows it: a row per day of four weeks, each athlete's
workouts with what became of them (the desktop's grid: test_squad_grid.py)."""

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Membership, Team
from catalogue.models import Band, Exercise
from logbook import services as logbook
from programs import assignments, services
from programs.models import Prescription, Workout
from tests.conftest import make_user
from tests.logbook.reading import seen

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture(autouse=True)
def thursday_19_november(time_machine):
    time_machine.move_to(datetime(2026, 11, 19, 9, tzinfo=UTC), tick=False)


@pytest.fixture
def nordic_block(coach, catalogue):
    """Two weeks, a Nordic session on days 1 and 4, the band tracked from green."""
    program = services.program_create(owner=coach, title="Nordic block")
    nordic = Exercise.objects.get(slug="band-assisted-nordic-curl")
    green = Band.objects.get(name="Green")
    for _ in range(2):
        week = services.week_add(program=program)
        for day in (1, 4):
            workout = Workout.objects.create(week=week, day=day, title=f"Session day {day}")
            Prescription.objects.create(
                workout=workout, exercise=nordic, order=1, sets=3, reps_min=8, band=green
            )
    services.band_rule_set(program=program, exercise=nordic, start_band=green)
    return program


@pytest.fixture
def assignment(nordic_block, athlete, coach):
    return assignments.program_assign(
        template=nordic_block, athlete=athlete, start_date=date(2026, 11, 16), by=coach
    )


def url(team) -> str:
    return f"/coach/teams/{team.pk}/calendar/"


def add_athletes(team, template, coach, count: int) -> None:
    for number in range(count):
        athlete = make_user(f"squad{number}", first_name=f"Squad{number}")
        Membership.objects.create(team=team, athlete=athlete)
        assignments.program_assign(
            template=template, athlete=athlete, start_date=date(2026, 11, 16), by=coach
        )


def test_it_shows_who_does_what_on_which_day(coach_client, team, assignment):
    first = Workout.objects.get(week__program=assignment.program, week__number=1, day=1)
    log = logbook.workout_start(
        athlete=assignment.athlete, assignment=assignment, workout=first, today=date(2026, 11, 17)
    )
    log.sets.create(exercise_id=first.prescriptions.first().exercise_id, set_number=1, reps=12)
    logbook.workout_finish(workout_log=log, rpe=7, pain=0)
    response = coach_client.get(url(team))
    assert response.status_code == 200
    text = seen(response.text)
    assert "Calendar: Squad" in text
    assert "16 Nov to 13 Dec 2026" in text  # this week and the three after
    assert "Tue 17 Nov ✓ Alex · Session day 1 Done · scheduled for Mon 16 Nov" in text
    assert "Thu 19 Nov Today ● Alex · Session day 4 Today" in text
    assert "Mon 23 Nov ○ Alex · Session day 1 Upcoming" in text


def test_a_missed_workout_is_marked_missed(coach_client, team, assignment):
    assert "Mon 16 Nov ✗ Alex · Session day 1 Missed" in seen(coach_client.get(url(team)).text)


def test_the_board_links_each_teams_calendar(coach_client, team):
    assert f'href="{url(team)}"' in coach_client.get("/coach/").text


def test_it_requires_login(client, team):
    assert client.get(url(team))["Location"] == f"/accounts/login/?next={url(team)}"


def test_it_is_for_coaches_only(athlete_client, team):
    assert athlete_client.get(url(team)).status_code == 403


def test_another_coachs_team_is_not_found(client, other_coach, team, assignment):
    client.force_login(other_coach)
    assert client.get(url(team)).status_code == 404
    assert client.get("/coach/teams/999999/calendar/").status_code == 404


def test_another_teams_athletes_do_not_show(coach_client, coach, team, nordic_block):
    other = Team.objects.create(coach=coach, name="Reserves")
    add_athletes(other, nordic_block, coach, 1)
    response = coach_client.get(url(team))
    assert "Squad0" not in response.text
    assert "Squad0" in coach_client.get(url(other)).text


def test_bad_dates_give_the_default_weeks(coach_client, team):
    response = coach_client.get(url(team) + "?from=2026-02-30")
    assert response.status_code == 200
    assert "16 Nov to 13 Dec 2026" in seen(response.text)


def test_htmx_gets_only_the_calendar(coach_client, team, assignment):
    response = coach_client.get(url(team) + "?from=2026-11-23", headers={"HX-Request": "true"})
    assert response.text.lstrip().startswith('<section id="team-calendar"')
    assert "<html" not in response.text
    assert "23 Nov to 20 Dec 2026" in seen(response.text)


def test_it_runs_the_same_queries_for_two_and_twenty_athletes(
    coach_client, coach, team, nordic_block
):
    add_athletes(team, nordic_block, coach, 2)
    with CaptureQueriesContext(connection) as two:
        small = coach_client.get(url(team))
    add_athletes(Team.objects.create(coach=coach, name="Spare"), nordic_block, coach, 0)
    for number in range(2, 20):
        athlete = make_user(f"more{number}", first_name=f"More{number}")
        Membership.objects.create(team=team, athlete=athlete)
        assignments.program_assign(
            template=nordic_block, athlete=athlete, start_date=date(2026, 11, 16), by=coach
        )
    with CaptureQueriesContext(connection) as twenty:
        big = coach_client.get(url(team))
    assert seen(small.text).count("Session day 4 Today") == 2
    assert seen(big.text).count("Session day 4 Today") == 20
    assert len(two) == len(twenty) <= 12

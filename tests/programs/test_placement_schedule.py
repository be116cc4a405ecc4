"""A workout placed at MD-4 on an athlete's program: the schedule follows the fixtures of the
athlete's current teams coached by whoever assigned it (moved, added and deleted matches move
it), the clashes are reported, and the athlete's and the coach's pages show both."""

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Membership, Team
from catalogue.models import Band, Exercise
from programs import assignments, services
from programs.dating import assignment_schedule, scheduled_on
from programs.fixtures import fixture_add, fixture_delete, fixture_move
from programs.models import Prescription, Workout
from programs.season import placement_clashes
from tests.logbook.reading import seen

pytestmark = pytest.mark.usefixtures("catalogue")

START = date(2026, 11, 30)  # a Monday: week 1 to 6 Dec, week 2 to 13 Dec, week 3 to 20 Dec
SAT_5, SUN_6, SAT_12 = date(2026, 12, 5), date(2026, 12, 6), date(2026, 12, 12)
WED_2 = date(2026, 12, 2)
CLOSE = (
    "Nordic A (MD-4 of Sat 5 Dec) falls on Tue 1 Dec, but there is a match on Wed 2 Dec: "
    "the two matches are too close for this placement."
)


@pytest.fixture(autouse=True)
def thursday_19_november(time_machine):
    time_machine.move_to(datetime(2026, 11, 19, 9, tzinfo=UTC), tick=False)


@pytest.fixture
def template(coach):
    """Three weeks: "Nordic A" (day 3, a Wednesday) placed at MD-4 with an assisted Nordic, and
    "Leg day" (day 6) on its day with a curl."""
    program = services.program_create(owner=coach, title="Placed block")
    nordic = Exercise.objects.get(slug="band-assisted-nordic-curl")
    curl = Exercise.objects.get(slug="banded-prone-leg-curl")
    green = Band.objects.get(name="Green")
    for _ in range(3):
        week = services.week_add(program=program)
        placed = Workout.objects.create(week=week, day=3, match_day=-4, title="Nordic A")
        Prescription.objects.create(
            workout=placed, exercise=nordic, order=1, sets=3, reps_min=6, band=green
        )
        legs = Workout.objects.create(week=week, day=6, title="Leg day")
        Prescription.objects.create(workout=legs, exercise=curl, order=1, sets=2, reps_min=10)
    return program


@pytest.fixture
def assignment(template, athlete, coach):
    return assignments.program_assign(
        template=template, athlete=athlete, start_date=START, by=coach
    )


def nordic_a(assignment, week: int) -> Workout:
    return Workout.objects.select_related("week").get(
        week__program=assignment.program, week__number=week, title="Nordic A"
    )


def dates_of(assignment, title: str = "Nordic A") -> list[date]:
    return [item.on for item in assignment_schedule([assignment]) if item.workout.title == title]


def test_assigning_copies_the_placement(template, assignment):
    assert assignment.program != template
    copied = Workout.objects.filter(week__program=assignment.program)
    assert sorted(copied.values_list("title", "day", "match_day")) == [
        *[("Leg day", 6, None)] * 3,
        *[("Nordic A", 3, -4)] * 3,
    ]


def test_without_a_match_the_placed_workout_stays_on_its_day(assignment):
    assert dates_of(assignment) == [date(2026, 12, 2), date(2026, 12, 9), date(2026, 12, 16)]


def test_a_match_puts_the_placed_workout_on_md_minus_4_and_names_the_match(assignment, team):
    fixture_add(team=team, date=SAT_5, label="v Rovers")
    week_1 = [item for item in assignment_schedule([assignment]) if item.on <= SUN_6]
    assert [(item.workout.title, item.on, item.fixture) for item in week_1] == [
        ("Nordic A", date(2026, 12, 1), SAT_5),
        ("Leg day", SAT_5, None),  # not placed: on its day, the match or not
    ]
    assert scheduled_on(assignment, nordic_a(assignment, 1)) == date(2026, 12, 1)
    assert scheduled_on(assignment, nordic_a(assignment, 2)) == date(2026, 12, 9)
    assert dates_of(assignment) == [date(2026, 12, 1), date(2026, 12, 9), date(2026, 12, 16)]


def test_moving_adding_and_deleting_matches_move_the_workout(assignment, team):
    rovers = fixture_add(team=team, date=SAT_5)
    fixture_move(fixture=rovers, date=SUN_6, label="moved by the league")
    assert dates_of(assignment)[0] == date(2026, 12, 2)  # MD-4 of Sunday: Wednesday
    assert scheduled_on(assignment, nordic_a(assignment, 1)) == date(2026, 12, 2)
    (first,) = [item for item in assignment_schedule([assignment]) if item.on == date(2026, 12, 2)]
    assert first.fixture == SUN_6

    city = fixture_add(team=team, date=SAT_12)  # week 2 had no match
    assert dates_of(assignment)[1] == date(2026, 12, 8)
    assert scheduled_on(assignment, nordic_a(assignment, 2)) == date(2026, 12, 8)

    fixture_delete(fixture=city)
    assert dates_of(assignment)[1] == date(2026, 12, 9)  # back on its day (a Wednesday)
    assert scheduled_on(assignment, nordic_a(assignment, 2)) == date(2026, 12, 9)


def test_another_coachs_match_does_not_move_it(assignment, athlete, other_coach):
    elsewhere = Team.objects.create(coach=other_coach, name="Elsewhere")
    Membership.objects.create(team=elsewhere, athlete=athlete)
    fixture_add(team=elsewhere, date=SAT_5)
    assert dates_of(assignment)[0] == date(2026, 12, 2)
    assert scheduled_on(assignment, nordic_a(assignment, 1)) == date(2026, 12, 2)
    assert all(item.fixture is None for item in assignment_schedule([assignment]))


def test_the_match_of_a_team_the_athlete_left_does_not_move_it(assignment, athlete, team):
    fixture_add(team=team, date=SAT_5)
    assert dates_of(assignment)[0] == date(2026, 12, 1)
    Membership.objects.filter(team=team, athlete=athlete).update(is_active=False)
    assert dates_of(assignment)[0] == date(2026, 12, 2)
    assert scheduled_on(assignment, nordic_a(assignment, 1)) == date(2026, 12, 2)


def test_another_team_of_the_same_coach_moves_it_too(assignment, athlete, coach):
    reserves = Team.objects.create(coach=coach, name="Reserves")
    Membership.objects.create(team=reserves, athlete=athlete)
    fixture_add(team=reserves, date=SAT_5)
    assert dates_of(assignment)[0] == date(2026, 12, 1)


# -- Clashes -----------------------------------------------------------------------------------

BLOCK = (START, date(2026, 12, 20))


def test_two_matches_too_close_are_reported_with_the_athlete(assignment, athlete, team):
    fixture_add(team=team, date=WED_2)
    fixture_add(team=team, date=SAT_5)
    found = placement_clashes([assignment], between=BLOCK)
    assert [(who, str(clash)) for who, clash in found] == [(athlete, CLOSE)]
    assert found[0][1].on == date(2026, 12, 1)


def test_matches_a_week_apart_give_no_clash(assignment, team):
    fixture_add(team=team, date=SAT_5)
    fixture_add(team=team, date=SAT_12)
    assert dates_of(assignment)[:2] == [date(2026, 12, 1), date(2026, 12, 8)]  # both placed
    assert placement_clashes([assignment], between=BLOCK) == []


def test_a_clash_outside_the_window_is_not_reported(assignment, team):
    fixture_add(team=team, date=WED_2)
    fixture_add(team=team, date=SAT_5)
    assert placement_clashes([assignment], between=(date(2026, 12, 7), BLOCK[1])) == []


# -- Queries -----------------------------------------------------------------------------------


def test_the_schedule_reads_fixtures_in_one_query_however_many(assignment, team):
    fixture_add(team=team, date=SAT_5)
    with CaptureQueriesContext(connection) as one:
        few = assignment_schedule([assignment])
    for day in range(6, 15):  # nine more: every day from Sunday 6 to Monday 14 December
        fixture_add(team=team, date=date(2026, 12, day))
    with CaptureQueriesContext(connection) as ten:
        many = assignment_schedule([assignment])
    assert [item.on for item in few][:2] == [date(2026, 12, 1), SAT_5]
    assert [item.on for item in many][2] == date(2026, 12, 7)  # MD-4 of Friday 11 December
    assert len(one) == len(ten) == 2  # the workouts, then the fixtures


def test_a_program_without_placed_workouts_reads_no_fixtures(assignment, team):
    Workout.objects.filter(week__program=assignment.program).update(match_day=None)
    fixture_add(team=team, date=SAT_5)
    with CaptureQueriesContext(connection) as queries:
        assert dates_of(assignment)[0] == date(2026, 12, 2)
    assert len(queries) == 1


# -- The pages ---------------------------------------------------------------------------------


def day_of(html: str, iso: str) -> str:
    """The text of one day of the athlete's week list, from its date to the next day's."""
    start = html.index(f'<time datetime="{iso}">')
    end = html.find('<li class="calendar-day', start)
    return seen(html[start : end if end != -1 else None])


def test_the_athletes_calendar_shows_the_match_and_the_workout_on_md_minus_4(
    client, coach, athlete, assignment, team
):
    rovers = fixture_add(team=team, date=SAT_5, label="v Rovers")
    client.force_login(athlete)
    page = client.get("/calendar/").text
    assert "Match day: v Rovers" in day_of(page, "2026-12-05")
    assert "Leg day" in day_of(page, "2026-12-05")
    assert "Upcoming Nordic A Placed block · week 1 · MD-4" in day_of(page, "2026-12-01")
    assert "Nordic A" not in day_of(page, "2026-12-02")

    client.force_login(coach)
    moved = client.post(f"/coach/fixtures/{rovers.pk}/edit/", {"date": "6/12/2026", "label": ""})
    assert moved.status_code == 302
    client.force_login(athlete)
    page = client.get("/calendar/").text
    assert "Match day" in day_of(page, "2026-12-06")
    assert "Match day" not in day_of(page, "2026-12-05")
    assert "Nordic A" not in day_of(page, "2026-12-01")
    assert "Upcoming Nordic A Placed block · week 1 · MD-4" in day_of(page, "2026-12-02")


def test_the_team_calendar_shows_the_clash(coach_client, assignment, team):
    fixture_add(team=team, date=WED_2)
    fixture_add(team=team, date=SAT_5)
    text = seen(coach_client.get(f"/coach/teams/{team.pk}/calendar/").text)
    assert f"Alex: {CLOSE}" in text
    assert "Match day" in text


def test_the_team_calendar_shows_no_clash_when_matches_are_a_week_apart(
    coach_client, assignment, team
):
    fixture_add(team=team, date=SAT_5)
    fixture_add(team=team, date=SAT_12)
    response = coach_client.get(f"/coach/teams/{team.pk}/calendar/?from=2026-11-30&weeks=3")
    assert "clash-list" not in response.text
    assert "too close" not in response.text


def test_the_fixtures_page_shows_the_clash(coach_client, assignment, team):
    fixture_add(team=team, date=WED_2)
    fixture_add(team=team, date=SAT_5)
    response = coach_client.get(f"/coach/teams/{team.pk}/fixtures/")
    clashes = response.text.split('<section id="clashes">')[1].split("</section>")[0]
    assert f"Alex: {CLOSE}" in seen(clashes)


def test_the_fixtures_page_clash_goes_once_the_match_moves(coach_client, assignment, team):
    wednesday = fixture_add(team=team, date=WED_2)
    fixture_add(team=team, date=SAT_5)
    coach_client.post(f"/coach/fixtures/{wednesday.pk}/edit/", {"date": "2026-12-09"})
    wednesday.refresh_from_db()
    assert wednesday.date == date(2026, 12, 9)
    response = coach_client.get(f"/coach/teams/{team.pk}/fixtures/")
    assert "too close" not in response.text
    assert "<h2>Clashes</h2>" not in response.text

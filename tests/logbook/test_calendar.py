"""/calendar/: the athlete's weeks around today, each workout marked by what became of it and
dated by the one rule (a done workout sits on the day it was done)."""

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Team
from logbook import services as logbook
from logbook.actions import workout_skip
from programs import assignments
from programs.models import AssignmentStatus, Workout
from tests.logbook.reading import seen

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture(autouse=True)
def thursday_19_november(time_machine):
    time_machine.move_to(datetime(2026, 11, 19, 9, tzinfo=UTC), tick=False)


def workout(assignment, week: int, day: int) -> Workout:
    return Workout.objects.get(week__program=assignment.program, week__number=week, day=day)


def finish(assignment, workout, on: date):
    log = logbook.workout_start(
        athlete=assignment.athlete, assignment=assignment, workout=workout, today=on
    )
    log.sets.create(exercise_id=workout.prescriptions.first().exercise_id, set_number=1, reps=12)
    logbook.workout_finish(workout_log=log, rpe=7, pain=0)
    return log


def day_of(html: str, iso: str) -> str:
    """The text of one day of the week list, from its date to the next day's."""
    start = html.index(f'<time datetime="{iso}">')
    end = html.find('<li class="calendar-day', start)
    return seen(html[start : end if end != -1 else None])


def test_it_requires_login(client):
    assert client.get("/calendar/")["Location"] == "/accounts/login/?next=/calendar/"


def test_it_shows_two_weeks_back_to_four_ahead_with_each_workout_marked(athlete_client, assignment):
    # Started Mon 16 Nov: day 1 (16 Nov) missed, day 4 (19 Nov) today, week 2 ahead.
    response = athlete_client.get("/calendar/")
    assert response.status_code == 200
    text = seen(response.text)
    assert "2 Nov to 20 Dec 2026" in text
    assert "Week of 2 Nov" in text and "Week of 14 Dec" in text and "Week of 21 Dec" not in text
    assert "Missed Session day 1" in day_of(response.text, "2026-11-16")
    assert "Today ● Today Session day 4" in day_of(response.text, "2026-11-19")
    assert "Upcoming Session day 1 Nordic block · week 2" in day_of(response.text, "2026-11-23")
    # The band to use for the tracked Nordic, from the athlete's track.
    assert "Band-assisted Nordic curl: Green band" in day_of(response.text, "2026-11-26")
    assert 'id="today"' in response.text


def test_a_done_workout_shows_on_the_day_it_was_done_with_its_scheduled_day(
    athlete_client, assignment
):
    log = finish(assignment, workout(assignment, 1, 1), date(2026, 11, 17))
    response = athlete_client.get("/calendar/")
    assert "Session day 1" not in day_of(response.text, "2026-11-16")
    tuesday = day_of(response.text, "2026-11-17")
    assert "Done Session day 1 Nordic block · week 1 · scheduled for Mon 16 Nov" in tuesday
    assert f'href="/logs/{log.pk}/"' in response.text
    assert "Band-assisted Nordic curl:" not in tuesday  # what was done is on the log's page


def test_a_skipped_workout_says_so(athlete_client, assignment):
    first = workout(assignment, 1, 1)
    workout_skip(
        athlete=assignment.athlete, assignment=assignment, workout=first, today=date(2026, 11, 19)
    )
    assert "Skipped Session day 1" in day_of(athlete_client.get("/calendar/").text, "2026-11-16")


def test_a_paused_program_shows_its_dates_as_paused(athlete_client, assignment):
    assignments.assignment_pause(assignment=assignment, today=date(2026, 11, 19))
    response = athlete_client.get("/calendar/")
    assert "Missed Session day 1" in day_of(response.text, "2026-11-16")
    assert "Paused Session day 1" in day_of(response.text, "2026-11-23")


def test_a_cancelled_program_keeps_only_what_was_done(athlete_client, assignment):
    finish(assignment, workout(assignment, 1, 1), date(2026, 11, 16))
    assignments.assignment_end(assignment=assignment, status=AssignmentStatus.CANCELLED)
    text = seen(athlete_client.get("/calendar/").text)
    assert "Done Session day 1" in text
    assert "Session day 4" not in text and "Upcoming" not in text


def test_another_athletes_workouts_do_not_show(client, outsider, assignment):
    client.force_login(outsider)
    response = client.get("/calendar/")
    assert response.status_code == 200
    assert "Session day" not in response.text
    assert "Nothing is scheduled for you yet" in response.text


def test_from_and_weeks_move_the_window_and_prev_next_follow(athlete_client, assignment):
    response = athlete_client.get("/calendar/?from=2026-11-25&weeks=1")
    text = seen(response.text)
    assert "23 Nov to 29 Nov 2026" in text  # from the Monday of that week
    assert "Session day 4 Nordic block · week 2" in text and "week 1" not in text
    assert 'href="?from=2026-11-16&amp;weeks=1"' in response.text
    assert 'href="?from=2026-11-30&amp;weeks=1"' in response.text


@pytest.mark.parametrize(
    "query",
    [
        "?from=2026-13-45",
        "?from=yesterday",
        "?from=0001-01-01",
        "?from=9999-12-31",
        "?weeks=0",
        "?weeks=-3",
        "?weeks=abc",
        "?weeks=1000",
        "?view=year&weeks=1e9",
    ],
)
def test_bad_from_or_weeks_give_the_default_window(athlete_client, assignment, query):
    response = athlete_client.get(f"/calendar/{query}")
    assert response.status_code == 200
    assert "2 Nov to 20 Dec 2026" in seen(response.text)


def test_the_month_view_is_a_grid_of_the_month_with_marks(athlete_client, assignment):
    finish(assignment, workout(assignment, 1, 1), date(2026, 11, 16))
    response = athlete_client.get("/calendar/?view=month")
    assert response.status_code == 200
    text = seen(response.text)
    assert "November 2026" in text
    assert response.text.count('<td class="month-day') == 42  # Mon 26 Oct to Sun 6 Dec
    assert "Done: Session day 1" in text and "Today: Session day 4" in text
    assert "Upcoming: Session day 1" in text  # Mon 23 Nov
    assert 'href="?view=month&amp;from=2026-10-01"' in response.text
    assert 'href="?view=month&amp;from=2026-12-01"' in response.text
    december = seen(athlete_client.get("/calendar/?view=month&from=2026-12-01").text)
    assert "December 2026" in december and "Done:" not in december


def test_it_runs_the_same_queries_for_one_and_twenty_weeks(athlete_client, assignment):
    finish(assignment, workout(assignment, 1, 1), date(2026, 11, 16))
    counts = []
    for weeks in (1, 20):
        with CaptureQueriesContext(connection) as queries:
            response = athlete_client.get(f"/calendar/?from=2026-11-16&weeks={weeks}")
        assert "Session day 4" in response.text
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 9


def test_htmx_gets_only_the_calendar(athlete_client, assignment):
    response = athlete_client.get(
        "/calendar/?from=2026-11-23&weeks=1", headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="calendar"')
    assert "<html" not in response.text and "calendar-feed" not in response.text
    assert "23 Nov to 29 Nov 2026" in seen(response.text)
    assert response["Vary"].count("HX-Request") == 1


def test_the_tab_bar_links_the_calendar(athlete_client):
    response = athlete_client.get("/calendar/")
    assert '<a href="/calendar/" aria-current="page">' in response.text
    today = athlete_client.get("/today/").text
    assert today.index('href="/calendar/"') < today.index('href="/history/"')


def test_a_coach_who_does_not_train_is_sent_to_their_team(coach_client, team):
    response = coach_client.get("/calendar/")
    assert response.status_code == 302
    assert response["Location"] == f"/coach/teams/{team.pk}/calendar/"


def test_a_coach_without_a_team_is_sent_to_make_one(client, other_coach):
    Team.objects.filter(coach=other_coach).delete()
    client.force_login(other_coach)
    assert client.get("/calendar/")["Location"] == "/coach/teams/"


def test_a_coach_who_trains_gets_their_own_calendar(coach_client, coach, nordic_block):
    assignments.program_assign(
        template=nordic_block, athlete=coach, start_date=date(2026, 11, 16), by=coach
    )
    response = coach_client.get("/calendar/")
    assert response.status_code == 200
    assert "Today ● Today Session day 4" in day_of(response.text, "2026-11-19")

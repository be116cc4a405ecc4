"""The coach's page for one athlete: their programs (open before done), bands and recent
workouts, each scheduled workout marked done, missed or upcoming; coaches only, their own
athletes only, and the same queries however many workouts."""

from datetime import date

import pytest

from logbook.models import Message
from tests.coaching.athletes import assign, log_workout, page_url, workouts_of
from tests.logbook.reading import seen

pytestmark = pytest.mark.usefixtures("frozen_clock")


# The page


def test_it_shows_the_athlete_their_program_bands_and_workouts(coach_client, athlete, first_log):
    response = coach_client.get(page_url(athlete))
    assert response.status_code == 200
    text = response.text
    assert "<h1>Alex</h1>" in text
    assert "Squad" in text
    assert f'href="/coach/athletes/{athlete.pk}/export.csv"' in text
    program = first_log.assignment.program
    assert f'href="/programs/{program.pk}/"' in text
    assert "Band-assisted Nordic, 10 weeks" in text
    assert "week 3 of 10" in text
    assert 'role="img"' in text
    assert "Band-assisted Nordic curl: green since" in text
    assert "Start: Green" in text
    assert (
        "Band-assisted Nordic curl: 2 sets: 5, 5 reps, green band, 10 of 10 reps controlled near "
        "or to the floor" in text
    )
    assert "Felt strong" in text
    assert "style=" not in text
    assert "<script>" not in text.split("</head>")[1]


def test_it_marks_each_scheduled_workout_done_missed_or_upcoming(
    coach_client, athlete, assignment, first_log
):
    response = coach_client.get(page_url(athlete))
    [panel] = response.context["assignments"]
    marks = {item.on: item.mark for week in panel.weeks for item in week.workouts}
    assert marks[date(2026, 10, 1)] == "done"
    assert marks[date(2026, 10, 8)] == "missed"
    assert marks[date(2026, 10, 22)] == "upcoming"
    assert panel.week == 3
    assert "Schedule: 1 done, 5 missed" in response.text
    assert "Next: Nordic session A, Thu 22 Oct" in seen(response.text)


def test_open_programs_come_before_done_ones(coach_client, library, athlete, coach, assignment):
    assignment.status = "done"
    assignment.save()
    newer = assign(athlete, coach, start=date(2026, 10, 19))
    newer.status = "done"
    newer.save()
    current = assign(athlete, coach, start=date(2026, 9, 1))
    response = coach_client.get(page_url(athlete))
    order = [panel.assignment for panel in response.context["assignments"]]
    assert order == [current, newer, assignment]


def test_the_page_requires_login(client, athlete):
    response = client.get(page_url(athlete))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_page_is_for_coaches(athlete_client, athlete):
    assert athlete_client.get(page_url(athlete)).status_code == 403


def test_another_coachs_athlete_is_404(coach_client, outsider):
    assert coach_client.get(page_url(outsider)).status_code == 404


def test_a_former_team_member_is_404(coach_client, athlete):
    athlete.memberships.update(is_active=False)
    assert coach_client.get(page_url(athlete)).status_code == 404


def test_the_page_runs_the_same_queries_for_3_and_15_workouts(
    coach_client, coach, athlete, assignment, django_assert_max_num_queries
):
    workouts = workouts_of(assignment)

    def add_logs(workouts):
        for workout in workouts:
            log = log_workout(assignment, workout)
            Message.objects.create(
                athlete=log.athlete, workout_log=log, author=coach, body="Nice work"
            )

    add_logs(workouts[:3])
    # 21: the recent logs' scheduled days are one schedule read for them all (logbook.dates);
    # one more since the page shows an open pain pause, one for the bands a break-point test
    # can be entered on.
    with django_assert_max_num_queries(21) as few:
        coach_client.get(page_url(athlete))
    add_logs(workouts[3:15])
    with django_assert_max_num_queries(21) as many:
        response = coach_client.get(page_url(athlete))
    assert len(response.context["logs"]) == 10
    assert len(few) == len(many)

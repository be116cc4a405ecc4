from datetime import UTC, datetime

import pytest

from programs import assignments
from programs.models import Workout
from tests.logbook.reading import seen

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture(autouse=True)
def thursday_19_november(time_machine):
    time_machine.move_to(datetime(2026, 11, 19, 9, tzinfo=UTC), tick=False)


def test_it_requires_login(client):
    assert client.get("/today/")["Location"] == "/accounts/login/?next=/today/"


def test_without_a_program_it_says_so_and_offers_a_free_session(athlete_client):
    response = athlete_client.get("/today/")
    assert response.status_code == 200
    assert "Nothing is scheduled for you yet" in response.text
    assert "Start a free session" in response.text


def test_it_shows_today_then_the_missed_one_with_the_band_to_use(athlete_client, assignment):
    # Started Mon 16 Nov: day 1 (16 Nov) is missed, day 4 (19 Nov) is today.
    response = athlete_client.get("/today/")
    assert [item.workout.day for item in response.context["todays"]] == [4]
    assert [item.workout.day for item in response.context["missed"]] == [1]
    text = seen(response.text)
    assert "Missed · Mon 16 Nov" in text
    assert text.index("Today · Thu 19 Nov") < text.index("1 missed this week")
    # The track's band for the tracked Nordic, the prescription's band for the hold.
    assert "3 x 12/10/8 · Green band" in response.text
    assert "2 x 30 s · Black band" in response.text
    assert response.context["next_up"].workout.week.number == 2


def test_a_done_workout_leaves_the_list(athlete_client, assignment, first_workout):
    from logbook import services as logbook

    log = logbook.workout_start(
        athlete=assignment.athlete,
        assignment=assignment,
        workout=first_workout,
        today=first_workout.scheduled_on(assignment.start_date),
    )
    log.sets.create(
        exercise_id=first_workout.prescriptions.first().exercise_id, set_number=1, reps=12
    )
    logbook.workout_finish(workout_log=log, rpe=7, pain=0)
    response = athlete_client.get("/today/")
    assert [item.workout.day for item in response.context["todays"]] == [4]
    assert response.context["missed"] == []
    assert "missed this week" not in response.text


def test_a_paused_program_shows_nothing_due(athlete_client, assignment):
    assignments.assignment_pause(assignment=assignment, today=assignment.start_date)
    response = athlete_client.get("/today/")
    assert response.context["todays"] == response.context["missed"] == []
    assert "is paused by your coach" in response.text


def test_another_athletes_program_does_not_show(client, outsider, assignment):
    client.force_login(outsider)
    response = client.get("/today/")
    assert response.context["todays"] == response.context["missed"] == []


def test_it_stays_within_the_query_budget(
    athlete_client, assignment, django_assert_max_num_queries, django_assert_num_queries
):
    with django_assert_max_num_queries(7):
        athlete_client.get("/today/")
    # The program's workouts are kept by the process while its structure stays: the user, the
    # assignments, the logs and skips, the pain state, the prescriptions and the tracks.
    with django_assert_num_queries(6):
        athlete_client.get("/today/")
    assert Workout.objects.filter(week__program=assignment.program).count() == 4


def test_an_edit_to_the_program_shows_at_once(athlete_client, assignment):
    athlete_client.get("/today/")  # the program's workouts now kept by this process
    today = Workout.objects.get(week__program=assignment.program, week__number=1, day=4)
    today.title = "Nordics, renamed by the coach"
    today.save()
    response = athlete_client.get("/today/")
    assert [item.workout.title for item in response.context["todays"]] == [today.title]
    assert today.title in response.text

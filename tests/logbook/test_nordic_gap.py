"""Nordic sessions stay 48 hours apart (DESIGN.md), counted in days as the schedule counts them:
starting one the day after the last (or the same day), from "Next up" or any other link, first
asks the athlete with the reason; going ahead anyway (a POST) starts it and flags it for the
coach, who sees it on the board."""

import uuid
from datetime import UTC, date, datetime

import pytest

from catalogue.models import Exercise
from logbook import services as logbook
from logbook.models import Flag, FlagKind, WorkoutLog
from programs import assignments, services
from programs.models import Prescription, Program, Workout
from tests.logbook.reading import seen

pytestmark = pytest.mark.usefixtures("catalogue")
MONDAY = date(2026, 11, 16)


@pytest.fixture(autouse=True)
def tuesday_morning(time_machine):
    time_machine.move_to(datetime(2026, 11, 17, 9, tzinfo=UTC), tick=False)


@pytest.fixture
def plan(coach) -> Program:
    """Two weeks of assisted Nordics on Monday, Wednesday and Friday, and a Tuesday mobility
    session without one."""
    program = services.program_create(owner=coach, title="Nordic block")
    nordic = Exercise.objects.get(slug="band-assisted-nordic-curl")
    stretch = Exercise.objects.get(slug="standing-single-leg-band-curl")
    for _ in range(2):
        week = services.week_add(program=program)
        for day in (1, 3, 5):
            workout = Workout.objects.create(week=week, day=day, title=f"Nordics day {day}")
            Prescription.objects.create(workout=workout, exercise=nordic, sets=2, reps_min=5)
        easy = Workout.objects.create(week=week, day=2, title="Curls day 2")
        Prescription.objects.create(workout=easy, exercise=stretch, sets=2, reps_min=8)
    return program


@pytest.fixture
def assignment(plan, athlete, coach):
    """Monday's Nordic session done at 18:00; it is Tuesday morning."""
    assignment = assignments.program_assign(
        template=plan, athlete=athlete, start_date=MONDAY, by=coach
    )
    monday = workout_of(assignment, 1)
    log = logbook.workout_start(
        athlete=athlete,
        assignment=assignment,
        workout=monday,
        today=MONDAY,
        now=datetime(2026, 11, 16, 18, tzinfo=UTC),
    )
    prescription = monday.prescriptions.get()
    for number in (1, 2):
        logbook.set_log(
            workout_log=log,
            token=uuid.uuid4(),
            exercise_id=prescription.exercise_id,
            prescription=prescription,
            set_number=number,
            reps=5,
            control="full",
        )
    logbook.workout_finish(
        workout_log=log, rpe=8, pain=0, now=datetime(2026, 11, 16, 18, 40, tzinfo=UTC)
    )
    return assignment


def workout_of(assignment, day: int, week: int = 1) -> Workout:
    return Workout.objects.get(week__program=assignment.program, week__number=week, day=day)


def start_url(workout) -> str:
    return f"/workouts/{workout.pk}/start/"


def test_starting_tomorrows_nordics_from_next_up_asks_first_with_the_reason(
    athlete_client, assignment
):
    wednesday = workout_of(assignment, 3)
    today = athlete_client.get("/today/").text
    next_up = today.partition("<h2>Next up</h2>")[2]
    assert f'href="/workouts/{wednesday.pk}/"' in next_up

    response = athlete_client.get(f"/workouts/{wednesday.pk}/")

    assert response.status_code == 200
    text = seen(response.text)
    assert "Your last Nordic session was yesterday at 18:00, 15 hours ago." in text
    assert "48 hours" in text
    assert f'action="{start_url(wednesday)}"' in response.text
    assert "Start anyway" in text
    assert 'href="/today/"' in response.text
    assert "set-row" not in response.text  # nothing to log before the athlete decides
    assert not WorkoutLog.objects.filter(workout=wednesday).exists()  # a GET writes nothing


def test_the_copy_kept_for_offline_holds_the_sets_not_the_question(athlete_client, assignment):
    """The phone keeps Wednesday's page on Monday evening (Purpose: prefetch) for a basement
    with no signal: a copy of the question would leave nothing to log there."""
    wednesday = workout_of(assignment, 3)
    response = athlete_client.get(f"/workouts/{wednesday.pk}/", headers={"Purpose": "prefetch"})
    assert response.status_code == 200
    assert "set-row" in response.text
    assert "Start anyway" not in seen(response.text)
    assert not WorkoutLog.objects.filter(workout=wednesday).exists()


def test_going_ahead_anyway_starts_it_and_flags_it_for_the_coach(
    athlete_client, client, coach, athlete, assignment
):
    wednesday = workout_of(assignment, 3)

    response = athlete_client.post(start_url(wednesday), {"anyway": "1"})

    assert response.status_code == 302
    assert response["Location"] == f"/workouts/{wednesday.pk}/"
    log = WorkoutLog.objects.get(workout=wednesday)
    assert log.performed_on == date(2026, 11, 17)
    flag = Flag.objects.get(athlete=athlete, kind=FlagKind.NORDIC_TOO_SOON)
    assert flag.workout_log == log and flag.acknowledged_at is None
    assert flag.detail == (
        "Started Nordics day 3 (due Wed 18 Nov) 15 hours after the last Nordic session "
        "(Mon 16 Nov 18:00), not the 48 hours apart the program keeps."
    )
    page = athlete_client.get(response["Location"])
    assert "set-row" in page.text and "Start anyway" not in page.text
    client.force_login(coach)
    board = seen(client.get("/coach/").text)
    assert "Nordics under 48 h apart" in board


def test_a_start_without_going_ahead_asks_again_and_starts_nothing(athlete_client, assignment):
    wednesday = workout_of(assignment, 3)
    response = athlete_client.post(start_url(wednesday))
    assert response.status_code == 200
    assert "Your last Nordic session was yesterday at 18:00" in seen(response.text)
    assert not WorkoutLog.objects.filter(workout=wednesday).exists()
    assert not Flag.objects.exists()


def test_a_second_nordic_session_the_same_day_asks_too(athlete_client, assignment, time_machine):
    time_machine.move_to(datetime(2026, 11, 16, 20, 30, tzinfo=UTC), tick=False)  # Monday
    response = athlete_client.get(f"/workouts/{workout_of(assignment, 3).pk}/")
    assert "Your last Nordic session was today at 18:00, 2 hours ago." in seen(response.text)


def test_a_start_is_a_post(athlete_client, assignment):
    assert athlete_client.get(start_url(workout_of(assignment, 3))).status_code == 405


def test_someone_elses_workout_is_a_404(client, outsider, assignment):
    client.force_login(outsider)
    assert client.post(start_url(workout_of(assignment, 3)), {"anyway": "1"}).status_code == 404
    assert not Flag.objects.exists()


def test_a_session_without_nordics_starts_without_asking(athlete_client, assignment):
    tuesday = workout_of(assignment, 2)
    assert "Start anyway" not in athlete_client.get(f"/workouts/{tuesday.pk}/").text
    response = athlete_client.post(start_url(tuesday))
    assert response["Location"] == f"/workouts/{tuesday.pk}/"
    assert WorkoutLog.objects.filter(workout=tuesday).exists()
    assert not Flag.objects.exists()


def test_on_its_own_day_two_days_later_the_next_nordics_start_without_asking(
    athlete_client, assignment, time_machine
):
    """Counted in days, as the schedule counts them: Monday evening, then Wednesday morning."""
    time_machine.move_to(datetime(2026, 11, 18, 7, tzinfo=UTC), tick=False)
    wednesday = workout_of(assignment, 3)
    text = athlete_client.get(f"/workouts/{wednesday.pk}/").text
    assert "Start anyway" not in text and "set-row" in text
    athlete_client.post(start_url(wednesday))
    assert WorkoutLog.objects.filter(workout=wednesday).exists()
    assert not Flag.objects.exists()


def test_a_set_sent_from_a_page_that_did_not_ask_is_kept_and_flagged(
    athlete_client, athlete, assignment
):
    """A page opened before the last session (or offline) had no warning: its set is not
    lost, and the coach still hears of it."""
    wednesday = workout_of(assignment, 3)
    prescription = wednesday.prescriptions.get()
    response = athlete_client.post(
        f"/workouts/{wednesday.pk}/sets/",
        {
            "token": str(uuid.uuid4()),
            "prescription": prescription.pk,
            "set_number": 1,
            "side": "both",
            "reps": 5,
            "control": "full",
        },
    )
    assert response.status_code == 302
    assert WorkoutLog.objects.get(workout=wednesday).sets.count() == 1
    assert Flag.objects.filter(athlete=athlete, kind=FlagKind.NORDIC_TOO_SOON).count() == 1

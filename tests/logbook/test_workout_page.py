from datetime import UTC, datetime

import pytest

from catalogue.models import Exercise
from logbook import services as logbook
from programs.models import Prescription

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture(autouse=True)
def monday_16_november(time_machine):
    time_machine.move_to(datetime(2026, 11, 16, 9, tzinfo=UTC), tick=False)


def url(workout) -> str:
    return f"/workouts/{workout.pk}/"


def test_it_shows_a_card_per_prescription_with_prefilled_rows(athlete_client, first_workout):
    response = athlete_client.get(url(first_workout))
    assert response.status_code == 200
    cards = response.context["cards"]
    assert [card.prescription.exercise.slug for card in cards] == [
        "band-assisted-nordic-curl",
        "banded-isometric-leg-curl-hold",
    ]
    assert [row.target for row in cards[0].rows] == [12, 10, 8]
    assert [row.target for row in cards[1].rows] == [30, 30]
    assert "3 x 12/10/8, green band, assist" in response.text
    assert "Green band" in response.text and "assist: thinner is harder" in response.text
    assert 'name="reps" inputmode="numeric" min="0" max="500" value="12"' in response.text
    assert "Hold timer" in response.text
    assert "not part of this workout" not in response.text  # that partial is for refusals only


def test_it_shows_last_times_numbers(athlete_client, assignment, first_workout, time_machine):
    log = logbook.workout_start(
        athlete=assignment.athlete,
        assignment=assignment,
        workout=first_workout,
        today=first_workout.scheduled_on(assignment.start_date),
    )
    nordic = first_workout.prescriptions.get(order=1)
    for number, reps in ((1, 11), (2, 10)):
        log.sets.create(
            exercise_id=nordic.exercise_id,
            prescription=nordic,
            set_number=number,
            reps=reps,
            band_id=nordic.band_id,
        )
    logbook.workout_finish(workout_log=log, rpe=8, pain=0)
    second = first_workout.week.workouts.get(day=4)
    time_machine.move_to(datetime(2026, 11, 19, 9, tzinfo=UTC), tick=False)  # on its day
    response = athlete_client.get(url(second))
    assert "Last time (16 Nov): 11, 10 reps, green band" in response.text


def test_it_requires_login(client, first_workout):
    assert client.get(url(first_workout)).status_code == 302


def test_another_athletes_workout_is_404(client, outsider, first_workout):
    client.force_login(outsider)
    assert client.get(url(first_workout)).status_code == 404


def test_a_template_workout_is_404(athlete_client, nordic_block, assignment):
    template_workout = nordic_block.weeks.first().workouts.first()
    assert athlete_client.get(url(template_workout)).status_code == 404


def test_a_finished_workout_sends_to_its_summary(athlete_client, assignment, first_workout):
    log = logbook.workout_start(
        athlete=assignment.athlete,
        assignment=assignment,
        workout=first_workout,
        today=first_workout.scheduled_on(assignment.start_date),
    )
    log.sets.create(
        exercise_id=first_workout.prescriptions.first().exercise_id, set_number=1, reps=5
    )
    logbook.workout_finish(workout_log=log, rpe=7, pain=0)
    response = athlete_client.get(url(first_workout))
    assert response["Location"] == f"/logs/{log.pk}/"


def test_htmx_add_a_set_returns_one_extra_row(athlete_client, first_workout):
    nordic = first_workout.prescriptions.get(order=1)
    response = athlete_client.get(
        url(first_workout), {"extra": nordic.pk}, headers={"HX-Request": "true"}
    )
    assert response.text.lstrip().startswith(f'<li class="set-row" id="set-{nordic.pk}-4-both"')
    assert "(extra)" in response.text
    assert "<html" not in response.text


@pytest.mark.parametrize("prescriptions", [4, 12])
def test_the_query_count_does_not_grow_with_prescriptions(
    athlete_client, first_workout, prescriptions, django_assert_num_queries
):
    squat = Exercise.objects.get(slug="banded-squat")
    for order in range(3, prescriptions + 1):
        Prescription.objects.create(
            workout=first_workout, exercise=squat, order=order, sets=3, reps_min=10
        )
    # user, workout, its log, the last Nordic session (48 hours apart?) with the last session
    # (a gap?), pain warnings and pause, prescriptions, tracks, last time's sessions (none
    # yet: no read of their sets), bands (the start-band finder reads what these hold): the
    # same 9 for 4 and for 12 (budget: 12). The athlete is the request's user, not read again.
    with django_assert_num_queries(9):
        response = athlete_client.get(url(first_workout))
    assert len(response.context["cards"]) == prescriptions
    assert response.context["start_band_due"] and "Find your start band" in response.text

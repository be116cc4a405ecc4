from datetime import UTC, datetime

import pytest

from catalogue.models import Band
from logbook.models import SetLog, WorkoutLog
from tests.logbook.conftest import set_data
from tests.logbook.reading import seen

pytestmark = pytest.mark.usefixtures("catalogue")
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def monday_16_november(time_machine):
    time_machine.move_to(datetime(2026, 11, 16, 9, tzinfo=UTC), tick=False)


def url(workout) -> str:
    return f"/workouts/{workout.pk}/sets/"


@pytest.fixture
def nordic(first_workout):
    return first_workout.prescriptions.get(order=1)


@pytest.fixture
def hold(first_workout):
    return first_workout.prescriptions.get(order=2)


def test_one_tap_logs_the_set_as_prescribed(athlete_client, first_workout, nordic):
    response = athlete_client.post(url(first_workout), set_data(nordic))
    assert response.status_code == 302
    set_log = SetLog.objects.get()
    assert (set_log.set_number, set_log.reps, set_log.band.name) == (1, 12, "Green")
    assert (set_log.target_reps, set_log.prescription) == (12, nordic)
    assert set_log.workout_log.performed_on.isoformat() == "2026-11-16"
    assert response["Location"] == f"/workouts/{first_workout.pk}/#set-{nordic.pk}-1-both"


def test_htmx_gets_only_the_logged_row_under_4_kb(athlete_client, first_workout, nordic):
    response = athlete_client.post(url(first_workout), set_data(nordic), headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<li class="set-row is-logged"')
    assert 'data-rest-seconds="90"' in response.text
    assert "✓ 12 reps · green" in seen(response.text)
    assert "Undo" in response.text and "Edit" in response.text
    assert "<html" not in response.text
    assert len(response.content) < 4096


def test_a_hold_is_logged_in_seconds(athlete_client, first_workout, hold):
    athlete_client.post(url(first_workout), set_data(hold, seconds=34), headers=HTMX)
    set_log = SetLog.objects.get()
    assert (set_log.seconds, set_log.reps, set_log.target_seconds) == (34, None, 30)


def test_the_same_token_posted_again_returns_the_same_set(athlete_client, first_workout, nordic):
    data = set_data(nordic)
    first = athlete_client.post(url(first_workout), data, headers=HTMX)
    again = athlete_client.post(url(first_workout), data, headers=HTMX)
    assert SetLog.objects.count() == 1
    assert first.text == again.text.replace(again.wsgi_request.META["CSRF_COOKIE"], "") or (
        "✓ 12 reps" in again.text
    )


def test_a_second_token_for_a_logged_set_is_refused_on_the_row(
    athlete_client, first_workout, nordic
):
    athlete_client.post(url(first_workout), set_data(nordic), headers=HTMX)
    response = athlete_client.post(url(first_workout), set_data(nordic, reps=3), headers=HTMX)
    assert "This set is already logged. Reload the page to see it." in response.text
    assert SetLog.objects.get().reps == 12


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"reps": "-1"}, "Ensure this value is greater than or equal to 0."),
        ({"reps": "501"}, "Ensure this value is less than or equal to 500."),
        ({"reps": "lots"}, "Reps are a whole number."),
        ({"reps": ""}, "Enter the reps done."),
        ({"rpe": "11"}, "Ensure this value is less than or equal to 10."),
        ({"band": "99999"}, "That band is not in the catalogue."),
        ({"set_number": "0"}, "Ensure this value is greater than or equal to 1."),
    ],
)
def test_bad_input_is_refused_on_the_row_and_saves_nothing(
    athlete_client, first_workout, nordic, overrides, message
):
    response = athlete_client.post(url(first_workout), set_data(nordic, **overrides), headers=HTMX)
    assert response.status_code == 200
    assert message in response.text
    assert response.text.lstrip().startswith(f'<li class="set-row" id="set-{nordic.pk}-')
    assert not SetLog.objects.exists()


def test_seconds_over_an_hour_are_refused(athlete_client, first_workout, hold):
    response = athlete_client.post(url(first_workout), set_data(hold, seconds=3601), headers=HTMX)
    assert "Ensure this value is less than or equal to 3600." in response.text
    assert not SetLog.objects.exists()


def test_without_javascript_a_refused_set_shows_on_the_page(athlete_client, first_workout, nordic):
    response = athlete_client.post(url(first_workout), set_data(nordic, reps="-5"))
    assert response.status_code == 200
    assert "<html" in response.text
    assert "Ensure this value is greater than or equal to 0." in response.text
    assert 'value="-5"' in response.text


def test_a_prescription_of_another_workout_is_refused(athlete_client, first_workout, assignment):
    other = assignment.program.weeks.get(number=2).workouts.first().prescriptions.first()
    response = athlete_client.post(url(first_workout), set_data(other), headers=HTMX)
    assert "This exercise is not part of this workout." in response.text
    assert not SetLog.objects.exists()


def test_a_set_on_someone_elses_workout_is_404(client, outsider, first_workout, nordic):
    client.force_login(outsider)
    response = client.post(url(first_workout), set_data(nordic))
    assert response.status_code == 404
    assert not WorkoutLog.objects.exists()


def test_it_requires_login(client, first_workout, nordic):
    assert client.post(url(first_workout), set_data(nordic)).status_code == 302
    assert not SetLog.objects.exists()


def test_logging_a_set_stays_within_the_query_budget(
    athlete_client, first_workout, nordic, django_assert_num_queries
):
    athlete_client.post(url(first_workout), set_data(nordic), headers=HTMX)  # starts the log
    # The user, the workout, its prescription, the band, the begun log, the pause check and the
    # INSERT (which no savepoint wraps: `web.inserts`), inside the savepoint and release that
    # stand in for the action's own transaction (the test runs inside one).
    with django_assert_num_queries(9):
        athlete_client.post(url(first_workout), set_data(nordic, number=2), headers=HTMX)
    assert SetLog.objects.count() == 2


def test_the_first_tap_begins_the_session_without_a_savepoint(
    athlete_client, first_workout, nordic, django_assert_num_queries
):
    # The log is written by one INSERT (`web.inserts`), not a get_or_create's SELECT,
    # SAVEPOINT, INSERT and RELEASE; then the gap check, the doses it begins with, the Nordic
    # 48-hour check and the set.
    data = set_data(nordic)
    with django_assert_num_queries(15) as queries:
        athlete_client.post(url(first_workout), data, headers=HTMX)
    statements = [query["sql"].split(" ", 1)[0] for query in queries.captured_queries]
    assert statements.count("SAVEPOINT") == 1  # the action's transaction, in a test's
    assert statements.count("INSERT") == 2  # the session's log and the set
    assert WorkoutLog.objects.count() == SetLog.objects.count() == 1


def test_undo_removes_the_set_and_gives_a_fresh_row(athlete_client, first_workout, nordic):
    athlete_client.post(url(first_workout), set_data(nordic), headers=HTMX)
    set_log = SetLog.objects.get()
    response = athlete_client.post(f"/sets/{set_log.pk}/undo/", headers=HTMX)
    assert not SetLog.objects.exists()
    assert response.text.lstrip().startswith(f'<li class="set-row" id="set-{nordic.pk}-1-both"')
    # A Nordic row's log buttons are the four answers about control.
    assert '<button type="submit" name="control" value="full"' in response.text
    assert "Controlled to the floor" in response.text


def test_edit_changes_the_logged_values(athlete_client, first_workout, nordic):
    athlete_client.post(url(first_workout), set_data(nordic), headers=HTMX)
    set_log = SetLog.objects.get()
    form = athlete_client.get(f"/sets/{set_log.pk}/edit/", headers=HTMX)
    assert "Controlled to the floor" in form.text and 'value="12"' in form.text
    purple = Band.objects.get(name="Purple")
    response = athlete_client.post(
        f"/sets/{set_log.pk}/edit/", set_data(nordic, reps=9, band=purple.pk), headers=HTMX
    )
    set_log.refresh_from_db()
    assert (set_log.reps, set_log.band) == (9, purple)
    assert "✓ 9 reps · purple · controlled to the floor" in seen(response.text)


def test_edit_refuses_bad_input(athlete_client, first_workout, nordic):
    athlete_client.post(url(first_workout), set_data(nordic), headers=HTMX)
    set_log = SetLog.objects.get()
    response = athlete_client.post(
        f"/sets/{set_log.pk}/edit/", set_data(nordic, reps=900), headers=HTMX
    )
    assert "Ensure this value is less than or equal to 500." in response.text
    set_log.refresh_from_db()
    assert set_log.reps == 12


def test_someone_elses_set_is_404_for_undo_and_edit(
    client, athlete_client, outsider, first_workout, nordic
):
    athlete_client.post(url(first_workout), set_data(nordic), headers=HTMX)
    set_log = SetLog.objects.get()
    client.force_login(outsider)
    assert client.post(f"/sets/{set_log.pk}/undo/").status_code == 404
    assert client.get(f"/sets/{set_log.pk}/edit/").status_code == 404
    assert SetLog.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_posts_of_one_token_leave_one_row(athlete, first_workout, nordic):
    import threading

    from django.db import connection
    from django.test import Client

    data = set_data(nordic)
    barrier = threading.Barrier(2)
    statuses = []

    def post():
        client = Client()
        client.force_login(athlete)
        barrier.wait()
        try:
            statuses.append(client.post(url(first_workout), data, headers=HTMX).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200, 200]
    assert SetLog.objects.filter(token=data["token"]).count() == 1
    assert WorkoutLog.objects.count() == 1


def test_an_exercise_prescribed_twice_logs_both_first_sets(athlete_client, first_workout, nordic):
    from programs.models import Prescription

    back_off = Prescription.objects.create(
        workout=first_workout,
        exercise=nordic.exercise,
        order=3,
        sets=1,
        reps_min=5,
        band=nordic.band,
    )
    athlete_client.post(url(first_workout), set_data(nordic), headers=HTMX)
    response = athlete_client.post(url(first_workout), set_data(back_off), headers=HTMX)
    assert "✓ 5 reps" in response.text
    assert sorted(SetLog.objects.values_list("prescription_id", "set_number")) == [
        (nordic.pk, 1),
        (back_off.pk, 1),
    ]

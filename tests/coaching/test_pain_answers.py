"""The coach answers the athlete's pain stops: clear them all, comment on the workout, or set
the band by hand; each answers the stops it covers and the athlete's warning goes. The board
shows an unanswered stop until then."""

from datetime import date

import pytest

from accounts.models import Membership
from logbook import services as logbook
from logbook.models import PainStop
from tests.coaching.athletes import NOW, assign, athlete_view, log_workout, page_url, workouts_of
from tests.conftest import make_user

pytestmark = pytest.mark.usefixtures("frozen_clock")


WARNING = "You stopped for pain recently."


# Answering pain stops


def stop_for_pain(assignment, workout, **answers) -> PainStop:
    """The athlete taps "Stop: it hurts" on the workout's first exercise."""
    log = logbook.workout_start(
        athlete=assignment.athlete, assignment=assignment, workout=workout, today=NOW.date()
    )
    exercise = workout.prescriptions.first().exercise
    answers = {"side": "left", "where": "high", "kind": "sharp", **answers}
    return logbook.pain_stop_record(workout_log=log, exercise=exercise, **answers)


def clear_url(athlete) -> str:
    return f"/coach/athletes/{athlete.pk}/pain-stops/clear/"


def unanswered():
    return PainStop.objects.unanswered()


@pytest.fixture
def painful_log(assignment):
    """A finished workout with pain 6: a stop with no exercise."""
    return log_workout(assignment, workouts_of(assignment)[0], on=date(2026, 10, 1), pain=6)


@pytest.fixture
def stopped(assignment) -> PainStop:
    """Today's workout, stopped for pain on the Nordic."""
    return stop_for_pain(assignment, workouts_of(assignment)[5])


def test_the_athlete_page_lists_unanswered_stops(coach_client, athlete, painful_log, stopped):
    text = coach_client.get(page_url(athlete)).text
    assert 'id="pain-stops"' in text
    assert "Band-assisted Nordic curl: sharp, high, near the buttock, left leg" in text
    assert "Finished the session: pain 6/10" in text
    assert f'action="{clear_url(athlete)}"' in text
    assert "Clear: we have spoken</button>" in text


def test_clearing_answers_every_stop_and_the_warning_goes(
    coach_client, coach, athlete, painful_log, stopped
):
    assert WARNING in athlete_view(athlete).get("/today/").text
    response = coach_client.post(clear_url(athlete))
    assert response.status_code == 302
    assert response["Location"] == f"/coach/athletes/{athlete.pk}/#pain-stops"
    assert not unanswered().exists()
    for stop in PainStop.objects.all():
        assert (stop.answered_at, stop.answered_by) == (NOW, coach)
    page = coach_client.get(response["Location"]).text
    assert "Cleared 2 pain stops." in page
    assert 'id="pain-stops"' not in page
    athletes_browser = athlete_view(athlete)
    assert WARNING not in athletes_browser.get("/today/").text
    workout_page = athletes_browser.get(f"/workouts/{stopped.workout_log.workout_id}/").text
    assert WARNING not in workout_page
    # The stop itself stays, and the Nordic stays paused until the coach clears the pause.
    assert "No Nordic or other eccentric sets until your coach clears it." in workout_page


def test_clearing_with_nothing_to_clear_says_so(coach_client, athlete, assignment):
    response = coach_client.post(clear_url(athlete), follow=True)
    assert "Cleared 0 pain stops." in response.text


def test_clearing_leaves_other_athletes_stops_alone(coach_client, team, athlete, coach, stopped):
    teammate = make_user("teammate", first_name="Sam")
    Membership.objects.create(team=team, athlete=teammate)
    teammates = assign(teammate, coach)
    other = stop_for_pain(teammates, workouts_of(teammates)[5])
    coach_client.post(clear_url(athlete), follow=True)
    assert list(unanswered()) == [other]


def test_clearing_another_coachs_athlete_is_404(coach_client, outsider, theirs):
    stop = stop_for_pain(theirs, workouts_of(theirs)[5])
    assert coach_client.post(clear_url(outsider)).status_code == 404
    stop.refresh_from_db()
    assert stop.answered_at is None
    assert WARNING in athlete_view(outsider).get("/today/").text


def test_clearing_requires_login(client, athlete, stopped):
    response = client.post(clear_url(athlete))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert unanswered().exists()


def test_an_athlete_cannot_clear_their_own_stops(athlete_client, athlete, stopped):
    assert athlete_client.post(clear_url(athlete)).status_code == 403
    assert unanswered().exists()


def test_clearing_is_a_post(coach_client, athlete, stopped):
    assert coach_client.get(clear_url(athlete)).status_code == 405
    assert unanswered().exists()


def test_a_comment_answers_the_stops_of_its_workout_only(
    coach_client, coach, athlete, painful_log, stopped
):
    response = coach_client.post(
        f"/coach/logs/{painful_log.pk}/comments/", {"body": "Rest it, we talk tomorrow."}
    )
    assert response.status_code == 302
    answered = painful_log.pain_stops.get()
    assert (answered.answered_at, answered.answered_by) == (NOW, coach)
    assert list(unanswered()) == [stopped]
    assert WARNING in athlete_view(athlete).get("/today/").text
    coach_client.post(
        f"/coach/logs/{stopped.workout_log_id}/comments/", {"body": "Stop there for today."}
    )
    assert not unanswered().exists()
    assert WARNING not in athlete_view(athlete).get("/today/").text


def test_a_refused_comment_answers_nothing(coach_client, stopped):
    response = coach_client.post(f"/coach/logs/{stopped.workout_log_id}/comments/", {"body": ""})
    assert response.status_code == 422
    assert unanswered().exists()


def test_setting_the_band_by_hand_answers_the_athletes_stops(
    coach_client, coach, athlete, track, painful_log, stopped
):
    track.refresh_from_db()
    response = coach_client.post(
        f"/coach/tracks/{track.pk}/band/", {"band": "none", "reason": "Off the band for a week"}
    )
    assert response.status_code == 302
    assert not unanswered().exists()
    assert set(PainStop.objects.values_list("answered_by", flat=True)) == {coach.pk}
    assert WARNING not in athlete_view(athlete).get("/today/").text


def test_a_refused_band_answers_nothing(coach_client, track, stopped):
    response = coach_client.post(f"/coach/tracks/{track.pk}/band/", {"band": "none", "reason": ""})
    assert response.status_code == 422
    assert unanswered().exists()


def test_the_board_shows_an_unanswered_stop_until_it_is_answered(coach_client, athlete, stopped):
    flags = f"/coach/athletes/{athlete.pk}/flags/"
    summary = coach_client.get("/coach/").text.split('<details class="row-flags"')[1]
    assert "Stopped for pain" in summary.split("</summary>")[0]
    opened = coach_client.get(flags, headers={"HX-Request": "true"}).text
    assert '<strong>Stopped for pain</strong> <time datetime="2026-10-20' in opened
    coach_client.post(clear_url(athlete))
    assert "Stopped for pain" not in coach_client.get("/coach/").text
    assert "Stopped for pain" not in coach_client.get(flags, headers={"HX-Request": "true"}).text


def test_the_board_does_not_show_another_coachs_stops(coach_client, athlete, theirs):
    stop_for_pain(theirs, workouts_of(theirs)[5])
    assert "Stopped for pain" not in coach_client.get("/coach/").text

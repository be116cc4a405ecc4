"""The coach answers the engine and the athlete: approve or decline a suggested step on, and
answer pain stops (clear them, comment on the workout, or set the band by hand)."""

import uuid
from datetime import UTC, date, datetime, time

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import Membership
from catalogue.models import Band, Pattern
from logbook import services as logbook
from logbook.models import PainStop
from programs.assignments import program_assign
from programs.library_load import load_library
from programs.models import BandChange, ChangeStatus, Program
from tests.coaching.test_athlete_page import assign, log_workout, workouts_of
from tests.conftest import make_user

NOW = datetime(2026, 10, 20, 12, 0, tzinfo=UTC)
HTMX = {"HX-Request": "true"}
WARNING = "You stopped for pain recently."


@pytest.fixture(autouse=True)
def frozen_clock(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def library(catalogue):
    load_library()


@pytest.fixture
def assignment(library, athlete, coach):
    return assign(athlete, coach)


@pytest.fixture
def track(assignment):
    return assignment.tracks.get()


@pytest.fixture
def theirs(library, outsider, other_coach):
    """An assignment of another coach's athlete."""
    return assign(outsider, other_coach)


def suggest(track, band_name: str = "Purple") -> BandChange:
    """What the engine writes for an advance on a loaded exercise: a step waiting for the
    coach (the engine side is tested in tests/programs and tests/logbook)."""
    band = Band.objects.get(name=band_name)
    return BandChange.objects.create(
        track=track,
        from_band=track.band,
        to_band=band,
        action="advance",
        reason=f"3 sessions in a row with every rep done: your coach is asked to approve that "
        f"you use the {band_name.lower()} band next.",
        decided_by="engine",
        status=ChangeStatus.SUGGESTED,
    )


@pytest.fixture
def suggestion(track) -> BandChange:
    return suggest(track)


def decide_url(change, decision: str) -> str:
    return f"/coach/suggestions/{change.pk}/{decision}/"


def page_url(athlete) -> str:
    return f"/coach/athletes/{athlete.pk}/"


def athlete_view(athlete) -> Client:
    """The athlete's own browser, next to the coach's."""
    browser = Client()
    browser.force_login(athlete)
    return browser


# Suggested steps


def test_the_athlete_page_shows_a_waiting_suggestion(coach_client, athlete, suggestion):
    text = coach_client.get(page_url(athlete)).text
    assert "Suggested: Purple band" in text
    assert "your coach is asked to approve that you use the purple band next." in text
    assert f'action="{decide_url(suggestion, "approve")}"' in text
    assert f'action="{decide_url(suggestion, "decline")}"' in text
    assert "Approve</button>" in text and "Decline</button>" in text


def test_without_a_suggestion_there_is_nothing_to_approve(coach_client, athlete, track):
    text = coach_client.get(page_url(athlete)).text
    assert "Suggested:" not in text
    assert "Approve</button>" not in text


def test_approving_applies_the_band(coach_client, coach, athlete, track, suggestion):
    response = coach_client.post(decide_url(suggestion, "approve"))
    assert response.status_code == 302
    assert response["Location"] == f"/coach/athletes/{athlete.pk}/#track-{track.pk}"
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.by, suggestion.at) == ("applied", coach, NOW)
    assert suggestion.from_band.name == "Green"
    track.refresh_from_db()
    assert track.band.name == "Purple"
    text = coach_client.get(response["Location"]).text
    assert "Approved: purple band from the next session." in text
    assert "Suggested:" not in text
    assert "Band-assisted Nordic curl: green to purple since 20 Oct" in text
    today = athlete_view(athlete).get("/today/").text
    assert "Purple band" in today


def test_declining_keeps_the_band(coach_client, coach, athlete, track, suggestion):
    response = coach_client.post(decide_url(suggestion, "decline"), follow=True)
    assert "Declined." in response.text
    assert "Suggested:" not in response.text
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.by) == ("declined", coach)
    track.refresh_from_db()
    assert track.band.name == "Green"


def test_a_decided_suggestion_cannot_be_decided_again(coach_client, track, suggestion):
    coach_client.post(decide_url(suggestion, "approve"))
    assert coach_client.post(decide_url(suggestion, "decline")).status_code == 404
    assert coach_client.post(decide_url(suggestion, "approve")).status_code == 404
    suggestion.refresh_from_db()
    assert suggestion.status == "applied"
    assert track.changes.filter(status="applied").count() == 2  # the start, then this


def test_an_applied_change_is_not_a_suggestion(coach_client, track):
    start = track.changes.get()
    assert coach_client.post(decide_url(start, "decline")).status_code == 404
    start.refresh_from_db()
    assert start.status == "applied"


def test_htmx_gets_only_the_track_card(coach_client, track, suggestion):
    response = coach_client.post(decide_url(suggestion, "approve"), headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<article class="card track" id="track-{track.pk}"')
    assert "Approved: purple band from the next session." in response.text
    assert "Green → Purple" in response.text
    assert "Suggested:" not in response.text
    assert "<html" not in response.text
    assert "Recent workouts" not in response.text


def test_htmx_declining_gets_the_card_without_the_suggestion(coach_client, track, suggestion):
    response = coach_client.post(decide_url(suggestion, "decline"), headers=HTMX)
    assert response.text.lstrip().startswith(f'<article class="card track" id="track-{track.pk}"')
    assert "Declined." in response.text
    assert "Now: " in response.text and "Green band" in response.text
    assert "Approve</button>" not in response.text


@pytest.mark.parametrize("decision", ["maybe", "APPROVE", "approved", "delete"])
def test_an_unknown_decision_is_404(coach_client, track, suggestion, decision):
    assert coach_client.post(decide_url(suggestion, decision)).status_code == 404
    suggestion.refresh_from_db()
    assert suggestion.status == "suggested"
    track.refresh_from_db()
    assert track.band.name == "Green"


def test_another_coachs_suggestion_is_404(coach_client, theirs):
    change = suggest(theirs.tracks.get())
    for decision in ("approve", "decline"):
        assert coach_client.post(decide_url(change, decision)).status_code == 404
    change.refresh_from_db()
    assert change.status == "suggested"
    assert theirs.tracks.get().band.name == "Green"


def test_an_unknown_suggestion_is_404(coach_client, suggestion):
    assert coach_client.post("/coach/suggestions/999999/approve/").status_code == 404


def test_deciding_requires_login(client, suggestion):
    response = client.post(decide_url(suggestion, "approve"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    suggestion.refresh_from_db()
    assert suggestion.status == "suggested"


def test_deciding_is_for_coaches(athlete_client, track, suggestion):
    assert athlete_client.post(decide_url(suggestion, "approve")).status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.status == "suggested"
    track.refresh_from_db()
    assert track.band.name == "Green"


def test_deciding_is_a_post(coach_client, suggestion):
    assert coach_client.get(decide_url(suggestion, "approve")).status_code == 405


def do_at_track_bands(assignment, workout, on: date):
    """Every prescribed set done on the athlete's band, at RPE 7, controlled; then finish."""
    log = logbook.workout_start(
        athlete=assignment.athlete, assignment=assignment, workout=workout, today=on
    )
    bands = {track.exercise_id: track.band for track in assignment.tracks.all()}
    for prescription in workout.prescriptions.select_related("exercise"):
        band = bands.get(prescription.exercise_id, prescription.band)
        eccentric = prescription.exercise.pattern == Pattern.ECCENTRIC
        for number in range(1, prescription.sets + 1):
            for side in prescription.sides:
                done = prescription.target_for_set(number)
                logbook.set_log(
                    workout_log=log,
                    token=uuid.uuid4(),
                    exercise_id=prescription.exercise_id,
                    prescription=prescription,
                    set_number=number,
                    side=side,
                    reps=None if prescription.is_hold else done,
                    seconds=done if prescription.is_hold else None,
                    band=band,
                    rpe=7,
                    control="full" if eccentric else "",
                )
    evening = timezone.make_aware(datetime.combine(on, time(18)))
    return logbook.workout_finish(workout_log=log, rpe=7, pain=0, now=evening)


def test_the_engine_suggests_the_loaded_rdl_and_the_coach_approves_it(
    coach_client, athlete, coach, library
):
    """The leg-day primer's band-resisted RDL has coach_approves: after three good sessions
    and two weeks on the purple band the engine asks instead of moving it."""
    primer = Program.objects.library().get(slug="leg-day-primer")
    start = date(2026, 9, 28)
    assignment = program_assign(template=primer, athlete=athlete, start_date=start, by=coach)
    rdl = assignment.tracks.get(exercise__slug="band-resisted-romanian-deadlift")
    for workout in workouts_of(assignment)[:5]:  # 28 Sep to 12 Oct
        do_at_track_bands(assignment, workout, workout.scheduled_on(start))
    change = rdl.changes.get(status="suggested")
    assert (change.from_band.name, change.to_band.name, change.decided_by) == (
        "Purple",
        "Green",
        "engine",
    )
    rdl.refresh_from_db()
    assert rdl.band.name == "Purple"
    assert "Suggested: Green band" in coach_client.get(page_url(athlete)).text

    response = coach_client.post(decide_url(change, "approve"), headers=HTMX)
    assert "Approved: green band from the next session." in response.text
    rdl.refresh_from_db()
    assert rdl.band.name == "Green"


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

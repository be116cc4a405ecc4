"""The coach answers the engine: approve or decline a step on it suggests (for the loaded RDL,
after three good sessions and two weeks on its band), each decided once, by the athlete's own
coach only; htmx gets only the track's card."""

import uuid
from datetime import date, datetime, time

import pytest
from django.utils import timezone

from catalogue.models import Pattern
from logbook import services as logbook
from programs.assignments import program_assign
from programs.models import BandChange, Program
from tests.coaching.athletes import NOW, athlete_view, page_url, suggest, workouts_of

pytestmark = pytest.mark.usefixtures("frozen_clock")


HTMX = {"HX-Request": "true"}


@pytest.fixture
def suggestion(track) -> BandChange:
    return suggest(track)


def decide_url(change, decision: str) -> str:
    return f"/coach/suggestions/{change.pk}/{decision}/"


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

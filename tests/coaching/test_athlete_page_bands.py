"""The coach sets an athlete's band by hand from the athlete page, with a reason: bad input is
explained and saves nothing, a finished program's band no longer moves, htmx gets only the
track's card."""

import pytest

from catalogue.models import Band
from programs.models import BandChange, DecidedBy
from tests.coaching.athletes import HTMX, messages_of

pytestmark = pytest.mark.usefixtures("frozen_clock")


def band_url(track) -> str:
    return f"/coach/tracks/{track.pk}/band/"


# Setting a band by hand


def test_the_coach_sets_a_band_with_a_reason(coach_client, coach, track):
    purple = Band.objects.get(name="Purple")
    response = coach_client.post(band_url(track), {"band": purple.pk, "reason": "Ready for it"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#track-{track.pk}")
    track.refresh_from_db()
    assert track.band == purple
    change = track.changes.last()
    assert (change.from_band.name, change.to_band, change.action) == ("Green", purple, "set")
    assert (change.reason, change.decided_by, change.by) == ("Ready for it", DecidedBy.COACH, coach)


def test_the_coach_takes_the_athlete_off_the_band(coach_client, athlete, track):
    response = coach_client.post(
        band_url(track), {"band": "none", "reason": "Test it"}, follow=True
    )
    assert "Band-assisted Nordic curl: now without a band." in messages_of(response)
    track.refresh_from_db()
    assert track.band is None
    assert "Band-assisted Nordic curl: green to unassisted since 20 Oct" in response.text


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"band": "999999", "reason": "Why not"}, "Choose one of the bands in the list."),
        ({"band": "mini", "reason": "Why not"}, "Choose one of the bands in the list."),
        ({"band": "none", "reason": "   "}, "Say why you are moving the band."),
        (
            {"band": "none", "reason": "x" * 301},
            "Keep the reason to 300 characters (this one has 301).",
        ),
        ({"band": "green", "reason": "Same again"}, "The athlete is already on this band."),
    ],
)
def test_bad_band_input_is_explained_and_nothing_is_saved(coach_client, track, data, error):
    bands = {band.name.lower(): str(band.pk) for band in Band.objects.all()}
    data = {**data, "band": bands.get(data["band"], data["band"])}
    changes = BandChange.objects.count()
    response = coach_client.post(band_url(track), data)
    assert response.status_code == 422
    assert error in response.text
    assert "<h1>Alex</h1>" in response.text  # the whole page, with the form open
    assert BandChange.objects.count() == changes
    track.refresh_from_db()
    assert track.band.name == "Green"

    response = coach_client.post(band_url(track), data, **HTMX)
    assert response.status_code == 200
    assert error in response.text
    assert "<html" not in response.text
    assert BandChange.objects.count() == changes


def test_a_finished_programs_band_no_longer_moves(coach_client, assignment, track):
    assignment.status = "done"
    assignment.save()
    response = coach_client.post(band_url(track), {"band": "none", "reason": "Done"}, **HTMX)
    assert "This program has ended" in response.text
    assert track.changes.count() == 1


def test_htmx_gets_only_the_track(coach_client, track):
    purple = Band.objects.get(name="Purple")
    response = coach_client.post(band_url(track), {"band": purple.pk, "reason": "Ready"}, **HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<article class="card track" id="track-{track.pk}"')
    assert "Band-assisted Nordic curl: now on the purple band." in response.text
    assert "Green → Purple" in response.text
    assert "<svg" in response.text
    assert "<html" not in response.text


def test_setting_a_band_requires_login(client, track):
    assert client.post(band_url(track), {"band": "none", "reason": "x"}).status_code == 302


def test_setting_a_band_is_for_coaches(athlete_client, track):
    assert athlete_client.post(band_url(track), {"band": "none", "reason": "x"}).status_code == 403
    assert track.changes.count() == 1


def test_another_coachs_track_is_404(coach_client, theirs):
    track = theirs.tracks.get()
    assert coach_client.post(band_url(track), {"band": "none", "reason": "x"}).status_code == 404
    assert track.changes.count() == 1

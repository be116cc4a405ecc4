"""The band's help in physical units on the workout page (issue 28): under the band of an
assisted Nordic, the share of the athlete's body-weight pull at the horizontal that the band takes,
from the rated range or, once their coach measured the band, that one value; a hint to add body
mass and height without them; one query more, and only for a card with an assist band."""

from datetime import UTC, date, datetime
from decimal import Decimal
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from catalogue.models import Band, BandMeasurement
from logbook.band_help import nearest_5_percent
from programs.models import BandTrack
from tests.logbook.reading import seen as seen_escaped

pytestmark = pytest.mark.usefixtures("catalogue")
RATED_GREEN = "Green: about 30-75% of your weight's pull at the horizontal."
HINT = "How much of your weight does this band take? Add your body mass and height to see."


@pytest.fixture(autouse=True)
def monday_16_november(time_machine):
    time_machine.move_to(datetime(2026, 11, 16, 9, tzinfo=UTC), tick=False)


def seen(html: str) -> str:
    """The page's text, its entities read as characters (the apostrophe of "weight's")."""
    return unescape(seen_escaped(html))


def url(workout) -> str:
    return f"/workouts/{workout.pk}/"


def body(athlete, mass_kg=80, height_cm=180):
    User.objects.filter(pk=athlete.pk).update(body_mass_kg=mass_kg, height_cm=height_cm)


def measure(owner, band_name: str, kg: str) -> None:
    BandMeasurement.objects.create(
        owner=owner,
        band=Band.objects.get(name=band_name),
        tension_kg=Decimal(kg),
        length_cm=180,
        measured_on=date(2026, 11, 3),
    )


def nordic_card(text: str) -> str:
    """What the assisted Nordic's card reads, up to the next card."""
    start = text.index("Band-assisted Nordic curl")
    return text[start : text.index("Banded isometric", start)]


def test_the_rated_range_gives_a_range_under_the_band(athlete_client, athlete, first_workout):
    """80 kg, 1.80 m on green (rated 23-57 kg): 30.4% to 75.3% at the horizontal
    (docs/strength-estimate.md), shown to the nearest 5%."""
    body(athlete)
    text = seen(athlete_client.get(url(first_workout)).text)
    assert RATED_GREEN in nordic_card(text)
    assert text.count("weight's pull at the horizontal") == 1  # not under the hold's band


def test_the_coachs_measurement_gives_one_number(athlete_client, athlete, coach, first_workout):
    """Green measured at 16 kg: 16 x 9.81 x 0.5874 / 436.3 = 21%, about 20%."""
    body(athlete)
    measure(coach, "Green", "16")
    card = nordic_card(seen(athlete_client.get(url(first_workout)).text))
    assert (
        "Green: about 20% of your weight's pull at the horizontal "
        "(your coach measured this band)." in card
    )
    assert RATED_GREEN not in card


def test_another_coachs_measurement_does_not_apply(
    athlete_client, athlete, other_coach, first_workout
):
    body(athlete)
    measure(other_coach, "Green", "16")
    card = nordic_card(seen(athlete_client.get(url(first_workout)).text))
    assert RATED_GREEN in card and "measured" not in card


@pytest.mark.parametrize(("mass", "height"), [(None, None), (80, None), (None, 180)])
def test_without_body_mass_and_height_a_hint_and_no_number(
    athlete_client, athlete, first_workout, mass, height
):
    body(athlete, mass, height)
    response = athlete_client.get(url(first_workout))
    card = nordic_card(seen(response.text))
    assert HINT in card
    assert "weight's pull" not in card
    assert 'href="/accounts/settings/"' in response.text


def test_unassisted_shows_no_help_and_no_hint(athlete_client, athlete, assignment, first_workout):
    body(athlete)
    BandTrack.objects.filter(assignment=assignment).update(band=None)
    text = seen(athlete_client.get(url(first_workout)).text)
    assert "weight's pull" not in text and HINT not in text


def queries(client, workout) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url(workout)).status_code == 200
    return len(captured)


def test_it_costs_one_query_only_with_an_assist_band_and_a_body(
    athlete_client, athlete, assignment, first_workout
):
    without_body = queries(athlete_client, first_workout)
    body(athlete)
    assert queries(athlete_client, first_workout) == without_body + 1
    BandTrack.objects.filter(assignment=assignment).update(band=None)  # unassisted
    unassisted_with_body = queries(athlete_client, first_workout)
    body(athlete, None, None)
    assert queries(athlete_client, first_workout) == unassisted_with_body


@pytest.mark.parametrize(
    ("share", "percent"), [(0.304, 30), (0.753, 75), (0.225, 25), (0.2249, 20), (0.066, 5)]
)
def test_shares_are_shown_to_the_nearest_5_percent_halves_up(share, percent):
    assert nearest_5_percent(share) == percent

"""Beside the coach's band ladder of a band-assisted Nordic (issue 28): each band's help for this
athlete as a share of their body-weight pull at the horizontal, from the rating or the coach's
own measurement; a note when the athlete has no body mass and height; one query more at most."""

from datetime import date
from decimal import Decimal
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from catalogue.models import Band, BandMeasurement
from tests.coaching.athletes import HTMX, page_url
from tests.logbook.reading import seen

pytestmark = pytest.mark.usefixtures("frozen_clock")


def read(html: str) -> str:
    return unescape(seen(html))


def helps(html: str) -> str:
    """What the list of band helps beside the ladder reads."""
    start = html.index('<ul class="row-list compact band-helps">')
    return read(html[start : html.index("</ul>", start)])


def body(athlete, mass_kg=80, height_cm=180):
    User.objects.filter(pk=athlete.pk).update(body_mass_kg=mass_kg, height_cm=height_cm)


def measure(owner, band_name: str, kg: str) -> None:
    BandMeasurement.objects.create(
        owner=owner,
        band=Band.objects.get(name=band_name),
        tension_kg=Decimal(kg),
        length_cm=180,
        measured_on=date(2026, 10, 1),
    )


def test_each_band_of_the_ladder_has_its_help_for_this_athlete(coach_client, athlete, track):
    """80 kg, 1.80 m: red 6.6-21%, green 30.4-75.3%, blue 38.3% to all of the weight
    (docs/strength-estimate.md), to the nearest 5%."""
    body(athlete)
    html = coach_client.get(page_url(athlete)).text
    assert "Each band's help for Alex" in read(html)
    assert helps(html) == (
        "Red about 5-20% Black about 15-40% Purple about 20-50% "
        "Green now about 30-75% Blue about 40-100%"
    )


def test_the_coachs_measurement_gives_one_number(coach_client, coach, athlete, track):
    """Green measured at 16 kg: 21% of this athlete's weight's pull, about 20%."""
    body(athlete)
    measure(coach, "Green", "16")
    assert "Green now about 20% (measured)" in helps(coach_client.get(page_url(athlete)).text)


def test_another_coachs_measurement_does_not_apply(coach_client, other_coach, athlete, track):
    body(athlete)
    measure(other_coach, "Green", "16")
    listed = helps(coach_client.get(page_url(athlete)).text)
    assert "Green now about 30-75%" in listed and "measured" not in listed


def test_without_body_mass_and_height_it_says_what_is_missing(coach_client, athlete, track):
    body(athlete, 80, None)
    html = coach_client.get(page_url(athlete)).text
    assert "band-helps" in html and "about 30-75%" not in html
    assert "shows once they add their body mass and height in their settings" in read(html)


def test_the_track_card_alone_carries_it_too(coach_client, athlete, track):
    body(athlete)
    purple = Band.objects.get(name="Purple")
    response = coach_client.post(
        f"/coach/tracks/{track.pk}/band/", {"band": purple.pk, "reason": "Ready"}, **HTMX
    )
    assert "<html" not in response.text
    assert "Purple now about 20-50%" in helps(response.text)


def test_it_costs_one_query_more_with_a_body(coach_client, athlete, track):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            coach_client.get(page_url(athlete))
        return len(captured)

    without = queries()
    body(athlete)
    assert queries() == without + 1

"""Band tensions in the reader's units on every page that shows one: the band ladder, the band
badge of a workout, the bands one owns (on their page and in settings). lb for someone who
chose lb; kg for everyone else, anonymous visitors included."""

import re

import pytest
from django.template.loader import render_to_string

from catalogue.models import Band
from catalogue.templatetags.units import tension, units
from tests.logbook.conftest import assignment, first_workout, nordic_block  # noqa: F401

pytestmark = pytest.mark.usefixtures("catalogue")

GREEN_KG, GREEN_LB = "23-57 kg", "51-126 lb"
TENSION_IN_KG, TENSION_IN_LB = re.compile(r"\d+-\d+ kg"), re.compile(r"\d+-\d+ lb")


@pytest.fixture
def pound_athlete(athlete):
    athlete.units = "lb"
    athlete.save()
    athlete.owned_bands.set([Band.objects.get(name="Green")])
    return athlete


@pytest.fixture
def pound_client(client, pound_athlete):
    client.force_login(pound_athlete)
    return client


def test_the_filter_reads_the_persons_units(athlete):
    green = Band.objects.get(name="Green")
    assert tension(green, athlete) == GREEN_KG
    athlete.units = "lb"
    assert tension(green, athlete) == GREEN_LB
    assert units(athlete) == "lb"


def test_anonymous_visitors_and_missing_bands_read_kg_or_nothing():
    from django.contrib.auth.models import AnonymousUser

    assert tension(Band.objects.get(name="Red"), AnonymousUser()) == "5-16 kg"
    assert units(AnonymousUser()) == "kg"
    assert tension(None, AnonymousUser()) == ""


@pytest.mark.parametrize("url", ["/bands/", "/bands/mine/", "/accounts/settings/"])
def test_a_pound_reader_sees_pounds_on_every_band_page(pound_client, url):
    page = pound_client.get(url).text
    assert GREEN_LB in page
    assert not TENSION_IN_KG.search(page)


@pytest.mark.parametrize("url", ["/bands/", "/bands/mine/", "/accounts/settings/"])
def test_a_kilogram_reader_sees_kilograms(client, athlete, url):
    athlete.owned_bands.set([Band.objects.get(name="Green")])
    client.force_login(athlete)
    page = client.get(url).text
    assert GREEN_KG in page
    assert not TENSION_IN_LB.search(page)


def test_the_band_ladder_says_which_units_and_where_to_change_them(pound_client, client):
    page = pound_client.get("/bands/").text
    assert "Tensions shown in lb." in page
    assert 'href="/accounts/settings/">Change your units</a>' in page
    client.logout()
    assert "Log in to see them in your own units." in client.get("/bands/").text


def test_the_workout_pages_band_badge_shows_the_tension_in_the_athletes_units(
    pound_client,
    first_workout,  # noqa: F811
):
    page = pound_client.get(f"/workouts/{first_workout.pk}/").text
    badge = page[page.index('class="band-badge') :]
    badge = badge[: badge.index("</p>")]
    assert "Green band" in badge and GREEN_LB in badge


def test_the_band_badge_component_in_kg_for_anonymous_rendering():
    from django.contrib.auth.models import AnonymousUser

    html = render_to_string(
        "components/band_badge.html",
        {"band": Band.objects.get(name="Blue"), "role": "resist", "user": AnonymousUser()},
    )
    assert "Blue band" in html and "29-79 kg" in html and "thicker is harder" in html

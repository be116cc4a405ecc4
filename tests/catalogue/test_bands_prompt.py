"""After signing up through an invite the athlete is asked which bands they own, then goes on
to today (tests/accounts/test_invite_accepting.py checks the sign-up sends them here)."""

import pytest

from catalogue.models import Band

pytestmark = pytest.mark.usefixtures("catalogue")
PROMPT = "/bands/mine/?next=%2Ftoday%2F"


def test_it_asks_which_bands_and_offers_to_skip(athlete_client):
    page = athlete_client.get(PROMPT).text
    assert "<h1>Which bands do you have?</h1>" in page
    assert '<input type="hidden" name="next" value="/today/">' in page
    assert 'href="/today/">Skip for now</a>' in page
    assert "Save and continue" in page


def test_saving_goes_on_to_today(athlete_client, athlete):
    green = Band.objects.get(name="Green")
    response = athlete_client.post("/bands/mine/", {"bands": [green.pk], "next": "/today/"})
    assert response["Location"] == "/today/"
    assert list(athlete.owned_bands.all()) == [green]


def test_htmx_saving_sends_the_page_on_to_today(athlete_client):
    response = athlete_client.post(
        "/bands/mine/", {"bands": [], "next": "/today/"}, headers={"HX-Request": "true"}
    )
    assert response["HX-Redirect"] == "/today/"


@pytest.mark.parametrize("elsewhere", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_a_next_address_off_the_site_is_ignored(athlete_client, elsewhere):
    page = athlete_client.get("/bands/mine/", {"next": elsewhere}).text
    assert "<h1>My bands</h1>" in page and "evil" not in page
    response = athlete_client.post("/bands/mine/", {"bands": [], "next": elsewhere})
    assert response["Location"] == "/bands/mine/"


def test_without_next_it_is_the_plain_page(athlete_client):
    page = athlete_client.get("/bands/mine/").text
    assert "<h1>My bands</h1>" in page and "Skip for now" not in page

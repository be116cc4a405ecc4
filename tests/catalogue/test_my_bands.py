import pytest

from catalogue.models import Band

pytestmark = pytest.mark.usefixtures("catalogue")
URL = "/bands/mine/"


def test_it_requires_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={URL}"


def test_it_shows_the_bands_with_the_owned_ones_ticked(athlete_client, athlete):
    purple = Band.objects.get(name="Purple")
    athlete.owned_bands.set([purple])
    response = athlete_client.get(URL)
    assert response.status_code == 200
    assert f'value="{purple.pk}"' in response.text
    assert list(response.context["form"].initial["bands"]) == [purple]


def test_it_saves_the_bands_and_redirects(athlete_client, athlete):
    chosen = Band.objects.filter(name__in=["Black", "Green"])
    response = athlete_client.post(URL, {"bands": [band.pk for band in chosen]})
    assert response.status_code == 302
    assert set(athlete.owned_bands.values_list("name", flat=True)) == {"Black", "Green"}


def test_it_saves_only_for_the_logged_in_athlete(athlete_client, athlete, outsider):
    athlete_client.post(URL, {"bands": [Band.objects.get(name="Red").pk]})
    assert outsider.owned_bands.count() == 0


def test_an_unknown_band_is_refused_and_nothing_changes(athlete_client, athlete):
    athlete.owned_bands.set([Band.objects.get(name="Red")])
    response = athlete_client.post(URL, {"bands": ["999999"]})
    assert response.status_code == 200
    assert "999999 is not one of the bands in the catalogue." in response.text
    assert list(athlete.owned_bands.values_list("name", flat=True)) == ["Red"]


def test_htmx_gets_only_the_form_partial(athlete_client, athlete):
    response = athlete_client.post(
        URL, {"bands": [Band.objects.get(name="Blue").pk]}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<form id="bands-form"')
    assert "Your bands are saved." in response.text
    assert list(athlete.owned_bands.values_list("name", flat=True)) == ["Blue"]

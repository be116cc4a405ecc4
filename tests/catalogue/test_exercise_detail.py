import re

import pytest

from catalogue.models import Exercise

pytestmark = pytest.mark.usefixtures("catalogue")

URL = "/exercises/band-assisted-nordic-curl/"


def test_it_shows_setup_cues_mistakes_and_dose(client):
    exercise = Exercise.objects.get(slug="band-assisted-nordic-curl")
    response = client.get(URL)
    assert response.status_code == 200
    assert "Set-up" in response.text
    for cue in exercise.cue_list:
        assert cue in response.text
    for mistake in exercise.mistake_list:
        assert mistake in response.text
    assert "Reps" in response.text


def test_it_explains_the_band_role_in_plain_words(client):
    assist = client.get(URL)
    assert "The band takes weight off you; a thinner band is harder." in assist.text
    resist = client.get("/exercises/banded-prone-leg-curl/")
    assert "The band adds load; a thicker band is harder." in resist.text


def test_it_links_progressions_and_regressions(client):
    assisted = client.get(URL)
    assert 'href="/exercises/nordic-hamstring-curl/"' in assisted.text
    unassisted = client.get("/exercises/nordic-hamstring-curl/")
    assert "Easier forms" in unassisted.text
    assert f'href="{URL}"' in unassisted.text


def test_an_unpublished_exercise_is_404_for_everyone_but_staff(client, athlete, staff):
    Exercise.objects.filter(slug="band-assisted-nordic-curl").update(is_published=False)
    assert client.get(URL).status_code == 404
    client.force_login(athlete)
    assert client.get(URL).status_code == 404
    client.force_login(staff)
    assert client.get(URL).status_code == 200


def test_an_unpublished_progression_is_not_linked(client):
    Exercise.objects.filter(slug="nordic-hamstring-curl").update(is_published=False)
    response = client.get(URL)
    assert "/exercises/nordic-hamstring-curl/" not in response.text


def test_an_unknown_slug_is_404(client):
    assert client.get("/exercises/no-such-thing/").status_code == 404


def test_it_lists_the_library_programs_that_use_it(client, athlete, library):
    client.force_login(athlete)
    # The programs app answers the section: htmx loads it in place, else it is a link.
    page = client.get(URL).text
    assert "Programs that use it" in page
    assert 'hx-get="/programs/using/band-assisted-nordic-curl/"' in page
    section = client.get(
        "/programs/using/band-assisted-nordic-curl/", headers={"HX-Request": "true"}
    )
    titles = re.findall(r'class="row-link"[^>]*>([^<]+)</a>', section.text)
    assert titles == [
        "Band-assisted Nordic, 10 weeks",
        "In-season Nordic maintenance",
        "Runner&#x27;s resilience, 6 weeks",
    ]
    assert "<html" not in section.text
    assert (
        "Runner&#x27;s resilience" in client.get("/programs/using/band-assisted-nordic-curl/").text
    )
    # Anonymous visitors see no programs: the library is for members.
    client.logout()
    assert "Programs that use it" not in client.get(URL).text
    response = client.get("/programs/using/band-assisted-nordic-curl/")
    assert response.status_code == 302
    assert client.get("/programs/using/no-such-exercise/").status_code == 302


def test_programs_using_an_unknown_exercise_is_404(athlete_client):
    assert athlete_client.get("/programs/using/no-such-exercise/").status_code == 404

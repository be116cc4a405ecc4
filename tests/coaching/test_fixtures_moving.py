"""Moving and deleting a team's match: the edit form (a page, or the section for htmx), a new
day and label saved, a day already taken or a bad date refused; deleting needs a post."""

from datetime import date

import pytest

from programs.models import Fixture
from tests.coaching.matches import HTMX, error_next_to, fixtures_of, url
from tests.logbook.reading import seen

pytestmark = pytest.mark.usefixtures("thursday_19_november")


# Moving and deleting one


def test_the_edit_link_shows_the_match_as_a_form(coach_client, team, rovers):
    edit = f"/coach/fixtures/{rovers.pk}/edit/"
    page = coach_client.get(edit)
    assert page.status_code == 200 and "<html" in page.text
    assert f'action="{edit}"' in page.text
    assert 'value="2026-12-05"' in page.text and 'value="v Rovers (away)"' in page.text
    partial = coach_client.get(edit, headers=HTMX)
    assert partial.text.lstrip().startswith('<section id="fixtures"')
    assert f'hx-post="{edit}"' in partial.text


def test_moving_a_match_changes_its_day_and_label(coach_client, team, rovers):
    edit = f"/coach/fixtures/{rovers.pk}/edit/"
    response = coach_client.post(edit, {"date": "2026-12-06", "label": "v Rovers (home)"})
    assert response.status_code == 302
    assert response["Location"] == url(team) + "#fixtures"
    assert fixtures_of(team) == [(date(2026, 12, 6), "v Rovers (home)")]
    page = seen(coach_client.get(response["Location"]).text)
    assert "Match of Sat 5 Dec 2026 saved, moved to Sun 6 Dec 2026." in page


def test_moving_a_match_with_htmx_gets_the_updated_section(coach_client, team, rovers):
    response = coach_client.post(
        f"/coach/fixtures/{rovers.pk}/edit/", {"date": "13/12/2026", "label": ""}, headers=HTMX
    )
    assert response.text.lstrip().startswith('<section id="fixtures"')
    assert "Sun 13 Dec 2026 Match" in seen(response.text)
    assert fixtures_of(team) == [(date(2026, 12, 13), "")]


def test_moving_a_match_onto_another_match_day_is_refused(coach_client, team, rovers):
    Fixture.objects.create(team=team, date=date(2026, 12, 12), label="v City")
    response = coach_client.post(f"/coach/fixtures/{rovers.pk}/edit/", {"date": "2026-12-12"})
    assert response.status_code == 422
    assert "This team already has a match on that day." in error_next_to(response, "edit_date")
    assert fixtures_of(team) == [
        (date(2026, 12, 5), "v Rovers (away)"),
        (date(2026, 12, 12), "v City"),
    ]


def test_moving_a_match_to_a_bad_date_is_refused(coach_client, team, rovers):
    response = coach_client.post(f"/coach/fixtures/{rovers.pk}/edit/", {"date": "2026-13-01"})
    assert response.status_code == 422
    assert "Give a date such as" in error_next_to(response, "edit_date")
    rovers.refresh_from_db()
    assert rovers.date == date(2026, 12, 5)


def test_deleting_a_match_removes_it(coach_client, team, rovers, city):
    response = coach_client.post(f"/coach/fixtures/{rovers.pk}/delete/", headers=HTMX)
    assert fixtures_of(team) == [(date(2026, 10, 31), "v City")]
    assert "Match on Sat 5 Dec 2026 deleted." in seen(response.text)
    assert f'id="fixture-{rovers.pk}"' not in response.text
    assert f'id="fixture-{city.pk}"' in response.text


def test_deleting_needs_a_post(coach_client, team, rovers):
    assert coach_client.get(f"/coach/fixtures/{rovers.pk}/delete/").status_code == 405
    assert Fixture.objects.filter(pk=rovers.pk).exists()

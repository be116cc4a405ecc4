"""A team's fixtures page for its coach: upcoming matches, then the past ones folded; only this
team's; login, coaches only, another coach's team or match is 404; the same queries for two
matches and forty."""

import re
from datetime import date

import pytest

from accounts.models import Team
from programs.models import Fixture
from tests.coaching.matches import HTMX, fixtures_of, url
from tests.logbook.reading import seen

pytestmark = pytest.mark.usefixtures("thursday_19_november")


@pytest.fixture
def others_fixture(other_coach) -> Fixture:
    team = Team.objects.create(coach=other_coach, name="Elsewhere")
    return Fixture.objects.create(team=team, date=date(2026, 12, 5), label="Theirs")


# The page


def test_it_lists_upcoming_matches_then_the_past_ones_folded(coach_client, team, rovers, city):
    Fixture.objects.create(team=team, date=date(2026, 11, 28), label="")
    response = coach_client.get(url(team))
    assert response.status_code == 200
    text = seen(response.text)
    assert "Fixtures: Squad" in text
    upcoming, past = text.split("Past (1)")
    assert upcoming.index("Sat 28 Nov 2026 Match") < upcoming.index(
        "Sat 5 Dec 2026 v Rovers (away)"
    )
    assert "v City" not in upcoming
    assert "Sat 31 Oct 2026 v City" in past
    assert re.search(r'<details class="card past-fixtures">\s*<summary>Past', response.text)
    assert f'href="/coach/fixtures/{rovers.pk}/edit/"' in response.text
    assert f'action="/coach/fixtures/{rovers.pk}/delete/"' in response.text


def test_it_shows_only_this_teams_matches(coach_client, coach, team, rovers):
    reserves = Team.objects.create(coach=coach, name="Reserves")
    Fixture.objects.create(team=reserves, date=date(2026, 12, 12), label="Reserves game")
    text = seen(coach_client.get(url(team)).text)
    assert "v Rovers" in text and "Reserves game" not in text


def test_an_empty_list_says_how_to_start(coach_client, team):
    assert "No matches coming up." in seen(coach_client.get(url(team)).text)


def test_the_team_calendar_links_it(coach_client, team):
    response = coach_client.get(f"/coach/teams/{team.pk}/calendar/")
    assert f'href="{url(team)}">Fixtures</a>' in response.text


def test_htmx_gets_only_the_fixtures_section(coach_client, team, rovers):
    response = coach_client.get(url(team), headers=HTMX)
    assert response.text.lstrip().startswith('<section id="fixtures"')
    assert "<html" not in response.text
    assert "v Rovers (away)" in response.text


def test_it_has_a_place_for_clashes(coach_client, team):
    assert '<section id="clashes">' in coach_client.get(url(team)).text


# Who may see and change them


def test_it_requires_login(client, team, rovers):
    for path in (url(team), f"/coach/fixtures/{rovers.pk}/edit/"):
        assert client.get(path)["Location"] == f"/accounts/login/?next={path}"
    response = client.post(f"/coach/fixtures/{rovers.pk}/delete/")
    assert response["Location"].startswith("/accounts/login/")
    assert Fixture.objects.filter(pk=rovers.pk).exists()


def test_it_is_for_coaches_only(athlete_client, team, rovers):
    assert athlete_client.get(url(team)).status_code == 403
    assert athlete_client.post(url(team) + "add/", {"date": "2026-12-12"}).status_code == 403
    assert athlete_client.post(f"/coach/fixtures/{rovers.pk}/delete/").status_code == 403
    assert fixtures_of(team) == [(date(2026, 12, 5), "v Rovers (away)")]


def test_another_coachs_team_is_not_found(client, other_coach, team, rovers):
    client.force_login(other_coach)
    assert client.get(url(team)).status_code == 404
    assert client.post(url(team) + "add/", {"date": "2026-12-12"}).status_code == 404
    paste = client.post(url(team) + "paste/", {"lines": "2026-12-12 v Town"})
    assert paste.status_code == 404
    assert client.get("/coach/teams/999999/fixtures/").status_code == 404
    assert fixtures_of(team) == [(date(2026, 12, 5), "v Rovers (away)")]


def test_another_coachs_fixture_cannot_be_moved_or_deleted(coach_client, others_fixture):
    edit = f"/coach/fixtures/{others_fixture.pk}/edit/"
    assert coach_client.get(edit).status_code == 404
    assert coach_client.post(edit, {"date": "2026-12-19", "label": "Mine"}).status_code == 404
    assert coach_client.post(f"/coach/fixtures/{others_fixture.pk}/delete/").status_code == 404
    others_fixture.refresh_from_db()
    assert (others_fixture.date, others_fixture.label) == (date(2026, 12, 5), "Theirs")


def test_the_page_runs_the_same_queries_for_two_and_forty_matches(
    coach_client, team, django_assert_max_num_queries
):
    for day in (1, 2):
        Fixture.objects.create(team=team, date=date(2026, 12, day))
    with django_assert_max_num_queries(7) as two:
        coach_client.get(url(team))
    Fixture.objects.bulk_create(Fixture(team=team, date=date(2027, 1, 1 + n)) for n in range(28))
    Fixture.objects.bulk_create(Fixture(team=team, date=date(2026, 10, 1 + n)) for n in range(10))
    with django_assert_max_num_queries(7) as forty:
        coach_client.get(url(team))
    assert len(two.captured_queries) == len(forty.captured_queries)

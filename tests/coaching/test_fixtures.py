"""A team's fixtures for its coach: the list (upcoming, then past), adding one, pasting a
season's list, moving and deleting one; strangers get 404, bad input a message by the field."""

import html
import re
from datetime import UTC, date, datetime

import pytest
from django.db import connection

from accounts.models import NO_CONTROL_CHARACTERS_MESSAGE, Team
from programs.models import Fixture
from tests.logbook.reading import seen

HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def thursday_19_november(time_machine):
    time_machine.move_to(datetime(2026, 11, 19, 9, tzinfo=UTC), tick=False)


@pytest.fixture
def rovers(team) -> Fixture:
    return Fixture.objects.create(team=team, date=date(2026, 12, 5), label="v Rovers (away)")


@pytest.fixture
def city(team) -> Fixture:
    """Played last month."""
    return Fixture.objects.create(team=team, date=date(2026, 10, 31), label="v City")


@pytest.fixture
def others_fixture(other_coach) -> Fixture:
    team = Team.objects.create(coach=other_coach, name="Elsewhere")
    return Fixture.objects.create(team=team, date=date(2026, 12, 5), label="Theirs")


def url(team) -> str:
    return f"/coach/teams/{team.pk}/fixtures/"


def fixtures_of(team) -> list[tuple[date, str]]:
    return list(team.fixtures.values_list("date", "label"))


def error_next_to(response, field_id: str) -> str:
    """The box of one form field (label, input, messages), marked as in error."""
    match = re.search(
        rf'<div class="field has-error">\s*<label for="{field_id}">.*?</div>', response.text, re.S
    )
    assert match, f"no error shown next to {field_id!r}"
    return html.unescape(seen(match[0]))


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


# Adding one


def test_adding_a_match_saves_it_and_goes_back_to_the_list(coach_client, team):
    response = coach_client.post(url(team) + "add/", {"date": "2026-12-12", "label": "v Town"})
    assert response.status_code == 302
    assert response["Location"] == url(team) + "#fixtures"
    assert fixtures_of(team) == [(date(2026, 12, 12), "v Town")]
    page = seen(coach_client.get(response["Location"]).text)
    assert "Match on Sat 12 Dec 2026 added." in page
    assert "Sat 12 Dec 2026 v Town" in page


def test_adding_a_match_with_htmx_gets_the_updated_section(coach_client, team):
    response = coach_client.post(url(team) + "add/", {"date": "12/12/2026"}, headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="fixtures"')
    assert "<html" not in response.text
    assert "Match on Sat 12 Dec 2026 added. " in seen(response.text)
    assert fixtures_of(team) == [(date(2026, 12, 12), "")]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"date": "2026-02-31"}, "add_date", "Give a date such as 2026-12-05 or 5/12/2026"),
        ({"date": "next saturday"}, "add_date", "Give a date such as 2026-12-05"),
        ({"date": ""}, "add_date", "Give the day of the match."),
        ({"date": "2026-12-12", "label": "x" * 101}, "add_label", "Keep the label to 100"),
    ],
)
def test_a_bad_match_is_refused_next_to_its_field(coach_client, team, data, field, message):
    response = coach_client.post(url(team) + "add/", data)
    assert response.status_code == 422
    assert message in error_next_to(response, field)
    assert "<html" in response.text
    assert fixtures_of(team) == []


def test_with_htmx_a_bad_match_comes_back_in_the_section(coach_client, team):
    response = coach_client.post(url(team) + "add/", {"date": "31/02/2026"}, headers=HTMX)
    assert response.status_code == 200  # htmx swaps only 2xx answers
    assert response.text.lstrip().startswith('<section id="fixtures"')
    assert "Give a date such as" in error_next_to(response, "add_date")
    assert 'value="31/02/2026"' in response.text


def test_a_second_match_on_the_same_day_is_refused(coach_client, team, rovers):
    response = coach_client.post(url(team) + "add/", {"date": "2026-12-05", "label": "Again"})
    assert response.status_code == 422
    assert "This team already has a match on that day." in error_next_to(response, "add_date")
    assert fixtures_of(team) == [(date(2026, 12, 5), "v Rovers (away)")]


# Pasting a list


def test_pasting_a_list_adds_every_match_with_its_label(coach_client, team):
    lines = "2026-12-05 v Rovers (away)\n\n12/12/2026, v City\r\n19.12.2026\n"
    response = coach_client.post(url(team) + "paste/", {"lines": lines})
    assert response.status_code == 302
    assert fixtures_of(team) == [
        (date(2026, 12, 5), "v Rovers (away)"),
        (date(2026, 12, 12), "v City"),
        (date(2026, 12, 19), ""),
    ]
    assert "3 matches added." in seen(coach_client.get(response["Location"]).text)


def test_a_paste_with_a_bad_line_adds_nothing_and_names_each_bad_line(coach_client, team):
    lines = "2026-12-05 v Rovers\n12/12/2026 v City\n31/02/2026 v Town\nSaturday v United"
    response = coach_client.post(url(team) + "paste/", {"lines": lines})
    assert response.status_code == 422
    box = error_next_to(response, "paste_lines")
    assert "Line 3: '31/02/2026' is not a date." in box
    assert "Line 4: 'Saturday' is not a date." in box
    assert "Nothing was added." in box
    assert "2026-12-05 v Rovers\n12/12/2026 v City\n31/02/2026 v Town" in response.text
    assert fixtures_of(team) == []


def test_a_bad_paste_with_htmx_keeps_the_text_in_the_box(coach_client, team):
    response = coach_client.post(url(team) + "paste/", {"lines": "\n5/13/2026"}, headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="fixtures"')
    assert "Line 2: '5/13/2026' is not a date." in error_next_to(response, "paste_lines")
    assert "5/13/2026</textarea>" in response.text


def test_days_already_in_the_list_or_pasted_twice_are_reported_not_added(
    coach_client, team, rovers
):
    lines = "5/12/2026 v Rovers again\n2026-12-12 v City\n12/12/2026 v City twice"
    response = coach_client.post(url(team) + "paste/", {"lines": lines}, headers=HTMX)
    assert fixtures_of(team) == [
        (date(2026, 12, 5), "v Rovers (away)"),
        (date(2026, 12, 12), "v City"),
    ]
    assert (
        "1 match added. Already in the list, so not added again: Sat 5 Dec 2026 (line 1), "
        "Sat 12 Dec 2026 (line 3)."
    ) in seen(response.text)


def test_a_paste_has_at_most_60_lines(coach_client, team):
    lines = "\n".join(f"{day}/1/2027" for day in range(1, 32))
    lines += "\n" + "\n".join(f"{day}/2/2027" for day in range(1, 28))
    lines += "\n1/3/2027\n2/3/2027\n3/3/2027"
    response = coach_client.post(url(team) + "paste/", {"lines": lines})
    assert "That is 61 lines: paste at most 60 matches" in error_next_to(response, "paste_lines")
    assert fixtures_of(team) == []
    sixty = "\n".join(lines.splitlines()[:60])
    assert coach_client.post(url(team) + "paste/", {"lines": sixty}).status_code == 302
    assert len(fixtures_of(team)) == 60


def test_an_empty_paste_is_refused(coach_client, team):
    response = coach_client.post(url(team) + "paste/", {"lines": "  \n \n"})
    assert "Paste at least one match." in error_next_to(response, "paste_lines")


def test_the_paste_box_says_dates_are_day_first(coach_client, team):
    assert "Dates are day first (5/12/2026 is 5 December)" in seen(coach_client.get(url(team)).text)


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


def test_the_page_runs_the_same_queries_for_two_and_forty_matches(
    coach_client, team, django_assert_max_num_queries
):
    for day in (1, 2):
        Fixture.objects.create(team=team, date=date(2026, 12, day))
    with django_assert_max_num_queries(8) as two:
        coach_client.get(url(team))
    Fixture.objects.bulk_create(Fixture(team=team, date=date(2027, 1, 1 + n)) for n in range(28))
    Fixture.objects.bulk_create(Fixture(team=team, date=date(2026, 10, 1 + n)) for n in range(10))
    with django_assert_max_num_queries(8) as forty:
        coach_client.get(url(team))
    assert len(two.captured_queries) == len(forty.captured_queries)


# Dates far from today, and labels with line breaks


@pytest.mark.parametrize(
    "typed", ["9999-12-31", "0001-01-01", "2/3/0002", "2025-11-17", "2028-11-21"]
)
def test_a_match_more_than_a_year_back_or_two_ahead_is_refused(coach_client, team, typed):
    response = coach_client.post(url(team) + "add/", {"date": typed, "label": ""})
    assert response.status_code == 422
    assert "Give a date from 18 Nov 2025 to 20 Nov 2028." in error_next_to(response, "add_date")
    assert fixtures_of(team) == []


def test_a_pasted_list_with_a_far_date_is_refused_line_by_line(coach_client, team):
    lines = "2026-12-05 v Rovers\n31/12/9999 v Nobody\n0001-01-01 v Romans"
    response = coach_client.post(url(team) + "paste/", {"lines": lines})
    assert response.status_code == 422
    text = html.unescape(seen(response.text))
    assert "Line 2: Give a date from 18 Nov 2025 to 20 Nov 2028." in text
    assert "Line 3: Give a date from 18 Nov 2025 to 20 Nov 2028." in text
    assert fixtures_of(team) == []


def test_a_match_kept_from_last_season_keeps_its_day_when_relabelled(coach_client, team):
    old = Fixture.objects.create(team=team, date=date(2025, 3, 1), label="v Town")
    response = coach_client.post(
        f"/coach/fixtures/{old.pk}/edit/", {"date": "2025-03-01", "label": "v Town (home)"}
    )
    assert response.status_code == 302
    assert fixtures_of(team) == [(date(2025, 3, 1), "v Town (home)")]


def test_a_match_stored_at_year_9999_does_not_break_the_page(coach_client, team):
    """A row from before dates were bounded (the database refuses it now: dropped here, inside
    the test's transaction, to store one)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "ALTER TABLE programs_fixture DROP CONSTRAINT IF EXISTS programs_fixture_date_range"
        )
    Fixture.objects.create(team=team, date=date(9999, 12, 31), label="v Nobody")
    assert coach_client.get(url(team)).status_code == 200
    response = coach_client.post(url(team) + "add/", {"date": "2026-12-12", "label": "v Town"})
    assert response.status_code == 302
    assert (date(2026, 12, 12), "v Town") in fixtures_of(team)


@pytest.mark.parametrize("label", ["v Rovers\r\nBcc: x@example.com", "v\tRovers", "v \x01"])
def test_a_label_with_a_line_break_is_refused(coach_client, team, label):
    response = coach_client.post(url(team) + "add/", {"date": "2026-12-12", "label": label})
    assert response.status_code == 422
    assert NO_CONTROL_CHARACTERS_MESSAGE in error_next_to(response, "add_label")
    pasted = coach_client.post(url(team) + "paste/", {"lines": "2026-12-12 v Town \x01"})
    assert f"Line 1: {NO_CONTROL_CHARACTERS_MESSAGE}" in html.unescape(pasted.text)
    assert fixtures_of(team) == []


def test_a_pasted_spreadsheets_tabs_read_as_spaces(coach_client, team):
    coach_client.post(url(team) + "paste/", {"lines": "2026-12-12\tv Town\t(home)"})
    assert fixtures_of(team) == [(date(2026, 12, 12), "v Town (home)")]

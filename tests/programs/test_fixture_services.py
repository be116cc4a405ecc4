"""A team's fixtures: reading a pasted list (every bad line named, nothing half-read), and the
actions that add, move and delete matches, with one match a day per team."""

from datetime import date

import pytest
from django.http import Http404

from accounts.models import Team
from programs.fixtures import (
    PASTE_MAX_LINES,
    FixtureTaken,
    PastedMatch,
    PasteRefused,
    fixture_add,
    fixture_delete,
    fixture_for_coach,
    fixture_move,
    fixtures_add,
    parse_fixture_lines,
    read_date,
)
from programs.models import Fixture

# Reading dates and pasted lists (no database)

TODAY = date(2026, 11, 19)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2026-12-05", date(2026, 12, 5)),
        ("2026-1-9", date(2026, 1, 9)),
        ("5/12/2026", date(2026, 12, 5)),  # day first: 5 December
        ("05/12/2026", date(2026, 12, 5)),
        ("5.12.2026", date(2026, 12, 5)),
        ("5-12-2026", date(2026, 12, 5)),
        ("29/2/2028", date(2028, 2, 29)),
    ],
)
def test_a_date_is_read_iso_or_day_first(written, expected):
    assert read_date(written) == expected


@pytest.mark.parametrize(
    "written", ["31/02/2026", "12/31/2026", "2026-13-01", "5/12/26", "Saturday", "2026/12/05", ""]
)
def test_what_is_not_a_date_is_none(written):
    assert read_date(written) is None


def test_each_line_gives_a_match_with_its_label_and_line_number():
    text = (
        "\n2026-12-05 v Rovers (away)\n  12/12/2026, v City  \n\n19.12.2026\n"
        "26/12/2026 - Derby\n2027-01-02\t\u2013 Cup, round 3"
    )
    assert parse_fixture_lines(text, today=TODAY) == [
        PastedMatch(2, date(2026, 12, 5), "v Rovers (away)"),
        PastedMatch(3, date(2026, 12, 12), "v City"),
        PastedMatch(5, date(2026, 12, 19), ""),
        PastedMatch(6, date(2026, 12, 26), "Derby"),
        PastedMatch(7, date(2027, 1, 2), "Cup, round 3"),
    ]


def test_every_bad_line_is_named_and_no_match_is_returned():
    text = "2026-12-05 v Rovers\nv City 12/12/2026\n31/02/2026 v Town\n2026-12-19 " + "x" * 101
    with pytest.raises(PasteRefused) as refused:
        parse_fixture_lines(text, today=TODAY)
    assert refused.value.problems == [
        "Line 2: 'v' is not a date.",
        "Line 3: '31/02/2026' is not a date.",
        "Line 4: the label is longer than 100 characters.",
    ]


def test_a_paste_has_at_most_60_lines_blank_ones_not_counted():
    days = [f"2027-01-{day:02d}" for day in range(1, 32)] + [
        f"2027-02-{day:02d}" for day in range(1, 29)
    ]
    assert len(days) == 59
    assert (
        len(parse_fixture_lines("\n\n".join([*days, "2027-03-01"]), today=TODAY)) == PASTE_MAX_LINES
    )
    with pytest.raises(PasteRefused) as refused:
        parse_fixture_lines("\n".join([*days, "2027-03-01", "2027-03-02"]), today=TODAY)
    assert refused.value.problems == ["That is 61 lines: paste at most 60 matches at a time."]


def test_a_date_more_than_a_year_back_or_two_ahead_is_named():
    text = "2026-12-05 v Rovers\n31/12/9999 v Nobody\n2025-11-17"
    with pytest.raises(PasteRefused) as refused:
        parse_fixture_lines(text, today=TODAY)
    assert refused.value.problems == [
        "Line 2: Give a date from 18 Nov 2025 to 20 Nov 2028.",
        "Line 3: Give a date from 18 Nov 2025 to 20 Nov 2028.",
    ]


def test_blank_text_gives_no_matches():
    assert parse_fixture_lines(" \n\t\n", today=TODAY) == []


# The actions


@pytest.fixture
def rovers(team) -> Fixture:
    return fixture_add(team=team, date=date(2026, 12, 5), label="v Rovers")


def test_adding_a_match_saves_it(team, rovers):
    assert list(team.fixtures.values_list("date", "label")) == [(date(2026, 12, 5), "v Rovers")]


def test_a_second_match_on_the_same_day_is_refused_by_the_database(team, rovers):
    with pytest.raises(FixtureTaken, match="This team already has a match on that day"):
        fixture_add(team=team, date=date(2026, 12, 5), label="Again")
    assert team.fixtures.count() == 1
    # The failed insert left the surrounding transaction usable.
    assert fixture_add(team=team, date=date(2026, 12, 6)).pk


def test_another_team_may_play_the_same_day(coach, team, rovers):
    reserves = Team.objects.create(coach=coach, name="Reserves")
    assert fixture_add(team=reserves, date=date(2026, 12, 5)).team == reserves


def test_a_pasted_list_adds_new_days_and_reports_the_repeated_ones(team, rovers):
    matches = [
        PastedMatch(1, date(2026, 12, 5), "v Rovers again"),
        PastedMatch(2, date(2026, 12, 12), "v City"),
        PastedMatch(3, date(2026, 12, 12), "v City twice"),
        PastedMatch(4, date(2026, 12, 19), ""),
    ]
    batch = fixtures_add(team=team, matches=matches)
    assert [(f.date, f.label) for f in batch.added] == [
        (date(2026, 12, 12), "v City"),
        (date(2026, 12, 19), ""),
    ]
    assert [match.line for match in batch.repeated] == [1, 3]
    assert team.fixtures.count() == 3
    assert team.fixtures.get(date=date(2026, 12, 5)).label == "v Rovers"


def test_moving_a_match_changes_its_day_and_label(team, rovers):
    fixture_move(fixture=rovers, date=date(2026, 12, 6), label="v Rovers (home)")
    rovers.refresh_from_db()
    assert (rovers.date, rovers.label) == (date(2026, 12, 6), "v Rovers (home)")


def test_moving_a_match_onto_another_is_refused_and_changes_nothing(team, rovers):
    fixture_add(team=team, date=date(2026, 12, 12), label="v City")
    with pytest.raises(FixtureTaken):
        fixture_move(fixture=rovers, date=date(2026, 12, 12), label="Moved")
    assert (rovers.date, rovers.label) == (date(2026, 12, 5), "v Rovers")
    assert list(team.fixtures.values_list("date", "label")) == [
        (date(2026, 12, 5), "v Rovers"),
        (date(2026, 12, 12), "v City"),
    ]


def test_deleting_a_match_removes_only_it(team, rovers):
    city = fixture_add(team=team, date=date(2026, 12, 12), label="v City")
    fixture_delete(fixture=rovers)
    assert list(team.fixtures.all()) == [city]


def test_a_coach_reaches_only_their_teams_fixtures(coach, other_coach, rovers):
    assert fixture_for_coach(coach, rovers.pk) == rovers
    with pytest.raises(Http404):
        fixture_for_coach(other_coach, rovers.pk)

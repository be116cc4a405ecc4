"""One override of a squad's plan (issue 27): an athlete who starts later than the squad. Their
workouts move, nobody else's do; their card says it differs from the squad; the squad's own
day takes them back to its plan. An earlier day than the squad's is refused with the reason."""

import html
from datetime import date, timedelta

import pytest

from programs.dating import assignment_schedule
from programs.models import Assignment

SQUAD_START = date(2026, 11, 16)
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def members(pair_on_one_plan) -> list[Assignment]:
    return pair_on_one_plan


def first_day(assignment) -> date:
    window = (SQUAD_START, SQUAD_START + timedelta(days=20))
    return assignment_schedule([assignment], between=window)[0].on


def url(assignment) -> str:
    return f"/coach/assignments/{assignment.pk}/start/"


def test_a_later_start_moves_one_athlete_and_shows_it_differs(coach_client, members):
    alex, sam = members
    later = SQUAD_START + timedelta(days=7)
    response = coach_client.post(url(alex), {"start_date": later.isoformat()}, **HTMX)
    assert response.status_code == 200
    assert "Starts 23 Nov 2026, later than the squad." in response.text
    assert "differs from the squad" in response.text
    alex.refresh_from_db()
    sam.refresh_from_db()
    assert (first_day(alex), first_day(sam)) == (later, SQUAD_START)
    page = coach_client.get(f"/coach/athletes/{sam.athlete_id}/")
    assert "Squad plan of Squad" in page.text and "differs from the squad" not in page.text


def test_the_squads_day_takes_the_athlete_back_to_its_plan(coach_client, members):
    alex, _ = members
    coach_client.post(url(alex), {"start_date": "2026-11-30"})
    response = coach_client.post(url(alex), {"squad": "1"}, **HTMX)
    assert "Starts 16 Nov 2026, the squad's day." in html.unescape(response.text)
    assert "differs from the squad" not in response.text
    alex.refresh_from_db()
    assert alex.start_date == SQUAD_START


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2026-11-09", "A later start only: the squad starts on 16 Nov 2026."),
        ("16/11/2026", "Give a date such as 2026-11-16."),
        ("", "This field is required."),
    ],
)
def test_an_earlier_or_unreadable_day_is_refused_and_nothing_moves(
    coach_client, members, value, reason
):
    alex, _ = members
    response = coach_client.post(url(alex), {"start_date": value}, **HTMX)
    assert response.status_code == 200
    assert f"Not moved. {reason}" in html.unescape(response.text)
    alex.refresh_from_db()
    assert alex.start_date == SQUAD_START


def test_another_coachs_athlete_is_not_found(client, other_coach, members):
    client.force_login(other_coach)
    response = client.post(url(members[0]), {"start_date": "2026-11-23"})
    assert response.status_code == 404
    members[0].refresh_from_db()
    assert members[0].start_date == SQUAD_START

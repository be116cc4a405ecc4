"""Erasing one's account from "Your data" (/accounts/data/erase/): typing one's username
confirms it; the account closes at once (`accounts.erasure.erasure_request`), the person is
signed out and told when their data goes. What the erasure then does is
tests/accounts/test_erasure_*.py's."""

from datetime import UTC, datetime

import pytest
import time_machine

from accounts.clubs import Staff, StaffRole
from accounts.models import Erasure, User
from tests.conftest import make_user

URL = "/accounts/data/erase/"
NOW = datetime(2026, 3, 2, 9, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def test_typing_ones_username_closes_the_account_and_signs_out(athlete_client, athlete):
    response = athlete_client.post(URL, {"username": "athlete"})

    assert response.status_code == 200
    assert "Your account is closed" in response.text
    assert "Your details and your records are erased on 1 April 2026." in response.text  # 30 days
    assert 'href="/accounts/settings/"' not in response.text  # signed out: no account links
    athlete.refresh_from_db()
    assert not athlete.is_active
    erasure = Erasure.objects.get(user=athlete)
    assert erasure.requested_by == athlete
    # Signed out: the next page asks them to sign in.
    assert athlete_client.get("/accounts/data/")["Location"].startswith("/accounts/login/")


def test_the_grace_days_are_the_settings(athlete_client, athlete, settings):
    settings.ERASURE_GRACE_DAYS = 10
    response = athlete_client.post(URL, {"username": "athlete"})
    assert "erased on 12 March 2026" in response.text


def test_a_coach_can_close_their_own_account(coach_client, coach):
    Staff.objects.create(user=make_user("second"), club=coach.seat.club, role=StaffRole.OWNER)
    response = coach_client.post(URL, {"username": "coach"})
    assert "Your account is closed" in response.text
    assert not User.objects.get(pk=coach.pk).is_active


def test_the_only_head_is_refused_next_to_the_field(coach_client, coach, team):
    response = coach_client.post(URL, {"username": "coach"})

    assert response.status_code == 422
    field = response.text[response.text.index('id="erase"') :]
    assert 'class="field has-error"' in field
    assert "Hand the club to another head first" in field
    assert "Hand Squad to another coach first: Cora leads it." in field
    assert User.objects.get(pk=coach.pk).is_active
    assert not Erasure.objects.exists()
    assert coach_client.get("/accounts/data/").status_code == 200  # still signed in


@pytest.mark.parametrize("typed", ["", "athlet", "Athlete", "coach"])
def test_anything_but_ones_username_is_refused_next_to_the_field(athlete_client, athlete, typed):
    response = athlete_client.post(URL, {"username": typed})

    assert response.status_code == 422
    field = response.text[response.text.index('id="erase"') :]
    assert 'class="field has-error"' in field
    message = "This field is required." if not typed else "That is not your username."
    assert message in field
    assert User.objects.get(pk=athlete.pk).is_active
    assert not Erasure.objects.exists()
    assert athlete_client.get("/accounts/data/").status_code == 200  # still signed in


def test_it_requires_login(client, athlete):
    response = client.post(URL, {"username": "athlete"})
    assert response["Location"] == f"/accounts/login/?next={URL}"
    assert not Erasure.objects.exists()


def test_it_takes_a_post_only(athlete_client):
    assert athlete_client.get(URL).status_code == 405
    assert not Erasure.objects.exists()

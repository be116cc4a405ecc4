"""An invite that cannot be used, or a sign-up that is refused: used, expired, unknown or
malformed links answer without a form, and bad sign-up input (a line break in a name
included) is explained while the invite stays unused."""

from datetime import timedelta

import pytest
import time_machine

from accounts import services
from accounts.models import NO_CONTROL_CHARACTERS_MESSAGE, Membership, User
from tests.accounts.invites import (
    BANDS_PROMPT,
    SENT_AT,
    assert_unused,
    invite_to,
    invite_url,
    sign_up_data,
)

pytestmark = pytest.mark.usefixtures("a_day_after_sending")


# Used, expired, unknown


def test_a_used_invite_says_so_and_changes_nothing(client, invite):
    client.post(invite_url(invite), sign_up_data())
    client.logout()
    invite.refresh_from_db()
    accepted = (invite.accepted_at, invite.accepted_by)

    response = client.get(invite_url(invite))
    assert response.status_code == 410
    assert "This invite has already been used." in response.text
    assert 'name="password1"' not in response.text

    response = client.post(invite_url(invite), sign_up_data(username="second"))
    assert response.status_code == 410
    assert not User.objects.filter(username="second").exists()
    invite.refresh_from_db()
    assert (invite.accepted_at, invite.accepted_by) == accepted
    assert Membership.objects.filter(team=invite.team).count() == 1


def test_a_used_invite_cannot_add_a_logged_in_athlete(client, athlete, outsider):
    invite = invite_to(athlete)
    services.invite_accept(invite=invite, athlete=athlete)
    client.force_login(outsider)
    response = client.post(invite_url(invite))
    assert response.status_code == 410
    assert "This invite has already been used." in response.text
    assert not Membership.objects.filter(athlete=outsider, team=invite.team).exists()


def test_an_expired_invite_says_when_it_expired(client, invite):
    with time_machine.travel(SENT_AT + timedelta(days=services.INVITE_DAYS, seconds=1)):
        response = client.get(invite_url(invite))
        assert response.status_code == 410
        assert (
            "This invite expired on 28 November 2026. Ask your coach for a new one."
            in response.text
        )
        assert 'name="password1"' not in response.text
        response = client.post(invite_url(invite), sign_up_data())
    assert response.status_code == 410
    assert not User.objects.filter(username="newbie").exists()
    assert_unused(invite)


def test_an_invite_still_works_just_before_it_expires(client, invite):
    with time_machine.travel(SENT_AT + timedelta(days=services.INVITE_DAYS, seconds=-1)):
        response = client.post(invite_url(invite), sign_up_data())
    assert response["Location"] == BANDS_PROMPT


def test_an_unknown_token_answers_404(client, invite):
    assert client.get("/accounts/invite/not-a-real-token/").status_code == 404
    assert client.post("/accounts/invite/not-a-real-token/", sign_up_data()).status_code == 404
    assert not User.objects.filter(username="newbie").exists()


# Bad sign-up input


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"password2": "something else entirely"}, "The two password fields didn’t match."),  # noqa: RUF001
        ({"username": "athlete"}, "A user with that username already exists."),
        ({"username": "ATHLETE"}, "A user with that username already exists."),
        ({"password1": "password", "password2": "password"}, "This password is too common."),
        ({"password1": "newbie123", "password2": "newbie123"}, "too similar to the username"),
        ({"first_name": ""}, "This field is required."),
    ],
)
def test_bad_sign_up_input_is_refused_and_the_invite_stays_unused(
    client, invite, athlete, changes, message
):
    users_before = User.objects.count()
    response = client.post(invite_url(invite), sign_up_data(**changes))
    assert response.status_code == 200
    assert message in response.text
    assert 'class="field-error"' in response.text
    assert User.objects.count() == users_before
    assert "_auth_user_id" not in client.session
    assert_unused(invite)


# Hostile links and double submits (finding 6)


@pytest.mark.parametrize("token", ["abc%00def", "%00", "%C2%B2", "a" * 300])
def test_a_malformed_token_answers_404(client, invite, token):
    assert client.get(f"/accounts/invite/{token}/").status_code == 404
    assert client.post(f"/accounts/invite/{token}/", sign_up_data()).status_code == 404


@pytest.mark.parametrize("first_name", ["Nia\r\nBcc: x@example.com", "Ni\ta", "Ni\x85a"])
def test_a_first_name_with_a_line_break_is_refused_at_sign_up(client, invite, first_name):
    response = client.post(invite_url(invite), sign_up_data(first_name=first_name))
    assert response.status_code == 200
    assert NO_CONTROL_CHARACTERS_MESSAGE in response.text
    assert not User.objects.filter(username="newbie").exists()
    assert_unused(invite)

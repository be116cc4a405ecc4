"""Accepting an invite: a new athlete signs up through it and is asked for their bands; one
with an account logs in and joins, keeping their other teams; only the address it was sent to
may use it, never the team's own coach."""

from datetime import timedelta

import pytest

from accounts.models import Membership, User
from tests.accounts.invites import (
    BANDS_PROMPT,
    NEW_PASSWORD,
    SENT_AT,
    assert_unused,
    invite_to,
    invite_url,
    messages_of,
    sign_up_data,
)
from tests.conftest import PASSWORD

pytestmark = pytest.mark.usefixtures("a_day_after_sending")


# Accepting as a new athlete


def test_an_anonymous_visitor_sees_the_sign_up_form_with_the_email_filled_in(client, invite):
    response = client.get(invite_url(invite))
    assert response.status_code == 200
    assert "Join Squad" in response.text
    assert 'value="newbie@example.com"' in response.text
    for field in ("username", "first_name", "email", "password1", "password2"):
        assert f'name="{field}"' in response.text
    assert f'href="/accounts/login/?next={invite_url(invite)}"' in response.text
    assert "Already have an account? Log in" in response.text


def test_a_new_athlete_signs_up_joins_and_is_asked_for_their_bands(client, invite):
    response = client.post(invite_url(invite), sign_up_data())
    assert response.status_code == 302
    assert response["Location"] == BANDS_PROMPT
    athlete = User.objects.get(username="newbie")
    assert (athlete.first_name, athlete.email, athlete.is_coach) == (
        "Nia",
        "newbie@example.com",
        False,
    )
    assert athlete.check_password(NEW_PASSWORD)
    assert Membership.objects.get(athlete=athlete).team == invite.team
    invite.refresh_from_db()
    assert invite.accepted_by == athlete
    assert invite.accepted_at is not None
    assert client.session["_auth_user_id"] == str(athlete.pk)
    assert messages_of(response) == ["Welcome to Squad."]
    # Read back by the backend that signs a switched-off account out.
    assert client.session["_auth_user_backend"] == "logbook.auth.UnreadCountingBackend"


def test_an_existing_athlete_logs_in_through_the_link_and_comes_back_to_it(
    client, invite, outsider
):
    response = client.post(
        "/accounts/login/",
        {"username": "outsider", "password": PASSWORD, "next": invite_url(invite)},
    )
    assert response["Location"] == invite_url(invite)


def test_a_logged_in_athlete_sees_a_join_button(client, team, outsider):
    invite = invite_to(outsider)
    client.force_login(outsider)
    response = client.get(invite_url(invite))
    assert response.status_code == 200
    assert "<h1>Join Squad (coach Cora)</h1>" in response.text
    assert 'name="password1"' not in response.text
    assert ">Join Squad</button>" in response.text


def test_a_logged_in_athlete_joins_and_keeps_their_other_teams(client, team, outsider):
    invite = invite_to(outsider)
    client.force_login(outsider)
    response = client.post(invite_url(invite))
    assert response["Location"] == "/today/"
    assert set(outsider.memberships.values_list("team__name", flat=True)) == {
        "Squad",
        "Elsewhere",
    }
    invite.refresh_from_db()
    assert invite.accepted_by == outsider
    assert messages_of(response) == ["Welcome to Squad."]


def test_a_removed_athlete_rejoins_through_a_new_invite(client, athlete):
    invite = invite_to(athlete)
    Membership.objects.filter(athlete=athlete).update(is_active=False)
    client.force_login(athlete)
    client.post(invite_url(invite))
    membership = Membership.objects.get(athlete=athlete)
    assert membership.is_active
    assert membership.joined_at >= SENT_AT + timedelta(days=1)


def test_another_coach_may_join_as_an_athlete(client, team, other_coach):
    # Coaches can also train, so an invite works for them like for anyone else.
    invite = invite_to(other_coach)
    client.force_login(other_coach)
    client.post(invite_url(invite))
    assert Membership.objects.get(athlete=other_coach).team == invite.team


def test_the_teams_own_coach_cannot_use_the_invite(client, invite, coach):
    client.force_login(coach)
    for response in (client.get(invite_url(invite)), client.post(invite_url(invite))):
        assert response.status_code == 403
        assert "You coach Squad: this invite is for one of your athletes." in response.text
    assert not Membership.objects.filter(athlete=coach).exists()
    assert_unused(invite)


# Whose invite it is (finding 7 of the hardening issue)


def test_an_invite_is_refused_to_an_account_with_another_address(client, invite, outsider):
    client.force_login(outsider)
    for response in (client.get(invite_url(invite)), client.post(invite_url(invite))):
        assert response.status_code == 403
        assert "This invite was sent to newbie@example.com." in response.text
    assert not Membership.objects.filter(athlete=outsider, team=invite.team).exists()
    assert_unused(invite)


def test_the_address_of_a_sign_up_is_the_invites_whatever_is_posted(client, invite):
    response = client.post(invite_url(invite), sign_up_data(email="someone.else@example.com"))
    assert response["Location"] == BANDS_PROMPT
    assert User.objects.get(username="newbie").email == "newbie@example.com"


def test_an_invite_to_an_existing_accounts_address_asks_to_log_in(client, team, athlete):
    invite = invite_to(athlete)
    response = client.post(invite_url(invite), sign_up_data(username="another"))
    assert response.status_code == 200
    assert "An account with this email already exists. Log in to join with it." in response.text
    assert not User.objects.filter(username="another").exists()
    assert_unused(invite)

"""A coach invites one address to a team: the invite is saved with its own unguessable token
and expiry, the link mailed opens the sign-up form; a bad address or an active member's is
refused next to the field, a removed member's invited again."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail

from accounts import services
from accounts.models import Invite, Membership
from tests.accounts.invites import SENT_AT

pytestmark = pytest.mark.usefixtures("a_day_after_sending")


# Sending


def test_sending_creates_an_invite_and_mails_the_link(coach_client, team):
    with time_machine.travel(SENT_AT, tick=False):
        response = coach_client.post(
            f"/coach/teams/{team.pk}/invite/", {"emails": "nia@example.com"}
        )
    assert response.status_code == 302
    invite = Invite.objects.get()
    assert (invite.team, invite.email, invite.invited_by.username) == (
        team,
        "nia@example.com",
        "coach",
    )
    assert invite.expires_at == SENT_AT + timedelta(days=services.INVITE_DAYS)
    assert invite.accepted_at is None
    [message] = mail.outbox
    assert message.to == ["nia@example.com"]
    assert message.subject == "Cora invited you to Squad on Hamstrings"
    assert f"http://testserver/accounts/invite/{invite.token}/" in message.body
    assert "expires on 28 November 2026" in message.body


def test_the_mailed_link_opens_the_sign_up_form(client, invite):
    [message] = mail.outbox
    link = next(line for line in message.body.splitlines() if "/accounts/invite/" in line)
    response = client.get(link.removeprefix("http://testserver"))
    assert response.status_code == 200
    assert 'name="password1"' in response.text


def test_each_invite_has_its_own_unguessable_token(coach, team):
    first, second = (
        services.invite_send(team=team, email="a@example.com", invited_by=coach, base_url="/")
        for _ in range(2)
    )
    assert first.token != second.token
    assert len(first.token) >= 32


def test_a_bad_email_is_refused_next_to_the_field(coach_client, team):
    response = coach_client.post(f"/coach/teams/{team.pk}/invite/", {"emails": "nia@"})
    assert response.status_code == 200
    assert (
        '<small class="field-error" role="alert">This is not a valid email address: nia@. '
        "Nothing was sent: correct the list and send it again.</small>"
    ) in response.text
    assert not Invite.objects.exists()
    assert mail.outbox == []


def test_an_active_members_email_is_refused(coach_client, team, athlete):
    response = coach_client.post(
        f"/coach/teams/{team.pk}/invite/", {"emails": "Athlete@Example.com"}
    )
    assert "Nothing was sent. Athlete@example.com is already a member of Squad." in response.text
    assert not Invite.objects.exists()
    assert mail.outbox == []


def test_a_removed_member_can_be_invited_again(coach_client, team, athlete):
    Membership.objects.filter(athlete=athlete).update(is_active=False)
    coach_client.post(f"/coach/teams/{team.pk}/invite/", {"emails": "athlete@example.com"})
    assert Invite.objects.get().email == "athlete@example.com"

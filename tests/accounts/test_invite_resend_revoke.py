"""A coach resends a pending invite (the same link, a new expiry) or revokes it (its link stops
at once, the row stays); a settled invite can be neither; only the team's own coach may, by
post."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError
from django.test import Client

from accounts import services
from accounts.models import Invite, Membership, Team, User
from tests.accounts.invites import (
    HTMX,
    SENT_AT,
    invite,
    invite_url,
    resend_url,
    revoke_url,
    send_url,
    team_url,
)

pytestmark = pytest.mark.usefixtures("a_day_after_sending")


# Resend


def test_resend_mails_the_same_link_again_and_renews_the_expiry(coach_client, pending):
    response = coach_client.post(resend_url(pending), follow=True)
    assert response.redirect_chain == [(f"{team_url(pending.team)}#invites", 302)]
    assert "Invite sent again to nia@example.com. It now expires on 29 November 2026." in (
        response.text
    )
    token = pending.token
    pending.refresh_from_db()
    now = SENT_AT + timedelta(days=1)
    assert pending.token == token
    assert abs(pending.sent_at - now) < timedelta(minutes=1)
    assert pending.expires_at - pending.sent_at == timedelta(days=services.INVITE_DAYS)
    [message] = mail.outbox
    assert message.to == ["nia@example.com"]
    assert f"http://testserver/accounts/invite/{token}/" in message.body
    assert "expires on 29 November 2026" in message.body


def test_resend_brings_an_expired_invite_back_to_life(coach_client, pending):
    visitor = Client()
    with time_machine.travel(SENT_AT + timedelta(days=30)):
        assert visitor.get(invite_url(pending)).status_code == 410
        coach_client.post(resend_url(pending))
        response = visitor.get(invite_url(pending))
    assert response.status_code == 200
    assert 'name="password1"' in response.text


def test_htmx_resend_returns_the_invite_section(coach_client, pending):
    response = coach_client.post(resend_url(pending), headers=HTMX)
    assert response.text.lstrip().startswith('<section id="invites"')
    assert "Invite sent again to nia@example.com." in response.text
    assert len(mail.outbox) == 1


# Revoke


def test_revoke_stops_the_link_at_once_and_keeps_the_row(coach_client, pending):
    response = coach_client.post(revoke_url(pending), follow=True)
    assert "Invite to nia@example.com revoked: its link no longer works." in response.text
    assert "No pending invites." in response.text
    pending.refresh_from_db()
    assert pending.revoked_at is not None
    response = Client().get(invite_url(pending))
    assert response.status_code == 410
    assert "This invite is no longer valid: your coach withdrew it." in response.text
    assert 'name="password1"' not in response.text


def test_a_revoked_invite_signs_nobody_up_and_adds_nobody(client, team, outsider, pending):
    services.invite_revoke(invite=pending)
    data = {
        "username": "newbie",
        "first_name": "Nia",
        "password1": "stretchy green band 44",
        "password2": "stretchy green band 44",
    }
    assert client.post(invite_url(pending), data).status_code == 410
    assert not User.objects.filter(username="newbie").exists()
    sent = invite(team, outsider.email)
    services.invite_revoke(invite=sent)
    client.force_login(outsider)
    assert client.post(invite_url(sent)).status_code == 410
    assert not Membership.objects.filter(team=team, athlete=outsider).exists()


def test_htmx_revoke_returns_the_invite_section(coach_client, pending):
    response = coach_client.post(revoke_url(pending), headers=HTMX)
    assert response.text.lstrip().startswith('<section id="invites"')
    assert "Invite to nia@example.com revoked" in response.text
    assert "nia@example.com</strong>" not in response.text


def test_an_accepted_invite_can_be_neither_revoked_nor_resent(coach_client, team, athlete):
    used = invite(team, athlete.email)
    services.invite_accept(invite=used, athlete=athlete)
    mail.outbox.clear()
    assert coach_client.post(revoke_url(used)).status_code == 404
    assert coach_client.post(resend_url(used)).status_code == 404
    with pytest.raises(services.InviteSettled, match="already accepted"):
        services.invite_revoke(invite=used)
    used.refresh_from_db()
    assert used.revoked_at is None
    assert mail.outbox == []


def test_a_revoked_invite_cannot_be_resent_but_its_address_invited_again(coach_client, pending):
    services.invite_revoke(invite=pending)
    assert coach_client.post(resend_url(pending)).status_code == 404
    assert mail.outbox == []
    coach_client.post(send_url(pending.team), {"emails": "nia@example.com"})
    assert pending.team.invites.pending().get().email == "nia@example.com"


def test_the_database_refuses_an_invite_both_accepted_and_revoked(team, athlete, pending):
    with pytest.raises(IntegrityError, match="accounts_invite_accepted_or_revoked"):
        Invite.objects.filter(pk=pending.pk).update(
            accepted_at=SENT_AT, accepted_by=athlete, revoked_at=SENT_AT
        )


# Who may


@pytest.mark.parametrize("url", [resend_url, revoke_url])
def test_resend_and_revoke_require_a_logged_in_coach(client, athlete, pending, url):
    response = client.post(url(pending))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(athlete)
    assert client.post(url(pending)).status_code == 403
    pending.refresh_from_db()
    assert (pending.revoked_at, mail.outbox) == (None, [])


@pytest.mark.parametrize("url", [resend_url, revoke_url])
def test_another_coachs_invite_answers_404(client, other_coach, pending, url):
    client.force_login(other_coach)
    assert client.post(url(pending)).status_code == 404
    # Nor through a team of their own.
    theirs = Team.objects.create(coach=other_coach, name="Theirs")
    path = url(pending).replace(f"/teams/{pending.team_id}/", f"/teams/{theirs.pk}/")
    assert client.post(path).status_code == 404
    pending.refresh_from_db()
    assert (pending.revoked_at, mail.outbox) == (None, [])


@pytest.mark.parametrize("action", ["resend", "revoke"])
@pytest.mark.parametrize("invite_id", ["0", "999999", "99999999999999999999", "abc", "-1"])
def test_a_bad_invite_id_answers_404(coach_client, team, action, invite_id):
    assert coach_client.post(f"{team_url(team)}invites/{invite_id}/{action}/").status_code == 404


@pytest.mark.parametrize("url", [resend_url, revoke_url])
def test_resend_and_revoke_take_only_posts(coach_client, pending, url):
    assert coach_client.get(url(pending)).status_code == 405

"""Invites a coach manages from the team page: several addresses at once, the pending list with
its links to copy, resend and revoke."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, connection
from django.test import Client

from accounts import services
from accounts.forms import INVITES_PER_POST
from accounts.models import Invite, Membership, Team, User
from tests.conftest import make_user

SENT_AT = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def a_day_after_sending():
    with time_machine.travel(SENT_AT + timedelta(days=1)) as traveller:
        yield traveller


def team_url(team: Team) -> str:
    return f"/coach/teams/{team.pk}/"


def send_url(team: Team) -> str:
    return f"/coach/teams/{team.pk}/invite/"


def resend_url(invite: Invite) -> str:
    return f"/coach/teams/{invite.team_id}/invites/{invite.pk}/resend/"


def revoke_url(invite: Invite) -> str:
    return f"/coach/teams/{invite.team_id}/invites/{invite.pk}/revoke/"


def accept_url(invite: Invite) -> str:
    return f"/accounts/invite/{invite.token}/"


def invite(team: Team, email: str = "nia@example.com", *, at: datetime = SENT_AT) -> Invite:
    with time_machine.travel(at, tick=False):
        return services.invite_send(
            team=team, email=email, invited_by=team.coach, base_url="http://testserver/"
        )


@pytest.fixture
def pending(team) -> Invite:
    """An invite sent yesterday, still pending."""
    sent = invite(team)
    mail.outbox.clear()
    return sent


def emails_of_invites(team: Team) -> list[str]:
    return sorted(team.invites.values_list("email", flat=True))


# Several addresses at once


def test_a_coach_invites_several_addresses_at_once(coach_client, team):
    posted = "nia@example.com, sam@example.com\nlou@example.com; kit@example.com  ray@example.com"
    response = coach_client.post(send_url(team), {"emails": posted}, follow=True)
    assert response.redirect_chain == [(f"{team_url(team)}#invites", 302)]
    assert (
        "Invites sent to nia@example.com, sam@example.com, lou@example.com, kit@example.com "
        "and ray@example.com." in response.text
    )
    assert emails_of_invites(team) == [
        "kit@example.com",
        "lou@example.com",
        "nia@example.com",
        "ray@example.com",
        "sam@example.com",
    ]
    assert sorted(message.to[0] for message in mail.outbox) == emails_of_invites(team)
    for sent in team.invites.all():
        [message] = [message for message in mail.outbox if message.to == [sent.email]]
        assert f"http://testserver/accounts/invite/{sent.token}/" in message.body


def test_an_address_given_twice_is_invited_once(coach_client, team):
    coach_client.post(send_url(team), {"emails": "nia@example.com NIA@Example.com nia@example.com"})
    assert emails_of_invites(team) == ["nia@example.com"]
    assert len(mail.outbox) == 1


def test_bad_addresses_are_named_and_nothing_is_sent(coach_client, team):
    posted = "nia@example.com, sam@, lou@example.com\nnot-an-address"
    response = coach_client.post(send_url(team), {"emails": posted})
    assert response.status_code == 200
    assert (
        "These are not valid email addresses: sam@, not-an-address. Nothing was sent: "
        "correct the list and send it again." in response.text
    )
    assert "nia@example.com, sam@, lou@example.com\nnot-an-address</textarea>" in response.text
    assert not Invite.objects.exists()
    assert mail.outbox == []


def test_members_and_pending_addresses_are_reported_and_the_others_invited(
    coach_client, team, athlete, pending
):
    posted = "athlete@example.com, Nia@example.com, sam@example.com"
    response = coach_client.post(send_url(team), {"emails": posted}, follow=True)
    assert (
        "Invite sent to sam@example.com. athlete@example.com is already a member of Squad. "
        "Nia@example.com was already invited: use Resend in the list." in response.text
    )
    assert emails_of_invites(team) == ["nia@example.com", "sam@example.com"]
    assert [message.to for message in mail.outbox] == [["sam@example.com"]]


def test_a_list_of_members_and_pending_addresses_only_sends_nothing_and_says_why(
    coach_client, team, athlete, pending
):
    make_user("lou")
    Membership.objects.create(team=team, athlete=User.objects.get(username="lou"))
    posted = "athlete@example.com lou@example.com nia@example.com"
    response = coach_client.post(send_url(team), {"emails": posted})
    assert response.status_code == 200
    assert (
        "Nothing was sent. athlete@example.com and lou@example.com are already members of "
        "Squad. nia@example.com was already invited: use Resend in the list." in response.text
    )
    assert team.invites.count() == 1
    assert mail.outbox == []


def test_more_addresses_than_the_limit_are_refused_with_a_message(coach_client, team):
    posted = " ".join(f"athlete{number}@example.com" for number in range(INVITES_PER_POST + 1))
    response = coach_client.post(send_url(team), {"emails": posted})
    assert f"You entered {INVITES_PER_POST + 1} addresses; invite at most 50 at a time." in (
        response.text
    )
    assert not Invite.objects.exists()
    posted = posted.rsplit(" ", 1)[0]  # the limit itself is fine
    coach_client.post(send_url(team), {"emails": posted})
    assert team.invites.count() == INVITES_PER_POST == len(mail.outbox)


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        ("", "Enter at least one email address."),
        (" ,\n ; ", "Enter at least one email address."),
        ("a" * 20_000, "That is more than 50 addresses: send them in parts."),
        ("nia@example.com\x00", "Null characters are not allowed."),
        ("a" * 250 + "@example.com", "This is not a valid email address: aaaa"),
    ],
)
def test_bad_input_is_refused_with_a_message(coach_client, team, posted, message):
    response = coach_client.post(send_url(team), {"emails": posted})
    assert response.status_code == 200
    assert message in response.text
    assert not Invite.objects.exists()


def test_a_list_is_one_transaction(coach_client, team, monkeypatch):
    queue = services.invite_mail

    def second_fails(*, invite, base_url):
        if invite.email == "sam@example.com":
            raise RuntimeError("the queue is down")
        queue(invite=invite, base_url=base_url)

    monkeypatch.setattr(services, "invite_mail", second_fails)
    with pytest.raises(RuntimeError):
        coach_client.post(send_url(team), {"emails": "nia@example.com sam@example.com"})
    assert not Invite.objects.exists()


def test_htmx_sending_a_list_returns_the_invite_section(coach_client, team):
    posted = {"emails": "nia@example.com sam@example.com"}
    response = coach_client.post(send_url(team), posted, headers=HTMX)
    assert response.text.lstrip().startswith('<section id="invites"')
    assert "<html" not in response.text
    assert "Invites sent to nia@example.com and sam@example.com." in response.text
    assert response.text.count('class="invite"') == 2


def test_two_lists_at_the_same_moment_invite_an_address_once(transactional_db, coach):
    team = Team.objects.create(coach=coach, name="Race")
    outcomes, start = [], threading.Barrier(2)

    def send():
        try:
            start.wait(5)
            batch = services.invites_send(
                team=team, emails=["nia@example.com"], invited_by=coach, base_url="/"
            )
            outcomes.append("sent" if batch.sent else "pending")
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert sorted(outcomes) == ["pending", "sent"]
    assert team.invites.count() == 1


# The pending list


def test_pending_invites_show_when_they_were_sent_and_when_they_expire(coach_client, pending):
    response = coach_client.get(team_url(pending.team))
    assert "nia@example.com" in response.text
    assert "sent 21 Nov ·" in response.text
    assert "expires 28 Nov" in response.text


def test_each_pending_invite_shows_its_link_to_copy(coach_client, pending):
    response = coach_client.get(team_url(pending.team))
    link = f"http://testserver/accounts/invite/{pending.token}/"
    assert f'id="invite-link-{pending.pk}"\n                     value="{link}"' in response.text
    assert "readonly" in response.text
    # Hidden until the script (a static file: the CSP allows no inline script) finds a clipboard.
    assert f'data-copy="invite-link-{pending.pk}" hidden>Copy</button>' in response.text
    assert '<script src="/static/js/copy.' in response.text


def test_an_expired_invite_is_listed_as_expired_without_a_link(coach_client, pending):
    with time_machine.travel(SENT_AT + timedelta(days=services.INVITE_DAYS, hours=1)):
        response = coach_client.get(team_url(pending.team))
    assert "expired 28 Nov" in response.text
    assert "Resend to renew the link." in response.text
    assert pending.token not in response.text
    assert resend_url(pending) in response.text


def test_accepted_and_revoked_invites_leave_the_list(coach_client, team, athlete, pending):
    used = invite(team, athlete.email)
    services.invite_accept(invite=used, athlete=athlete)
    services.invite_revoke(invite=pending)
    response = coach_client.get(team_url(team))
    assert list(response.context["invites"]) == []
    assert "No pending invites." in response.text


def test_the_team_list_counts_neither_revoked_nor_expired_invites(coach_client, team, pending):
    invite(team, "sam@example.com", at=SENT_AT - timedelta(days=30))
    services.invite_revoke(invite=invite(team, "lou@example.com"))
    [listed] = coach_client.get("/coach/teams/").context["teams"]
    assert listed.pending_count == 1


@pytest.mark.parametrize("count", [2, 20])
def test_the_team_page_query_count_does_not_grow_with_invites(
    coach_client, team, count, django_assert_max_num_queries
):
    for number in range(count):
        invite(team, f"athlete{number}@example.com")
    # session, user, team, members, invites.
    with django_assert_max_num_queries(5):
        response = coach_client.get(team_url(team))
    assert response.text.count('class="invite"') == count


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
        assert visitor.get(accept_url(pending)).status_code == 410
        coach_client.post(resend_url(pending))
        response = visitor.get(accept_url(pending))
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
    response = Client().get(accept_url(pending))
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
    assert client.post(accept_url(pending), data).status_code == 410
    assert not User.objects.filter(username="newbie").exists()
    sent = invite(team, outsider.email)
    services.invite_revoke(invite=sent)
    client.force_login(outsider)
    assert client.post(accept_url(sent)).status_code == 410
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

"""A coach invites several addresses at once from the team page: each is mailed its own link,
an address given twice is invited once, members and pending addresses are reported, bad
addresses named with nothing sent; the list is one transaction, at most 50 at a time."""

import threading

import pytest
from django.core import mail
from django.db import connection

from accounts import services
from accounts.forms import INVITES_PER_POST
from accounts.models import Invite, Membership, Team, User
from tests.accounts.invites import HTMX, emails_of_invites, send_url, team_url
from tests.conftest import make_user

pytestmark = pytest.mark.usefixtures("a_day_after_sending")


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

"""The team page's list of pending invites: when each was sent and expires, its link to copy,
an expired one without its link; accepted and revoked invites leave it, and its queries do not
grow with it."""

from datetime import timedelta

import pytest
import time_machine

from accounts import services
from tests.accounts.invites import SENT_AT, invite, resend_url, team_url

pytestmark = pytest.mark.usefixtures("a_day_after_sending")


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
    # user, team, members, groups, invites.
    with django_assert_max_num_queries(5):
        response = coach_client.get(team_url(team))
    assert response.text.count('class="invite"') == count

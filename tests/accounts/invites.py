"""Invites as their tests send, follow and read them: the day they are sent, their addresses
(the team page's, the link's), a sign-up form's data, and what the invite and the page show."""

from datetime import UTC, datetime

import time_machine
from django.contrib.messages import get_messages

from accounts import services
from accounts.models import Invite, Team

SENT_AT = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)
NEW_PASSWORD = "stretchy green band 44"
BANDS_PROMPT = "/bands/mine/?next=%2Ftoday%2F"
HTMX = {"HX-Request": "true"}


def invite_url(invite: Invite) -> str:
    return f"/accounts/invite/{invite.token}/"


def team_url(team: Team) -> str:
    return f"/coach/teams/{team.pk}/"


def send_url(team: Team) -> str:
    return f"/coach/teams/{team.pk}/invite/"


def resend_url(invite: Invite) -> str:
    return f"/coach/teams/{invite.team_id}/invites/{invite.pk}/resend/"


def revoke_url(invite: Invite) -> str:
    return f"/coach/teams/{invite.team_id}/invites/{invite.pk}/revoke/"


def invite(team: Team, email: str = "nia@example.com", *, at: datetime = SENT_AT) -> Invite:
    with time_machine.travel(at, tick=False):
        return services.invite_send(
            team=team, email=email, invited_by=team.coach, base_url="http://testserver/"
        )


def invite_to(user) -> Invite:
    """An invite to the squad sent to `user`'s own address: the only account that may use it."""
    with time_machine.travel(SENT_AT, tick=False):
        team = Team.objects.get(name="Squad")
        return services.invite_send(
            team=team, email=user.email, invited_by=team.coach, base_url="http://testserver/"
        )


def emails_of_invites(team: Team) -> list[str]:
    return sorted(team.invites.values_list("email", flat=True))


def sign_up_data(**changes) -> dict:
    return {
        "username": "newbie",
        "first_name": "Nia",
        "email": "newbie@example.com",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **changes,
    }


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def assert_unused(invite: Invite):
    invite.refresh_from_db()
    assert invite.accepted_at is None
    assert invite.accepted_by is None

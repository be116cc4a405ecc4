"""The club's page as its tests use it: its addresses, the staff of a club in each role, a staff
invite sent on a known day, and the audit rows a change writes."""

from datetime import UTC, datetime

import time_machine
from django.contrib.messages import get_messages
from django.test import Client

from accounts import club_invite_actions
from accounts.clubs import Club, Staff, StaffInvite, StaffRole
from accounts.models import User
from accounts.records import AuditAction, AuditEvent
from tests.conftest import make_user

CLUB = "/club/"
HTMX = {"HX-Request": "true"}
SENT_AT = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)
NEW_PASSWORD = "stretchy green band 44"


def club_of(user: User) -> Club:
    return Staff.objects.get(user=user).club


def seat_in(club: Club, username: str, role: str = StaffRole.COACH, **fields) -> User:
    """A new person on `club`'s staff in `role`."""
    person = make_user(username, **fields)
    Staff.objects.create(user=person, club=club, role=role)
    return person


def seat_of(user: User) -> Staff:
    return Staff.objects.get(user=user)


def browser(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def staff_url(seat: Staff, what: str) -> str:
    return f"/club/staff/{seat.pk}/{what}/"


def invite_url(invite: StaffInvite, what: str) -> str:
    return f"/club/invites/{invite.pk}/{what}/"


def accept_url(invite: StaffInvite) -> str:
    return f"/club/invite/{invite.token}/"


def team_url(team, what: str) -> str:
    return f"/club/teams/{team.pk}/{what}/"


def staff_invite(club: Club, email: str = "pia@example.com", role: str = StaffRole.PHYSIO):
    """An invite sent by the club's first head on SENT_AT."""
    head = club.staff.filter(role=StaffRole.OWNER).earliest("pk").user
    with time_machine.travel(SENT_AT, tick=False):
        return club_invite_actions.staff_invite_send(
            club=club, email=email, role=role, by=head, base_url="http://testserver/"
        )


def audited(club: Club) -> list[tuple[str, str | None, str]]:
    """The club's staff changes, oldest first: (actor, on whom, detail) by username."""
    events = AuditEvent.objects.filter(club=club, action=AuditAction.STAFF_CHANGED)
    return [
        (event.actor.username, event.athlete.username if event.athlete else None, event.detail)
        for event in events.select_related("actor", "athlete").order_by("pk")
    ]


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]

"""A club for the audit tests: its head (the `coach` persona, head of a club of their own), a
physio and a viewer of it, an athlete of its team; the staff's clients, and the rows the trail
holds in a form a test compares whole."""

from django.test import Client

from accounts.clubs import Staff, StaffRole
from accounts.models import User
from accounts.records import AuditEvent
from tests.conftest import make_user


def staff_member(username: str, club, role: StaffRole, **fields) -> User:
    person = make_user(username, **fields)
    Staff.objects.create(user=person, club=club, role=role)
    return person


def client_of(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def trail() -> list[tuple]:
    """Every row of the trail, oldest first: (club, actor, athlete, action, detail)."""
    return list(
        AuditEvent.objects.order_by("pk").values_list(
            "club__name", "actor__username", "athlete__username", "action", "detail"
        )
    )

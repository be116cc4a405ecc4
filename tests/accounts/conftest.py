"""Fixtures shared by the invite tests: their clock, a day after sending (not autouse: the
modules that want it ask for it by `pytestmark`), an invite to a new address and one pending
on the team page."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail

from accounts import services
from accounts.models import Invite
from tests.accounts.invites import SENT_AT
from tests.accounts.invites import invite as invite_sent


@pytest.fixture
def a_day_after_sending():
    """The clock of every invite test, unless a test travels elsewhere."""
    with time_machine.travel(SENT_AT + timedelta(days=1)) as traveller:
        yield traveller


@pytest.fixture
def invite(coach, team) -> Invite:
    with time_machine.travel(SENT_AT, tick=False):
        return services.invite_send(
            team=team, email="newbie@example.com", invited_by=coach, base_url="http://testserver/"
        )


@pytest.fixture
def pending(team) -> Invite:
    """An invite sent yesterday, still pending."""
    sent = invite_sent(team)
    mail.outbox.clear()
    return sent

"""A team announcement leaves out the athletes on a return-to-play program unless the coach
ticks the box: "Extra Nordics this week" is not for a strained hamstring. The form says so and
the confirmation counts who was left out."""

from datetime import UTC, datetime

import pytest

from accounts.models import Membership
from logbook.models import Message
from tests.conftest import make_user
from tests.programs.stages import assign_l_protocol

ANNOUNCE = "/coach/messages/announce/"


@pytest.fixture(autouse=True)
def monday(time_machine):
    time_machine.move_to(datetime(2026, 10, 12, 12, tzinfo=UTC), tick=False)


@pytest.fixture
def injured(library, coach, team):
    """A teammate on the L-protocol."""
    injured = make_user("injured", first_name="Ira")
    Membership.objects.create(team=team, athlete=injured)
    assign_l_protocol(injured, coach)
    return injured


def announced_to() -> set[str]:
    return set(
        Message.objects.filter(kind="announcement").values_list("athlete__username", flat=True)
    )


def test_the_form_offers_to_include_athletes_in_return_to_play(coach_client, team):
    text = coach_client.get("/coach/messages/").text
    box = text.split('name="include_return_to_play"')[0].rsplit("<input", 1)[1]
    assert 'type="checkbox"' in box
    assert "checked" not in text.split('name="include_return_to_play"')[1].split(">")[0]
    assert "Include athletes in return to play" in text


def test_an_announcement_leaves_out_athletes_in_return_to_play(
    coach_client, team, athlete, injured
):
    response = coach_client.post(ANNOUNCE, {"team": team.pk, "body": "Extra Nordics this week."})
    assert response.status_code == 302
    assert announced_to() == {"athlete"}
    page = coach_client.get("/coach/messages/").text
    assert "Sent to 1 athlete of Squad; 1 in return to play left out." in page


def test_the_coach_can_include_athletes_in_return_to_play(coach_client, team, athlete, injured):
    coach_client.post(
        ANNOUNCE, {"team": team.pk, "body": "Training at 6 pm.", "include_return_to_play": "on"}
    )
    assert announced_to() == {"athlete", "injured"}
    assert "Sent to 2 athletes of Squad." in coach_client.get("/coach/messages/").text

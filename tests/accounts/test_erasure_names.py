"""An erased head's name leaves the club's name and the admin's log (issue 29): a club named
after its head ("Zoë Featherstonehaugh's club", as signing up and the migration to clubs name
it) is renamed "Club <id>", and the admin's log of the club and its teams, where the inline
rows of staff and members are named, names the erased account by its id. A club named
otherwise, and log rows about others, stay as they are."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from accounts.clubs import Club, Staff, StaffRole, TeamStaff
from accounts.erasure import erasure_request, erasures_due
from accounts.models import Membership, Team
from tests.accounts.erasures import rows_saying
from tests.conftest import make_user

ASKED = datetime(2026, 3, 2, 9, tzinfo=UTC)


def logged(staff, row, *added) -> LogEntry:
    """The admin's record of a change to `row` that added the inline rows `added`, as
    `ModelAdmin.construct_change_message` writes it."""
    return LogEntry.objects.create(
        user=staff,
        content_type=ContentType.objects.get_for_model(row),
        object_id=str(row.pk),
        object_repr=str(row),
        action_flag=CHANGE,
        change_message=json.dumps(
            [
                {"added": {"name": type(added_row).__name__.lower(), "object": str(added_row)}}
                for added_row in added
            ]
        ),
    )


@pytest.fixture
def zoe(time_machine, staff):
    """A head who founded her club and trains with a team of it, beside a second head."""
    time_machine.move_to(ASKED, tick=False)
    zoe = make_user("zoe", first_name="Zoë", last_name="Featherstonehaugh", is_coach=True)
    club = zoe.seat.club
    second = make_user("second", first_name="Sam")
    Staff.objects.create(user=second, club=club, role=StaffRole.OWNER)
    team = Team.objects.create(coach=second, name="Firsts")
    logged(staff, club, zoe.seat)
    logged(staff, team, Membership.objects.create(team=team, athlete=zoe))
    logged(staff, team, TeamStaff.objects.create(team=team, user=make_user("zoe2")))
    return zoe


def erased(person) -> None:
    erasure_request(user=person, by=person)
    erasures_due(now=timezone.now() + timedelta(days=31))


def test_the_club_named_after_her_is_renamed(zoe):
    club = zoe.seat.club
    assert club.name == "Zoë Featherstonehaugh's club"
    erased(zoe)
    assert Club.objects.get(pk=club.pk).name == f"Club {club.pk}"
    assert rows_saying("Featherstonehaugh") == {}


def test_the_admins_log_of_her_club_and_teams_names_her_by_id(zoe):
    club, name = zoe.seat.club, f"erased-{zoe.pk}"
    erased(zoe)
    of_club = LogEntry.objects.get(content_type__model="club", object_id=str(club.pk))
    assert of_club.object_repr == f"Club {club.pk}"
    assert json.loads(of_club.change_message)[0]["added"]["object"] == (
        f"{name} (Head of performance, {name}'s club)"
    )
    in_team = [
        json.loads(entry.change_message)[0]["added"]["object"]
        for entry in LogEntry.objects.filter(content_type__model="team").order_by("pk")
    ]
    assert in_team == [f"{name} in Firsts", "zoe2 coaches Firsts"]


def test_a_club_with_another_name_keeps_it(zoe):
    club = zoe.seat.club
    Club.objects.filter(pk=club.pk).update(name="Zoetrope Athletic")
    erased(zoe)
    assert Club.objects.get(pk=club.pk).name == "Zoetrope Athletic"


def test_her_username_alone_in_the_name_is_enough(db, time_machine):
    time_machine.move_to(ASKED, tick=False)
    zoe = make_user("zoe")
    club = Club.objects.create(name="zoe's club")
    Staff.objects.create(user=zoe, club=club, role=StaffRole.COACH)
    Staff.objects.create(user=make_user("head"), club=club, role=StaffRole.OWNER)
    erased(zoe)
    assert Club.objects.get(pk=club.pk).name == f"Club {club.pk}"

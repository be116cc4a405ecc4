"""Groups inside a squad as the group tests build them: a new member of a team, and a group of
some of its athletes, made through the coach's actions."""

from accounts import actions
from accounts.models import Membership, SquadGroup, Team, User
from tests.conftest import make_user


def member(team: Team, name: str) -> User:
    """A new athlete called `name`, an active member of `team`."""
    athlete = make_user(name.lower(), first_name=name)
    Membership.objects.create(team=team, athlete=athlete)
    return athlete


def make_group(team: Team, name: str, *athletes: User) -> SquadGroup:
    group = actions.squad_group_create(team=team, name=name)
    actions.squad_group_members_set(group=group, athletes=list(athletes))
    return group


def group_url(group: SquadGroup, what: str) -> str:
    """The address of one of the group's actions on the team page: rename, athletes, delete."""
    return f"/coach/teams/{group.team_id}/groups/{group.pk}/{what}/"

"""The one place where someone else's team or athlete turns into a 404."""

from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import DataExport, Invite, Membership, SquadGroup, Team, athletes_of


def team_for_coach(coach, pk: int) -> Team:
    return get_object_or_404(Team.objects.for_coach(coach), pk=pk)


def athlete_for_coach(coach, pk: int):
    """An athlete in one of the coach's teams."""
    return get_object_or_404(athletes_of(coach), pk=pk)


def membership_of(team: Team, pk: int) -> Membership:
    """A current member of a team the caller already holds."""
    memberships = team.memberships.filter(is_active=True).select_related("athlete")
    return get_object_or_404(memberships, pk=pk)


def invite_by_token(token: str) -> Invite:
    """An invite is reached by its secret token alone: whoever holds the link."""
    return get_object_or_404(Invite.objects.select_related("team__coach"), token=token)


def pending_invite_of(team: Team, pk: int) -> Invite:
    """A pending invite of a team the caller already holds: accepted and revoked ones are
    history, out of reach of resend and revoke."""
    return get_object_or_404(team.invites.pending(), pk=pk)


def squad_group_of(team: Team, pk: int) -> SquadGroup:
    """A group of a team the caller already holds: another team's group, even the same
    coach's, is not reached through this one."""
    return get_object_or_404(team.squad_groups.select_related("team"), pk=pk)


def data_export_of(user, token: str) -> DataExport:
    """A zip of the signed-in person's own data, ready and before its link expires: another
    person's, an expired one and one still being built answer 404 alike."""
    ready = DataExport.objects.filter(
        user=user, content__isnull=False, expires_at__gt=timezone.now()
    )
    return get_object_or_404(ready, token=token)

"""The one place where someone else's team or athlete turns into a 404."""

from django.shortcuts import get_object_or_404

from accounts.models import Team, athletes_of


def team_for_coach(coach, pk: int) -> Team:
    return get_object_or_404(Team.objects.for_coach(coach), pk=pk)


def athlete_for_coach(coach, pk: int):
    """An athlete in one of the coach's teams."""
    return get_object_or_404(athletes_of(coach), pk=pk)

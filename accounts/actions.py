"""What a coach does to a team's groups (positions, "backs", "rehab"), one function each:
make a group, rename it, tick its athletes, delete an empty one. Each is one durable
transaction; views check the input and who may act (another coach's team or group answers 404
before this), call one action and render. The coach's actions on an athlete are in
`coaching.actions`, assigning a program in `programs.actions`."""

from django.db import IntegrityError, transaction

from accounts.models import SquadGroup, SquadGroupMember, Team, User


class GroupRefused(Exception):
    """A group change that cannot be made; the message says why, in words for the coach."""


def name_taken(team: Team, name: str) -> GroupRefused:
    return GroupRefused(f"{team} already has a group called {name}.")


@transaction.atomic(durable=True)
def squad_group_create(*, team: Team, name: str) -> SquadGroup:
    try:
        # A savepoint: a name taken by a post at the same moment is refused, not a 500.
        with transaction.atomic():
            return SquadGroup.objects.create(team=team, name=name)
    except IntegrityError as error:  # accounts_squadgroup_unique_name
        raise name_taken(team, name) from error


@transaction.atomic(durable=True)
def squad_group_rename(*, group: SquadGroup, name: str) -> SquadGroup:
    group.name = name
    try:
        with transaction.atomic():
            group.save(update_fields=["name"])
    except IntegrityError as error:
        raise name_taken(group.team, name) from error
    return group


@transaction.atomic(durable=True)
def squad_group_members_set(*, group: SquadGroup, athletes: list[User]) -> list[User]:
    """The group's athletes become exactly `athletes` (the ones the coach ticked): the others
    leave it, the new ones join. Each must be an active member of the group's team. The group's
    row is locked, so two saves at the same moment come one after the other."""
    SquadGroup.objects.select_for_update().get(pk=group.pk)
    wanted = {athlete.pk for athlete in athletes}
    members = set(
        group.team.memberships.filter(is_active=True, athlete__in=wanted).values_list(
            "athlete_id", flat=True
        )
    )
    if outside := [athlete for athlete in athletes if athlete.pk not in members]:
        names = ", ".join(str(athlete) for athlete in outside)
        raise GroupRefused(f"Not in {group.team}: {names}. Nobody was added or removed.")
    group.members.exclude(athlete__in=wanted).delete()
    already = set(group.members.values_list("athlete_id", flat=True))
    SquadGroupMember.objects.bulk_create(
        SquadGroupMember(group=group, athlete_id=pk) for pk in sorted(wanted - already)
    )
    return athletes


@transaction.atomic(durable=True)
def squad_group_delete(*, group: SquadGroup) -> None:
    """Only an empty group goes: one with athletes is kept until the coach unticks them, so a
    tap cannot undo the work of sorting a squad."""
    group = SquadGroup.objects.select_for_update().get(pk=group.pk)
    if count := group.members.count():
        athletes = f"{count} athlete{'s' if count != 1 else ''}"
        raise GroupRefused(f"{group.name} still has {athletes}: untick them first.")
    group.delete()

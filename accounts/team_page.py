"""The team page as its views render it (`accounts.team_views`, `accounts.group_views`): the
members, the pending invites and the groups, each a partial htmx swaps alone."""

from dataclasses import dataclass

from django import forms
from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import OuterRef, Q, Value
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from accounts import services
from accounts.forms import GroupMembersForm, InviteForm, SquadGroupForm
from accounts.mail import last_failure, last_mail_given_up
from accounts.models import SquadGroup, Team, User

TEAM_DETAIL = "accounts/team_detail.html"
NEW_GROUP = "new-group"  # the new group form's prefix: each group's own forms have theirs


def team_url(team: Team, anchor: str = "") -> str:
    return reverse("accounts:team-detail", args=[team.pk]) + (f"#{anchor}" if anchor else "")


def group_url(team: Team, group_pk: int) -> str:
    """The team page with the group open (`?group=`), at the group."""
    return f"{reverse('accounts:team-detail', args=[team.pk])}?group={group_pk}#group-{group_pk}"


@dataclass
class GroupPanel:
    """One group on the team page: its athletes, and the forms that rename it and tick them."""

    group: SquadGroup
    athletes: list[User]
    rename_form: SquadGroupForm
    members_form: GroupMembersForm
    opened: bool  # shown open: the group just changed, or its form came back with errors


def group_panels(team: Team, members, *, opened: int | None, bound: forms.Form | None):
    """Each group of the team, its athletes read with it (one query; the team's members, read
    once, give their names and the boxes to tick). `bound`: a form of the `opened` group sent
    back with its errors."""
    by_id = {member.athlete_id: member.athlete for member in members}
    panels = []
    for group in team.squad_groups.annotate(
        athlete_ids=ArrayAgg(
            "members__athlete_id", filter=Q(members__isnull=False), default=Value([])
        )
    ).order_by("name"):
        ids = set(group.athlete_ids)
        athletes = [athlete for pk, athlete in by_id.items() if pk in ids]
        prefix = f"group-{group.pk}"
        mine = bound if group.pk == opened else None
        rename = SquadGroupForm(team=team, group=group, prefix=prefix, initial={"name": group.name})
        ticked = GroupMembersForm(
            memberships=members,
            prefix=prefix,
            initial={"athletes": [str(athlete.pk) for athlete in athletes]},
        )
        panels.append(
            GroupPanel(
                group=group,
                athletes=athletes,
                rename_form=mine if isinstance(mine, SquadGroupForm) else rename,
                members_form=mine if isinstance(mine, GroupMembersForm) else ticked,
                opened=group.pk == opened,
            )
        )
    return panels


def detail_context(
    request,
    team: Team,
    *,
    invite_form: InviteForm | None = None,
    new_group_form: SquadGroupForm | None = None,
    opened_group: int | None = None,
    bound_group_form: forms.Form | None = None,
):
    # Lazy querysets: the htmx partials evaluate only the ones they show.
    members = (
        team.memberships.filter(is_active=True)
        .select_related("athlete")
        .annotate(mail_failure=last_mail_given_up(to=OuterRef("athlete__email")))
        .order_by("athlete__first_name", "athlete__username")
    )
    return {
        "team": team,
        "members": members,
        "groups": SimpleLazyObject(
            lambda: group_panels(team, members, opened=opened_group, bound=bound_group_form)
        ),
        "new_group_form": new_group_form or SquadGroupForm(team=team, prefix=NEW_GROUP),
        "invites": team.invites.pending().annotate(
            mail_failure=last_failure(to=OuterRef("email"), since=OuterRef("sent_at"))
        ),
        "invite_form": invite_form or InviteForm(),
        "invite_days": services.INVITE_DAYS,
        "site": request.build_absolute_uri("/").rstrip("/"),  # invite links to copy
    }

"""Groups inside a team (positions, "backs", "rehab") on the team page: add one, rename it,
tick its athletes, delete an empty one. Each calls its action (`accounts.actions`); htmx gets
the groups section back, a plain form comes back to the group on the page. Another coach's team
or group answers 404."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from accounts import actions
from accounts.access import squad_group_of, team_for_coach
from accounts.decorators import coach_required
from accounts.forms import GroupMembersForm, SquadGroupForm
from accounts.models import Team
from accounts.team_page import NEW_GROUP, TEAM_DETAIL, detail_context, group_url, team_url
from web.htmx import UNPROCESSABLE, HtmxHttpRequest, partial_or_redirect


def groups_answer(
    request: HtmxHttpRequest, team: Team, notice: str, *, opened: int | None = None
) -> HttpResponse:
    return partial_or_redirect(
        request,
        f"{TEAM_DETAIL}#groups",
        lambda: detail_context(request, team, opened_group=opened),
        url=group_url(team, opened) if opened else team_url(team, "groups"),
        notice=notice,
    )


def groups_refused(request: HtmxHttpRequest, team: Team, **forms_back) -> HttpResponse:
    """The groups with the form sent back, its message next to its field: htmx gets the
    section, a plain post the whole page (422)."""
    context = detail_context(request, team, **forms_back)
    if request.htmx:
        return render(request, f"{TEAM_DETAIL}#groups", context)
    return render(request, TEAM_DETAIL, context, status=UNPROCESSABLE)


@coach_required
@require_POST
def group_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    team = team_for_coach(request.user, pk)
    form = SquadGroupForm(request.POST, team=team, prefix=NEW_GROUP)
    if form.is_valid():
        try:
            group = actions.squad_group_create(team=team, name=form.cleaned_data["name"])
        except actions.GroupRefused as refusal:
            form.add_error("name", str(refusal))
        else:
            notice = f"Group {group.name} added: tick its athletes."
            return groups_answer(request, team, notice, opened=group.pk)
    return groups_refused(request, team, new_group_form=form)


@coach_required
@require_POST
def group_rename(request: HtmxHttpRequest, pk: int, group_pk: int) -> HttpResponse:
    team = team_for_coach(request.user, pk)
    group = squad_group_of(team, group_pk)
    old_name = group.name
    form = SquadGroupForm(request.POST, team=team, group=group, prefix=f"group-{group.pk}")
    if form.is_valid():
        try:
            actions.squad_group_rename(group=group, name=form.cleaned_data["name"])
        except actions.GroupRefused as refusal:
            form.add_error("name", str(refusal))
        else:
            notice = f"{old_name} is now called {group.name}."
            return groups_answer(request, team, notice, opened=group.pk)
    return groups_refused(request, team, opened_group=group.pk, bound_group_form=form)


@coach_required
@require_POST
def group_members(request: HtmxHttpRequest, pk: int, group_pk: int) -> HttpResponse:
    team = team_for_coach(request.user, pk)
    group = squad_group_of(team, group_pk)
    memberships = team.memberships.filter(is_active=True).select_related("athlete")
    form = GroupMembersForm(request.POST, memberships=memberships, prefix=f"group-{group.pk}")
    if form.is_valid():
        try:
            athletes = actions.squad_group_members_set(
                group=group, athletes=form.cleaned_data["athletes"]
            )
        except actions.GroupRefused as refusal:
            form.add_error("athletes", str(refusal))
        else:
            count = len(athletes)
            notice = f"{group.name}: {count} athlete{'s' if count != 1 else ''}."
            return groups_answer(request, team, notice, opened=group.pk)
    return groups_refused(request, team, opened_group=group.pk, bound_group_form=form)


@coach_required
@require_POST
def group_delete(request: HtmxHttpRequest, pk: int, group_pk: int) -> HttpResponse:
    team = team_for_coach(request.user, pk)
    group = squad_group_of(team, group_pk)
    try:
        actions.squad_group_delete(group=group)
    except actions.GroupRefused as refusal:
        return partial_or_redirect(
            request,
            f"{TEAM_DETAIL}#groups",
            lambda: detail_context(request, team, opened_group=group.pk),
            url=group_url(team, group.pk),
            notice=str(refusal),
            level=messages.ERROR,
        )
    return groups_answer(request, team, f"Group {group.name} deleted.")

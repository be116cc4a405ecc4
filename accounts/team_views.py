"""Teams and invites: a coach's teams and members, invites by email, and the invite link that
signs an athlete up (or adds an existing account) to a team. The team page's groups are
`accounts.group_views`; what both render, `accounts.team_page`."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts import services
from accounts.access import invite_by_token, membership_of, pending_invite_of, team_for_coach
from accounts.decorators import coach_required
from accounts.forms import InviteForm, InviteSignUpForm, TeamForm
from accounts.models import Invite, Team
from accounts.team_page import TEAM_DETAIL, detail_context, team_url
from web.htmx import HtmxHttpRequest, partial_or_redirect
from web.params import parse_id


@coach_required
@require_http_methods(["GET", "POST"])
def team_list(request: HtmxHttpRequest) -> HttpResponse:
    form = TeamForm(request.POST or None, coach=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            team = services.team_create(coach=request.user, name=form.cleaned_data["name"])
        except services.TeamNameTaken as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, f"Team {team} created. Invite its athletes by email.")
            return redirect(team_url(team, "invites"))
    # Meta.ordering does not apply to aggregate queries, hence the explicit order_by.
    teams = (
        Team.objects.for_coach(request.user)
        .order_by("name")
        .annotate(
            member_count=Count("memberships", filter=Q(memberships__is_active=True), distinct=True),
            pending_count=Count(
                "invites",
                filter=Q(
                    invites__accepted_at__isnull=True,
                    invites__revoked_at__isnull=True,
                    invites__expires_at__gt=timezone.now(),
                ),
                distinct=True,
            ),
        )
    )
    return render(request, "accounts/team_list.html", {"teams": teams, "form": form})


@coach_required
@require_http_methods(["GET"])
def team_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The team; `?group=` opens that group (where a group's form comes back to)."""
    team = team_for_coach(request.user, pk)
    opened = parse_id(request.GET.get("group"))
    return render(request, TEAM_DETAIL, detail_context(request, team, opened_group=opened))


# Invites from the team page: a list of addresses at once; resend and revoke one.


def invites_answer(
    request: HtmxHttpRequest, team: Team, notice: str, *, level: int = messages.SUCCESS
) -> HttpResponse:
    return partial_or_redirect(
        request,
        f"{TEAM_DETAIL}#invites",
        lambda: detail_context(request, team),
        url=team_url(team, "invites"),
        notice=notice,
        level=level,
    )


def listed(emails: list[str]) -> str:
    return emails[0] if len(emails) == 1 else f"{', '.join(emails[:-1])} and {emails[-1]}"


def left_out(team: Team, batch: services.InviteBatch) -> str:
    """Why some addresses got no invite, in sentences."""
    sentences = []
    if members := batch.members:
        are = "is already a member" if len(members) == 1 else "are already members"
        sentences.append(f"{listed(members)} {are} of {team}.")
    if pending := batch.pending:
        verb = "was" if len(pending) == 1 else "were"
        sentences.append(f"{listed(pending)} {verb} already invited: use Resend in the list.")
    return " ".join(sentences)


@coach_required
@require_POST
def invite_send(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    team = team_for_coach(request.user, pk)
    form = InviteForm(request.POST)
    if form.is_valid():
        batch = services.invites_send(
            team=team,
            emails=form.cleaned_data["emails"],
            invited_by=request.user,
            base_url=request.build_absolute_uri("/"),
        )
        if batch.sent:
            emails = [invite.email for invite in batch.sent]
            sent = f"Invite{pluralize(emails)} sent to {listed(emails)}."
            skipped = left_out(team, batch)
            level = messages.WARNING if skipped else messages.SUCCESS
            return invites_answer(request, team, f"{sent} {skipped}".strip(), level=level)
        form.add_error("emails", f"Nothing was sent. {left_out(team, batch)}")
    template = f"{TEAM_DETAIL}#invites" if request.htmx else TEAM_DETAIL
    return render(request, template, detail_context(request, team, invite_form=form))


@coach_required
@require_POST
def invite_resend(request: HtmxHttpRequest, pk: int, invite_pk: int) -> HttpResponse:
    team = team_for_coach(request.user, pk)
    invite = pending_invite_of(team, invite_pk)
    try:
        invite = services.invite_resend(invite=invite, base_url=request.build_absolute_uri("/"))
    except services.InviteSettled as error:
        return invites_answer(request, team, str(error), level=messages.ERROR)
    expires = services.expiry_date(invite)
    return invites_answer(
        request, team, f"Invite sent again to {invite.email}. It now expires on {expires}."
    )


@coach_required
@require_POST
def invite_revoke(request: HtmxHttpRequest, pk: int, invite_pk: int) -> HttpResponse:
    team = team_for_coach(request.user, pk)
    invite = pending_invite_of(team, invite_pk)
    try:
        invite = services.invite_revoke(invite=invite)
    except services.InviteSettled as error:
        return invites_answer(request, team, str(error), level=messages.ERROR)
    return invites_answer(
        request, team, f"Invite to {invite.email} revoked: its link no longer works."
    )


@coach_required
@require_POST
def member_remove(request: HtmxHttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    team = team_for_coach(request.user, pk)
    membership = membership_of(team, membership_pk)
    services.membership_remove(membership=membership)
    return partial_or_redirect(
        request,
        f"{TEAM_DETAIL}#members",
        lambda: detail_context(request, team),
        url=team_url(team, "members"),
        notice=f"{membership.athlete} is no longer in {team}.",
    )


# The invite link: anonymous visitors sign up, logged-in people join.


@never_cache
@require_http_methods(["GET", "POST"])
def invite_accept(request: HtmxHttpRequest, token: str) -> HttpResponse:
    invite = invite_by_token(token)
    if problem := services.invite_problem(invite=invite, user=request.user):
        return invite_refused(request, invite, problem)
    if request.user.is_authenticated:
        return invite_join(request, invite)
    return invite_sign_up(request, invite)


def invite_refused(request: HtmxHttpRequest, invite: Invite, problem: str) -> HttpResponse:
    status = 410 if services.invite_is_spent(invite) else 403
    context = {"invite": invite, "problem": problem}
    return render(request, "accounts/invite_unusable.html", context, status=status)


def invite_join(request: HtmxHttpRequest, invite: Invite) -> HttpResponse:
    if request.method == "POST":
        try:
            services.invite_accept(invite=invite, athlete=request.user)
        except services.InviteUnusable as error:
            return invite_refused(request, invite, str(error))
        return welcome(request, invite)
    return render(request, "accounts/invite_join.html", {"invite": invite})


def invite_sign_up(request: HtmxHttpRequest, invite: Invite) -> HttpResponse:
    form = InviteSignUpForm(request.POST or None, invite=invite)
    if request.method == "POST" and form.is_valid():
        try:
            athlete = services.invite_sign_up(
                invite=invite,
                username=form.cleaned_data["username"],
                first_name=form.cleaned_data["first_name"],
                email=invite.email,
                password=form.cleaned_data["password1"],
            )
        except services.InviteUnusable as error:
            return invite_refused(request, invite, str(error))
        except services.UsernameTaken as error:
            form.add_error("username", str(error))
        else:
            # The password backend (the last; axes, first, only guards sign-in).
            login(request, athlete, backend=settings.SIGN_IN_BACKEND)
            return welcome(request, invite, ask_bands=True)
    context = {"invite": invite, "form": form}
    return render(request, "accounts/invite_sign_up.html", context)


def welcome(request: HtmxHttpRequest, invite: Invite, *, ask_bands: bool = False) -> HttpResponse:
    messages.success(request, f"Welcome to {invite.team}.")
    if ask_bands:  # a new athlete first says which bands they own, then goes on to today
        today = reverse("logbook:today")
        return redirect(f"{reverse('catalogue:my-bands')}?{urlencode({'next': today})}")
    return redirect("logbook:today")

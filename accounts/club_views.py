"""The club's page for its head of performance (`/club/`): the settings, the staff and their
roles, staff invites, and the teams handed between coaches or given to one. Each post calls
one action (`accounts.club_actions`, invites `accounts.club_invite_actions`); htmx gets its
section back, a plain form comes back to the section on the page. The head reaches only
their own club's rows: another club's staff, invites and teams answer 404
(`accounts.club_page`). The invite's own link, for the person invited, is
`accounts.club_invite_views`."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from accounts import club_actions, club_invite_actions
from accounts.club_actions import ClubRefused
from accounts.club_forms import ClubSettingsForm, StaffInviteForm, StaffRoleForm, TeamCoachForm
from accounts.club_page import (
    CLUB_PAGE,
    club_context,
    club_of,
    club_url,
    give_form_of,
    given_of,
    hand_over_form_of,
    seat_of,
    staff_invite_of,
    team_candidates,
    team_of,
)
from accounts.clubs import Club, StaffRole
from accounts.decorators import club_owner_required
from accounts.services import expiry_date
from web.htmx import UNPROCESSABLE, HtmxHttpRequest, partial_or_redirect


def section_answer(
    request: HtmxHttpRequest,
    club: Club,
    section: str,
    notice: str,
    *,
    refused: bool = False,
    opened_team: int | None = None,
) -> HttpResponse:
    """htmx gets the section with the notice in it (an alert when the change was refused); a
    plain post goes back to the section, the notice as a message."""
    anchor = f"team-{opened_team}" if opened_team else section
    return partial_or_redirect(
        request,
        f"{CLUB_PAGE}#{section}",
        lambda: {**club_context(request, club, opened_team=opened_team), "refused": refused},
        url=club_url(anchor),
        notice=notice,
        level=messages.ERROR if refused else messages.SUCCESS,
    )


def section_refused(
    request: HtmxHttpRequest, club: Club, section: str, **forms_back
) -> HttpResponse:
    """The section with the form sent back, its message next to its field: htmx gets the
    section, a plain post the whole page (422)."""
    context = club_context(request, club, **forms_back)
    if request.htmx:
        return render(request, f"{CLUB_PAGE}#{section}", context)
    return render(request, CLUB_PAGE, context, status=UNPROCESSABLE)


def page_left(request: HtmxHttpRequest, notice: str, url: str) -> HttpResponse:
    """The head changed their own seat and no longer heads the club: off the page."""
    messages.success(request, notice)
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@club_owner_required
@require_GET
def club_page(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, CLUB_PAGE, club_context(request, club_of(request.user)))


@club_owner_required
@require_POST
def club_settings(request: HtmxHttpRequest) -> HttpResponse:
    club = club_of(request.user)
    form = ClubSettingsForm(request.POST, club=club)
    if form.is_valid():
        try:
            club = club_actions.club_settings_save(club=club, by=request.user, **form.cleaned_data)
        except ClubRefused as refusal:
            form.add_error("sso_domain", str(refusal))
        else:
            return section_answer(request, club, "settings", "Settings saved.")
    return section_refused(request, club, "settings", settings_form=form)


# The staff


@club_owner_required
@require_POST
def staff_role(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    club = club_of(request.user)
    seat = seat_of(club, pk)
    form = StaffRoleForm(request.POST, prefix=f"staff-{seat.pk}")
    if not form.is_valid():
        return section_answer(request, club, "staff", form.errors["role"][0], refused=True)
    try:
        seat = club_actions.staff_role_set(
            seat=seat, role=form.cleaned_data["role"], by=request.user
        )
    except ClubRefused as refusal:
        return section_answer(request, club, "staff", str(refusal), refused=True)
    role = seat.get_role_display().lower()
    if seat.user_id == request.user.pk and seat.role != StaffRole.OWNER:
        return page_left(request, f"You are now {role} of {club}.", reverse("coaching:board"))
    return section_answer(request, club, "staff", f"{seat.user} is now {role}.")


@club_owner_required
@require_POST
def staff_remove(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    club = club_of(request.user)
    seat = seat_of(club, pk)
    try:
        club_actions.staff_remove(seat=seat, by=request.user)
    except ClubRefused as refusal:
        return section_answer(request, club, "staff", str(refusal), refused=True)
    if seat.user_id == request.user.pk:
        return page_left(request, f"You left the staff of {club}.", reverse("home"))
    notice = f"{seat.user} is no longer on the staff of {club}: what they did stays on record."
    return section_answer(request, club, "staff", notice)


# Staff invites


@club_owner_required
@require_POST
def invite_send(request: HtmxHttpRequest) -> HttpResponse:
    club = club_of(request.user)
    form = StaffInviteForm(request.POST)
    if form.is_valid():
        try:
            invite = club_invite_actions.staff_invite_send(
                club=club,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                by=request.user,
                base_url=request.build_absolute_uri("/"),
            )
        except ClubRefused as refusal:
            form.add_error("email", str(refusal))
        else:
            role = invite.get_role_display().lower()
            notice = f"Invite sent to {invite.email}, to join as {role}."
            return section_answer(request, club, "invites", notice)
    return section_refused(request, club, "invites", invite_form=form)


@club_owner_required
@require_POST
def invite_resend(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    club = club_of(request.user)
    invite = staff_invite_of(club, pk)
    try:
        invite = club_invite_actions.staff_invite_resend(
            invite=invite, base_url=request.build_absolute_uri("/")
        )
    except ClubRefused as refusal:
        return section_answer(request, club, "invites", str(refusal), refused=True)
    notice = f"Invite sent again to {invite.email}. It now expires on {expiry_date(invite)}."
    return section_answer(request, club, "invites", notice)


@club_owner_required
@require_POST
def invite_revoke(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    club = club_of(request.user)
    invite = staff_invite_of(club, pk)
    try:
        invite = club_invite_actions.staff_invite_revoke(invite=invite, by=request.user)
    except ClubRefused as refusal:
        return section_answer(request, club, "invites", str(refusal), refused=True)
    notice = f"Invite to {invite.email} revoked: its link no longer works."
    return section_answer(request, club, "invites", notice)


# Teams and their coaches


@club_owner_required
@require_POST
def team_hand_over(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    club = club_of(request.user)
    team = team_of(club, pk)
    previous = team.coach
    candidates = team_candidates(club, team, giving=False)
    form = TeamCoachForm(request.POST, **hand_over_form_of(team), candidates=candidates)
    if form.is_valid():
        try:
            club_actions.team_hand_over(team=team, to=form.cleaned_data["coach"], by=request.user)
        except ClubRefused as refusal:
            form.add_error("coach", str(refusal))
        else:
            notice = (
                f"{form.cleaned_data['coach']} leads {team} now; its athletes, plans and "
                f"history stay with it. {previous} no longer leads it."
            )
            return section_answer(request, club, "teams", notice, opened_team=team.pk)
    return section_refused(
        request,
        club,
        "teams",
        opened_team=team.pk,
        bound_team_form=form,
        bound_name="hand_over",
    )


@club_owner_required
@require_POST
def team_give(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    club = club_of(request.user)
    team = team_of(club, pk)
    candidates = team_candidates(club, team, giving=True)
    form = TeamCoachForm(request.POST, **give_form_of(team), candidates=candidates)
    if form.is_valid():
        coach = form.cleaned_data["coach"]
        try:
            club_actions.team_give(team=team, to=coach, by=request.user)
        except ClubRefused as refusal:
            form.add_error("coach", str(refusal))
        else:
            notice = f"{coach} coaches {team} now, beside {team.coach}."
            return section_answer(request, club, "teams", notice, opened_team=team.pk)
    return section_refused(
        request, club, "teams", opened_team=team.pk, bound_team_form=form, bound_name="give"
    )


@club_owner_required
@require_POST
def team_take_back(request: HtmxHttpRequest, pk: int, given_pk: int) -> HttpResponse:
    club = club_of(request.user)
    team = team_of(club, pk)
    given = given_of(team, given_pk)
    club_actions.team_take_back(given=given, by=request.user)
    notice = f"{given.user} no longer coaches {team}."
    return section_answer(request, club, "teams", notice, opened_team=team.pk)

"""The club's page (`/club/`) as its views render it (`accounts.club_views`): the settings,
the staff, the pending staff invites and the teams with their coaches, each a partial htmx
swaps alone; and the one place where the club's own staff, invites and teams are reached by
id (another club's answer 404)."""

from dataclasses import dataclass

from django import forms
from django.db.models import BooleanField as BooleanOutput
from django.db.models import Count, ExpressionWrapper, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from accounts.club_forms import ClubSettingsForm, StaffInviteForm, StaffRoleForm, TeamCoachForm
from accounts.clubs import Club, Staff, StaffInvite, StaffRole, TeamStaff
from accounts.mail import last_failure
from accounts.models import Team, User
from accounts.services import INVITE_DAYS

CLUB_PAGE = "accounts/club.html"
ROLE_ORDER = list(StaffRole.values)  # heads first, then coaches, physios, viewers


def club_url(anchor: str = "") -> str:
    return reverse("accounts:club") + (f"#{anchor}" if anchor else "")


# The club's own rows, by id: another club's answer 404.


def club_of(user: User) -> Club:
    return Club.objects.get(pk=user.seat.club_id)


def seat_of(club: Club, pk: int) -> Staff:
    """A current member of the club's staff."""
    return get_object_or_404(club.staff.filter(is_active=True).select_related("user"), pk=pk)


def staff_invite_of(club: Club, pk: int) -> StaffInvite:
    """A pending invite of the club: accepted and revoked ones are history."""
    return get_object_or_404(club.invites.pending().select_related("club", "invited_by"), pk=pk)


def team_of(club: Club, pk: int) -> Team:
    return get_object_or_404(club.teams.select_related("coach"), pk=pk)


def given_of(team: Team, pk: int) -> TeamStaff:
    """A coach given this team (another team's row is not reached through this one)."""
    return get_object_or_404(team.staff.select_related("team", "user"), pk=pk)


# What the page shows


@dataclass
class StaffRow:
    seat: Staff
    role_form: StaffRoleForm
    is_me: bool


@dataclass
class TeamPanel:
    """One team: its lead, the coaches it was given, and the forms that hand it over and give
    it to one more coach (offered only the club's coaches who do not have it yet)."""

    team: Team
    given: list[TeamStaff]
    hand_over_form: TeamCoachForm
    give_form: TeamCoachForm
    opened: bool  # shown open: it just changed, or its form came back with errors


def staff_rows(club: Club, me: User) -> list[StaffRow]:
    seats = club.staff.filter(is_active=True).select_related("user")
    ordered = sorted(
        seats, key=lambda seat: (ROLE_ORDER.index(seat.role), str(seat.user).casefold())
    )
    rows = []
    for seat in ordered:
        form = StaffRoleForm(prefix=f"staff-{seat.pk}", initial={"role": seat.role})
        form.fields["role"].widget.attrs["aria-label"] = f"Role of {seat.user}"
        rows.append(StaffRow(seat=seat, role_form=form, is_me=seat.user_id == me.pk))
    return rows


def hand_over_form_of(team: Team) -> dict:
    """The hand-over form's label and prefix (each team's forms have their own ids)."""
    return {"label": "Hand it to", "prefix": f"team-{team.pk}-hand"}


def give_form_of(team: Team) -> dict:
    return {"label": "Give it to", "prefix": f"team-{team.pk}-give"}


def team_panels(
    club: Club, *, opened: int | None, bound: forms.Form | None, bound_name: str
) -> list[TeamPanel]:
    """Each team of the club with its coaches (three queries whatever the number of teams).
    `bound`: the `opened` team's form sent back with its errors (`bound_name`: which)."""
    seats = list(
        club.staff.filter(is_active=True, role__in=(StaffRole.OWNER, StaffRole.COACH))
        .select_related("user")
        .order_by("user__first_name", "user__username")
    )
    teams = (
        club.teams.select_related("coach")
        .annotate(
            member_count=Count("memberships", filter=Q(memberships__is_active=True), distinct=True)
        )
        .prefetch_related(
            Prefetch(
                "staff",
                TeamStaff.objects.select_related("user").order_by("user__first_name"),
                to_attr="given",
            )
        )
        .order_by("name")
    )
    panels = []
    for team in teams:
        given_ids = {row.user_id for row in team.given}
        hand_to = [seat.user for seat in seats if seat.user_id != team.coach_id]
        give_to = [
            seat.user
            for seat in seats
            if seat.role == StaffRole.COACH
            and seat.user_id != team.coach_id
            and seat.user_id not in given_ids
        ]
        hand_over = TeamCoachForm(**hand_over_form_of(team), candidates=hand_to)
        give = TeamCoachForm(**give_form_of(team), candidates=give_to)
        if team.pk == opened and bound is not None:
            hand_over = bound if bound_name == "hand_over" else hand_over
            give = bound if bound_name == "give" else give
        panels.append(
            TeamPanel(
                team=team,
                given=team.given,
                hand_over_form=hand_over,
                give_form=give,
                opened=team.pk == opened,
            )
        )
    return panels


def team_candidates(club: Club, team: Team, *, giving: bool) -> list[User]:
    """Whom a team's form offers, as `team_panels` does for one team: the club's coaches and
    heads but its lead to hand it to; its coaches not given it yet to give it to."""
    seats = club.staff.filter(is_active=True).exclude(user=team.coach_id).select_related("user")
    if giving:
        seats = seats.filter(role=StaffRole.COACH).exclude(user__teams_given__team=team)
    else:
        seats = seats.filter(role__in=(StaffRole.OWNER, StaffRole.COACH))
    return [seat.user for seat in seats]


def club_context(
    request,
    club: Club,
    *,
    settings_form: ClubSettingsForm | None = None,
    invite_form: StaffInviteForm | None = None,
    opened_team: int | None = None,
    bound_team_form: forms.Form | None = None,
    bound_name: str = "",
) -> dict:
    # Lazy: the htmx partials evaluate only what they show.
    invites = (
        club.invites.pending()
        .select_related("invited_by")
        .annotate(
            is_expired=ExpressionWrapper(
                Q(expires_at__lte=timezone.now()), output_field=BooleanOutput()
            ),
            mail_failure=last_failure(to=OuterRef("email"), since=OuterRef("sent_at")),
        )
    )
    former = club.staff.filter(is_active=False).select_related("user").order_by("user__first_name")
    return {
        "club": club,
        "settings_form": settings_form or ClubSettingsForm(club=club),
        "staff": SimpleLazyObject(lambda: staff_rows(club, request.user)),
        "former_staff": former,
        "invites": invites,
        "invite_form": invite_form or StaffInviteForm(),
        "invite_days": INVITE_DAYS,
        "teams": SimpleLazyObject(
            lambda: team_panels(
                club, opened=opened_team, bound=bound_team_form, bound_name=bound_name
            )
        ),
        "site": request.build_absolute_uri("/").rstrip("/"),  # invite links to copy
    }

"""Business actions on teams and invites. Views, the admin, commands and tests all call these;
each one is a single transaction."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import dateformat, timezone

from accounts.mail import mail_queue
from accounts.models import Invite, Membership, Team, User

INVITE_DAYS = 7


class TeamNameTaken(Exception):
    """The coach already has a team of that name."""


class UsernameTaken(Exception):
    """Someone took the username between the form's check and the sign-up."""


class InviteUnusable(Exception):
    """An invite that cannot be accepted (used, expired, or not for this person); the message
    says why in plain words."""


@transaction.atomic
def team_create(*, coach: User, name: str) -> Team:
    try:
        # A savepoint, so a lost race on the unique name leaves the caller's transaction usable.
        with transaction.atomic():
            return Team.objects.create(coach=coach, name=name)
    except IntegrityError as error:  # accounts_team_unique_name
        raise TeamNameTaken(f"You already have a team called {name}.") from error


def invite_link(*, invite: Invite, base_url: str) -> str:
    return base_url.rstrip("/") + reverse("accounts:invite-accept", args=[invite.token])


def expiry_date(invite: Invite) -> str:
    return dateformat.format(timezone.localtime(invite.expires_at), "j F Y")


@transaction.atomic
def invite_send(*, team: Team, email: str, invited_by: User, base_url: str) -> Invite:
    """Create a single-use invite and queue the mail with its link."""
    invite = Invite.objects.create(
        team=team,
        email=email,
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=INVITE_DAYS),
    )
    link = invite_link(invite=invite, base_url=base_url)
    mail_queue(
        to=email,
        subject=f"{invited_by} invited you to {team} on Hamstrings",
        body=(
            f"{invited_by} invited you to join {team} on Hamstrings, for guided hamstring "
            "programs with resistance bands.\n\n"
            "Open this link to sign up, or to join with the account you already have:\n\n"
            f"{link}\n\n"
            f"The link works once and expires on {expiry_date(invite)}.\n"
        ),
    )
    return invite


def invite_problem(*, invite: Invite, user: User | None = None) -> str:
    """Why this invite cannot be accepted (by `user`, when given), or "" when it can."""
    if invite.accepted_at is not None:
        return "This invite has already been used."
    if invite.expires_at <= timezone.now():
        return f"This invite expired on {expiry_date(invite)}. Ask your coach for a new one."
    if user is not None and user.is_authenticated:
        if user.pk == invite.team.coach_id:
            return f"You coach {invite.team}: this invite is for one of your athletes."
        if user.email.casefold() != invite.email.casefold():
            return (
                f"This invite was sent to {invite.email}. Log out, then open the link again "
                "to sign up with that address, or log in with the account that has it."
            )
    return ""


def invite_is_spent(invite: Invite) -> bool:
    return invite.accepted_at is not None or invite.expires_at <= timezone.now()


@transaction.atomic
def invite_accept(*, invite: Invite, athlete: User) -> Membership:
    """Join the invite's team, once: the invite row is locked, so of two concurrent accepts
    the second one sees it used."""
    invite = Invite.objects.select_related("team").select_for_update(of=("self",)).get(pk=invite.pk)
    if problem := invite_problem(invite=invite, user=athlete):
        raise InviteUnusable(problem)
    now = timezone.now()
    membership, created = Membership.objects.get_or_create(team=invite.team, athlete=athlete)
    if not created and not membership.is_active:
        membership.is_active = True
        membership.joined_at = now
        membership.save(update_fields=["is_active", "joined_at"])
    invite.accepted_at = now
    invite.accepted_by = athlete
    invite.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def invite_sign_up(
    *, invite: Invite, username: str, first_name: str, email: str, password: str
) -> User:
    """A new athlete account that joins the invite's team; nothing is kept if the invite
    turns out to be unusable. The invite is locked first, so a form sent twice waits for the
    first and then finds the invite used (never a second account, never a crash)."""
    locked = Invite.objects.select_for_update(of=("self",)).get(pk=invite.pk)
    if problem := invite_problem(invite=locked):
        raise InviteUnusable(problem)
    if User.objects.filter(username__iexact=username).exists():
        raise UsernameTaken(f"The username {username} was just taken: choose another.")
    athlete = User.objects.create_user(
        username=username, first_name=first_name, email=email, password=password, is_coach=False
    )
    invite_accept(invite=invite, athlete=athlete)
    return athlete


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """The athlete leaves the team; the row stays so their history keeps its context and an
    invite can bring them back."""
    membership.is_active = False
    membership.save(update_fields=["is_active"])

"""Business actions on teams and invites. Views, the admin, commands and tests all call these;
each one is a single transaction."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import dateformat, timezone

from accounts.clubs import Club, Staff, StaffRole
from accounts.mail import mail_queue
from accounts.models import Invite, Membership, SquadGroupMember, Team, User
from accounts.session_epoch import sessions_end

INVITE_DAYS = 7


class TeamNameTaken(Exception):
    """The coach's club already has a team of that name."""


class UsernameTaken(Exception):
    """Someone took the username between the form's check and the sign-up."""


class InviteUnusable(Exception):
    """An invite that cannot be accepted (used, revoked, expired, or not for this person); the
    message says why in plain words."""


class InviteSettled(Exception):
    """An invite that can no longer be resent or revoked: it was accepted or revoked."""


@transaction.atomic
def team_create(*, coach: User, name: str) -> Team:
    try:
        # A savepoint, so a lost race on the unique name leaves the caller's transaction usable.
        with transaction.atomic():
            return Team.objects.create(coach=coach, name=name)
    except IntegrityError as error:  # accounts_team_unique_name
        raise TeamNameTaken(f"Your club already has a team called {name}.") from error


def invite_link(*, invite: Invite, base_url: str) -> str:
    return base_url.rstrip("/") + reverse("accounts:invite-accept", args=[invite.token])


def expiry_date(invite: Invite) -> str:
    return dateformat.format(timezone.localtime(invite.expires_at), "j F Y")


def invite_mail(*, invite: Invite, base_url: str) -> None:
    """Queue the mail with the invite's link (sent by the worker, once the caller commits)."""
    invited_by, team = invite.invited_by, invite.team
    mail_queue(
        to=invite.email,
        subject=f"{invited_by} invited you to {team} on Hamstrings",
        body=(
            f"{invited_by} invited you to join {team} on Hamstrings, for guided hamstring "
            "programs with resistance bands.\n\n"
            "Open this link to sign up, or to join with the account you already have:\n\n"
            f"{invite_link(invite=invite, base_url=base_url)}\n\n"
            f"The link works once and expires on {expiry_date(invite)}.\n"
        ),
    )


@transaction.atomic
def invite_send(*, team: Team, email: str, invited_by: User, base_url: str) -> Invite:
    """Create a single-use invite and queue the mail with its link."""
    now = timezone.now()
    invite = Invite.objects.create(
        team=team,
        email=email,
        invited_by=invited_by,
        sent_at=now,
        expires_at=now + timedelta(days=INVITE_DAYS),
    )
    invite_mail(invite=invite, base_url=base_url)
    return invite


@dataclass(frozen=True)
class InviteBatch:
    """What one list of addresses did: who was invited, and who was left out and why."""

    sent: list[Invite]
    members: list[str]  # already active members of the team
    pending: list[str]  # already invited (not accepted, not revoked; perhaps expired)


@transaction.atomic
def invites_send(*, team: Team, emails: list[str], invited_by: User, base_url: str) -> InviteBatch:
    """Invite each address once, in one transaction. Members and addresses with a pending
    invite are left out and reported, never mailed twice; the team row is locked, so two posts
    at the same moment cannot both invite one address."""
    Team.objects.select_for_update().get(pk=team.pk)
    addresses = {email.lower(): email for email in emails}  # the same address once

    def taken(queryset, field: str) -> set[str]:
        found = queryset.annotate(address=Lower(field)).filter(address__in=list(addresses))
        return set(found.values_list("address", flat=True))

    members = taken(team.memberships.filter(is_active=True), "athlete__email")
    pending = taken(team.invites.pending(), "email") - members
    sent = [
        invite_send(team=team, email=email, invited_by=invited_by, base_url=base_url)
        for key, email in addresses.items()
        if key not in members and key not in pending
    ]
    return InviteBatch(
        sent=sent,
        members=[email for key, email in addresses.items() if key in members],
        pending=[email for key, email in addresses.items() if key in pending],
    )


def invite_pending_locked(invite: Invite) -> Invite:
    """The invite's row, locked, while it is still pending; `InviteSettled` otherwise."""
    locked = (
        Invite.objects.select_related("team", "invited_by")
        .select_for_update(of=("self",))
        .get(pk=invite.pk)
    )
    if locked.accepted_at is not None:
        raise InviteSettled(f"{locked.email} has already accepted the invite.")
    if locked.revoked_at is not None:
        raise InviteSettled(f"The invite to {locked.email} was revoked.")
    return locked


@transaction.atomic
def invite_resend(*, invite: Invite, base_url: str) -> Invite:
    """Mail the same link again and renew its expiry, so an expired invite works again."""
    invite = invite_pending_locked(invite)
    invite.sent_at = timezone.now()
    invite.expires_at = invite.sent_at + timedelta(days=INVITE_DAYS)
    invite.save(update_fields=["sent_at", "expires_at"])
    invite_mail(invite=invite, base_url=base_url)
    return invite


@transaction.atomic
def invite_revoke(*, invite: Invite) -> Invite:
    """The link stops working at once. The row stays, for the team's history; an accepted
    invite is never revoked (the athlete is removed from the team instead)."""
    invite = invite_pending_locked(invite)
    invite.revoked_at = timezone.now()
    invite.save(update_fields=["revoked_at"])
    return invite


def invite_problem(*, invite: Invite, user: User | None = None) -> str:
    """Why this invite cannot be accepted (by `user`, when given), or "" when it can."""
    if invite.accepted_at is not None:
        return "This invite has already been used."
    if invite.revoked_at is not None:
        return "This invite is no longer valid: your coach withdrew it. Ask them for a new one."
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
    return (
        invite.accepted_at is not None
        or invite.revoked_at is not None
        or invite.expires_at <= timezone.now()
    )


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
        username=username, first_name=first_name, email=email, password=password
    )
    invite_accept(invite=invite, athlete=athlete)
    return athlete


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """The athlete leaves the team, and its groups; the row stays so their history keeps its
    context and an invite can bring them back."""
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    SquadGroupMember.objects.filter(
        group__team=membership.team_id, athlete=membership.athlete_id
    ).delete()


# Staff's actions on people and teams (the admin's). People and teams with history are never
# deleted: what an athlete did, and who coached them, stays readable.


class RoleRefused(Exception):
    """A change of role or state that would leave something broken; the message says why."""


@transaction.atomic
def user_deactivate(*, user: User, by: User) -> User:
    """The person can no longer sign in, and their sessions end (for good: reactivating them
    brings none back); every row they made or that names them stays."""
    if user.pk == by.pk:
        raise RoleRefused("You cannot deactivate yourself.")
    sessions_end(user, is_active=False)
    return user


@transaction.atomic
def user_reactivate(*, user: User) -> User:
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def club_found(*, user: User, name: str = "") -> Club:
    """A club of the person's own, with them as its head (a coach signing up, or made a coach
    by staff): they build programs and teams and land on the board (`/coach/`)."""
    club = Club.objects.create(name=name or f"{user}'s club"[:100])
    Staff.objects.create(user=user, club=club, role=StaffRole.OWNER)
    user.__dict__.pop("seat", None)
    return club


@transaction.atomic
def coach_grant(*, user: User) -> User:
    """A coach at the head of a club of their own (as signing up makes one). Someone who left a
    club (their seat inactive) is not put back in it by staff: that is its head's to do (a
    staff invite); their seat moves to the new club."""
    seat = Staff.objects.filter(user=user).first()
    if seat is None:
        club_found(user=user)
    elif not seat.is_active:
        seat.club = Club.objects.create(name=f"{user}'s club"[:100])
        seat.role, seat.is_active = StaffRole.OWNER, True
        seat.save(update_fields=["club", "role", "is_active"])
    user.__dict__.pop("seat", None)
    return user


@transaction.atomic
def coach_revoke(*, user: User) -> User:
    """The person's seat goes inactive (it stays, so what they did stays theirs). Refused while
    they lead a team: its athletes would have a coach who cannot see them."""
    if team := user.teams.order_by("name").first():
        raise RoleRefused(f"{user} still coaches {team}: give the team to another coach first.")
    Staff.objects.filter(user=user).update(is_active=False)
    user.__dict__.pop("seat", None)
    return user


def team_history(team: Team) -> list[str]:
    """What points at the team (members, invites, fixtures, assignments...), counted: a team
    with any of it is kept, so its coach keeps the athletes' history in context."""
    found = []
    for relation in team._meta.related_objects:
        rows = relation.related_model._default_manager.filter(**{relation.field.name: team})
        if count := rows.count():
            meta = relation.related_model._meta
            found.append(f"{count} {meta.verbose_name if count == 1 else meta.verbose_name_plural}")
    return found


@transaction.atomic
def team_delete(*, team: Team) -> None:
    """Only a team nothing points at goes (one made by mistake)."""
    if history := team_history(team):
        raise RoleRefused(f"{team} has history ({', '.join(history)}): it is kept.")
    team.delete()


# A person's own settings

SETTINGS_FIELDS = (
    "units",
    "timezone",
    "body_mass_kg",
    "height_cm",
    "mail_messages",
    "mail_flag_digest",
    "mail_training_reminder",
)


@transaction.atomic
def settings_save(*, user: User, **values) -> User:
    """Save a person's settings (`SETTINGS_FIELDS`, validated by `SettingsForm`); a name
    that is not a setting is refused, so a form never writes more than it should."""
    if unknown := set(values) - set(SETTINGS_FIELDS):
        raise TypeError(f"Not a setting: {', '.join(sorted(unknown))}")
    for name, value in values.items():
        setattr(user, name, value)
    user.save(update_fields=list(values))
    return user

"""Staff invites, as athletes' invites (`accounts.services.invite_*`): a single-use link to a
seat in a club, in a role, mailed to an address, expiring after INVITE_DAYS; resent (renewed)
or revoked by the club's head (`/club/`), taken up through its link (`/club/invite/<token>/`)
by a newcomer who signs up there or by a signed-in person without a seat. A person holds one
seat at a time: never a second one. Each is one durable transaction; sending, revoking and
taking one up are audited as the club's other staff changes (`accounts.club_actions`)."""

import secrets
from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.club_actions import ClubRefused, audit, club_locked, forget_seat, role_name
from accounts.clubs import Club, Staff, StaffInvite, TeamStaff
from accounts.mail import mail_queue
from accounts.models import User
from accounts.services import INVITE_DAYS, UsernameTaken, expiry_date


class StaffInviteUnusable(Exception):
    """A staff invite that cannot be taken up (used, revoked, expired, or not for this
    person); the message says why."""


def staff_invite_link(*, invite: StaffInvite, base_url: str) -> str:
    return base_url.rstrip("/") + reverse("accounts:club-invite-accept", args=[invite.token])


def staff_invite_mail(*, invite: StaffInvite, base_url: str) -> None:
    """Queue the mail with the invite's link (sent by the worker, once the caller commits)."""
    invited_by, club = invite.invited_by, invite.club
    mail_queue(
        to=invite.email,
        subject=f"{invited_by} invited you to {club} on Hamstrings",
        body=(
            f"{invited_by} invited you to join the staff of {club} on Hamstrings, as "
            f"{role_name(invite.role)}.\n\n"
            "Open this link to sign up, or to take the seat with the account you already "
            f"have:\n\n{staff_invite_link(invite=invite, base_url=base_url)}\n\n"
            f"The link works once and expires on {expiry_date(invite)}.\n"
        ),
    )


@transaction.atomic(durable=True)
def staff_invite_send(*, club: Club, email: str, role: str, by: User, base_url: str) -> StaffInvite:
    """A single-use link to a seat in `role`, mailed to `email`. Refused for someone already on
    the staff, and for an address with a pending invite (resend that one instead)."""
    club = club_locked(club.pk)
    on_staff = club.staff.filter(is_active=True, user__email__iexact=email)
    if on_staff.exists():
        raise ClubRefused(f"{email} is already on the staff of {club}.")
    if club.invites.pending().filter(email__iexact=email).exists():
        raise ClubRefused(f"{email} was already invited: use Resend in the list below.")
    now = timezone.now()
    invite = StaffInvite.objects.create(
        club=club,
        email=email,
        role=role,
        token=secrets.token_urlsafe(24),
        invited_by=by,
        sent_at=now,
        expires_at=now + timedelta(days=INVITE_DAYS),
    )
    staff_invite_mail(invite=invite, base_url=base_url)
    audit(club=club, by=by, about=None, detail=f"invited a {role_name(role)} (invite {invite.pk})")
    return invite


def invite_locked(invite: StaffInvite) -> StaffInvite:
    """The invite's row, read again under a lock: of two posts at once, the second waits."""
    return (
        StaffInvite.objects.select_related("club", "invited_by")
        .select_for_update(of=("self",))
        .get(pk=invite.pk)
    )


def staff_invite_pending_locked(invite: StaffInvite) -> StaffInvite:
    locked = invite_locked(invite)
    if locked.accepted_at is not None:
        raise ClubRefused(f"{locked.email} has already accepted the invite.")
    if locked.revoked_at is not None:
        raise ClubRefused(f"The invite to {locked.email} was revoked.")
    return locked


@transaction.atomic(durable=True)
def staff_invite_resend(*, invite: StaffInvite, base_url: str) -> StaffInvite:
    """Mail the same link again and renew its expiry, so an expired invite works again."""
    invite = staff_invite_pending_locked(invite)
    invite.sent_at = timezone.now()
    invite.expires_at = invite.sent_at + timedelta(days=INVITE_DAYS)
    invite.save(update_fields=["sent_at", "expires_at"])
    staff_invite_mail(invite=invite, base_url=base_url)
    return invite


@transaction.atomic(durable=True)
def staff_invite_revoke(*, invite: StaffInvite, by: User) -> StaffInvite:
    """The link stops working at once; the row stays, for the club's history."""
    invite = staff_invite_pending_locked(invite)
    invite.revoked_at = timezone.now()
    invite.save(update_fields=["revoked_at"])
    detail = f"revoked the invite of a {role_name(invite.role)} (invite {invite.pk})"
    audit(club=invite.club, by=by, about=None, detail=detail)
    return invite


def staff_invite_is_spent(invite: StaffInvite) -> bool:
    return (
        invite.accepted_at is not None
        or invite.revoked_at is not None
        or invite.expires_at <= timezone.now()
    )


def staff_invite_problem(*, invite: StaffInvite, user: User | None = None) -> str:
    """Why this invite cannot be taken up (by `user`, when given), or "" when it can. A person
    holds one seat at a time: someone on another club's staff is refused, never given two."""
    club = invite.club
    if invite.accepted_at is not None:
        return "This invite has already been used."
    if invite.revoked_at is not None:
        return f"This invite is no longer valid: {club} withdrew it. Ask them for a new one."
    if invite.expires_at <= timezone.now():
        return f"This invite expired on {expiry_date(invite)}. Ask {club} for a new one."
    if user is None or not user.is_authenticated:
        return ""
    seat = Staff.objects.filter(user=user, is_active=True).select_related("club").first()
    if seat is not None and seat.club_id == club.pk:
        return f"You are already on the staff of {club}, as {seat.get_role_display().lower()}."
    if seat is not None:
        return (
            f"You are on the staff of {seat.club}, and a person is on one club's staff at a "
            f"time. Ask {seat.club}'s head of performance to remove you from it, then open "
            "this link again."
        )
    if user.email.casefold() != invite.email.casefold():
        return (
            f"This invite was sent to {invite.email}. Log out, then open the link again to "
            "sign up with that address, or log in with the account that has it."
        )
    return ""


def seat_take(invite: StaffInvite, user: User) -> Staff:
    """The invite's seat for `user`, under the invite's lock. A seat they left (here or in
    another club) is taken up again: one row per person, whose given teams elsewhere go."""
    # The person's row locked first: two invites of two clubs taken at once give one seat.
    User.objects.select_for_update().filter(pk=user.pk).values_list("pk").get()
    if problem := staff_invite_problem(invite=invite, user=user):
        raise StaffInviteUnusable(problem)
    now = timezone.now()
    seat = Staff.objects.filter(user=user).first()
    if seat is None:
        seat = Staff.objects.create(user=user, club=invite.club, role=invite.role)
    else:
        TeamStaff.objects.filter(user=user).exclude(team__club=invite.club).delete()
        seat.club, seat.role, seat.is_active, seat.joined_at = invite.club, invite.role, True, now
        seat.save(update_fields=["club", "role", "is_active", "joined_at"])
    invite.accepted_at, invite.accepted_by = now, user
    invite.save(update_fields=["accepted_at", "accepted_by"])
    detail = f"joined as {role_name(invite.role)} (invite {invite.pk})"
    audit(club=invite.club, by=invite.invited_by, about=user, detail=detail)
    forget_seat(user)
    return seat


@transaction.atomic(durable=True)
def staff_invite_accept(*, invite: StaffInvite, user: User) -> Staff:
    """A signed-in person takes the invite's seat, once: the invite's row is locked, so of two
    accepts at the same moment the second finds it used."""
    return seat_take(invite_locked(invite), user)


@transaction.atomic(durable=True)
def staff_invite_sign_up(
    *, invite: StaffInvite, username: str, first_name: str, password: str
) -> User:
    """A newcomer's account, with the invite's address, and its seat; nothing is kept if the
    invite turns out unusable (a form sent twice finds it used: never a second account)."""
    invite = invite_locked(invite)
    if problem := staff_invite_problem(invite=invite):
        raise StaffInviteUnusable(problem)
    if User.objects.filter(username__iexact=username).exists():
        raise UsernameTaken(f"The username {username} was just taken: choose another.")
    user = User.objects.create_user(
        username=username, first_name=first_name, email=invite.email, password=password
    )
    seat_take(invite, user)
    return user

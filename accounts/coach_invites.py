"""Coach invites: staff invite a club's coach by address (from the admin); the link signs
them up as a coach. The link is signed (Django's signing, with its date), not stored: it is
used once because an address holds one account, and it expires after INVITE_DAYS."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.base_user import BaseUserManager
from django.core import signing
from django.db import transaction
from django.urls import reverse

from accounts.mail import mail_queue
from accounts.models import User
from accounts.services import INVITE_DAYS, InviteUnusable, UsernameTaken, club_found
from accounts.throttling import lock_keys

SALT = "accounts.coach-invite"


class CoachInviteRefused(Exception):
    """The address cannot be invited; the message says why and what to do instead."""


class CoachInviteForged(Exception):
    """A link that was not signed here (or was changed): answered as not found."""


@dataclass(frozen=True)
class CoachInvite:
    email: str
    invited_by: str


def address_taken(email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists()


def coach_invite_send(*, email: str, invited_by: User, base_url: str) -> str:
    """Mail a coach's sign-up link to `email` (queued: sent by the worker); the link."""
    email = BaseUserManager.normalize_email(email)
    if address_taken(email):
        raise CoachInviteRefused(f"{email} already has an account: use Make coach on it.")
    token = signing.dumps({"email": email, "by": str(invited_by)}, salt=SALT, compress=True)
    link = base_url.rstrip("/") + reverse("accounts:coach-invite", args=[token])
    mail_queue(
        to=email,
        subject=f"{invited_by} invited you to coach on Hamstrings",
        body=(
            f"{invited_by} invited you to coach on Hamstrings: build hamstring programs on "
            "resistance bands, invite your athletes and follow their training.\n\n"
            f"Open this link to create your coach's account:\n\n{link}\n\n"
            f"The link works once, for {INVITE_DAYS} days.\n"
        ),
    )
    return link


def coach_invite_read(token: str) -> CoachInvite:
    """The invite a link carries; `InviteUnusable` (with why) once used or expired."""
    try:
        data = signing.loads(token, salt=SALT, max_age=timedelta(days=INVITE_DAYS))
    except signing.SignatureExpired as error:
        raise InviteUnusable("This invite expired: ask for a new one.") from error
    except signing.BadSignature as error:
        raise CoachInviteForged(token) from error
    if address_taken(data["email"]):
        raise InviteUnusable("This invite has already been used.")
    return CoachInvite(email=data["email"], invited_by=data["by"])


@transaction.atomic
def coach_sign_up(*, token: str, username: str, first_name: str, password: str) -> User:
    """A new coach's account with the invite's address. The address is locked first, so a form
    sent twice waits for the first and then finds the invite used (never two accounts)."""
    email = coach_invite_read(token).email
    lock_keys(f"coach-invite:{email.casefold()}")
    invite = coach_invite_read(token)  # again, under the lock
    if User.objects.filter(username__iexact=username).exists():
        raise UsernameTaken(f"The username {username} was just taken: choose another.")
    coach = User.objects.create_user(
        username=username, first_name=first_name, email=invite.email, password=password
    )
    club_found(user=coach)
    return coach

"""What a single sign-on writes: the person found, linked or created, and their seat, in one
durable transaction. Who may come in is decided by the club: its `sso_domain` is the only
domain whose addresses it takes, and of those only its staff and the addresses it invited. A
domain alone seats nobody: a school's or a club's domain holds athletes' addresses too, and
every seat reads the athletes' pain records."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from accounts.club_invite_actions import StaffInviteUnusable, seat_take
from accounts.clubs import Club, SsoIdentity, Staff, StaffInvite
from accounts.models import User

PASSWORD_INSTEAD = "sign in with your password"
ASK_FOR_AN_INVITE = "Ask your club's head of performance for an invite, then sign in again."


class SsoRefused(Exception):
    """Why a single sign-on was refused, in words for the login page."""


@transaction.atomic(durable=True)
def sso_sign_in(
    *, issuer: str, subject: str, email: str, first_name: str = "", last_name: str = ""
) -> User:
    """The person the provider vouched for (`email` verified by it): the one their identity
    (issuer and subject) names, else the account their address links to, else a new one.
    Raises SsoRefused, having written nothing, when they may not come in this way."""
    domain = email.rpartition("@")[2].lower()
    club = Club.objects.filter(sso_domain__iexact=domain).first() if domain else None
    if club is None:
        raise SsoRefused(
            f"{domain or 'That address'} is not set up for single sign-on here; {PASSWORD_INSTEAD}."
        )
    now = timezone.now()
    identity = (
        SsoIdentity.objects.select_for_update()
        .select_related("user")
        .filter(issuer=issuer, subject=subject)
        .first()
    )
    if identity is not None:
        refuse_inactive(identity.user)
        identity.last_used_at = now
        identity.save(update_fields=["last_used_at"])
        return identity.user
    user = staff_found_or_made(
        club=club, email=email, first_name=first_name, last_name=last_name, now=now
    )
    SsoIdentity.objects.create(user=user, issuer=issuer, subject=subject, last_used_at=now)
    return user


def refuse_inactive(user: User) -> None:
    if not user.is_active:
        raise SsoRefused("This account is not active; ask your club's head of performance.")


def staff_found_or_made(
    *, club: Club, email: str, first_name: str, last_name: str, now: datetime
) -> User:
    """The club's member of staff with this address, or an invited one seated now (a new
    account for an address with none). Anyone else is refused: their address alone does not
    make them staff."""
    invite = (
        StaffInvite.objects.pending()
        .select_for_update()
        .filter(club=club, email__iexact=email, expires_at__gt=now)
        .order_by("-sent_at")
        .first()
    )
    accounts = list(User.objects.filter(email__iexact=email)[:2])
    if len(accounts) > 1:
        raise SsoRefused(f"More than one account has the address {email}; {PASSWORD_INSTEAD}.")
    if accounts:
        user = accounts[0]
        refuse_inactive(user)
        seat = Staff.objects.select_for_update().filter(user=user).first()
        if seat is not None and seat.is_active:
            if seat.club_id != club.pk:
                raise SsoRefused(f"{email} has a seat in another club; {PASSWORD_INSTEAD}.")
            return user
        if invite is None:
            raise SsoRefused(
                f"{email} already has an account here, not on {club}'s staff; {PASSWORD_INSTEAD}."
            )
    elif invite is None:
        raise SsoRefused(f"{email} is not on {club}'s staff. {ASK_FOR_AN_INVITE}")
    else:
        user = User(
            username=username_free(email),
            email=email,
            first_name=plain(first_name),
            last_name=plain(last_name),
        )
        user.set_unusable_password()  # they sign in with the club's provider
        user.save()
    # The invite is taken up as through its link: one seat per person (a left club's inactive
    # seat moves here), the audit row for the club's head.
    try:
        seat_take(invite, user)
    except StaffInviteUnusable as refusal:
        raise SsoRefused(f"{refusal} {PASSWORD_INSTEAD.capitalize()}.") from refusal
    return user


def username_free(email: str) -> str:
    """The address's local part as Django's usernames allow it, with a number after it when
    someone has it already (in any case: people type their username in any case)."""
    local = email.rpartition("@")[0].lower()
    base = "".join(ch for ch in local if ch.isalnum() or ch in ".@+-_")[:140] or "staff"
    username, number = base, 1
    while User.objects.filter(username__iexact=username).exists():
        number += 1
        username = f"{base}{number}"
    return username


def plain(name) -> str:
    """A name as the provider gave it, without line breaks or other control characters (the
    database refuses them in names mails carry)."""
    return "".join(ch for ch in str(name or "") if ch.isprintable()).strip()[:150]

"""A coach signs up from the login page and founds a club (issue 29).

The form's answers travel in a signed link mailed to the address (Django's signing, with its
date), not in the database: until the link is followed nothing exists, so nobody can sign in,
and an abandoned sign-up holds no username and no address. The link carries the password's
hash, as the database would keep it, never the password. Following it (within SIGN_UP_DAYS)
creates the account, active, and its club with them as its head, in one transaction; the
address is locked first and checked again, so a link works once and one address never gets
two accounts. A username taken by someone else meanwhile refuses the link, with the reason.

Throttled like sign-in: every post of the form counts against its network address (so the
form's "username taken" cannot be used to test thousands of names), and an address gets a few
links an hour (`accounts.throttling`, the counts on the database cache)."""

from dataclasses import asdict, dataclass
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.mail import mail_queue
from accounts.models import User
from accounts.services import club_found
from accounts.throttling import email_digest, lock_keys, within_limits

SALT = "accounts.sign-up"
SIGN_UP_DAYS = 2
SIGN_UPS_PER_NETWORK_ADDRESS = 20  # posts of the form an hour, refused ones too
LINKS_PER_EMAIL = 3  # links mailed to one address an hour


class SignUpRefused(Exception):
    """A sign-up the form cannot send on; `field` is where the page says why."""

    def __init__(self, message: str, *, field: str):
        super().__init__(message)
        self.field = field


class SignUpLinkUnusable(Exception):
    """A link that no longer works (used, expired, its username taken); the message says why."""


class SignUpLinkForged(SignUpLinkUnusable):
    """A link that was not signed here, or was cut or changed on its way."""


@dataclass(frozen=True)
class SignUp:
    """What the form asked, as the link carries it."""

    club_name: str
    first_name: str
    username: str
    email: str
    password_hash: str


def address_taken(email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists()


def username_taken(username: str) -> bool:
    return User.objects.filter(username__iexact=username).exists()


@transaction.atomic
def sign_up_attempt_permitted(*, address: str) -> bool:
    """Count a post of the form from this network address; False over the limit."""
    return within_limits({f"sign-up:address:{address}": SIGN_UPS_PER_NETWORK_ADDRESS})


def sign_up_link(*, token: str, base_url: str) -> str:
    return base_url.rstrip("/") + reverse("accounts:sign-up-confirm", args=[token])


@transaction.atomic(durable=True)
def sign_up_request(
    *,
    club_name: str,
    first_name: str,
    username: str,
    email: str,
    password: str,
    base_url: str,
) -> None:
    """Mail the link that creates the account and its club (queued: the worker sends it).
    Refused when the address had LINKS_PER_EMAIL links within the hour."""
    if not within_limits({f"sign-up:email:{email_digest(email)}": LINKS_PER_EMAIL}):
        raise SignUpRefused(
            f"We sent {LINKS_PER_EMAIL} links to this address in the last hour: open the "
            "latest, or try again in an hour.",
            field="email",
        )
    sign_up = SignUp(
        club_name=club_name,
        first_name=first_name,
        username=username,
        email=email,
        password_hash=make_password(password),
    )
    token = signing.dumps(asdict(sign_up), salt=SALT, compress=True)
    mail_queue(
        to=email,
        subject="Confirm your club on Hamstrings",
        body=(
            f"Hello {first_name},\n\n"
            f"You signed up as a coach on Hamstrings to create {club_name}. Open this link to "
            "confirm your address, create the club and sign in:\n\n"
            f"{sign_up_link(token=token, base_url=base_url)}\n\n"
            f"The link works once, for {SIGN_UP_DAYS} days. Your username is {username}.\n\n"
            "If you did not sign up, ignore this mail: nothing is created without the link.\n"
        ),
    )


def sign_up_decoded(token: str) -> SignUp:
    """The sign-up a link carries, if it was signed here within SIGN_UP_DAYS."""
    try:
        return SignUp(**signing.loads(token, salt=SALT, max_age=timedelta(days=SIGN_UP_DAYS)))
    except signing.SignatureExpired as error:
        raise SignUpLinkUnusable(
            f"This link expired: links work for {SIGN_UP_DAYS} days. Sign up again."
        ) from error
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise SignUpLinkForged(
            "This link is not valid: your mail app may have cut it. Copy the whole link into "
            "the address bar, or sign up again."
        ) from error


def username_gone(sign_up: SignUp) -> SignUpLinkUnusable:
    return SignUpLinkUnusable(
        f"Someone took the username {sign_up.username} since you signed up: sign up again "
        "with another."
    )


def sign_up_checked(sign_up: SignUp) -> SignUp:
    """The sign-up, while its address and username are free."""
    if address_taken(sign_up.email):
        raise SignUpLinkUnusable(
            f"This link has already been used: {sign_up.email} has an account."
        )
    if username_taken(sign_up.username):
        raise username_gone(sign_up)
    return sign_up


def sign_up_read(token: str) -> SignUp:
    """The sign-up a link carries, while it can still be used; `SignUpLinkUnusable` (with
    why) otherwise, `SignUpLinkForged` when it was not signed here."""
    return sign_up_checked(sign_up_decoded(token))


@transaction.atomic(durable=True)
def sign_up_confirm(*, token: str) -> User:
    """The account, active, and its club with them as its head. The address and the username
    are locked before they are checked: of two confirmations at once, the second waits, then
    finds the link used."""
    sign_up = sign_up_decoded(token)
    lock_keys(
        f"sign-up:email:{email_digest(sign_up.email)}",
        f"sign-up:username:{sign_up.username.casefold()}",
    )
    sign_up_checked(sign_up)
    coach = User(
        username=User.normalize_username(sign_up.username),
        first_name=sign_up.first_name,
        email=sign_up.email,
        password=sign_up.password_hash,
    )
    try:
        with transaction.atomic():  # a savepoint: the username taken elsewhere at this moment
            coach.save()
    except IntegrityError as error:  # the username's unique constraint
        raise username_gone(sign_up) from error
    club_found(user=coach, name=sign_up.club_name)
    return coach

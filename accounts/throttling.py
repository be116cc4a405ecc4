"""Throttling that django-axes does not do alone: a limit per network address on top of its
limit per (username, address), and limits on mails (password resets, coach sign-ups).

Both keep their counts in PostgreSQL (axes' attempts table; Django's database cache), so every
web process and server sees the same counts."""

import hashlib
from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_ip_address, get_failure_limit
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

RESET_WINDOW = timedelta(hours=1)
RESET_MAILS_PER_EMAIL = 3
RESET_MAILS_PER_NETWORK_ADDRESS = 20


class NetworkAddressLimitHandler(AxesDatabaseHandler):
    """Axes compares one count with one limit. With AXES_LOCKOUT_PARAMETERS naming the pair
    first and the address second, this handler gives each its own limit: the pair locks at
    AXES_FAILURE_LIMIT, the address (over every username) at NETWORK_ADDRESS_FAILURE_LIMIT,
    higher, since a gym's Wi-Fi is one address for a whole squad (the maintainers' advice for
    two limits: jazzband/django-axes#661)."""

    def get_failures(self, request, credentials=None) -> int:
        pair, address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        if address >= settings.NETWORK_ADDRESS_FAILURE_LIMIT:
            return max(pair, get_failure_limit(request, credentials))
        return pair

    def reset_user_attempts(self, request, credentials=None) -> int:
        """On success forgive the person's own failures only: axes would also wipe the
        address's, so one account signed in every few guesses would lift the address limit."""
        pair, _address = self.filter_user_attempts(request, credentials)
        count, _ = pair.delete()
        return count


def network_address(request: HttpRequest) -> str:
    """The client's address as axes reads it (behind a proxy too: AXES_IPWARE_PROXY_COUNT)."""
    return get_client_ip_address(request) or ""


def lock_keys(*keys: str) -> None:
    """Serialise the requests that count on these keys until the transaction ends: the
    database cache reads and writes a value, it cannot increment atomically."""
    with connection.cursor() as cursor:
        for key in sorted(keys):
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [key])


def email_digest(email: str) -> str:
    """An address as a count's key: the same whatever its case, and not readable in the cache."""
    return hashlib.sha256(email.strip().casefold().encode()).hexdigest()


@transaction.atomic
def within_limits(limits: dict[str, int], *, window: timedelta = RESET_WINDOW) -> bool:
    """Count one request on each key and say whether it may go: at most `limits[key]` within
    `window` on each (a sliding window). A refused request is not counted. The keys stay locked
    until the caller's transaction ends, so a count and what it permits commit together."""
    lock_keys(*limits)
    now = timezone.now()
    since = (now - window).timestamp()
    recent = {key: [at for at in cache.get(key, []) if at > since] for key in limits}
    if any(len(recent[key]) >= limit for key, limit in limits.items()):
        return False
    seconds = int(window.total_seconds())
    cache.set_many({key: [*times, now.timestamp()] for key, times in recent.items()}, seconds)
    return True


def password_reset_permitted(*, email: str, address: str) -> bool:
    """Count a reset request and say whether its mail may go: at most RESET_MAILS_PER_EMAIL to
    one address and RESET_MAILS_PER_NETWORK_ADDRESS from one network address within
    RESET_WINDOW."""
    return within_limits(
        {
            f"password-reset:email:{email_digest(email)}": RESET_MAILS_PER_EMAIL,
            f"password-reset:address:{address}": RESET_MAILS_PER_NETWORK_ADDRESS,
        }
    )

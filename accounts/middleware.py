"""Per-request settings of the person signed in: their time zone, and a session that lasts as
long as they keep using it."""

import zoneinfo
from datetime import datetime, timedelta

from django.utils import timezone

# The session is saved again (its cookie signed afresh, its expiry pushed to a full
# SESSION_COOKIE_AGE from now) on the first request after this much time since it was last
# renewed: at most one new cookie a day.
RENEW_EVERY = timedelta(days=1)
RENEWED_AT = "renewed_at"


class TimezoneMiddleware:
    """Dates and times in the signed-in person's own zone: "today" is their today, and
    `timezone.localdate()` and the templates' times follow it. Everyone else reads UTC."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if zone := user_zone(request.user):
            timezone.activate(zone)
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


def user_zone(user) -> zoneinfo.ZoneInfo | None:
    name = getattr(user, "timezone", "") if user.is_authenticated else ""
    try:
        return zoneinfo.ZoneInfo(name) if name else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):  # a zone the system no longer knows
        return None


class RollingSessionMiddleware:
    """A signed-in session expires SESSION_COOKIE_AGE after its last use, not after the
    sign-in: an athlete training every few days stays signed in on their phone. The renewal
    re-signs the cookie once a day at most, so an ordinary request sends no cookie back
    (unlike SESSION_SAVE_EVERY_REQUEST)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and renewal_due(request.session):
            session_renew(request.session)
        return self.get_response(request)


def renewal_due(session) -> bool:
    stamp = session.get(RENEWED_AT)
    try:
        renewed_at = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return True  # a session from before renewals, or a stamp gone bad
    return timezone.now() - renewed_at >= RENEW_EVERY


def session_renew(session) -> None:
    """Mark the session renewed now; being modified, it is saved at the end of the request
    with a fresh expiry (the signature's time and the cookie's max-age)."""
    session[RENEWED_AT] = timezone.now().isoformat()


def session_stamp_on_login(sender, request, user, **kwargs) -> None:
    """A sign-in saves the session anyway: stamp it then, so the next request does not
    write it again. Connected to `user_logged_in` in `AccountsConfig.ready`."""
    if getattr(request, "session", None) is not None:
        session_renew(request.session)

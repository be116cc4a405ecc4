"""Ending a person's sessions. A session is a signed cookie (settings.SESSION_ENGINE): no row to
delete, and a copy of it keeps working until it expires unless something it was signed with
changes. `User.session_epoch` is that something: each session's auth hash holds the epoch it
signed in at (`User.get_session_auth_hash`), the user's one query per request reads the current
one, and moving it on signs every copy out. A new password does the same through the same hash.
"""

from django.db.models import F

from accounts.models import User


def sessions_end(user: User, **fields) -> None:
    """Every session of the person ends, on every device: one UPDATE, which also writes
    `fields` (deactivation's `is_active`)."""
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1, **fields)
    user.session_epoch += 1
    for name, value in fields.items():
        setattr(user, name, value)


def sessions_end_on_logout(sender, request, user, **kwargs) -> None:
    """Signing out ends the person's sessions everywhere, a copied cookie among them: the
    cookie alone cannot be revoked. Connected to `user_logged_out` in `AccountsConfig.ready`."""
    if user is not None and user.is_authenticated:
        sessions_end(user)

"""A person's private calendar feed: phone calendars cannot log in, so the feed's address
carries a secret token. Making a new link replaces the token, and the old link stops working."""

import secrets

from django.conf import settings
from django.db import models, transaction


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"


@transaction.atomic
def calendar_feed_renew(*, user) -> CalendarFeed:
    """Give the person a feed link, or a new one in place of the old (which stops working)."""
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
    if not created:
        feed.token = new_token()
        feed.save(update_fields=["token", "created_at"])
    return feed

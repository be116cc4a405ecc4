"""Django's ModelBackend, whose user (read once per request from the session) carries the
unread count for the navigation's badge: every page shows it, and it costs no query of its own.
"""

from django.contrib.auth.backends import ModelBackend
from django.db.models import F, Func, OuterRef, Subquery
from django.db.models.functions import Coalesce

from accounts.models import Membership, User
from logbook.models import Message


def counted(messages) -> Coalesce:
    # COUNT as a plain function, not an aggregate: no GROUP BY, one row.
    return Coalesce(
        Subquery(messages.order_by().annotate(n=Func("pk", function="COUNT")).values("n")[:1]), 0
    )


class UnreadCountingBackend(ModelBackend):
    def get_user(self, user_id):
        unread = Message.objects.filter(read_at__isnull=True)
        coached = Membership.objects.filter(team__coach=OuterRef(OuterRef("pk")), is_active=True)
        try:
            user = User._default_manager.annotate(
                unread_as_athlete=counted(
                    unread.filter(athlete=OuterRef("pk")).exclude(author=OuterRef("pk"))
                ),
                unread_as_coach=counted(
                    unread.filter(athlete__in=coached.values("athlete"), author=F("athlete"))
                ),
            ).get(pk=user_id)
        except User.DoesNotExist:
            return None
        if not self.user_can_authenticate(user):
            return None
        user.unread_count = user.unread_as_coach if user.is_coach else user.unread_as_athlete
        return user

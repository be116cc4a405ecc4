"""One thread per athlete between the athlete and their coaches. A coach's comment on a
workout is a message tied to that log; notices are messages the app writes when something
happens that the other side should know (a pain stop, a band set by hand, an answer)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThan, LessThanOrEqual
from django.utils import timezone

from accounts.models import athletes_of
from logbook.models.session import WorkoutLog

BODY_MAX = 2000


class MessageKind(models.TextChoices):
    MESSAGE = "message", "Message"
    NOTICE = "notice", "Notice"
    ANNOUNCEMENT = "announcement", "Announcement"


class MessageQuerySet(models.QuerySet):
    def for_athlete(self, athlete):
        """The athlete's own thread."""
        return self.filter(athlete=athlete)

    def for_coach(self, coach):
        """The threads of a coach's athletes: the only ones they may read."""
        return self.filter(athlete__in=athletes_of(coach))

    def unread_by(self, user):
        """What the other side wrote that `user` has not opened: for an athlete, their coaches'
        messages and notices; for a coach, what their athletes wrote."""
        if user.is_coach:
            return self.for_coach(user).filter(read_at__isnull=True, author=F("athlete"))
        return self.for_athlete(user).filter(read_at__isnull=True).exclude(author=user)


class Message(models.Model):
    # A thread and its authors are history: people are deactivated, not deleted.
    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="thread"
    )
    # null: written by the app (a notice), or by an account deleted before this was protected.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    kind = models.CharField(max_length=12, choices=MessageKind, default=MessageKind.MESSAGE)
    body = models.TextField(max_length=BODY_MAX)
    workout_log = models.ForeignKey(
        WorkoutLog, on_delete=models.PROTECT, null=True, blank=True, related_name="messages"
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["athlete", "-id"], name="logbook_message_thread"),
            models.Index(
                fields=["athlete"],
                condition=Q(read_at__isnull=True),
                name="logbook_message_unread",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    GreaterThan(Length("body"), 0), LessThanOrEqual(Length("body"), BODY_MAX)
                ),
                name="logbook_message_body_length",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=MessageKind.values), name="logbook_message_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(read_at__isnull=True) | Q(read_at__gte=F("created_at")),
                name="logbook_message_read_after_written",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.author} to {self.athlete}'s thread"

    @property
    def by_athlete(self) -> bool:
        return self.author_id == self.athlete_id

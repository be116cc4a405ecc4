"""A pain pause: the athlete's eccentric work (the Nordic) waits until a coach clears it
(DESIGN.md, "Band progression, round 3", rule 1'). Opened by the logbook's actions when pain
calls for it (`logbook.pauses`), never deleted: a clearance closes it with who and why."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.models import plain_text


class PainPauseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(cleared_at__isnull=True)


class PainPause(models.Model):
    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pain_pauses"
    )
    raised_at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(max_length=300)
    # The session the pain was reported in.
    workout_log = models.ForeignKey(
        "logbook.WorkoutLog", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    repeated = models.BooleanField(default=False, help_text="A second stop within 28 days.")
    cleared_at = models.DateTimeField(null=True, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(max_length=300, blank=True)

    objects = PainPauseQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["athlete"],
                condition=Q(cleared_at__isnull=True),
                name="logbook_painpause_one_open_per_athlete",
                violation_error_message="This athlete's eccentric work is paused already.",
            ),
            # A clearance says who cleared it and why.
            models.CheckConstraint(
                condition=Q(cleared_at__isnull=True) | (Q(cleared_by__isnull=False) & ~Q(note="")),
                name="logbook_painpause_cleared_with_note",
                violation_error_message="A clearance needs a note.",
            ),
            plain_text("note", "logbook_painpause_note_plain"),
        ]

    def __str__(self) -> str:
        return f"{self.athlete}: paused {self.raised_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.cleared_at is None

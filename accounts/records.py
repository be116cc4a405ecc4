"""What the app keeps about people's data: the staff's actions on athletes' health data (the
audit trail, read by the club's head), a person's data export, and a person's erasure.

The models live here and are imported by `accounts.models`, the app's models module.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class AuditAction(models.TextChoices):
    PAUSE_CLEARED = "pause_cleared", "cleared a pain pause"
    STAGE_SIGNED_OFF = "stage_signed_off", "signed off a return-to-play stage"
    PAIN_STOP_VIEWED = "pain_stop_viewed", "viewed a pain stop"
    CSV_EXPORTED = "csv_exported", "exported a CSV"
    STAFF_CHANGED = "staff_changed", "changed the club's staff"
    ERASURE_REQUESTED = "erasure_requested", "asked for an erasure"


class AuditEvent(models.Model):
    """One staff action on an athlete's health data, or on the club's staff: who, on whom,
    what, when. Never edited; kept when the actor or the athlete leaves (PROTECT). An erased
    athlete's events keep their ids and lose nothing else: `detail` never holds free text
    typed by a person, only what the app wrote (a stage's name, a file's kind)."""

    club = models.ForeignKey("accounts.Club", on_delete=models.PROTECT, related_name="audit")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audited",
    )
    action = models.CharField(max_length=30, choices=AuditAction)
    detail = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=AuditAction.values), name="accounts_auditevent_action_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor} {self.get_action_display()} ({self.at:%Y-%m-%d %H:%M})"


class DataExport(models.Model):
    """A person's own data as a zip, built by a background task and reached by a secret link
    that expires; the zip's bytes are dropped once it expires."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="data_exports"
    )
    token = models.CharField(max_length=64, unique=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    content = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"Data export for {self.user} ({self.requested_at:%Y-%m-%d})"


class Erasure(models.Model):
    """A person's erasure: asked for (by them, or by staff in the admin), their account
    deactivated at once; their personal fields erased once `erase_after` has passed (a daily
    task), when `erased_at` is set. The row stays, with no name in it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="erasure"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    erase_after = models.DateTimeField()
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(erased_at__isnull=True) | Q(erased_at__gte=models.F("erase_after")),
                name="accounts_erasure_not_before_grace",
            ),
        ]

    def __str__(self) -> str:
        return f"Erasure of user {self.user_id}"

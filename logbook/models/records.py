"""The coach's records about an athlete: flags to act on and strength tests."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.models import athletes_of, body_mass_range, typed_date
from accounts.units import HEIGHT_MAX_CM, HEIGHT_MIN_CM
from logbook.models.session import WorkoutLog


class FlagKind(models.TextChoices):
    PAIN = "pain", "Pain"
    PAIN_STOP = "pain_stop", "Stopped for pain"
    MISSED_WEEK = "missed_week", "Missed a week"
    REGRESSION = "regression", "Band moved back"
    COMPLIANCE_DROP = "compliance_drop", "Adherence dropping"
    LOW_STRENGTH = "low_strength", "Low strength"
    STRENGTH_DROP = "strength_drop", "Strength drop"
    IMBALANCE = "imbalance", "Left/right imbalance"
    SORENESS = "soreness", "Soreness"
    NORDIC_TOO_SOON = "nordic_too_soon", "Nordics under 48 h apart"
    PAIN_PAUSE = "pain_pause", "Eccentric work paused for pain"
    STALLED = "stalled", "No band step for 3 weeks"


class FlagQuerySet(models.QuerySet):
    def open(self):
        return self.filter(acknowledged_at__isnull=True)

    def for_coach(self, coach):
        return self.filter(athlete__in=athletes_of(coach))


class Flag(models.Model):
    """Something a coach should look at, in words, until they acknowledge it with a note (or
    answer it: a comment, a band set by hand). Acknowledged flags stay in the history."""

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="flags"
    )
    kind = models.CharField(max_length=16, choices=FlagKind)
    raised_at = models.DateTimeField(default=timezone.now)
    detail = models.CharField(max_length=300)
    workout_log = models.ForeignKey(
        WorkoutLog, on_delete=models.CASCADE, null=True, blank=True, related_name="flags"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(max_length=300, blank=True)

    objects = FlagQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at", "-id"]
        constraints = [
            # One open flag of a kind per athlete and session (or per athlete, for the kinds
            # that belong to no session: a missed week, a dropping adherence).
            models.UniqueConstraint(
                fields=["athlete", "kind", "workout_log"],
                condition=Q(acknowledged_at__isnull=True),
                nulls_distinct=False,
                name="logbook_flag_one_open_per_kind",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=FlagKind.values), name="logbook_flag_kind_valid"
            ),
        ]
        indexes = [models.Index(fields=["athlete", "acknowledged_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.detail}"


class TestMethod(models.TextChoices):
    NORDBORD = "nordbord", "NordBord: peak force per leg (N)"
    BREAKPOINT = "breakpoint", "Break-point angle (degrees, from a video)"
    DISTANCE = "distance", "Forward distance before the break (cm)"


class TestPhase(models.TextChoices):
    PRESEASON_START = "preseason_start", "Start of pre-season"
    PRESEASON_END = "preseason_end", "End of pre-season"
    IN_SEASON = "in_season", "In season"


FORCE_MAX_N = 1500  # no hamstring pulls harder on a NordBord
DISTANCE_MAX_CM = 300


class StrengthTestQuerySet(models.QuerySet):
    def for_coach(self, coach):
        return self.filter(athlete__in=athletes_of(coach))


class StrengthTest(models.Model):
    """An eccentric hamstring strength test, entered by the coach (or a break-point test by
    the athlete). `left` and `right` are per leg for the NordBord; the break-point angle and
    the distance use `left` alone."""

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="strength_tests"
    )
    on_date = models.DateField()
    phase = models.CharField(max_length=16, choices=TestPhase)
    method = models.CharField(max_length=10, choices=TestMethod)
    left = models.DecimalField(max_digits=6, decimal_places=1)
    right = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    body_mass_kg = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    note = models.CharField(max_length=200, blank=True)
    # A break-point test's set-up, for its strength estimate (`logbook.strength_estimates`):
    # the band it was done on (none: unassisted) and the athlete's height at the time.
    band = models.ForeignKey(
        "catalogue.Band", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    height_cm = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StrengthTestQuerySet.as_manager()

    class Meta:
        ordering = ["-on_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(method__in=TestMethod.values), name="logbook_strengthtest_method_valid"
            ),
            models.CheckConstraint(
                condition=Q(phase__in=TestPhase.values), name="logbook_strengthtest_phase_valid"
            ),
            models.CheckConstraint(
                condition=Q(left__gte=0) & (Q(right__isnull=True) | Q(right__gte=0)),
                name="logbook_strengthtest_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(method=TestMethod.NORDBORD)
                | (Q(left__lte=FORCE_MAX_N) & Q(right__isnull=False, right__lte=FORCE_MAX_N)),
                name="logbook_strengthtest_nordbord_range",
            ),
            models.CheckConstraint(
                condition=~Q(method=TestMethod.BREAKPOINT) | Q(left__lte=90, right__isnull=True),
                name="logbook_strengthtest_angle_range",
            ),
            models.CheckConstraint(
                condition=~Q(method=TestMethod.DISTANCE)
                | Q(left__lte=DISTANCE_MAX_CM, right__isnull=True),
                name="logbook_strengthtest_distance_range",
            ),
            models.CheckConstraint(
                condition=Q(method=TestMethod.BREAKPOINT)
                | Q(band__isnull=True, height_cm__isnull=True),
                name="logbook_strengthtest_setup_breakpoint_only",
                violation_error_message="Only a break-point test has a band and a height.",
            ),
            models.CheckConstraint(
                condition=Q(height_cm__isnull=True)
                | Q(height_cm__gte=HEIGHT_MIN_CM, height_cm__lte=HEIGHT_MAX_CM),
                name="logbook_strengthtest_height_range",
            ),
            body_mass_range("logbook_strengthtest_body_mass_range"),
            typed_date("on_date", "logbook_strengthtest_on_date_range"),
        ]
        indexes = [models.Index(fields=["athlete", "-on_date"])]

    def __str__(self) -> str:
        return f"{self.get_method_display()} of {self.athlete} on {self.on_date}"

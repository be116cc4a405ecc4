"""How the band moves for one exercise of a program: earned from the sessions, or on a schedule
(the engine's rules: programs.progression)."""

from django.db import models
from django.db.models import Q

from catalogue.models import Band, BandRole, Exercise
from programs.models.plan import PAIN_MAX, PAIN_STOP_DEFAULT, RPE_MAX, Program, range_of


class BandRuleMode(models.TextChoices):
    EARNED = "earned", "Earned: move when the sessions show it"
    SCHEDULED = "scheduled", "Scheduled: move every few weeks"


class BandRule(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="band_rules")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    mode = models.CharField(max_length=10, choices=BandRuleMode, default=BandRuleMode.EARNED)
    start_band = models.ForeignKey(
        Band, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    step_weeks = models.PositiveSmallIntegerField(default=2, validators=range_of(1, 52))
    sessions_to_advance = models.PositiveSmallIntegerField(default=3, validators=range_of(1, 10))
    min_days_on_band = models.PositiveSmallIntegerField(
        default=14, validators=range_of(0, 90), help_text="Days on a band before the next step."
    )
    hold_until_week = models.PositiveSmallIntegerField(
        default=0,
        validators=range_of(0, 104),
        help_text="No step on before this week is over (while the volume still rises).",
    )
    rpe_ceiling = models.PositiveSmallIntegerField(
        "RPE ceiling", default=8, validators=range_of(1, RPE_MAX)
    )
    pain_stop = models.PositiveSmallIntegerField(
        default=PAIN_STOP_DEFAULT, validators=range_of(1, PAIN_MAX)
    )
    coach_approves = models.BooleanField(
        default=False,
        help_text="A step on waits for the coach's approval (loaded exercises); a step back "
        "applies at once.",
    )

    class Meta:
        ordering = ["exercise__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "exercise"], name="programs_bandrule_one_per_exercise"
            ),
            models.CheckConstraint(
                condition=Q(mode__in=BandRuleMode.values), name="programs_bandrule_mode_valid"
            ),
            models.CheckConstraint(
                condition=Q(step_weeks__gte=1, step_weeks__lte=52),
                name="programs_bandrule_step_weeks_range",
            ),
            models.CheckConstraint(
                condition=Q(sessions_to_advance__gte=1, sessions_to_advance__lte=10),
                name="programs_bandrule_sessions_range",
            ),
            models.CheckConstraint(
                condition=Q(rpe_ceiling__gte=1, rpe_ceiling__lte=RPE_MAX),
                name="programs_bandrule_rpe_ceiling_range",
            ),
            models.CheckConstraint(
                condition=Q(min_days_on_band__lte=90), name="programs_bandrule_min_days_range"
            ),
            models.CheckConstraint(
                condition=Q(hold_until_week__lte=104), name="programs_bandrule_hold_week_range"
            ),
            models.CheckConstraint(
                condition=Q(pain_stop__gte=1, pain_stop__lte=PAIN_MAX),
                name="programs_bandrule_pain_stop_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.exercise} ({self.get_mode_display()})"

    def explained(self) -> str:
        """The rule in words, for the program page."""
        start = f"Starts on the {self.start_band.name.lower()} band. " if self.start_band else ""
        direction = (
            "a thinner band, then unassisted"
            if self.exercise.band_role == BandRole.ASSIST
            else "a thicker band"
        )
        if self.mode == BandRuleMode.SCHEDULED:
            move = f"Moves to {direction} every {self.step_weeks} weeks"
        else:
            move = (
                f"Moves to {direction} after {self.sessions_to_advance} sessions in a row with "
                "every rep done (controlled to the end on a Nordic), pain 2 or less, not sore, "
                f"and at least {self.min_days_on_band} days on the band"
            )
            if self.hold_until_week:
                move += f", from week {self.hold_until_week + 1} on"
        if self.coach_approves:
            move += "; the coach approves each step on"
        return (
            f"{start}{move}. A pain stop or pain of {self.pain_stop} or more, or two struggling "
            "sessions, moves it one step back and alerts the coach."
        )

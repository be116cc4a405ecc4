"""The season around a plan: a team's match days (fixtures), and the stages of a return-to-play
program with the openings that move an athlete from one stage to the next."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.clubs import teams_seen
from accounts.models import Team, plain_text, typed_date
from programs.models.assignment import Assignment
from programs.models.plan import PAIN_MAX, ProgramWeek


class FixtureQuerySet(models.QuerySet):
    def for_coach(self, coach):
        return self.filter(teams_seen(coach, prefix="team__"))

    def for_athlete(self, athlete):
        """The match days of the athlete's current teams."""
        return self.filter(team__memberships__athlete=athlete, team__memberships__is_active=True)


class Fixture(models.Model):
    """A match day. Workouts placed relative to match day (`Workout.match_day`) follow it."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="fixtures")
    date = models.DateField()
    label = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FixtureQuerySet.as_manager()

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "date"],
                name="programs_fixture_one_per_day",
                violation_error_message="This team already has a match on that day.",
            ),
            typed_date("date", "programs_fixture_date_range"),
            # The label reaches calendar feeds and mails, line-based formats.
            plain_text("label", "programs_fixture_label_no_control_characters"),
        ]

    def __str__(self) -> str:
        return f"{self.label or 'Match'} on {self.date}"

    @property
    def calendar_text(self) -> str:
        """How a calendar day names it."""
        return f"Match day: {self.label}" if self.label else "Match day"


class StageGate(models.Model):
    """What opens the next stage of a return-to-play program: this week (a stage) repeats
    until the gate holds and the coach signs it off (programs.stages checks it)."""

    week = models.OneToOneField(ProgramWeek, on_delete=models.CASCADE, related_name="gate")
    min_sessions = models.PositiveSmallIntegerField(
        default=6, help_text="Sessions completed in this stage before it can open the next."
    )
    pain_max = models.PositiveSmallIntegerField(
        default=2,
        help_text="The highest pain (0-10) allowed in each of the stage's last 3 sessions.",
    )
    test_min_symmetry = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="If set: a strength test in this stage with the weaker leg at least this "
        "percentage of the stronger.",
    )
    requires_h_test = models.BooleanField(
        default=False,
        help_text="If ticked: the athlete reports the Askling H-test done with no insecurity "
        "(the last stage, back to running).",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(min_sessions__gte=1, min_sessions__lte=60),
                name="programs_stagegate_min_sessions_range",
            ),
            models.CheckConstraint(
                condition=Q(pain_max__gte=0, pain_max__lte=PAIN_MAX),
                name="programs_stagegate_pain_max_range",
            ),
            models.CheckConstraint(
                condition=Q(test_min_symmetry__isnull=True)
                | Q(test_min_symmetry__gte=50, test_min_symmetry__lte=100),
                name="programs_stagegate_symmetry_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Gate of {self.week}"


class StageOpening(models.Model):
    """The coach signed a stage off: the next one (`week`) opened on `opened_on`. The first
    stage is open from the assignment's start; signing off the last one ends the program."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="stage_openings"
    )
    # A signed-off stage stays in the plan: the builder refuses to delete it.
    week = models.ForeignKey(ProgramWeek, on_delete=models.PROTECT, related_name="+")
    opened_on = models.DateField()
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["opened_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "week"], name="programs_stageopening_once_per_stage"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.week} opened on {self.opened_on}"

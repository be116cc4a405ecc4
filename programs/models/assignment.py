"""An athlete's run through a plan: the plan a squad shares (the group: one copy of the template
for every athlete assigned it together), the athlete's assignment to it, where they stand on
the band ladder for each tracked exercise, and every move of that band."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import CharField, Exists, Func, OuterRef, Q
from django.db.models.lookups import Exact
from django.utils import timezone

from accounts.clubs import clubs_of
from accounts.models import Team, athletes_of, typed_date
from catalogue.models import Band, Exercise
from programs.models.plan import Program
from programs.models.rules import BandRule


class AssignmentStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class MaintenanceDose(models.TextChoices):
    """The Nordic dose of a program's maintenance phase, chosen when assigning."""

    STANDARD = "standard", "Once a week, 3 x 12/10/8 (Petersen 2011)"
    LOW_VOLUME = "low_volume", "Once a week, 2 x 6 (low volume)"


class StartBandFinder(models.TextChoices):
    """Whether session 1 of the band-assisted Nordic finds the athlete's start band (two reps
    per band, `programs.start_band`) before the first set is logged. On by default when the
    program has a band rule for it; the coach can switch it off, and once found it stays so."""

    ON = "on", "Find it in session 1"
    OFF = "off", "Off: the band set when assigning"
    FOUND = "found", "Found in session 1"


class JsonType(Func):
    """PostgreSQL's name for a JSON value's type ("object", "array", ...)."""

    function = "jsonb_typeof"
    output_field = CharField()


OPEN_STATUSES = [AssignmentStatus.ACTIVE, AssignmentStatus.PAUSED]


class AssignmentQuerySet(models.QuerySet):
    def open(self):
        """Active or paused: the assignments that still have a future."""
        return self.filter(status__in=OPEN_STATUSES)

    def for_athlete(self, athlete):
        return self.filter(athlete=athlete)

    def for_coach(self, coach):
        """The assignments a member of staff sees (open or not): the athlete's copy of the
        program is their club's, and the athlete is in a team their seat shows them. Another
        club's staff, coaching the same athlete, see and change none of them."""
        return self.filter(program__club__in=clubs_of(coach), athlete__in=athletes_of(coach))

    def of_athlete_seen(self, coach, athlete):
        """`for_coach(coach).filter(athlete=athlete)` for an athlete the coach sees (one of
        `athletes_of(coach)`): the same assignments, with no athlete subquery to build."""
        return self.filter(program__club__in=clubs_of(coach), athlete=athlete)


class AssignmentGroup(models.Model):
    """One plan shared by the athletes assigned it together (a squad, or several athletes):
    the coach's copy of the template, the day it starts and the maintenance dose chosen for
    it. Editing the copy in the builder changes every member's future workouts at once; what
    was logged keeps its own targets. An athlete assigned alone is a group of one."""

    program = models.OneToOneField(
        Program,
        on_delete=models.PROTECT,
        related_name="group",
        help_text="The copy of the template every member follows.",
    )
    template = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        help_text="The squad it was assigned to, when it was.",
    )
    start_date = models.DateField()
    maintenance = models.CharField(
        max_length=10, choices=MaintenanceDose, default=MaintenanceDose.STANDARD
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # What a member's (group, program) points at: a member follows its group's copy
            # (the foreign key on both columns is migration 0016's).
            models.UniqueConstraint(
                fields=["id", "program"], name="programs_assignmentgroup_id_program"
            ),
            models.CheckConstraint(
                condition=Q(maintenance__in=MaintenanceDose.values),
                name="programs_assignmentgroup_maintenance_valid",
            ),
            typed_date("start_date", "programs_assignmentgroup_start_date_range"),
        ]

    def __str__(self) -> str:
        return f"{self.program} ({self.team or 'athletes'})"


class Assignment(models.Model):
    # An assignment is ended or cancelled, never deleted: it, its group's copy of the program
    # and the people it names are the athlete's history.
    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments"
    )
    group = models.ForeignKey(AssignmentGroup, on_delete=models.PROTECT, related_name="members")
    program = models.ForeignKey(
        Program,
        on_delete=models.PROTECT,
        related_name="assignments",
        related_query_name="assignment",
        help_text="The group's copy of the template (kept on the row: every read of a "
        "member's plan is one join; the database holds it equal to the group's).",
    )
    template = models.ForeignKey(
        Program, on_delete=models.PROTECT, related_name="template_assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    start_date = models.DateField()
    status = models.CharField(
        max_length=10, choices=AssignmentStatus, default=AssignmentStatus.ACTIVE
    )
    paused_on = models.DateField(null=True, blank=True)
    maintenance = models.CharField(
        max_length=10, choices=MaintenanceDose, default=MaintenanceDose.STANDARD
    )
    start_band_finder = models.CharField(
        max_length=5, choices=StartBandFinder, default=StartBandFinder.OFF
    )
    # The athlete's own changes to the plan the squad shares (`programs.overrides`), each shown
    # on the coach's page as differing from the squad; empty, the athlete follows the plan.
    # Prescription id -> {"sets", "reps"} (a dose) or {"left_out", "substitute", "note"}.
    prescription_overrides = models.JSONField(default=dict, blank=True)
    # Workout id -> {"day": 1-7} or {"match_day": -6..6}: the workout moved for this athlete.
    workout_moves = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["athlete", "template"],
                condition=Q(status__in=OPEN_STATUSES),
                name="programs_assignment_one_active_per_template",
                violation_error_message="This athlete already has this program assigned.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=AssignmentStatus.values),
                name="programs_assignment_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(maintenance__in=MaintenanceDose.values),
                name="programs_assignment_maintenance_valid",
            ),
            models.CheckConstraint(
                condition=Q(start_band_finder__in=StartBandFinder.values),
                name="programs_assignment_start_band_finder_valid",
            ),
            # Resuming moves the schedule on by the days since `paused_on`.
            models.CheckConstraint(
                condition=Q(status=AssignmentStatus.PAUSED, paused_on__isnull=False)
                | (~Q(status=AssignmentStatus.PAUSED) & Q(paused_on__isnull=True)),
                name="programs_assignment_paused_on_when_paused",
            ),
            typed_date("start_date", "programs_assignment_start_date_range"),
            models.CheckConstraint(
                condition=Exact(JsonType("prescription_overrides"), "object")
                & Exact(JsonType("workout_moves"), "object"),
                name="programs_assignment_overrides_objects",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} for {self.athlete}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def own_changes(self) -> int:
        """How many doses, exercises and workouts differ from the squad's plan for them."""
        return len(self.prescription_overrides) + len(self.workout_moves)


class BandTrackQuerySet(models.QuerySet):
    def ruled(self):
        """Tracks whose exercise still has a band rule in the athlete's program: without one,
        the prescription's own band applies (the track stays, as history)."""
        rules = BandRule.objects.filter(
            program=OuterRef("assignment__program"), exercise=OuterRef("exercise")
        )
        return self.filter(Exists(rules))

    def for_athlete(self, athlete):
        return self.filter(assignment__athlete=athlete)

    def for_coach(self, coach):
        return self.filter(assignment__in=Assignment.objects.for_coach(coach))


class BandTrack(models.Model):
    """Where an athlete stands on the ladder for one exercise of an assignment."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="tracks")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    band = models.ForeignKey(
        Band,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty = unassisted.",
    )
    # A cut dose for the next sessions of the exercise (`programs.doses`): reps per set, how
    # many sessions it still lasts, and why (graduation, a return after a gap, a repeat).
    dose_reps = ArrayField(models.PositiveSmallIntegerField(), blank=True, default=list)
    dose_sessions = models.PositiveSmallIntegerField(default=0)
    dose_reason = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BandTrackQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "exercise"], name="programs_bandtrack_one_per_exercise"
            ),
            models.CheckConstraint(
                condition=Q(dose_sessions=0) | Q(dose_reps__len__gte=1, dose_reps__len__lte=10),
                name="programs_bandtrack_dose_has_sets",
                violation_error_message="A cut dose needs between 1 and 10 sets.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.exercise}: {self.band or 'unassisted'}"


class DecidedBy(models.TextChoices):
    ENGINE = "engine", "Engine"
    COACH = "coach", "Coach"


class ChangeStatus(models.TextChoices):
    APPLIED = "applied", "Applied"
    SUGGESTED = "suggested", "Suggested, waiting for the coach"
    DECLINED = "declined", "Declined by the coach"


class BandChange(models.Model):
    track = models.ForeignKey(BandTrack, on_delete=models.CASCADE, related_name="changes")
    from_band = models.ForeignKey(
        Band, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_band = models.ForeignKey(
        Band, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=10, blank=True)
    reason = models.CharField(max_length=300)
    decided_by = models.CharField(max_length=6, choices=DecidedBy)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=9, choices=ChangeStatus, default=ChangeStatus.APPLIED)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ChangeStatus.values),
                name="programs_bandchange_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(decided_by__in=DecidedBy.values),
                name="programs_bandchange_decided_by_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_band or 'unassisted'} -> {self.to_band or 'unassisted'}"

"""What an athlete did: workout logs and their sets, the coach's comments, the check-in before
a session and the pain stops during one."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.models import athletes_of
from catalogue.models import Band, Exercise
from logbook import load
from programs.models import (
    PAIN_MAX,
    REPS_MAX,
    RPE_MAX,
    SECONDS_MAX,
    Assignment,
    Prescription,
    Workout,
)

SET_NUMBER_MAX = 50
MINUTES_MAX = 600  # the minutes an athlete may confirm for one session


class WorkoutLogQuerySet(models.QuerySet):
    def for_athlete(self, athlete):
        return self.filter(athlete=athlete)

    def for_coach(self, coach):
        """Logs of the coach's own assignments, and free sessions of the coach's athletes."""
        return self.filter(
            Q(assignment__in=Assignment.objects.for_coach(coach))
            | Q(assignment__isnull=True, athlete__in=athletes_of(coach))
        )

    def of_athlete_seen(self, athlete, assignments):
        """`for_coach(coach).filter(athlete=athlete)` for an athlete the coach sees, given the
        coach's assignments of them (`Assignment.objects.of_athlete_seen`, already read): the
        same logs, from a query with no subquery to build (the access subqueries of `for_coach`
        take about 10 ms of Python to build each time)."""
        return self.filter(athlete=athlete).filter(
            Q(assignment__in=assignments) | Q(assignment__isnull=True)
        )

    def completed(self):
        return self.filter(completed_at__isnull=False)


class WorkoutLog(models.Model):
    # What an athlete did outlives their account (deactivated, never deleted) and the plan.
    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="workout_logs"
    )
    workout = models.ForeignKey(
        Workout, on_delete=models.PROTECT, null=True, blank=True, related_name="logs"
    )
    # History outlives plans: an assignment with logs is ended or cancelled, never deleted.
    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, null=True, blank=True, related_name="logs"
    )
    # Which repetition of a repeating week (a maintenance week, a return-to-play stage) this
    # log belongs to; 1 for every workout of an ordinary week (programs.schedule).
    occurrence = models.PositiveIntegerField(default=1)
    performed_on = models.DateField()
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    rpe = models.PositiveSmallIntegerField("session RPE", null=True, blank=True)
    pain = models.PositiveSmallIntegerField(null=True, blank=True)
    # What the athlete confirmed at the finish (prefilled from the clock); None: not given.
    minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    notes = models.TextField(blank=True)
    # What the progression engine decided when the workout was finished, for the summary.
    outcome = models.JSONField(default=list, blank=True)
    # The doses it was begun with (`programs.doses.doses_for`): prescription id -> the dose
    # the plan held then ("prescribed"), and any cut, own dose or exercise left out.
    doses = models.JSONField(default=dict, blank=True)

    objects = WorkoutLogQuerySet.as_manager()

    class Meta:
        ordering = ["-performed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "workout", "occurrence"],
                condition=Q(workout__isnull=False),
                name="logbook_workoutlog_one_per_workout",
            ),
            models.CheckConstraint(
                condition=Q(occurrence__gte=1), name="logbook_workoutlog_occurrence_from_one"
            ),
            models.CheckConstraint(
                condition=Q(rpe__isnull=True) | Q(rpe__gte=1, rpe__lte=RPE_MAX),
                name="logbook_workoutlog_rpe_range",
            ),
            models.CheckConstraint(
                condition=Q(pain__isnull=True) | Q(pain__gte=0, pain__lte=PAIN_MAX),
                name="logbook_workoutlog_pain_range",
            ),
            models.CheckConstraint(
                condition=Q(minutes__isnull=True) | Q(minutes__gte=1, minutes__lte=MINUTES_MAX),
                name="logbook_workoutlog_minutes_range",
            ),
        ]
        indexes = [models.Index(fields=["athlete", "-performed_on"])]

    def __str__(self) -> str:
        return f"{self.workout or 'Free session'} on {self.performed_on}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None

    @property
    def clock_minutes(self) -> int | None:
        """How long the session took by the clock: from its start (the first set) to its
        finish, or to now while it is open; the finish form's prefill."""
        return load.clock_minutes(self.started_at, self.completed_at or timezone.now())

    @property
    def load_minutes(self) -> int | None:
        """The minutes the session load counts: those the athlete confirmed, else the clock's
        (a finished session only)."""
        clock = self.clock_minutes if self.completed_at is not None else None
        return load.session_minutes(confirmed=self.minutes, clock=clock)


class Side(models.TextChoices):
    BOTH = "both", "Both"
    LEFT = "left", "Left"
    RIGHT = "right", "Right"


class Control(models.TextChoices):
    """Where an eccentric rep broke (the Nordic): the answers are the log buttons."""

    EARLY = "early", "Lost it in the top third"
    MID = "mid", "Halfway"
    LATE = "late", "Near the floor"
    FULL = "full", "Controlled to the floor"


BREAK_ANGLE_MAX = 90  # degrees: kneeling upright; 0 is flat on the floor


class SetLog(models.Model):
    workout_log = models.ForeignKey(WorkoutLog, on_delete=models.CASCADE, related_name="sets")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    # A logged set keeps its prescription: the builder refuses to delete it.
    prescription = models.ForeignKey(
        Prescription, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    set_number = models.PositiveSmallIntegerField()
    side = models.CharField(max_length=5, choices=Side, default=Side.BOTH)
    reps = models.PositiveSmallIntegerField(null=True, blank=True)
    seconds = models.PositiveSmallIntegerField(null=True, blank=True)
    band = models.ForeignKey(
        Band, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rpe = models.PositiveSmallIntegerField(null=True, blank=True)
    control = models.CharField(max_length=5, choices=Control, blank=True)
    break_angle = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Knee angle where the rep broke, from a side-on video."
    )
    note = models.CharField(max_length=200, blank=True)
    # What was prescribed, copied so history survives later edits to the program.
    target_reps = models.PositiveSmallIntegerField(null=True, blank=True)
    target_seconds = models.PositiveSmallIntegerField(null=True, blank=True)
    token = models.UUIDField(default=uuid.uuid4, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["workout_log", "exercise", "set_number", "side"]
        constraints = [
            # One row per set: of a prescription (the same exercise may be prescribed twice
            # in a workout), or of an exercise in a free session.
            models.UniqueConstraint(
                fields=["workout_log", "prescription", "set_number", "side"],
                condition=Q(prescription__isnull=False),
                name="logbook_setlog_one_per_prescribed_set",
            ),
            models.UniqueConstraint(
                fields=["workout_log", "exercise", "set_number", "side"],
                condition=Q(prescription__isnull=True),
                name="logbook_setlog_one_per_free_set",
            ),
            models.CheckConstraint(
                condition=Q(set_number__gte=1, set_number__lte=SET_NUMBER_MAX),
                name="logbook_setlog_set_number_range",
            ),
            models.CheckConstraint(
                condition=Q(reps__isnull=True) | Q(reps__gte=0, reps__lte=REPS_MAX),
                name="logbook_setlog_reps_range",
            ),
            models.CheckConstraint(
                condition=Q(seconds__isnull=True) | Q(seconds__gte=0, seconds__lte=SECONDS_MAX),
                name="logbook_setlog_seconds_range",
            ),
            models.CheckConstraint(
                condition=Q(rpe__isnull=True) | Q(rpe__gte=1, rpe__lte=RPE_MAX),
                name="logbook_setlog_rpe_range",
            ),
            models.CheckConstraint(
                condition=Q(side__in=Side.values), name="logbook_setlog_side_valid"
            ),
            models.CheckConstraint(
                condition=Q(control="") | Q(control__in=Control.values),
                name="logbook_setlog_control_valid",
            ),
            models.CheckConstraint(
                condition=Q(break_angle__isnull=True) | Q(break_angle__lte=BREAK_ANGLE_MAX),
                name="logbook_setlog_break_angle_range",
            ),
            # A set is measured one way: reps, or seconds held. A prescribed set is measured
            # the way it was prescribed (its copied target says which).
            models.CheckConstraint(
                condition=Q(reps__isnull=False, seconds__isnull=True)
                | Q(reps__isnull=True, seconds__isnull=False),
                name="logbook_setlog_reps_or_seconds",
            ),
            models.CheckConstraint(
                condition=Q(target_seconds__isnull=True) | Q(reps__isnull=True),
                name="logbook_setlog_hold_logs_seconds",
            ),
            models.CheckConstraint(
                condition=Q(target_reps__isnull=True) | Q(seconds__isnull=True),
                name="logbook_setlog_reps_set_logs_reps",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.exercise} set {self.set_number}"


SORENESS_MAX = 10
CHECK_IN_ITEM_RANGE = (1, 5)


class CheckIn(models.Model):
    """How the athlete arrives at a session: hamstring soreness (DOMS, expected after
    eccentrics, and not pain) and, optionally, sleep, fatigue, stress and mood."""

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="check_ins"
    )
    on_date = models.DateField()
    workout_log = models.OneToOneField(
        WorkoutLog, on_delete=models.CASCADE, null=True, blank=True, related_name="check_in"
    )
    soreness = models.PositiveSmallIntegerField(null=True, blank=True)
    sleep = models.PositiveSmallIntegerField(null=True, blank=True)
    fatigue = models.PositiveSmallIntegerField(null=True, blank=True)
    stress = models.PositiveSmallIntegerField(null=True, blank=True)
    mood = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(soreness__isnull=True) | Q(soreness__lte=SORENESS_MAX),
                name="logbook_checkin_soreness_range",
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{item}__isnull": True})
                    | Q(
                        **{f"{item}__gte": CHECK_IN_ITEM_RANGE[0]},
                        **{f"{item}__lte": CHECK_IN_ITEM_RANGE[1]},
                    ),
                    name=f"logbook_checkin_{item}_range",
                )
                for item in ("sleep", "fatigue", "stress", "mood")
            ),
        ]

    def __str__(self) -> str:
        return f"Check-in of {self.athlete} on {self.on_date}"


class PainKind(models.TextChoices):
    SHARP = "sharp", "Sharp"
    DULL = "dull", "Dull ache"
    CRAMP = "cramp", "Cramp"


class PainWhere(models.TextChoices):
    HIGH = "high", "High, near the buttock"
    MIDDLE = "middle", "Middle of the thigh"
    LOW = "low", "Low, behind the knee"


class PainStopQuerySet(models.QuerySet):
    def unanswered(self):
        return self.filter(answered_at__isnull=True)


class PainStop(models.Model):
    """The athlete stopped because it hurt: an exercise stopped mid-session, or (with no
    exercise) a session finished with pain at or above the stop level. It flags the coach at
    once, and the athlete sees a warning until a coach answers (a comment, a band set by
    hand, or clearing it)."""

    workout_log = models.ForeignKey(WorkoutLog, on_delete=models.CASCADE, related_name="pain_stops")
    exercise = models.ForeignKey(
        Exercise, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    side = models.CharField(max_length=5, choices=Side, default=Side.BOTH)
    where = models.CharField(max_length=6, choices=PainWhere, blank=True)
    kind = models.CharField(max_length=5, choices=PainKind, blank=True)
    pain = models.PositiveSmallIntegerField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = PainStopQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["workout_log", "exercise"],
                nulls_distinct=False,
                name="logbook_painstop_one_per_exercise",
            ),
            models.CheckConstraint(
                condition=Q(side__in=Side.values), name="logbook_painstop_side_valid"
            ),
            models.CheckConstraint(
                condition=Q(where="") | Q(where__in=PainWhere.values),
                name="logbook_painstop_where_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind="") | Q(kind__in=PainKind.values),
                name="logbook_painstop_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(pain__isnull=True) | Q(pain__lte=PAIN_MAX),
                name="logbook_painstop_pain_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Pain stop of {self.workout_log.athlete} on {self.at:%Y-%m-%d}"

    def in_words(self) -> str:
        what = self.exercise.name if self.exercise_id else "Finished the session"
        details = [
            self.get_kind_display().lower() if self.kind else "",
            self.get_where_display().lower() if self.where else "",
            "" if self.side == Side.BOTH else f"{self.side} leg",
            f"pain {self.pain}/10" if self.pain is not None else "",
        ]
        return f"{what}: " + (", ".join(part for part in details if part) or "it hurt")

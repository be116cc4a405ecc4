"""Plans: programs, their weeks, workouts and prescriptions (how bands move in them: rules.py)."""

import re
from datetime import date

from django.apps import apps
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse

from accounts.clubs import CHANGES_TRAINING, club_of, clubs_of
from accounts.models import athletes_of, plain_text
from catalogue.models import Band, BandRole, Exercise
from programs.matchdays import md
from programs.schedule import workout_date

# Tempo as coaches write it: eccentric-pause-concentric[-pause], digits or X (explosive),
# either dashed ("3-0-1", "3-1-1-0") or packed ("30X0").
# Limits shared by what is prescribed and what is logged: the database constraints, the forms
# and the inputs' min/max attributes all read these.
REPS_MAX = 500
SECONDS_MAX = 3600
RPE_MAX = 10
PAIN_MAX = 10
SETS_MAX = 20
PAIN_STOP_DEFAULT = 5  # session pain that moves a band back and warns the athlete

TEMPO_RE = re.compile(r"^(?:[0-9X](?:-[0-9X]){2,3}|[0-9X]{3,4})$")


def range_of(low: int, high: int) -> list:
    """Form-level twin of a CheckConstraint range."""
    return [MinValueValidator(low), MaxValueValidator(high)]


def validate_tempo(value: str) -> None:
    if value and not TEMPO_RE.match(value.upper()):
        raise ValidationError(
            "Write tempo as three or four digits, such as 3-0-1 or 30X0 (X = explosive)."
        )


class ProgramQuerySet(models.QuerySet):
    def for_user(self, user):
        """Library programs, their club's templates and the copies of athletes their seat
        shows (staff, any role), and the copies assigned to them."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(owner__isnull=True, is_template=True)
            | Q(assignment__athlete=user)
            | self.of_club(user, clubs_of(user))
        ).distinct()

    def library(self):
        return self.filter(owner__isnull=True, is_template=True)

    def copyable_by(self, user):
        """Templates a coach may copy or assign: the library's and their club's."""
        return self.filter(
            Q(owner__isnull=True) | Q(club__in=clubs_of(user, CHANGES_TRAINING)), is_template=True
        )

    def owned_by(self, user):
        """Programs a coach (or the club's head) may edit: the club's templates, whoever of its
        coaches wrote them, and the copies of the athletes their seat shows."""
        return self.filter(self.of_club(user, clubs_of(user, CHANGES_TRAINING)))

    @staticmethod
    def of_club(user, clubs) -> Q:
        """The club's templates, and its copies whose athlete the user's seat shows (or not yet
        anyone's): a coach reaches no copy of an athlete in a team they were not given."""
        assignments = apps.get_model("programs", "Assignment").objects.filter(
            program=OuterRef("pk")
        )
        seen = assignments.filter(athlete__in=athletes_of(user))
        # A copy no one is assigned yet (made, not yet handed out) is the club's like a template.
        return Q(club__in=clubs) & (
            Q(is_template=True) | Q(Exists(seen) | ~Exists(assignments), is_template=False)
        )


class Program(models.Model):
    title = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120)
    summary = models.CharField(max_length=300, blank=True)
    goal = models.TextField(blank=True)
    # The club's, written by one of its coaches (`owner`). A coach who leaves is deactivated:
    # their programs, and the athletes' copies, stay the club's.
    club = models.ForeignKey(
        "accounts.Club",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programs",
        help_text="Empty for library programs.",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programs",
        help_text="Empty for library programs.",
    )
    is_template = models.BooleanField(
        default=True, help_text="Templates are copied when assigned, never logged against."
    )
    source = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                condition=Q(owner__isnull=True),
                name="programs_program_library_slug_unique",
            ),
            models.CheckConstraint(condition=~Q(slug=""), name="programs_program_slug_not_blank"),
            models.CheckConstraint(
                condition=Q(owner__isnull=True, club__isnull=True)
                | Q(owner__isnull=False, club__isnull=False),
                name="programs_program_club_with_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.club_id is None and self.owner_id is not None:
            # A coach's program is their club's.
            self.club_id = club_of(self.owner)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("programs:detail", args=[self.pk])

    @property
    def is_library(self) -> bool:
        return self.owner_id is None


class StructureVersion(models.Model):
    """A number PostgreSQL moves (triggers, migration 0009) whenever one of the program's weeks,
    workouts, prescriptions or stage gates is written, or an exercise it prescribes changes its
    pattern: a process may keep what it read of the program's structure while the number stays
    (programs.places). From one sequence, so a number is never seen twice; never written from
    Python; no row until the first write, none once the program is deleted (a trigger too: a
    foreign key would have Django delete the row before the weeks, whose triggers write it)."""

    program_id = models.BigIntegerField(primary_key=True)
    number = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.program_id}: {self.number}"


class ProgramWeek(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="weeks")
    number = models.PositiveSmallIntegerField()
    focus = models.CharField(max_length=120, blank=True)
    is_deload = models.BooleanField(default=False)
    # The last week of a program may be its maintenance phase: its workouts repeat every week
    # after the numbered weeks until the coach ends the assignment (programs.schedule).
    is_maintenance = models.BooleanField(default=False)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "number"], name="programs_programweek_number_unique"
            ),
            models.UniqueConstraint(
                fields=["program"],
                condition=Q(is_maintenance=True),
                name="programs_programweek_one_maintenance",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=104),
                name="programs_programweek_number_range",
            ),
        ]

    def __str__(self) -> str:
        return "Maintenance" if self.is_maintenance else f"Week {self.number}"

    @property
    def is_stage(self) -> bool:
        """A return-to-play stage (it has a gate): read it with `select_related("gate")`, which
        leaves no attribute when there is none."""
        return hasattr(self, "gate")

    @property
    def repeats(self) -> bool:
        """Lived week after week: the maintenance phase, or a stage until it opens the next."""
        return self.is_maintenance or self.is_stage

    @property
    def label(self) -> str:
        """As an athlete reads it."""
        return f"Stage {self.number}" if self.is_stage else str(self)


class Workout(models.Model):
    week = models.ForeignKey(ProgramWeek, on_delete=models.CASCADE, related_name="workouts")
    day = models.PositiveSmallIntegerField(
        help_text="Day of the week in the program, 1 to 7.", validators=range_of(1, 7)
    )
    # Placed relative to a match day instead (-4 is MD-4): it follows the team's fixtures,
    # and stays on `day` in a week without one (programs.matchdays).
    match_day = models.SmallIntegerField(
        null=True,
        blank=True,
        validators=range_of(-6, 6),
        help_text="Days from match day, e.g. -4 for MD-4; empty to keep it on its day.",
    )
    title = models.CharField(max_length=120)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["day", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(day__gte=1, day__lte=7), name="programs_workout_day_range"
            ),
            models.CheckConstraint(
                condition=Q(match_day__isnull=True)
                | (Q(match_day__gte=-6, match_day__lte=6) & ~Q(match_day=0)),
                name="programs_workout_match_day_range",
                violation_error_message="Place a workout 1 to 6 days before or after match day.",
            ),
            # The reminder mail's subject names the day's workouts.
            plain_text("title", "programs_workout_title_no_control_characters"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def placement(self) -> str:
        """ "MD-4", "MD+2", or "" for a workout kept on its day of the week."""
        return md(self.match_day)

    def scheduled_on(self, start_date: date) -> date:
        """Its day in an ordinary numbered week, before any match-day placement; pages date
        workouts with `programs.dating.assignment_schedule` (or `scheduled_on`)."""
        return workout_date(start_date, self.week.number, self.day)


PRESCRIBED = object()  # notation(): "the prescription's own band"


class Prescription(models.Model):
    """One exercise in a workout: sets x a rep range, per-set reps, or sets x hold seconds."""

    workout = models.ForeignKey(Workout, on_delete=models.CASCADE, related_name="prescriptions")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="prescriptions")
    order = models.PositiveSmallIntegerField(default=1)
    sets = models.PositiveSmallIntegerField(default=3, validators=range_of(1, SETS_MAX))
    reps_min = models.PositiveSmallIntegerField(null=True, blank=True)
    reps_max = models.PositiveSmallIntegerField(null=True, blank=True)
    set_reps = ArrayField(
        models.PositiveSmallIntegerField(),
        blank=True,
        default=list,
        help_text="Reps for each set, such as 12/10/8.",
    )
    seconds = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Hold seconds.")
    per_side = models.BooleanField(default=False)
    tempo = models.CharField(max_length=7, blank=True, validators=[validate_tempo])
    rest_seconds = models.PositiveSmallIntegerField(default=90, validators=range_of(0, SECONDS_MAX))
    rpe_target = models.PositiveSmallIntegerField(
        "RPE target", null=True, blank=True, validators=range_of(1, RPE_MAX)
    )
    # A band no longer sold stays on the plans that prescribe it (a coach changes them).
    band = models.ForeignKey(
        Band, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    notes = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sets__gte=1, sets__lte=SETS_MAX),
                name="programs_prescription_sets_range",
            ),
            models.CheckConstraint(
                condition=Q(reps_min__isnull=True) | Q(reps_min__gte=0, reps_min__lte=REPS_MAX),
                name="programs_prescription_reps_min_range",
            ),
            models.CheckConstraint(
                condition=Q(reps_max__isnull=True)
                | Q(reps_max__lte=REPS_MAX, reps_min__isnull=False, reps_max__gte=F("reps_min")),
                name="programs_prescription_reps_max_range",
            ),
            models.CheckConstraint(
                condition=Q(seconds__isnull=True) | Q(seconds__gte=0, seconds__lte=SECONDS_MAX),
                name="programs_prescription_seconds_range",
            ),
            models.CheckConstraint(
                condition=Q(rest_seconds__lte=SECONDS_MAX), name="programs_prescription_rest_range"
            ),
            models.CheckConstraint(
                condition=Q(rpe_target__isnull=True)
                | Q(rpe_target__gte=1, rpe_target__lte=RPE_MAX),
                name="programs_prescription_rpe_range",
            ),
            models.CheckConstraint(
                condition=Q(set_reps__len=0) | Q(set_reps__len=F("sets")),
                name="programs_prescription_set_reps_match_sets",
            ),
            # Exactly one kind of target: a rep range, per-set reps, or hold seconds.
            models.CheckConstraint(
                condition=(
                    Q(reps_min__isnull=False, set_reps__len=0, seconds__isnull=True)
                    | Q(reps_min__isnull=True, set_reps__len__gt=0, seconds__isnull=True)
                    | Q(reps_min__isnull=True, set_reps__len=0, seconds__isnull=False)
                ),
                name="programs_prescription_one_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.exercise}: {self.volume_text()}"

    def target_for_set(self, set_number: int) -> int:
        """Reps (or seconds) prescribed for one set; the top of a rep range counts."""
        if self.seconds is not None:
            return self.seconds
        if self.set_reps:
            return self.set_reps[min(set_number, len(self.set_reps)) - 1]
        return self.reps_max if self.reps_max is not None else self.reps_min

    def minimum_for_set(self, set_number: int) -> int:
        """What counts as the set done: the bottom of a rep range, else the target."""
        if self.seconds is None and not self.set_reps and self.reps_min is not None:
            return self.reps_min
        return self.target_for_set(set_number)

    @property
    def sides(self) -> list[str]:
        return ["left", "right"] if self.per_side else ["both"]

    @property
    def is_hold(self) -> bool:
        return self.seconds is not None

    def target_text(self) -> str:
        """The target as coaches write it: '8-10', '12/10/8', '45 s' or '10'."""
        if self.seconds is not None:
            return f"{self.seconds} s"
        if self.set_reps:
            return "/".join(str(reps) for reps in self.set_reps)
        if self.reps_max is not None and self.reps_max != self.reps_min:
            return f"{self.reps_min}-{self.reps_max}"
        return str(self.reps_min)

    def volume_text(self) -> str:
        """'3 x 8-10', '3 x 12/10/8', '2 x 45 s', with ' per side' where it applies."""
        text = f"{self.sets} x {self.target_text()}"
        return f"{text} per side" if self.per_side else text

    def notation(self, band: Band | object | None = PRESCRIBED) -> str:
        """Coach notation: '3 x 12/10/8 @ RPE 8, tempo 3-0-1, green band, assist'. An athlete's
        own band (None = unassisted) can stand in for the prescribed one."""
        text = self.volume_text()
        if self.rpe_target:
            text += f" @ RPE {self.rpe_target}"
        parts = [text]
        if self.tempo:
            parts.append(f"tempo {self.tempo}")
        band = self.band if band is PRESCRIBED else band
        role = self.exercise.band_role
        if band is not None:
            parts.append(f"{band.name.lower()} band")
        if role != BandRole.NONE:
            parts.append(role)
        return ", ".join(parts)

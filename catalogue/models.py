from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from catalogue.words import no_band_label


class BandKind(models.TextChoices):
    LOOP = "loop", "41-inch loop"
    MINI = "mini", "Mini band"


class Pattern(models.TextChoices):
    KNEE_FLEXION = "knee_flexion", "Knee flexion"
    HIP_HINGE = "hip_hinge", "Hip hinge"
    ECCENTRIC = "eccentric", "Eccentric"
    ISOMETRIC = "isometric", "Isometric"
    BRIDGE = "bridge", "Bridge"
    SQUAT = "squat", "Squat"
    MOBILITY = "mobility", "Mobility"


class BandRole(models.TextChoices):
    ASSIST = "assist", "Assist"
    RESIST = "resist", "Resist"
    NONE = "none", "No band"


class Anchor(models.TextChoices):
    FLOOR = "floor", "Floor-level post"
    HIGH = "high", "High anchor"
    UNDER_FEET = "under_feet", "Under your feet"
    BAR = "bar", "Around the bar"
    BEHIND = "behind", "Behind you"
    NONE = "none", "No anchor"


class Dose(models.TextChoices):
    REPS = "reps", "Reps"
    SECONDS = "seconds", "Seconds (hold)"


class Difficulty(models.IntegerChoices):
    BEGINNER = 1, "Beginner"
    INTERMEDIATE = 2, "Intermediate"
    ADVANCED = 3, "Advanced"


class BandQuerySet(models.QuerySet):
    def ladder(self):
        """Loop bands, thinnest first: the ladder progression climbs."""
        return self.filter(kind=BandKind.LOOP).order_by("rank")


class Band(models.Model):
    name = models.CharField(max_length=40, unique=True)
    colour = models.CharField(max_length=30)
    hex = models.CharField("colour code", max_length=7, help_text="Swatch colour, such as #c62828.")
    kind = models.CharField(max_length=4, choices=BandKind, default=BandKind.LOOP)
    width_mm = models.PositiveSmallIntegerField("width (mm)")
    tension_min_kg = models.DecimalField("tension from (kg)", max_digits=5, decimal_places=1)
    tension_max_kg = models.DecimalField("tension to (kg)", max_digits=5, decimal_places=1)
    rank = models.PositiveSmallIntegerField(help_text="Order on the ladder, thinnest first.")
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="owned_bands", blank=True
    )
    # What `load_catalogue` last wrote into each seed field, so a later seed correction reaches
    # the fields an admin has not changed and leaves the ones they have.
    seeded = models.JSONField(default=dict, blank=True, editable=False)

    objects = BandQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "rank"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tension_min_kg__lte=F("tension_max_kg")),
                name="catalogue_band_tension_min_lte_max",
                violation_error_message="The lowest tension cannot exceed the highest.",
            ),
            models.CheckConstraint(
                condition=Q(tension_min_kg__gte=0), name="catalogue_band_tension_positive"
            ),
            models.CheckConstraint(
                condition=Q(hex__regex=r"^#[0-9a-fA-F]{6}$"),
                name="catalogue_band_hex_format",
                violation_error_message="Use a colour code such as #c62828.",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=BandKind.values), name="catalogue_band_kind_valid"
            ),
            models.UniqueConstraint(
                fields=["kind", "rank"],
                name="catalogue_band_rank_unique_per_ladder",
                violation_error_message="Another band of this kind already has this rank.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} band"


# A coach's own reading of a band's pull, in kg: a luggage scale reads at least a kilogram, and
# no loop band pulls 150.
MEASURED_TENSION_MIN_KG, MEASURED_TENSION_MAX_KG = 1, 150
# How far the band was stretched when read, in cm (from the anchor to the chest at a break).
MEASURED_LENGTH_MIN_CM, MEASURED_LENGTH_MAX_CM = 20, 400


class BandMeasurement(models.Model):
    """A coach's own measurement of one band: the pull a scale read with the band stretched to
    `length_cm`. Bands of one colour differ between makers and lose pull with age, so for the
    coach's athletes this wins over the band's rated range (`catalogue.tensions`). Clubs do not
    exist yet: the measurement is the coach's, and no other coach sees it."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="band_measurements"
    )
    band = models.ForeignKey(Band, on_delete=models.PROTECT, related_name="measurements")
    tension_kg = models.DecimalField("pull (kg)", max_digits=4, decimal_places=1)
    length_cm = models.PositiveSmallIntegerField("stretched to (cm)")
    measured_on = models.DateField()

    class Meta:
        ordering = ["band__kind", "band__rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "band"],
                name="catalogue_bandmeasurement_one_per_band",
                violation_error_message="You have measured this band already.",
            ),
            models.CheckConstraint(
                condition=Q(
                    tension_kg__gte=MEASURED_TENSION_MIN_KG, tension_kg__lte=MEASURED_TENSION_MAX_KG
                ),
                name="catalogue_bandmeasurement_tension_range",
            ),
            models.CheckConstraint(
                condition=Q(
                    length_cm__gte=MEASURED_LENGTH_MIN_CM, length_cm__lte=MEASURED_LENGTH_MAX_CM
                ),
                name="catalogue_bandmeasurement_length_range",
            ),
            # The typed-date window of every app (accounts.models.TYPED_DATE_MIN to MAX), which
            # the catalogue, beside accounts, cannot import.
            models.CheckConstraint(
                condition=Q(measured_on__range=(date(2000, 1, 1), date(2100, 12, 31))),
                name="catalogue_bandmeasurement_measured_on_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.band}: {self.tension_kg} kg at {self.length_cm} cm ({self.owner})"


class ExerciseQuerySet(models.QuerySet):
    def for_user(self, user):
        """Published exercises; staff also see drafts."""
        if user.is_authenticated and user.is_staff:
            return self
        return self.filter(is_published=True)


class Exercise(models.Model):
    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80, unique=True)
    summary = models.CharField(max_length=240)
    setup = models.TextField(help_text="Where the band is anchored and how it is looped.")
    cues = models.TextField(help_text="One cue per line.")
    mistakes = models.TextField(blank=True, help_text="One mistake per line.")
    pattern = models.CharField(max_length=16, choices=Pattern)
    band_role = models.CharField(max_length=8, choices=BandRole)
    anchor = models.CharField(max_length=12, choices=Anchor)
    dose = models.CharField(max_length=8, choices=Dose, default=Dose.REPS)
    unilateral = models.BooleanField(default=False, help_text="Done one side at a time.")
    difficulty = models.PositiveSmallIntegerField(choices=Difficulty, default=Difficulty.BEGINNER)
    video_url = models.URLField(blank=True)
    is_published = models.BooleanField(default=True)
    progressions = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="regressions",
        blank=True,
        help_text="Harder forms of this exercise.",
    )
    # What `load_catalogue` last wrote into each seed field, so a later seed correction reaches
    # the fields an admin has not changed and leaves the ones they have.
    seeded = models.JSONField(default=dict, blank=True, editable=False)

    objects = ExerciseQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pattern__in=Pattern.values), name="catalogue_exercise_pattern_valid"
            ),
            models.CheckConstraint(
                condition=Q(band_role__in=BandRole.values),
                name="catalogue_exercise_band_role_valid",
            ),
            models.CheckConstraint(
                condition=Q(anchor__in=Anchor.values), name="catalogue_exercise_anchor_valid"
            ),
            models.CheckConstraint(
                condition=Q(dose__in=Dose.values), name="catalogue_exercise_dose_valid"
            ),
            models.CheckConstraint(
                condition=Q(difficulty__in=Difficulty.values),
                name="catalogue_exercise_difficulty_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalogue:exercise-detail", args=[self.slug])

    @property
    def cue_list(self) -> list[str]:
        return [line.strip() for line in self.cues.splitlines() if line.strip()]

    @property
    def mistake_list(self) -> list[str]:
        return [line.strip() for line in self.mistakes.splitlines() if line.strip()]

    @property
    def band_role_explained(self) -> str:
        return BAND_ROLE_WORDS[self.band_role]

    @property
    def no_band_label(self) -> str:
        return no_band_label(self.band_role)


BAND_ROLE_WORDS = {
    BandRole.ASSIST: "The band takes weight off you; a thinner band is harder.",
    BandRole.RESIST: "The band adds load; a thicker band is harder.",
    BandRole.NONE: "No band: your body weight or a bar carries the load.",
}

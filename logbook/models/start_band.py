"""The start-band finder's trials: two Nordic reps on one band in session 1, as the athlete
tapped them (`programs.start_band` reads them).

A model of its own rather than sets of the workout: the trials are a test before the session,
not training. As sets they would mix bands inside the session (the engine reads a session at
several bands as at none), count toward the reps and the dose, show as last time's numbers,
and end the finder itself, which runs only while no Nordic set is logged."""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from catalogue.models import Band, Exercise
from logbook.models.session import Control
from programs.models import Assignment


class StartBandTrial(models.Model):
    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, related_name="start_band_trials"
    )
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    band = models.ForeignKey(Band, on_delete=models.PROTECT, related_name="+")
    first_rep = models.CharField(max_length=5, choices=Control)
    second_rep = models.CharField(max_length=5, choices=Control)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            # One trial per band: a retried post finds the band done, never a second answer.
            models.UniqueConstraint(
                fields=["assignment", "exercise", "band"],
                name="logbook_startbandtrial_one_per_band",
            ),
            models.CheckConstraint(
                condition=Q(first_rep__in=Control.values, second_rep__in=Control.values),
                name="logbook_startbandtrial_control_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.band}: {self.first_rep}, {self.second_rep}"

    @property
    def reps(self) -> tuple[str, str]:
        return self.first_rep, self.second_rep

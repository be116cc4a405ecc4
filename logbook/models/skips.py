"""A missed workout the athlete chose to skip: it leaves the missed list on /today/, and it still
counts as not done (adherence reads completed logs only)."""

from django.conf import settings
from django.db import models

from programs.models import Assignment, Workout


class WorkoutSkip(models.Model):
    # A skip is history, like a log: it keeps its athlete, assignment and workout.
    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="workout_skips"
    )
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="+")
    workout = models.ForeignKey(Workout, on_delete=models.PROTECT, related_name="+")
    occurrence = models.PositiveIntegerField(default=1)  # as on WorkoutLog
    skipped_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "workout", "occurrence"],
                name="logbook_workoutskip_once_per_workout",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.workout} skipped on {self.skipped_on}"

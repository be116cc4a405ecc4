"""The athlete's report of an Askling H-test in a return-to-play stage that asks for one (the last
stage, back to running): a physio or coach takes them through the test, and the athlete says
whether they felt any insecurity in it. The stage's gate reads the latest report
(`logbook.stages`)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models import typed_date
from programs.models import Assignment, ProgramWeek


class HTestReport(models.Model):
    # A report is history, like a log: it keeps its athlete, assignment and stage.
    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="h_test_reports"
    )
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="+")
    week = models.ForeignKey(ProgramWeek, on_delete=models.PROTECT, related_name="+")  # the stage
    on_date = models.DateField()
    insecure = models.BooleanField(help_text="The athlete felt some insecurity in the test.")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["on_date", "at"]
        constraints = [
            # A second answer the same day replaces the first (a test taken again that day).
            models.UniqueConstraint(
                fields=["assignment", "week", "on_date"],
                name="logbook_htestreport_once_a_day",
            ),
            typed_date("on_date", "logbook_htestreport_on_date_range"),
        ]

    def __str__(self) -> str:
        felt = "insecure" if self.insecure else "secure"
        return f"H-test on {self.on_date}: {felt}"

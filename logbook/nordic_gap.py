"""Nordic sessions at least 48 hours apart (DESIGN.md; `programs.matchdays.NORDIC_GAP`, the
rule the fixtures' clash check keeps): an athlete starting a session with a Nordic (an eccentric
exercise) sooner after the last one is asked first, and the coach is flagged if they go ahead."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Exists
from django.utils import timezone

from catalogue.models import Pattern
from logbook.models import WorkoutLog
from programs.matchdays import NORDIC_GAP
from programs.models import Prescription

ECCENTRIC = Pattern.ECCENTRIC  # the Nordic's pattern

HOURS = int(NORDIC_GAP.total_seconds() // 3600)


@dataclass(frozen=True)
class TooSoon:
    """The last Nordic session began at `last`, today or yesterday."""

    last: datetime
    now: datetime

    @property
    def hours(self) -> int:
        return int((self.now - self.last).total_seconds() // 3600)

    @property
    def ago(self) -> str:
        return (
            "less than an hour"
            if self.hours < 1
            else f"{self.hours} hour" + "s" * (self.hours != 1)
        )

    def when(self, today: date) -> str:
        """The last session's day and time in the athlete's own time zone, as they say it."""
        last = timezone.localtime(self.last)
        day = {today: "today", today - timedelta(days=1): "yesterday"}.get(
            last.date(), f"on {last:%a} {last.day} {last:%b}"
        )
        return f"{day} at {last:%H:%M}"

    def reason(self, today: date) -> str:
        """For the athlete, before they start."""
        return (
            f"Your last Nordic session was {self.when(today)}, {self.ago} ago. Nordic sessions "
            f"are kept at least {HOURS} hours apart: the eccentric work leaves the hamstrings "
            "sore for a day or two (expected, and not pain), and they need that time to recover "
            "before the next session loads them again."
        )

    def detail(self, workout, due: date | None) -> str:
        """For the coach, once the athlete went ahead."""
        last = timezone.localtime(self.last)
        scheduled = f" (due {due:%a} {due.day} {due:%b})" if due else ""
        return (
            f"Started {workout.title}{scheduled} {self.ago} after the last Nordic session "
            f"({last:%a} {last.day} {last:%b} {last:%H:%M}), not the {HOURS} hours apart the "
            "program keeps."
        )


def nordic_starts(*, athlete, workout, today: date, now: datetime, exclude=None, assignment=None):
    """The start times of the athlete's sessions with a Nordic set (a free session's too) today
    or yesterday, latest first, when this workout holds a Nordic; none otherwise. Counted in
    days, as the program's schedule and its clash check count them: Monday's evening session
    and Wednesday's morning one are 48 hours apart. `exclude`: the workout's own log, just
    begun. `assignment`: the athlete's, whose Nordic left out by their coach holds none."""
    left_out = [
        int(key)
        for key, override in (assignment.prescription_overrides if assignment else {}).items()
        if override.get("left_out")
    ]
    holds_nordic = Prescription.objects.filter(
        workout=workout, exercise__pattern=ECCENTRIC
    ).exclude(pk__in=left_out)
    logs = WorkoutLog.objects.filter(
        Exists(holds_nordic),
        athlete=athlete,
        sets__exercise__pattern=ECCENTRIC,
        performed_on__gt=today - timedelta(days=NORDIC_GAP.days),
        started_at__lte=now,
    )
    if exclude is not None:
        logs = logs.exclude(pk=exclude.pk)
    return logs.order_by("-started_at").values_list("started_at", flat=True)


def nordic_too_soon(*, athlete, workout, today: date, now: datetime, exclude=None, assignment=None):
    """Whether starting this workout today breaks the 48 hours (`nordic_starts`): a `TooSoon`
    or None; one query."""
    last = nordic_starts(
        athlete=athlete,
        workout=workout,
        today=today,
        now=now,
        exclude=exclude,
        assignment=assignment,
    ).first()
    return TooSoon(last, now) if last is not None else None

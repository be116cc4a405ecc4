"""Pain pauses (DESIGN.md, "Band progression, round 3", rule 1'): a pain stop, session pain of 5
or more, or two sessions running at 3-4 pause the athlete's eccentric work (pattern
`eccentric`, the Nordic) in every open assignment until a coach clears it with a note. While
paused no eccentric set is logged (`logbook.services.set_log` asks `is_paused_for`); the rest
of a workout goes on. The rule itself is pure (`programs.pain`); this module reads the
athlete's reports, opens the pause and tells the coach; the coach's clearance is the action
`coaching.actions.pause_clear`.
"""

from datetime import date

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from catalogue.models import Exercise, Pattern
from logbook.flags import flag_raise
from logbook.models import FlagKind, PainPause, PainStop, WorkoutLog
from programs.pain import REPEAT_WITHIN, PainReport, PainVerdict, pain_verdict
from web.compiled import SOME_IDS, SOMEONE, Shape
from web.lookups import AnyOf


def open_pause(athlete) -> PainPause | None:
    return PainPause.objects.open().filter(athlete=athlete).first()


# Asked by every set POST: compiled once per process (`web.compiled.Shape`).
paused_for = Shape(
    lambda: (
        PainPause.objects.open()
        .filter(athlete_id=SOMEONE)
        .filter(
            Exists(Exercise.objects.filter(AnyOf(F("pk"), SOME_IDS), pattern=Pattern.ECCENTRIC))
        )
        .values("pk")[:1]
    ),
    someone=SOMEONE,
    ids=SOME_IDS,
)


def is_paused_for(*, athlete_id: int, exercise_id: int) -> bool:
    """Whether a set of this exercise would be eccentric work while the athlete is paused. One
    query."""
    return bool(list(paused_for(someone=athlete_id, ids=[exercise_id])))


def pain_reports(athlete, *, today: date) -> tuple[list[PainReport], date | None]:
    """The athlete's pain over the last 28 days (finished sessions, and sessions with a pain
    stop even if unfinished), oldest first, and the day their last pause was cleared."""
    rows = (
        WorkoutLog.objects.filter(athlete=athlete, performed_on__gte=today - REPEAT_WITHIN)
        # A tap on "Stop: it hurts" (the finish keeps its pain of 5+ as a stop with its pain).
        .annotate(
            stopped=Exists(PainStop.objects.filter(workout_log=OuterRef("pk"), pain__isnull=True))
        )
        .filter(Q(completed_at__isnull=False) | Q(stopped=True))
        .order_by("performed_on", "started_at", "pk")
        .values_list("performed_on", "pain", "stopped")
    )
    cleared = (
        PainPause.objects.filter(athlete=athlete, cleared_at__isnull=False)
        .order_by("-cleared_at")
        .values_list("cleared_at", flat=True)
        .first()
    )
    reports = [PainReport(on, pain, stopped) for on, pain, stopped in rows]
    return reports, timezone.localdate(cleared) if cleared else None


def pause_if_pain(*, log: WorkoutLog) -> PainVerdict | None:
    """After a session is finished or stopped for pain: open a pause when the athlete's pain
    calls for it (flagging the coach at once), or flag a single 3-4. Inside the caller's
    transaction; safe to call again (one open pause per athlete, one flag per session)."""
    reports, cleared_on = pain_reports(log.athlete, today=log.performed_on)
    verdict = pain_verdict(reports, cleared_on=cleared_on)
    if verdict is None:
        return None
    if not verdict.pause:
        flag_raise(athlete=log.athlete, kind=FlagKind.PAIN, workout_log=log, detail=verdict.words)
        return verdict
    # One open pause per athlete (a partial unique constraint): two finishes at once make one.
    _, opened = PainPause.objects.get_or_create(
        athlete=log.athlete,
        cleared_at=None,
        defaults={"reason": verdict.reason, "workout_log": log, "repeated": verdict.repeated},
    )
    if opened:
        detail = f"{verdict.reason}: eccentric work paused until you clear it."
        if verdict.repeated:
            detail += " Repeated within 4 weeks: refer to a physio."
        flag_raise(athlete=log.athlete, kind=FlagKind.PAIN_PAUSE, workout_log=log, detail=detail)
    return verdict

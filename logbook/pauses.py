"""Pain pauses (DESIGN.md, "Band progression, round 3", rule 1'): a pain stop, session pain of 5
or more, or two sessions running at 3-4 pause the athlete's eccentric work (pattern
`eccentric`, the Nordic) in every open assignment until a coach clears it with a note. While
paused no eccentric set is logged (`logbook.services.set_log` asks `is_paused_for`); the rest
of a workout goes on. The rule itself is pure (`programs.pain`); this module reads the
athlete's reports, keeps the pause and its clearance, and tells the coach.

Seam for the club roles to come: `pause_clear` takes whoever clears; who may is decided by
the view that calls it (today the athlete's coach).
"""

from datetime import date

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from catalogue.models import Exercise, Pattern
from logbook.flags import flag_raise, flags_acknowledge_for
from logbook.messages import notice_post
from logbook.models import FlagKind, PainPause, PainStop, WorkoutLog
from programs import bands
from programs.models import Assignment, BandTrack
from programs.pain import REPEAT_WITHIN, PainReport, PainVerdict, pain_verdict


def open_pause(athlete) -> PainPause | None:
    return PainPause.objects.open().filter(athlete=athlete).first()


def is_paused_for(*, athlete_id: int, exercise_id: int) -> bool:
    """Whether a set of this exercise would be eccentric work while the athlete is paused. One
    query."""
    eccentric = Exercise.objects.filter(pk=exercise_id, pattern=Pattern.ECCENTRIC)
    return PainPause.objects.open().filter(athlete_id=athlete_id).filter(Exists(eccentric)).exists()


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


@transaction.atomic(durable=True)
def pause_clear(*, pause: PainPause, by, note: str, now=None) -> PainPause:
    """A coach clears the pause with a note: each eccentric track of the athlete's open
    assignments resumes one step more help than before the pain, its counts restart, and no
    step on comes for 14 days (`programs.bands.band_resume_after_pause`); the pain flags are
    acknowledged and the athlete is told. Clearing twice changes nothing the second time."""
    now = now or timezone.now()
    pause = PainPause.objects.select_for_update().get(pk=pause.pk)
    if not pause.is_open:
        return pause
    pause.cleared_at, pause.cleared_by, pause.note = now, by, note
    pause.save(update_fields=["cleared_at", "cleared_by", "note"])
    athlete = pause.athlete
    owned = frozenset(athlete.owned_bands.values_list("pk", flat=True))
    tracks = (
        BandTrack.objects.select_for_update(of=("self",))
        .filter(
            assignment__in=Assignment.objects.for_athlete(athlete).open(),
            exercise__pattern=Pattern.ECCENTRIC,
        )
        .select_related("exercise", "band")
    )
    resumed = [
        bands.band_resume_after_pause(track=track, owned_band_ids=owned, by=by, at=now)
        for track in tracks
    ]
    flags_acknowledge_for(
        athlete=athlete,
        by=by,
        note=f"Cleared: {note}"[:300],
        kinds=[FlagKind.PAIN, FlagKind.PAIN_STOP, FlagKind.PAIN_PAUSE],
    )
    PainStop.objects.unanswered().filter(workout_log__athlete=athlete).update(
        answered_at=now, answered_by=by
    )
    said = note if note.endswith((".", "!", "?")) else f"{note}."
    bands_now = " ".join(change.reason for change in resumed)
    notice_post(
        athlete=athlete,
        author=by,
        body=f"Your Nordic work can start again. {said} {bands_now}".strip(),
        subject=f"{by} cleared your pain pause",
    )
    return pause

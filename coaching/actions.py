"""What a coach does to an athlete's training, one function each: set a band, comment on a
workout, decide the engine's suggested step, sign off a return-to-play stage, clear a pain
pause, record a squad's strength tests. Each is one durable transaction holding every write
of the intent (the band, the answered pain stops, the acknowledged flags, the athlete's
notice, whose wording is here, and the row in the club's audit trail for a clearance or a
sign-off), so a failure part-way leaves none of them. Views check the input and who may act
(another coach's object answers 404 before this), call one action and render; the demo calls
the same functions. An athlete's actions are in `logbook.actions`, assigning a program in
`programs.actions`."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from accounts.audit import audit_record
from accounts.records import AuditAction
from catalogue.models import Band, Pattern
from catalogue.words import on_band
from logbook import services as logbook
from logbook.flags import flags_acknowledge_for
from logbook.messages import message_post, notice_post
from logbook.models import FlagKind, Message, PainPause, PainStop, StrengthTest, WorkoutLog
from logbook.stages import stage_reading
from logbook.strength_tests import strength_test_record
from programs import bands, return_to_play
from programs.models import Assignment, BandChange, BandTrack
from programs.return_to_play import StageNotReady, stage_now


@transaction.atomic(durable=True)
def band_set(*, coach, track: BandTrack, band: Band | None, reason: str) -> BandChange:
    """The coach puts the athlete on a band by hand: that answers the assignment's pain stops
    and the regression and soreness flags, and the athlete is told why."""
    athlete = track.assignment.athlete
    change = bands.band_set_by_coach(track=track, band=band, reason=reason, by=coach)
    logbook.pain_stops_answer(athlete=athlete, by=coach, assignment=track.assignment)
    flags_acknowledge_for(
        athlete=athlete,
        by=coach,
        note=f"Band set: {reason}",
        kinds=[FlagKind.REGRESSION, FlagKind.SORENESS],
    )
    where = on_band(band.name if band else None)
    notice_post(
        athlete=athlete,
        author=coach,
        body=f"{track.exercise.name}: your coach put you {where}. {reason}",
        subject=f"{track.exercise.name}: {coach} put you {where}",
    )
    return change


@transaction.atomic(durable=True)
def comment_add(*, coach, log: WorkoutLog, body: str) -> Message:
    """A comment on a workout, in the athlete's thread: it answers the workout's pain stops and
    acknowledges its flags (the coach has seen it)."""
    message = message_post(athlete=log.athlete, author=coach, body=body, workout_log=log)
    logbook.pain_stops_answer(athlete=log.athlete, by=coach, workout_log=log)
    flags_acknowledge_for(
        athlete=log.athlete, by=coach, workout_log=log, note="Commented on the workout"
    )
    return message


@transaction.atomic(durable=True)
def suggestion_decide(*, coach, change: BandChange, approve: bool) -> BandChange:
    """Approve (the band changes from the next session) or decline the engine's suggested step
    on; the athlete is told which."""
    decided = bands.suggestion_decide(change=change, approve=approve, by=coach)
    track = change.track
    to = f"{change.to_band.name.lower()} band" if change.to_band else "no band"
    if approve:
        answer = f"step on to the {to} from your next session"
        said = f"approved your step on to {'the ' if change.to_band else ''}{to}"
    else:
        answer = f"stay on your band for now (the {to} was suggested)"
        said = "keeps you on your band for now"
    notice_post(
        athlete=track.assignment.athlete,
        author=coach,
        body=f"{track.exercise.name}: your coach says {answer}.",
        subject=f"{track.exercise.name}: {coach} {said}",
    )
    return decided


@transaction.atomic(durable=True)
def stage_sign_off(*, coach, assignment: Assignment, today: date) -> str:
    """Sign off the athlete's return-to-play stage: its gate is read here, inside the action,
    from the athlete's own sessions (never handed in), and refused with what is missing
    (`StageNotReady`). The next stage opens, or the program is done, and the athlete is told.
    Says what happened."""
    stage = stage_now(assignment) if assignment.is_open else None
    if stage is None:
        raise StageNotReady("There is no stage to sign off.")
    said = return_to_play.stage_sign_off(
        assignment=assignment,
        stage=stage,
        reading=stage_reading(assignment, stage),
        by=coach,
        today=today,
    )
    number = f"Stage {stage.number}"  # its title when its week has no focus
    audit_record(
        actor=coach,
        athlete=assignment.athlete,
        action=AuditAction.STAGE_SIGNED_OFF,
        detail=number if stage.title == number else f"{number}: {stage.title}",
    )
    notice_post(
        athlete=assignment.athlete,
        author=coach,
        body=said,
        subject=f"{coach} signed off {stage.title}",
    )
    return said


@transaction.atomic(durable=True)
def pause_clear(*, pause: PainPause, by, note: str, now: datetime | None = None) -> PainPause:
    """A coach clears the athlete's pain pause with a note: each eccentric track of the open
    assignments resumes one step more help than before the pain, its counts restart, and no
    step on comes for 14 days (`programs.bands.band_resume_after_pause`); the pain flags and
    stops are answered, the athlete is told and the club's audit trail says who cleared it.
    Clearing twice changes nothing the second time. `now`: the demo's clock. Who may clear is
    the view's to decide (`health_staff_required`)."""
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
    audit_record(actor=by, athlete=athlete, action=AuditAction.PAUSE_CLEARED)
    said = note if note.endswith((".", "!", "?")) else f"{note}."
    bands_now = " ".join(change.reason for change in resumed)
    notice_post(
        athlete=athlete,
        author=by,
        body=f"Your Nordic work can start again. {said} {bands_now}".strip(),
        subject=f"{by} cleared your pain pause",
    )
    return pause


@transaction.atomic(durable=True)
def squad_tests_record(*, coach, sport: str, rows: list[dict], **shared) -> list[StrengthTest]:
    """A squad's strength tests from one form: a test per row (its athlete and results), with
    the fields `shared` by every row (date, method, phase), each raising its flags. All of
    them are saved, or none."""
    return [strength_test_record(entered_by=coach, sport=sport, **shared, **row) for row in rows]

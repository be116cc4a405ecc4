"""Every band move is written here: the coach's hand and the progression engine alike, each as a
BandChange with its reason. `logbook` computes what was done and hands it over; it never writes
a BandChange itself."""

from collections.abc import Iterable
from datetime import date, datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from catalogue.models import Band, BandRole, Pattern
from programs import doses, ladder, progression, reentry
from programs.models import (
    BandChange,
    BandRule,
    BandTrack,
    ChangeStatus,
    DecidedBy,
    Prescription,
)
from web.compiled import SOME_IDS, Shape
from web.lookups import AnyOf


def ladder_now() -> list[ladder.Band]:
    """The band ladder as the engine reads it, thinnest first."""
    return [ladder.Band(band.pk, band.name) for band in Band.objects.ladder()]


def band_for(prescription: Prescription, track_bands: dict[int, Band | None]) -> Band | None:
    """The band to use for a prescription: the athlete's track band wins, even None
    (unassisted); without a track for its exercise, the prescription's own band."""
    return track_bands.get(prescription.exercise_id, prescription.band)


def track_bands(assignment_id: int) -> dict[int, Band | None]:
    """Exercise id -> the athlete's band on its track (None = unassisted)."""
    return {exercise: track.band for exercise, track in tracks_by_exercise(assignment_id).items()}


def tracks_by_exercise(assignment_id: int) -> dict[int, BandTrack]:
    """Exercise id -> the athlete's ruled track (its band, and any cut dose). One query."""
    return {exercise: track for (_, exercise), track in tracks_of([assignment_id]).items()}


# Read on every page that shows a workout: compiled once per process (`web.compiled.Shape`).
ruled_tracks = Shape(
    lambda: (
        BandTrack.objects.filter(AnyOf(F("assignment"), SOME_IDS))
        .ruled()
        .select_related("band", "exercise")
    ),
    ids=SOME_IDS,
)


def tracks_of(assignment_ids: Iterable[int]) -> dict[tuple[int, int], BandTrack]:
    """(assignment id, exercise id) -> the athlete's ruled track, with its band and exercise:
    the one batch read of the band to use (`band_for`), for any number of assignments. One
    query."""
    tracks = ruled_tracks(ids=list(assignment_ids))
    return {(track.assignment_id, track.exercise_id): track for track in tracks}


def one_band_harder(bands: list[ladder.Band], prescription: Prescription) -> int | None:
    """The next harder band for a prescription; unchanged at the end of the ladder (an assisted
    exercise keeps its thinnest band: going unassisted is the athlete's step to earn)."""
    role = prescription.exercise.band_role
    if role == BandRole.NONE or prescription.band_id not in {band.id for band in bands}:
        return prescription.band_id
    target = ladder.step(bands, prescription.band_id, role=ladder.Role(role), direction="advance")
    return prescription.band_id if target in (None, ladder.END) else target


def track_start(*, assignment, exercise_id: int, band: Band | None, by, at) -> BandTrack:
    """Where an athlete starts on the ladder for one exercise (assigning, or a rule added to
    their copy later), with its first change on record."""
    track = BandTrack.objects.create(assignment=assignment, exercise_id=exercise_id, band=band)
    BandChange.objects.create(
        track=track,
        to_band=band,
        action="start",
        decided_by=DecidedBy.COACH,
        by=by,
        at=at,
        reason=f"Starts on the {band.name.lower()} band." if band else "Starts unassisted.",
    )
    return track


def _move(track: BandTrack, band_id: int | None, **change) -> BandChange:
    moved = BandChange.objects.create(
        track=track, from_band_id=track.band_id, to_band_id=band_id, **change
    )
    track.band_id = band_id
    track.save(update_fields=["band", "updated_at"])
    return moved


@transaction.atomic
def band_set_by_coach(*, track: BandTrack, band: Band | None, reason: str, by) -> BandChange:
    """The coach's hand, with a reason the athlete reads; a pending suggestion is settled by
    it (the coach chose)."""
    track.changes.filter(status=ChangeStatus.SUGGESTED).update(status=ChangeStatus.DECLINED)
    return _move(
        track,
        band.pk if band else None,
        action="set",
        reason=reason,
        decided_by=DecidedBy.COACH,
        by=by,
    )


def changed_on(track: BandTrack) -> date:
    """The day the band last changed, or the track started: a band's days count from it."""
    last = track.changes.filter(status=ChangeStatus.APPLIED).order_by("-at").first()
    if last is None or last.action == "start":
        return track.assignment.start_date
    return timezone.localdate(last.at)


RESUME = "resume"  # the action of a change written when a pain pause is cleared


def cleared_on(track: BandTrack) -> date | None:
    """The day the track last resumed after a pain pause (no step on for 14 days after it)."""
    last = (
        track.changes.filter(status=ChangeStatus.APPLIED, action=RESUME)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    return timezone.localdate(last) if last else None


def engine_rule(rule: BandRule) -> ladder.Rule:
    return ladder.Rule(
        mode=ladder.Mode(rule.mode),
        start_band_id=rule.start_band_id,
        step_weeks=rule.step_weeks,
        sessions_to_advance=rule.sessions_to_advance,
        min_days_on_band=rule.min_days_on_band,
        hold_until_week=rule.hold_until_week,
        rpe_ceiling=rule.rpe_ceiling,
        pain_stop=rule.pain_stop,
        coach_approves=rule.coach_approves,
    )


def band_progress(
    *,
    track: BandTrack,
    sessions: list[ladder.Session],
    today: date,
    owned_band_ids: frozenset[int],
    at: datetime,
    due_sessions: int | None = None,
) -> ladder.Decision | None:
    """Let the engine decide one track from the sessions `logbook` hands over, and write its
    move: applied, or (an advance on a loaded exercise) suggested to the coach. None when the
    program has no band rule for the exercise: the band holds. A pause moves nothing (the
    clearance does). `due_sessions`: the sessions of the exercise the program had due since
    the last band change (the stall check). Runs inside the caller's transaction, which holds
    the track's row lock."""
    rule = track.assignment.program.band_rules.filter(exercise_id=track.exercise_id).first()
    if rule is None:
        return None
    decision = progression.decide(
        ladder=ladder_now(),
        role=ladder.Role(track.exercise.band_role),
        rule=engine_rule(rule),
        current_band_id=track.band_id,
        band_changed_on=changed_on(track),
        sessions=sessions,
        today=today,
        eccentric=track.exercise.pattern == Pattern.ECCENTRIC,
        owned_band_ids=owned_band_ids,
        cleared_on=cleared_on(track),
        due_sessions=due_sessions,
    )
    if decision.band_id == track.band_id:
        return decision
    change = {
        "action": decision.action,
        "reason": decision.reason,
        "decided_by": DecidedBy.ENGINE,
        "at": at,
    }
    if decision.suggested:
        pending = track.changes.filter(status=ChangeStatus.SUGGESTED)
        if not pending.filter(to_band_id=decision.band_id).exists():
            pending.update(status=ChangeStatus.DECLINED)  # superseded by the newer one
            BandChange.objects.create(
                track=track,
                from_band_id=track.band_id,
                to_band_id=decision.band_id,
                status=ChangeStatus.SUGGESTED,
                **change,
            )
    else:
        track.changes.filter(status=ChangeStatus.SUGGESTED).update(status=ChangeStatus.DECLINED)
        _move(track, decision.band_id, **change)
    return decision


def band_after_gap(
    *,
    track: BandTrack,
    last_session_on: date | None,
    last_week: int,
    today: date,
    owned_band_ids,
    at,
) -> ladder.Decision | None:
    """Rule 3': a workout started two weeks or more after the last session of the exercise
    (in program week `last_week`) is one step easier, from four weeks two (`reentry`). Written
    once per gap (the change itself, or a clearance since, ends the gap)."""
    if last_session_on is None or changed_on(track) > last_session_on:
        return None
    decision = reentry.after_gap(
        ladder=ladder_now(),
        role=ladder.Role(track.exercise.band_role),
        current_band_id=track.band_id,
        last_session_on=last_session_on,
        last_week=last_week,
        today=today,
        owned_band_ids=owned_band_ids,
    )
    if decision is not None:
        _move(
            track,
            decision.band_id,
            action=decision.action,
            reason=decision.reason,
            decided_by=DecidedBy.ENGINE,
            at=at,
        )
    return decision


def band_resume_after_pause(*, track: BandTrack, owned_band_ids, by, at) -> BandChange:
    """Rule 1': a pain pause cleared. The track resumes one step more help than before the
    pain; the change is written even when no easier band is owned, so the counts restart from
    it and no step on comes for 14 days (`cleared_on`). A pending suggestion is declined."""
    decision = reentry.after_pause(
        ladder=ladder_now(),
        role=ladder.Role(track.exercise.band_role),
        current_band_id=track.band_id,
        cleared_on=timezone.localdate(at),
        owned_band_ids=owned_band_ids,
    )
    track.changes.filter(status=ChangeStatus.SUGGESTED).update(status=ChangeStatus.DECLINED)
    return _move(
        track,
        decision.band_id,
        action=RESUME,
        reason=decision.reason,
        decided_by=DecidedBy.COACH,
        by=by,
        at=at,
    )


@transaction.atomic
def suggestion_decide(*, change: BandChange, approve: bool, by) -> BandChange:
    """The coach approves a suggested step on (it applies now) or declines it."""
    change = BandChange.objects.select_for_update().select_related("track").get(pk=change.pk)
    if change.status != ChangeStatus.SUGGESTED:
        return change
    if not approve:
        change.status, change.by = ChangeStatus.DECLINED, by
        change.save(update_fields=["status", "by"])
        return change
    track = BandTrack.objects.select_for_update().get(pk=change.track_id)
    change.status, change.by, change.at = ChangeStatus.APPLIED, by, timezone.now()
    change.from_band_id = track.band_id
    change.save(update_fields=["status", "by", "at", "from_band"])
    track.band_id = change.to_band_id
    track.save(update_fields=["band", "updated_at"])
    if change.action == ladder.Action.GRADUATE and change.to_band_id is None:
        sets, reps = reentry.GRADUATION_DOSE
        doses.dose_cut(
            track=track,
            reps=[reps] * sets,
            sessions=reentry.GRADUATION_SESSIONS,
            reason=f"First unassisted sessions: {sets} x {reps}, then the program's dose.",
        )
    return change


@transaction.atomic
def band_start_found(*, track: BandTrack, band: Band, reason: str, at: datetime) -> BandChange:
    """Session 1's start-band finder has its answer: the track starts on `band`, and the
    reason names the trials that chose it. Written as a start (a band's days count from the
    assignment's start, `changed_on`); a pending suggestion is settled by it."""
    track.changes.filter(status=ChangeStatus.SUGGESTED).update(status=ChangeStatus.DECLINED)
    return _move(track, band.pk, action="start", reason=reason, decided_by=DecidedBy.ENGINE, at=at)

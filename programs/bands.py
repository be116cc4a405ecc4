"""Every band move is written here: the coach's hand and the progression engine alike, each as a
BandChange with its reason. `logbook` computes what was done and hands it over; it never writes
a BandChange itself."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from catalogue.models import Band, BandRole
from programs import progression
from programs.models import BandChange, BandTrack, DecidedBy, Prescription


def ladder() -> list[progression.Band]:
    """The band ladder as the engine reads it, thinnest first."""
    return [progression.Band(band.pk, band.name) for band in Band.objects.ladder()]


def band_for(prescription: Prescription, track_bands: dict[int, Band | None]) -> Band | None:
    """The band to use for a prescription: the athlete's track band wins, even None
    (unassisted); without a track for its exercise, the prescription's own band."""
    return track_bands.get(prescription.exercise_id, prescription.band)


def track_bands(assignment_id: int) -> dict[int, Band | None]:
    """Exercise id -> the athlete's band on its track (None = unassisted)."""
    tracks = BandTrack.objects.filter(assignment_id=assignment_id).select_related("band")
    return {track.exercise_id: track.band for track in tracks}


def one_band_harder(bands: list[progression.Band], prescription: Prescription) -> int | None:
    """The next harder band for a prescription; unchanged at the end of the ladder (an assisted
    exercise keeps its thinnest band: going unassisted is the athlete's step to earn)."""
    role = prescription.exercise.band_role
    if role == BandRole.NONE or prescription.band_id not in {band.id for band in bands}:
        return prescription.band_id
    target = progression.step(
        bands, prescription.band_id, role=progression.Role(role), direction="advance"
    )
    return prescription.band_id if target in (None, progression.END) else target


def _move(track: BandTrack, band_id: int | None, **change) -> BandChange:
    moved = BandChange.objects.create(
        track=track, from_band_id=track.band_id, to_band_id=band_id, **change
    )
    track.band_id = band_id
    track.save(update_fields=["band", "updated_at"])
    return moved


@transaction.atomic
def band_set_by_coach(*, track: BandTrack, band: Band | None, reason: str, by) -> BandChange:
    return _move(
        track, band.pk if band else None, action="set", reason=reason,
        decided_by=DecidedBy.COACH, by=by,
    )  # fmt: skip


def band_progress(
    *,
    track: BandTrack,
    exposures: list[progression.Exposure],
    today: date,
    week_number: int,
    owned_band_ids: frozenset[int],
    at: datetime,
) -> progression.Decision | None:
    """Let the engine decide one track from the sessions `logbook` hands over, and write its
    move, if any. None when the program has no band rule for the exercise: the band holds.
    Runs inside the caller's transaction, which holds the track's row lock."""
    rule = track.assignment.program.band_rules.filter(exercise_id=track.exercise_id).first()
    if rule is None:
        return None
    last_change = track.changes.exclude(action="start").order_by("-at").first()
    decision = progression.decide(
        ladder=ladder(),
        role=progression.Role(track.exercise.band_role),
        rule=progression.Rule(
            mode=progression.Mode(rule.mode),
            start_band_id=rule.start_band_id,
            step_weeks=rule.step_weeks,
            sessions_to_advance=rule.sessions_to_advance,
            rpe_ceiling=rule.rpe_ceiling,
            pain_stop=rule.pain_stop,
        ),
        current_band_id=track.band_id,
        band_changed_on=timezone.localdate(last_change.at) if last_change else None,
        exposures=exposures,
        today=today,
        owned_band_ids=owned_band_ids,
        week_number=week_number,
    )
    if decision.band_id != track.band_id:
        _move(
            track, decision.band_id, action=decision.action, reason=decision.reason,
            decided_by=DecidedBy.ENGINE, at=at,
        )  # fmt: skip
    return decision

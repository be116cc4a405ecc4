"""Coming back: after a gap in training, after a pain pause is cleared, and after graduating to
unassisted (DESIGN.md, "Band progression, round 3"). Each answers a `Decision` of the engine
(`programs.progression`) for the caller to write; pure, no Django.
"""

from dataclasses import replace
from datetime import date

from programs.ladder import Action, Band, Decision, Role
from programs.progression import Track

# Gaps (rule 3'): fascicle length was back to baseline within 2 weeks of stopping, eccentric
# strength held at least 4 (Presland 2018). From 14 days one step more help and the last
# completed week again; from 28 two steps and the week before it.
GAP_DAYS = 14
LONG_GAP_DAYS = 28
GRADUATION_DOSE = (2, 5)  # sets x reps of the first unassisted sessions ...
GRADUATION_SESSIONS = 2  # ... this many of them


def after_gap(
    *,
    ladder: list[Band],
    role: Role,
    current_band_id: int | None,
    last_session_on: date | None,
    today: date,
    last_week: int = 1,
    owned_band_ids: frozenset[int] = frozenset(),
) -> Decision | None:
    """Rule 3': a workout started GAP_DAYS or more after the last session of the exercise
    (done in program week `last_week`) resumes at that week's volume, one step more help; from
    LONG_GAP_DAYS at the week before it, two steps (never past the thickest band the athlete
    owns). None without a gap."""
    if last_session_on is None or (today - last_session_on).days < GAP_DAYS:
        return None
    days = (today - last_session_on).days
    track = Track(ladder, role, owned_band_ids)
    long = days >= LONG_GAP_DAYS
    resume_week = max(1, last_week - 1) if long else last_week
    cause = (
        f"{days} days since your last session: eccentric strength holds about 4 weeks off, "
        "the muscle's added length about 2"
    )
    decision = track.more_help(current_band_id, cause, flag=False)
    if long and decision.action is Action.REGRESS:
        further = track.more_help(decision.band_id, cause, flag=False)
        if further.action is Action.REGRESS:
            reason = f"{cause}: today use {track.name(further.band_id)}, two steps easier."
            return replace(further, reason=reason, resume_week=resume_week)
    if decision.action is not Action.REGRESS:
        return None
    reason = f"{cause}: today use {track.name(decision.band_id)}, one step easier."
    return replace(decision, reason=reason, resume_week=resume_week)


def after_pause(
    *,
    ladder: list[Band],
    role: Role,
    current_band_id: int | None,
    cleared_on: date,
    owned_band_ids: frozenset[int] = frozenset(),
) -> Decision:
    """Rule 1': a pain pause cleared. The track resumes one step more help than before the pain
    (a hold where there is none to give) and its counts restart (the caller records the
    clearance as the track's last change); no step on comes for 14 days (`decide`)."""
    track = Track(ladder, role, owned_band_ids)
    cause = f"Cleared after pain on {cleared_on:%a} {cleared_on.day} {cleared_on:%b}"
    decision = track.more_help(current_band_id, cause, flag=False)
    if decision.action is Action.REGRESS:
        return decision
    reason = f"{cause}: {track.stay(current_band_id)}, there is no easier band you own."
    return Decision(Action.HOLD, current_band_id, reason)


def graduation_dose(unassisted_sessions: int) -> tuple[int, int] | None:
    """Sets x reps of the next session for an athlete who graduated to unassisted and has done
    `unassisted_sessions` since: the first two are cut to 2 x 5 (the biggest step on the
    ladder, met with a small dose), then the program's own dose (None)."""
    return GRADUATION_DOSE if unassisted_sessions < GRADUATION_SESSIONS else None

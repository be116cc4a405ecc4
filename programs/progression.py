"""Band progression: which band an athlete should use next time for one exercise.

Pure functions over plain data, no Django, so the rules can be read and tested on their own
(DESIGN.md, "Band progression" and its round 3). The ladder and the data read and answered are
in `programs.ladder`; a band id of ``None`` means no band (unassisted). The rules, in order of
precedence: safety (pain pauses eccentric work, `programs.pain`), struggling, a return after a
gap or a pause cleared (`programs.reentry`), the earned advance (effort recorded, not
gated, for eccentric work; a "stalled" flag when it does not come), the bands the athlete owns,
the coach's approval for loaded exercises and for every graduation, and scheduled steps.
"""

from dataclasses import dataclass, replace
from datetime import date

from programs.ladder import (
    CONTROLLED,
    END,
    Action,
    Band,
    Control,
    Decision,
    Mode,
    Role,
    Rule,
    Session,
    index_of,
    step,
)
from programs.pain import PainReport, advance_blocked_after_clearance, pain_verdict

MAX_PAIN_TO_ADVANCE = 2
SORENESS_BLOCKS_ADVANCE = 4  # DOMS from the check-in: at this or more, no step on
SORENESS_FLAG = 7  # ... and at this or more (or SORENESS_BLOCKS_ADVANCE three times running)
SORE_CHECK_INS_IN_A_ROW = 3
LOW_VOLUME = 0.7  # under 70% of the prescribed reps is a struggling session
STALL_DAYS = 21  # no step on for 3 weeks ...
STALL_SHARE = 2 / 3  # ... with at least two thirds of the sessions done: the coach looks
STOP_LOADING = (
    "Stop loading the hamstring and check with your coach or physio before the next session."
)


def decide(
    *,
    ladder: list[Band],
    role: Role,
    rule: Rule,
    current_band_id: int | None,
    band_changed_on: date | None,
    sessions: list[Session],
    today: date,
    eccentric: bool = False,
    owned_band_ids: frozenset[int] = frozenset(),
    cleared_on: date | None = None,
    due_sessions: int | None = None,
) -> Decision:
    """The band for the next session, from the sessions so far (oldest first). `eccentric`
    means the control of each rep counts (the Nordic) and pain pauses it; `band_changed_on` is
    the date of the last band change, or the track's start; `cleared_on` the day a pain pause
    was last cleared; `due_sessions` how many sessions of the exercise the program had due
    from `band_changed_on` to today (the stall check; None skips it)."""
    track = Track(ladder, role, owned_band_ids)
    current = current_band_id
    if current is not None and all(band.id != current for band in ladder):
        reason = "Your band is not on the ladder any more: your coach will choose the next one."
        return Decision(Action.HOLD, current, reason, flag=True)
    if not sessions:
        return Decision(Action.HOLD, current, f"No sessions yet: {track.stay(current)}.")
    latest = sessions[-1]
    # The count restarts at each band change; a session counts at a band when every set of
    # it used that band.
    at_band = [
        s
        for s in sessions
        if s.band_id == current and (band_changed_on is None or s.performed_on >= band_changed_on)
    ]
    notes = _soreness_notes(sessions)

    reports = [PainReport(s.performed_on, s.pain, s.pain_stop) for s in sessions]
    verdict = pain_verdict(reports, pain_stop=rule.pain_stop, cleared_on=cleared_on)
    if verdict is not None:  # 1'. safety
        if verdict.pause and eccentric:
            return Decision(
                Action.PAUSE,
                current,
                _with(f"{verdict.words} {STOP_LOADING}", notes),
                flag=True,
                warn=True,
                notes=notes,
                pain=True,
                repeated=verdict.repeated,
            )
        if verdict.pause and reports[-1].is_stop(rule.pain_stop):
            decision = track.more_help(current, verdict.reason, warn=True, notes=notes)
            return replace(decision, pain=True, repeated=verdict.repeated)
        reason = f"{verdict.words} {track.stay(current).capitalize()}."
        return Decision(
            Action.HOLD, current, _with(reason, notes), flag=True, notes=notes, pain=True
        )
    struggled = [s for s in at_band[-2:] if not s.pain_stop]
    if len(struggled) == 2 and all(_struggling(s, eccentric) for s in struggled):  # 2.
        if step(ladder, current, role=role, direction="regress") == END:
            reason = (  # no easier band on the ladder: the volume waits instead
                f"{_struggle_cause(latest, eccentric)} on {track.name(current)}, the easiest "
                "band there is: this week's volume again until it goes better. Your coach "
                "has been told."
            )
            return Decision(
                Action.HOLD, current, _with(reason, notes), flag=True, notes=notes, repeat_week=True
            )
        return track.more_help(current, _struggle_cause(latest, eccentric), notes=notes)
    if role is Role.ASSIST and current is None:
        return _hold(current, "You are already unassisted: keep going without a band.", notes)
    if to_go := advance_blocked_after_clearance(cleared_on, today):
        reason = (
            f"Cleared after pain on {cleared_on:%a} {cleared_on.day} {cleared_on:%b}: no step on "
            f"for 14 days ({to_go} to go), {track.stay(current)}."
        )
        return _hold(current, reason, notes)
    if rule.mode is Mode.SCHEDULED:  # 7.
        return _scheduled(track, rule, current, band_changed_on, at_band, today, notes)
    decision = _earned(track, rule, current, band_changed_on, at_band, today, eccentric, notes)
    if decision.action is Action.HOLD and _stalled(
        rule, band_changed_on, today, at_band, due_sessions, eccentric
    ):
        weeks = (today - band_changed_on).days // 7
        cause = _stall_cause(at_band, eccentric)
        reason = (
            f"{decision.reason} No step on for {weeks} weeks: {cause}. Your coach has been told."
        )
        return replace(decision, reason=reason, flag=True, stalled=True)
    return decision


def _earned(
    track: "Track",
    rule: Rule,
    current: int | None,
    band_changed_on: date | None,
    at_band: list[Session],
    today: date,
    eccentric: bool,
    notes: tuple[str, ...],
) -> Decision:
    needed = max(1, rule.sessions_to_advance)
    recent = at_band[-needed:]
    latest = recent[-1] if recent else None
    for session in reversed(recent):
        if shortfall := _shortfall(session, rule, eccentric):
            return _hold(current, f"{shortfall}: {track.stay(current)}.", notes)
    if len(recent) < needed:
        done = f"{len(recent)} of {needed} good sessions"
        return _hold(current, f"{done} {track.on(current)} so far: {track.stay(current)}.", notes)
    if latest.week_number <= rule.hold_until_week:
        reason = (
            f"The volume still rises until week {rule.hold_until_week}: "
            f"{track.stay(current)} and own it."
        )
        return _hold(current, reason, notes)
    if band_changed_on is not None and (today - band_changed_on).days < rule.min_days_on_band:
        days = (today - band_changed_on).days
        reason = (
            f"{_sessions(needed)} done well, but {days} of {rule.min_days_on_band} days "
            f"{track.on(current)}: {track.stay(current)} a little longer."
        )
        return _hold(current, reason, notes)
    evidence = f"{_sessions(needed)} in a row with every rep done"
    if eccentric:
        evidence += " and controlled to the end"
    return track.less_help(current, evidence, rule, notes)


def _scheduled(track, rule, current, band_changed_on, at_band, today, notes) -> Decision:
    weeks = 0 if band_changed_on is None else (today - band_changed_on).days // 7
    if weeks < rule.step_weeks:
        reason = f"The schedule moves on every {rule.step_weeks} weeks: {track.stay(current)}."
        return _hold(current, reason, notes)
    # A schedule steps on by the calendar, but never over pain or soreness (rule 1).
    for session in at_band[-max(1, rule.sessions_to_advance) :]:
        if session.pain_stop or (session.pain or 0) > MAX_PAIN_TO_ADVANCE:
            return _hold(
                current, f"A painful session is among your last ones: {track.stay(current)}.", notes
            )
        if (session.soreness or 0) >= SORENESS_BLOCKS_ADVANCE:
            reason = f"You were sore ({session.soreness} of 10) lately: {track.stay(current)}."
            return _hold(current, reason, notes)
    return track.less_help(current, f"{weeks} weeks {track.on(current)}", rule, notes)


def _shortfall(session: Session, rule: Rule, eccentric: bool) -> str:
    """Why a session does not count towards the next band ('' when it does). For eccentric
    work effort is recorded, not gated (rule 4'): a Nordic done with maximal intent is RPE 9-10
    by design, so reps, control, pain and soreness decide."""
    if session.pain_stop or (session.pain or 0) > MAX_PAIN_TO_ADVANCE:
        return "A painful session is among your last ones"
    if not session.every_rep:
        return f"You did {session.done} of {session.prescribed} prescribed reps"
    if eccentric:
        controlled = session.reps_where(CONTROLLED)
        if controlled * 2 <= session.done:
            return f"You controlled {controlled} of {session.done} reps to the end"
    if (session.soreness or 0) >= SORENESS_BLOCKS_ADVANCE:
        return f"You were sore ({session.soreness} of 10) before a recent session"
    ceiling = min(rule.rpe_ceiling, session.rpe_target or rule.rpe_ceiling)
    if not eccentric and (session.hardest_rpe or 0) > ceiling:
        return f"RPE {session.hardest_rpe} is above the {ceiling} this work is meant to feel"
    return ""


def _stalled(rule, band_changed_on, today, at_band, due_sessions, eccentric) -> bool:
    """Rule 4': three weeks or more on the band, at least two thirds of the sessions due done,
    and the latest one still not counting (not a hold the plan makes, such as rising volume)."""
    if due_sessions is None or due_sessions <= 0 or band_changed_on is None:
        return False
    if (today - band_changed_on).days < STALL_DAYS or not at_band:
        return False
    return len(at_band) >= STALL_SHARE * due_sessions and bool(
        _shortfall(at_band[-1], rule, eccentric)
    )


def _stall_cause(at_band: list[Session], eccentric: bool) -> str:
    """What held the track back, over its sessions at the band."""
    done = sum(session.done for session in at_band)
    if eccentric and done:
        for control, words in ((Control.EARLY, "in the top third"), (Control.MID, "at halfway")):
            if sum(s.reps_where([control]) for s in at_band) * 2 > done:
                return f"most reps broke {words}"
    if sum(not session.every_rep for session in at_band) * 2 > len(at_band):
        return "most sessions fell short of the prescribed reps"
    return "the sessions have not yet counted towards the next band"


def _struggling(session: Session, eccentric: bool) -> bool:
    early = eccentric and session.reps_where([Control.EARLY]) * 2 > session.done
    short = session.done < LOW_VOLUME * session.prescribed
    failed = not eccentric and session.hardest_rpe == 10 and not session.every_rep
    return early or short or failed


def _struggle_cause(session: Session, eccentric: bool) -> str:
    if eccentric and session.reps_where([Control.EARLY]) * 2 > session.done:
        return "Most reps broke in the top third two sessions running"
    if session.done < LOW_VOLUME * session.prescribed:
        return "Two sessions running under 70% of the prescribed reps"
    return "Two sessions running ended at RPE 10 short of the prescription"


def _soreness_notes(sessions: list[Session]) -> tuple[str, ...]:
    """Soreness flags the coach when this session's check-in says 7 or more, or the last three
    sessions' check-ins each said 4 or more (a skipped check-in breaks the run)."""
    latest = sessions[-1].soreness
    if latest is not None and latest >= SORENESS_FLAG:
        return (f"Soreness {latest} of 10 before the session: your coach has been told.",)
    run = [s.soreness for s in sessions[-SORE_CHECK_INS_IN_A_ROW:]]
    if len(run) == SORE_CHECK_INS_IN_A_ROW and all(
        v is not None and v >= SORENESS_BLOCKS_ADVANCE for v in run
    ):
        return ("Sore before three sessions running: your coach has been told.",)
    return ()


def _hold(current: int | None, reason: str, notes: tuple[str, ...]) -> Decision:
    return Decision(Action.HOLD, current, _with(reason, notes), flag=bool(notes), notes=notes)


def _with(reason: str, notes: tuple[str, ...]) -> str:
    return " ".join([reason, *notes])


def _sessions(count: int) -> str:
    return "One session" if count == 1 else f"{count} sessions"


@dataclass(frozen=True)
class Track:
    """A ladder seen by one athlete on one exercise: their role and the bands they own (also
    read by `programs.reentry`)."""

    ladder: list[Band]
    role: Role
    owned_band_ids: frozenset[int]

    def name(self, band_id: int | None) -> str:
        if band_id is None:
            return "no band"
        return f"the {self.ladder[index_of(self.ladder, band_id)].name.lower()} band"

    def on(self, band_id: int | None) -> str:
        return "without a band" if band_id is None else f"on {self.name(band_id)}"

    def stay(self, band_id: int | None) -> str:
        return "stay without a band" if band_id is None else f"stay on {self.name(band_id)}"

    def owns(self, band_id: int) -> bool:
        return not self.owned_band_ids or band_id in self.owned_band_ids

    def less_help(self, current, evidence: str, rule: Rule, notes) -> Decision:
        """One step harder (rules 4-6), or a hold that says why not. Graduation (unassisted, or
        the thickest resist band) always waits for the coach's approval."""
        target = step(self.ladder, current, role=self.role, direction="advance")
        if target == END:
            reason = f"{evidence}, and {self.name(current)} is the thickest: add reps instead."
            return _hold(current, reason, notes)
        if target is not None and not self.owns(target):
            return _hold(current, f"{evidence}: get {self.name(target)} for your next step.", notes)
        graduates = target is None or (
            self.role is Role.RESIST
            and step(self.ladder, target, role=self.role, direction="advance") == END
        )
        action = Action.GRADUATE if graduates else Action.ADVANCE
        where = "go unassisted" if target is None else f"use {self.name(target)}"
        if rule.coach_approves or graduates:
            reason = f"{evidence}: your coach is asked to approve that you {where} next."
            return Decision(
                action, target, _with(reason, notes), flag=bool(notes), suggested=True, notes=notes
            )
        return Decision(
            action,
            target,
            _with(f"{evidence}: next time {where}.", notes),
            flag=bool(notes),
            notes=notes,
        )

    def more_help(self, current, cause: str, *, warn=False, flag=True, notes=()) -> Decision:
        """One step easier (rules 1-3): thicker assist, thinner resist; never two steps."""
        advice = f" {STOP_LOADING}" if warn else ""
        target = step(self.ladder, current, role=self.role, direction="regress")
        if target == END:
            reason = f"{cause}, and there is no easier band: talk to your coach.{advice}"
            return Decision(
                Action.HOLD, current, _with(reason, notes), flag=True, warn=warn, notes=notes
            )
        if target is not None and not self.owns(target):
            reason = (
                f"{cause}: the next step easier is {self.name(target)}, which you do not own. "
                f"Get it, and talk to your coach.{advice}"
            )
            return Decision(
                Action.HOLD, current, _with(reason, notes), flag=True, warn=warn, notes=notes
            )
        reason = f"{cause}: next time use {self.name(target)}, one step easier.{advice}"
        return Decision(
            Action.REGRESS, target, _with(reason, notes), flag=flag, warn=warn, notes=notes
        )

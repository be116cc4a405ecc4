"""The band progression engine's single decisions: one session, or one history, decided
by hand (RPE, a primer's target, mixed bands, the control answer, scheduled mode, a gap, one
rung of the ladder). Pure: no database."""

from dataclasses import replace
from datetime import timedelta

from programs import ladder
from programs.ladder import Action, Control, Role, Rule, Session, SetDone, step
from programs.progression import decide
from programs.reentry import after_gap
from tests.programs.histories import (
    BLACK,
    BLUE,
    GREEN,
    LADDER,
    NORDIC_RULE,
    PURPLE,
    RED,
    START,
    diligent,
    halfway,
    nordic_schedule,
)


def one(session, band, *, role, rule, changed=None, eccentric=False):
    """The decision after a single session."""
    return decide(
        ladder=LADDER,
        role=role,
        rule=rule,
        current_band_id=band,
        band_changed_on=changed,
        sessions=[session],
        today=START,
        eccentric=eccentric,
    )


def test_a_pain_stop_on_a_curl_still_gives_more_help_at_once():
    curl = Rule(sessions_to_advance=3, min_days_on_band=14)
    session = Session(START, 1, (SetDone(GREEN, 10, 6),), pain_stop=True)
    decision = one(session, GREEN, role=Role.RESIST, rule=curl)
    assert (decision.action, decision.band_id, decision.warn) == (Action.REGRESS, PURPLE, True)


def test_pain_5_twice_within_28_days_says_refer_to_a_physio():
    pains = [
        replace(diligent(slot, GREEN, i), pain=5 if i in (5, 7) else 0)
        for i, slot in enumerate(nordic_schedule(4))
    ][:8]
    first = decide(
        ladder=LADDER,
        role=Role.ASSIST,
        rule=NORDIC_RULE,
        current_band_id=GREEN,
        band_changed_on=START,
        sessions=pains[:6],
        today=pains[5].performed_on,
        eccentric=True,
    )
    second = decide(
        ladder=LADDER,
        role=Role.ASSIST,
        rule=NORDIC_RULE,
        current_band_id=BLUE,
        band_changed_on=pains[6].performed_on,
        sessions=pains,
        today=pains[7].performed_on,
        eccentric=True,
        cleared_on=pains[6].performed_on,
    )
    assert first.action is Action.PAUSE and not first.repeated
    assert second.action is Action.PAUSE and second.repeated
    assert "Repeated within 4 weeks: refer to a physio." in second.reason


def test_rpe_still_gates_work_that_is_not_eccentric():
    curl = Rule(sessions_to_advance=1, min_days_on_band=0, rpe_ceiling=8)
    hard = Session(START, 6, (SetDone(GREEN, 10, 10, rpe=9),), pain=0)
    decision = one(hard, GREEN, role=Role.RESIST, rule=curl)
    assert decision.action is Action.HOLD and "RPE 9 is above the 8" in decision.reason


def test_a_stall_needs_two_thirds_of_the_sessions_done():
    slots = nordic_schedule(5)
    history = [halfway(slot, GREEN, i) for i, slot in enumerate(slots) if i % 2 == 0]
    decision = decide(
        ladder=LADDER,
        role=Role.ASSIST,
        rule=NORDIC_RULE,
        current_band_id=GREEN,
        band_changed_on=START,
        sessions=history,
        today=history[-1].performed_on,
        eccentric=True,
        due_sessions=len(slots),
    )
    assert decision.action is Action.HOLD and not decision.stalled and not decision.flag


def test_the_thickest_resist_band_is_a_graduation_too():
    rule = Rule(sessions_to_advance=1, min_days_on_band=0)
    good = Session(START, 6, (SetDone(GREEN, 10, 10),), pain=0)
    decision = one(good, GREEN, role=Role.RESIST, rule=rule)
    assert (decision.action, decision.band_id, decision.suggested) == (
        Action.GRADUATE,
        BLUE,
        True,
    )


def test_a_long_gap_never_goes_past_the_thickest_owned_band():
    decision = after_gap(
        ladder=LADDER,
        role=Role.ASSIST,
        current_band_id=PURPLE,
        last_session_on=START,
        last_week=4,
        today=START + timedelta(days=60),
        owned_band_ids=frozenset({PURPLE, GREEN}),
    )
    assert decision.band_id == GREEN and decision.resume_week == 3
    assert "one step easier" in decision.reason


def test_a_gap_under_two_weeks_changes_nothing():
    assert (
        after_gap(
            ladder=LADDER,
            role=Role.ASSIST,
            current_band_id=GREEN,
            last_session_on=START,
            today=START + timedelta(days=13),
        )
        is None
    )


def test_a_primer_at_rpe_6_is_judged_against_6_not_8():
    rule = Rule(sessions_to_advance=1, min_days_on_band=0)
    session = Session(START, 3, (SetDone(BLACK, 25, 25, rpe=7),), pain=0, rpe=7, rpe_target=6)
    decision = one(session, BLACK, role=Role.RESIST, rule=rule)
    assert decision.action is Action.HOLD
    assert "RPE 7 is above the 6 this work is meant to feel" in decision.reason


def test_each_sets_own_band_counts_not_the_first_sets():
    rule = Rule(sessions_to_advance=1, min_days_on_band=0)
    sets = (SetDone(GREEN, 12, 12, Control.FULL), SetDone(PURPLE, 10, 10, Control.FULL))
    session = Session(START, 6, sets, pain=0, rpe=7)
    decision = one(session, GREEN, role=Role.ASSIST, rule=rule, eccentric=True)
    assert decision.action is Action.HOLD  # a mixed session is at no band
    assert "0 of 1 good sessions on the green band" in decision.reason


def test_reps_without_a_control_answer_do_not_earn_a_nordic_band():
    rule = Rule(sessions_to_advance=1, min_days_on_band=0)
    session = Session(START, 6, (SetDone(GREEN, 12, 12, None),), pain=0, rpe=7)
    decision = one(session, GREEN, role=Role.ASSIST, rule=rule, eccentric=True)
    assert "You controlled 0 of 12 reps to the end: stay on the green band" in decision.reason


def test_a_resist_track_at_the_thickest_band_holds_and_says_to_add_reps():
    rule = Rule(sessions_to_advance=1, min_days_on_band=0)
    session = Session(START, 2, (SetDone(BLUE, 10, 10, rpe=7),), pain=0, rpe=7)
    decision = one(session, BLUE, role=Role.RESIST, rule=rule)
    assert decision.action is Action.HOLD and "add reps instead" in decision.reason


def test_scheduled_mode_steps_every_few_weeks_from_the_last_change():
    rule = Rule(mode=ladder.Mode.SCHEDULED, step_weeks=2)
    session = Session(START, 3, (SetDone(BLACK, 10, 10),), pain=0)
    early = one(session, BLACK, role=Role.RESIST, rule=rule, changed=START - timedelta(days=10))
    due = one(session, BLACK, role=Role.RESIST, rule=rule, changed=START - timedelta(days=14))
    assert early.action is Action.HOLD
    assert (due.action, due.band_id) == (Action.ADVANCE, PURPLE)


def test_step_moves_one_rung_and_graduates_only_from_the_thinnest():
    assert step(LADDER, GREEN, role=Role.ASSIST, direction="advance") == PURPLE
    assert step(LADDER, RED, role=Role.ASSIST, direction="advance") is None
    assert step(LADDER, None, role=Role.ASSIST, direction="regress") == RED
    assert step(LADDER, BLUE, role=Role.RESIST, direction="advance") == ladder.END
    assert step(LADDER, RED, role=Role.RESIST, direction="regress") == ladder.END

"""The band progression engine (DESIGN.md, "Band progression"), replayed on realistic
histories session by session, and held to its properties by Hypothesis. Pure: no database."""

import ast
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from programs import progression
from programs.progression import (
    Action,
    Control,
    Role,
    Rule,
    Session,
    SetDone,
    after_gap,
    decide,
    step,
)
from tests.programs.histories import (
    BLACK,
    BLUE,
    GREEN,
    LADDER,
    NORDIC_RULE,
    PURPLE,
    RED,
    START,
    Slot,
    beginner,
    diligent,
    moves,
    nordic_schedule,
    replay,
    with_session,
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


# -- Table tests: realistic histories, the band after every session and its reason ----------


def test_a_diligent_athlete_from_green_climbs_as_the_10_week_nordic_intends():
    steps = replay(diligent, nordic_schedule(12))
    assert moves(steps) == [
        (6, "advance", "Purple"),
        (8, "advance", "Black"),
        (10, "advance", "Red"),
        (12, "graduate", None),  # unassisted only in maintenance
    ]
    first_of_week = {s.week: s for s in reversed(steps)}  # the first session of each week
    assert first_of_week[6].decision.band_id == PURPLE
    assert first_of_week[8].decision.band_id == BLACK
    assert first_of_week[10].decision.band_id == RED
    assert all(s.band == GREEN for s in steps if s.week <= 5)
    assert "The volume still rises until week 5" in steps[5].decision.reason
    assert steps[12].decision.reason == (
        "3 sessions in a row with every rep done and controlled to the end: "
        "next time use the purple band."
    )
    assert "7 of 14 days on the purple band" in steps[15].decision.reason


def test_a_struggling_beginner_gets_more_help_by_the_second_early_breaking_session():
    steps = replay(beginner, nordic_schedule(2))
    first, second = steps[0].decision, steps[1].decision
    assert first.action is Action.HOLD and first.band_id == GREEN
    assert "You did 8 of 10 prescribed reps" in first.reason
    assert second.action is Action.REGRESS and second.band_id == BLUE
    assert second.flag
    assert second.reason.startswith("Most reps broke in the top third two sessions running")
    assert not second.warn  # struggling is not pain


def test_a_struggling_beginner_on_the_thickest_band_is_flagged_and_told_to_see_the_coach():
    steps = replay(beginner, nordic_schedule(3), start_band=BLUE)
    assert moves(steps) == []
    held = steps[2].decision
    assert held.flag and "there is no easier band: talk to your coach" in held.reason


def test_soreness_of_4_to_5_in_week_2_holds_and_never_moves_the_band():
    def sore(slot, band, index):
        session = diligent(slot, band, index)
        return replace(session, soreness=4 + index % 2) if slot.week == 2 else session

    steps = replay(sore, nordic_schedule(3))
    week_2 = [s.decision for s in steps if s.week == 2]
    assert [d.action for d in week_2] == [Action.HOLD, Action.HOLD]
    assert all(d.band_id == GREEN and not d.flag and not d.warn for d in week_2)
    assert moves(steps) == []


def test_sore_before_three_sessions_running_flags_the_coach_but_holds():
    def sore(slot, band, index):
        return replace(diligent(slot, band, index), soreness=5)

    steps = replay(sore, nordic_schedule(3))
    assert steps[2].decision.flag and steps[2].decision.action is Action.HOLD
    assert "Sore before three sessions running" in steps[2].decision.reason
    assert not steps[1].decision.flag


def test_soreness_blocks_an_advance_that_was_otherwise_earned():
    slots = nordic_schedule(6)
    sore_on_week_6 = with_session(len(slots) - 3, soreness=6)
    steps = replay(diligent, slots, tweak=sore_on_week_6)
    week_6 = steps[-3].decision
    assert week_6.action is Action.HOLD and week_6.band_id == GREEN
    assert "You were sore (6 of 10) before a recent session" in week_6.reason


def test_a_pain_stop_gives_more_help_once_flags_and_warns():
    slots = nordic_schedule(4)
    steps = replay(diligent, slots, tweak=with_session(5, pain_stop=True, pain=None))
    stop = steps[5].decision
    assert (stop.action, stop.band_id, stop.flag, stop.warn) == (
        Action.REGRESS,
        BLUE,
        True,
        True,
    )
    assert stop.reason.startswith("You stopped for pain: next time use the blue band")
    assert progression.STOP_LOADING in stop.reason
    assert moves(steps) == [(3, "regress", "Blue")]  # once: the next sessions do not add to it


def test_session_pain_at_the_stop_level_is_safety_and_soreness_is_not():
    slots = nordic_schedule(2)
    painful = replay(diligent, slots, tweak=with_session(2, pain=5))
    assert moves(painful) == [(2, "regress", "Blue")]
    assert painful[2].decision.warn
    sore = replay(diligent, slots, tweak=with_session(2, soreness=9))
    assert moves(sore) == []
    assert sore[2].decision.flag and not sore[2].decision.warn


def test_eighteen_days_off_after_week_4_resume_one_band_thicker_when_the_workout_opens():
    slots = nordic_schedule(6)
    back = [
        slot if slot.week <= 4 else replace(slot, on=slot.on + timedelta(days=15)) for slot in slots
    ]
    steps = replay(diligent, back)
    gap = next(s for s in steps if s.decision.action is Action.REGRESS)
    assert gap.week == 5 and gap.decision.band_id == BLUE and not gap.decision.flag
    assert gap.decision.reason.startswith("18 days since your last session")
    week_5_first = steps[steps.index(gap) + 1]
    assert week_5_first.band == BLUE and week_5_first.decision.action is Action.HOLD
    assert "advance" not in [action for _, action, _ in moves(steps)]  # no advance after a gap


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


def test_owning_only_green_and_red_holds_and_names_the_band_to_get():
    steps = replay(diligent, nordic_schedule(7), owned=frozenset({GREEN, RED}))
    assert moves(steps) == []
    week_6 = steps[12].decision
    assert week_6.action is Action.HOLD and week_6.band_id == GREEN
    assert "get the purple band for your next step" in week_6.reason


def test_the_band_resisted_rdl_suggests_an_advance_and_regresses_at_once():
    rdl = Rule(sessions_to_advance=3, min_days_on_band=14, rpe_ceiling=8, coach_approves=True)

    def rdl_session(slot, band, index):
        sets = tuple(SetDone(band, 8, 10, rpe=7) for _ in range(3))
        return Session(slot.on, slot.week, sets, pain=0, rpe=7, rpe_target=8)

    slots = [
        Slot(week, START + timedelta(days=7 * (week - 1) + day), [8])
        for week in range(1, 4)
        for day in (0, 3)
    ]
    steps = replay(
        rdl_session, slots, start_band=PURPLE, role=Role.RESIST, eccentric=False, rule=rdl
    )
    suggested = [s.decision for s in steps if s.decision.suggested]
    assert suggested and suggested[0].band_id == GREEN and suggested[0].action is Action.ADVANCE
    assert "your coach is asked to approve that you use the green band next" in (
        suggested[0].reason
    )
    assert all(s.band == PURPLE for s in steps)  # the band waits for the coach
    painful = replay(
        rdl_session,
        slots,
        start_band=PURPLE,
        role=Role.RESIST,
        eccentric=False,
        rule=rdl,
        tweak=with_session(2, pain=6),
    )
    assert moves(painful)[0] == (2, "regress", "Black")
    assert not painful[2].decision.suggested  # a step back applies at once


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
    rule = Rule(mode=progression.Mode.SCHEDULED, step_weeks=2)
    session = Session(START, 3, (SetDone(BLACK, 10, 10),), pain=0)
    early = one(session, BLACK, role=Role.RESIST, rule=rule, changed=START - timedelta(days=10))
    due = one(session, BLACK, role=Role.RESIST, rule=rule, changed=START - timedelta(days=14))
    assert early.action is Action.HOLD
    assert (due.action, due.band_id) == (Action.ADVANCE, PURPLE)


def test_step_moves_one_rung_and_graduates_only_from_the_thinnest():
    assert step(LADDER, GREEN, role=Role.ASSIST, direction="advance") == PURPLE
    assert step(LADDER, RED, role=Role.ASSIST, direction="advance") is None
    assert step(LADDER, None, role=Role.ASSIST, direction="regress") == RED
    assert step(LADDER, BLUE, role=Role.RESIST, direction="advance") == progression.END
    assert step(LADDER, RED, role=Role.RESIST, direction="regress") == progression.END


def test_the_engine_imports_only_the_standard_library():
    tree = ast.parse(Path(progression.__file__).read_text())
    imported = {
        (node.module or "").split(".")[0] if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert imported <= {"collections", "dataclasses", "datetime", "enum", "typing"}


# -- Properties -------------------------------------------------------------------------------

BANDS = [band.id for band in LADDER]
controls = st.sampled_from([*Control, None])


@st.composite
def sessions(draw):
    band = draw(st.sampled_from([*BANDS, None]))
    history, on = [], START
    for _ in range(draw(st.integers(1, 8))):
        on += timedelta(days=draw(st.integers(1, 6)))
        sets = tuple(
            SetDone(
                draw(st.sampled_from([band, band, band, *BANDS])),
                target,
                draw(st.integers(0, target + 2)),
                draw(controls),
                draw(st.none() | st.integers(5, 10)),
            )
            for target in draw(st.lists(st.integers(0, 12), min_size=1, max_size=4))
        )
        history.append(
            Session(
                on,
                draw(st.integers(1, 12)),
                sets,
                missing=tuple(draw(st.lists(st.integers(1, 12), max_size=2))),
                pain=draw(st.none() | st.integers(0, 10)),
                pain_stop=draw(st.booleans()),
                soreness=draw(st.none() | st.integers(0, 10)),
                rpe=draw(st.none() | st.integers(1, 10)),
                rpe_target=draw(st.none() | st.integers(5, 9)),
            )
        )
    return band, history


rules = st.builds(
    Rule,
    sessions_to_advance=st.integers(1, 4),
    min_days_on_band=st.integers(0, 21),
    hold_until_week=st.integers(0, 6),
    pain_stop=st.integers(3, 8),
    coach_approves=st.booleans(),
)


def run(band, history, rule, role=Role.ASSIST, changed=None, owned=frozenset()):
    return decide(
        ladder=LADDER,
        role=role,
        rule=rule,
        current_band_id=band,
        band_changed_on=changed,
        sessions=history,
        today=history[-1].performed_on,
        eccentric=role is Role.ASSIST,
        owned_band_ids=owned,
    )


def rung(band_id):
    """Position on the ladder: no band sits one rung past the thinnest band."""
    return -1 if band_id is None else BANDS.index(band_id)


@settings(max_examples=300, deadline=None)
@given(
    sessions(),
    rules,
    st.sampled_from(list(Role)),
    st.integers(0, 30),
    st.sets(st.sampled_from(BANDS)),
)
def test_never_more_than_one_ladder_step_per_decision(drawn, rule, role, days, owned):
    band, history = drawn
    if role is Role.RESIST and band is None:
        band = BANDS[0]
    changed = history[0].performed_on - timedelta(days=days)
    decision = run(band, history, rule, role, changed, frozenset(owned))
    assert abs(rung(decision.band_id) - rung(band)) <= 1


@settings(max_examples=300, deadline=None)
@given(sessions(), rules, st.integers(0, 30))
def test_safety_always_wins_over_an_advance(drawn, rule, days):
    band, history = drawn
    latest = history[-1]
    if not (latest.pain_stop or (latest.pain or 0) >= rule.pain_stop):
        history[-1] = replace(latest, pain_stop=True)
    decision = run(band, history, rule, changed=history[0].performed_on - timedelta(days=days))
    assert decision.action in (Action.REGRESS, Action.HOLD)
    assert decision.warn and decision.flag


@settings(max_examples=300, deadline=None)
@given(sessions(), rules, st.integers(0, 30))
def test_no_advance_inside_hold_until_week_or_min_days_on_band(drawn, rule, days):
    band, history = drawn
    changed = history[-1].performed_on - timedelta(days=days)
    decision = run(band, history, rule, changed=changed)
    if decision.action in (Action.ADVANCE, Action.GRADUATE):
        assert history[-1].week_number > rule.hold_until_week
        assert days >= rule.min_days_on_band


@settings(max_examples=300, deadline=None)
@given(sessions(), rules, st.integers(0, 30))
def test_no_advance_while_a_struggling_or_painful_session_is_recent(drawn, rule, days):
    band, history = drawn
    decision = run(band, history, rule, changed=history[0].performed_on - timedelta(days=days))
    if decision.action in (Action.ADVANCE, Action.GRADUATE):
        at_band = [s for s in history if s.band_id == band][-rule.sessions_to_advance :]
        for session in at_band:
            assert not session.pain_stop and (session.pain or 0) <= 2
            assert session.every_rep
            assert session.reps_where(progression.CONTROLLED) * 2 > session.done


@settings(max_examples=300, deadline=None)
@given(sessions(), rules, st.integers(0, 30), st.sets(st.sampled_from(BANDS)))
def test_graduation_only_from_the_thinnest_band(drawn, rule, days, owned):
    band, history = drawn
    decision = run(
        band,
        history,
        rule,
        changed=history[0].performed_on - timedelta(days=days),
        owned=frozenset(owned),
    )
    if decision.action is Action.GRADUATE:
        assert band == LADDER[0].id


@given(st.integers(0, 40))
def test_a_gap_is_two_weeks_or_more(days):
    decision = after_gap(
        ladder=LADDER,
        role=Role.ASSIST,
        current_band_id=PURPLE,
        last_session_on=START,
        today=START + timedelta(days=days),
    )
    assert (decision is not None) == (days >= 14)
    if decision is not None:
        assert decision.band_id == GREEN and decision.action is Action.REGRESS


def test_the_nordic_rule_of_the_library_is_the_one_replayed_here():
    from programs.library import BAND_ASSISTED_NORDIC

    [rule] = BAND_ASSISTED_NORDIC["band_rules"]
    assert (rule["sessions_to_advance"], rule["min_days_on_band"], rule["hold_until_week"]) == (
        NORDIC_RULE.sessions_to_advance,
        NORDIC_RULE.min_days_on_band,
        NORDIC_RULE.hold_until_week,
    )
    assert date(2026, 1, 5).weekday() == 0

"""The band progression engine (DESIGN.md, "Band progression"), replayed on realistic
histories session by session, and held to its properties by Hypothesis. Pure: no database."""

import ast
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from programs import ladder, progression
from programs.ladder import Action, Control, Role, Rule, Session, SetDone, step
from programs.progression import decide
from programs.reentry import after_gap, graduation_dose
from tests.programs.histories import (
    BLACK,
    BLUE,
    GREEN,
    LADDER,
    NORDIC_RULE,
    NORDIC_WEEKS,
    PURPLE,
    RED,
    START,
    Slot,
    beginner,
    diligent,
    gap_after_week_4,
    halfway,
    maximal,
    moves,
    nordic_schedule,
    pain_in_week,
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


def test_struggling_on_the_thickest_band_repeats_the_weeks_volume_and_flags_each_week():
    steps = replay(beginner, nordic_schedule(4), start_band=BLUE)
    assert moves(steps) == []
    held = [s for s in steps if s.decision.repeat_week]
    assert held[0].week == 2 and {s.week for s in held} == {2, 3, 4}
    assert all(s.decision.flag and s.decision.action is Action.HOLD for s in held)
    assert "the easiest band there is: this week's volume again" in held[0].decision.reason
    # The replay keeps week 2's 2 x 6 while the athlete struggles, not week 3's 3 x 6.
    assert [s.target for s in steps[-1].session.sets] == [6, 6]


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


def test_a_pain_stop_pauses_the_nordic_and_the_clearance_resumes_one_step_easier():
    slots = nordic_schedule(4)
    steps = replay(diligent, slots, tweak=with_session(5, pain_stop=True, pain=None))
    stop = steps[5].decision
    assert (stop.action, stop.band_id, stop.flag, stop.warn) == (
        Action.PAUSE,
        GREEN,
        True,
        True,
    )
    assert stop.reason.startswith(
        "You stopped for pain: Nordic and other eccentric work is paused until your coach "
        "clears it."
    )
    assert progression.STOP_LOADING in stop.reason
    # Paused for the week that follows; cleared on the first session 7 days on.
    cleared = steps[6]
    assert cleared.on == slots[5].on + timedelta(days=7) and cleared.decision.band_id == BLUE
    assert cleared.decision.reason.startswith("Cleared after pain on")
    assert moves(steps) == [(3, "pause", "Green"), (4, "regress", "Blue")]


def test_a_pain_stop_on_a_curl_still_gives_more_help_at_once():
    curl = Rule(sessions_to_advance=3, min_days_on_band=14)
    session = Session(START, 1, (SetDone(GREEN, 10, 6),), pain_stop=True)
    decision = one(session, GREEN, role=Role.RESIST, rule=curl)
    assert (decision.action, decision.band_id, decision.warn) == (Action.REGRESS, PURPLE, True)


def test_pain_5_pauses_and_soreness_of_9_does_not():
    slots = nordic_schedule(2)
    painful = replay(diligent, slots, tweak=with_session(2, pain=5), clear_after_days=99)
    assert moves(painful) == [(2, "pause", "Green")]
    assert painful[2].decision.warn and len(painful) == 3  # nothing logged while paused
    sore = replay(diligent, slots, tweak=with_session(2, soreness=9))
    assert moves(sore) == []
    assert sore[2].decision.flag and not sore[2].decision.warn


def test_pain_3_once_holds_and_flags_twice_running_pauses():
    once = replay(diligent, nordic_schedule(12), tweak=pain_in_week(7, 3))
    week_7 = [s.decision for s in once if s.week == 7]
    assert week_7[0].action is Action.HOLD and week_7[0].flag and not week_7[0].warn
    assert "You reported pain 3/10: hold this band" in week_7[0].reason
    assert "pause" not in [action for _, action, _ in moves(once)]
    twice = replay(diligent, nordic_schedule(12), tweak=pain_in_week(7, 3, sessions=2))
    paused = next(s for s in twice if s.decision.action is Action.PAUSE)
    assert paused.week == 7 and paused.decision.reason.startswith(
        "Pain 3 then 3/10 two sessions running: Nordic and other eccentric work is paused"
    )


def test_a_week_8_pain_stop_is_not_undone_by_time_alone_and_no_advance_for_14_days():
    steps = replay(diligent, nordic_schedule(12), tweak=pain_in_week(8, 5), clear_after_days=14)
    paused = next(i for i, s in enumerate(steps) if s.decision.action is Action.PAUSE)
    assert steps[paused].decision.band_id == PURPLE
    cleared = steps[paused + 1]
    assert (cleared.on - steps[paused].on).days >= 14 and cleared.decision.band_id == GREEN
    after = steps[paused + 2 :]
    advanced = next(s for s in after if s.decision.action is Action.ADVANCE)
    assert (advanced.on - cleared.on).days >= 14
    assert all(
        "no step on for 14 days" in s.decision.reason
        for s in after
        if (s.on - cleared.on).days < 14
    )


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


def test_an_honest_rpe_9_climbs_on_the_diligent_timeline():
    assert moves(replay(maximal, nordic_schedule(12))) == moves(
        replay(diligent, nordic_schedule(12))
    )
    assert all("RPE" not in s.decision.reason for s in replay(maximal, nordic_schedule(12)))


def test_rpe_still_gates_work_that_is_not_eccentric():
    curl = Rule(sessions_to_advance=1, min_days_on_band=0, rpe_ceiling=8)
    hard = Session(START, 6, (SetDone(GREEN, 10, 10, rpe=9),), pain=0)
    decision = one(hard, GREEN, role=Role.RESIST, rule=curl)
    assert decision.action is Action.HOLD and "RPE 9 is above the 8" in decision.reason


def test_reps_breaking_at_halfway_raise_stalled_by_week_4():
    steps = replay(halfway, nordic_schedule(5))
    stalled = [s for s in steps if s.decision.stalled]
    assert stalled[0].week == 4 and stalled[0].on == START + timedelta(days=21)
    assert all(s.decision.flag and s.decision.band_id == GREEN for s in stalled)
    assert "No step on for 3 weeks: most reps broke at halfway." in stalled[0].decision.reason
    assert not any(s.decision.stalled for s in steps if s.week < 4)


def test_the_diligent_athlete_never_stalls_while_the_plan_holds_the_band():
    assert not any(s.decision.stalled for s in replay(diligent, nordic_schedule(12)))


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


def test_graduation_waits_for_the_coach_and_the_first_two_unassisted_sessions_are_2_x_5():
    steps = replay(diligent, nordic_schedule(15))
    graduation = next(s for s in steps if s.decision.action is Action.GRADUATE)
    assert graduation.decision.suggested and graduation.week == 12
    assert "your coach is asked to approve that you go unassisted next" in (
        graduation.decision.reason
    )
    unassisted = [s for s in steps if s.band is None]
    assert [len(s.session.sets) for s in unassisted] == [2, 2, 3]
    assert [s.target for s in unassisted[0].session.sets] == [5, 5]
    waiting = replay(diligent, nordic_schedule(15), approve=False)
    assert not any(s.band is None for s in waiting)  # nobody approved: still on red
    assert graduation_dose(0) == graduation_dose(1) == (2, 5) and graduation_dose(2) is None


def test_the_thickest_resist_band_is_a_graduation_too():
    rule = Rule(sessions_to_advance=1, min_days_on_band=0)
    good = Session(START, 6, (SetDone(GREEN, 10, 10),), pain=0)
    decision = one(good, GREEN, role=Role.RESIST, rule=rule)
    assert (decision.action, decision.band_id, decision.suggested) == (
        Action.GRADUATE,
        BLUE,
        True,
    )


def test_a_gap_after_week_4_resumes_at_its_volume_one_step_easier_by_length():
    for days, band, week, steps_easier in (
        (18, GREEN, 4, "one"),
        (24, GREEN, 4, "one"),
        (60, BLUE, 3, "two"),
    ):
        steps = replay(diligent, gap_after_week_4(days), start_band=PURPLE)
        gap = next(s for s in steps if s.decision.resume_week is not None)
        assert (gap.week, gap.band, gap.decision.band_id) == (5, PURPLE, band), days
        assert gap.decision.resume_week == week and not gap.decision.flag
        assert gap.decision.reason.startswith(f"{days} days since your last session")
        assert f"{steps_easier} step" in gap.decision.reason
        back = steps[steps.index(gap) + 1]
        assert [s.target for s in back.session.sets] == NORDIC_WEEKS[week][1]
        assert back.band == band and back.decision.action is Action.HOLD


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
        rdl_session,
        slots,
        start_band=PURPLE,
        role=Role.RESIST,
        eccentric=False,
        rule=rdl,
        approve=False,
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


def imports_of(module: str) -> set[str]:
    """The modules a file of `programs/` imports, as written (full dotted names)."""
    tree = ast.parse(Path(progression.__file__).with_name(f"{module}.py").read_text())
    return {
        node.module or "" if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }


@pytest.mark.parametrize("module", ["progression", "ladder", "pain", "reentry"])
def test_the_engine_imports_only_the_standard_library_and_itself(module):
    standard = {"collections.abc", "dataclasses", "datetime", "enum", "typing"}
    engine = {"programs.ladder", "programs.pain", "programs.progression"}
    assert imports_of(module) <= standard | engine


# -- Properties -------------------------------------------------------------------------------

BANDS = [band.id for band in LADDER]
EXAMPLES = 3 * settings.default.max_examples  # 300 under CI (tests/conftest.py's profiles)
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


@settings(max_examples=EXAMPLES)
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


@settings(max_examples=EXAMPLES)
@given(sessions(), rules, st.integers(0, 30))
def test_safety_always_wins_over_an_advance(drawn, rule, days):
    band, history = drawn
    latest = history[-1]
    if not (latest.pain_stop or (latest.pain or 0) >= rule.pain_stop):
        history[-1] = replace(latest, pain_stop=True)
    decision = run(band, history, rule, changed=history[0].performed_on - timedelta(days=days))
    assert decision.action is Action.PAUSE  # `run` decides a Nordic: eccentric work pauses
    assert decision.warn and decision.flag and decision.band_id == band


@settings(max_examples=EXAMPLES)
@given(sessions(), rules, st.integers(0, 30))
def test_no_advance_inside_hold_until_week_or_min_days_on_band(drawn, rule, days):
    band, history = drawn
    changed = history[-1].performed_on - timedelta(days=days)
    decision = run(band, history, rule, changed=changed)
    if decision.action in (Action.ADVANCE, Action.GRADUATE):
        assert history[-1].week_number > rule.hold_until_week
        assert days >= rule.min_days_on_band


@settings(max_examples=EXAMPLES)
@given(sessions(), rules, st.integers(0, 30))
def test_no_advance_while_a_struggling_or_painful_session_is_recent(drawn, rule, days):
    band, history = drawn
    decision = run(band, history, rule, changed=history[0].performed_on - timedelta(days=days))
    if decision.action in (Action.ADVANCE, Action.GRADUATE):
        at_band = [s for s in history if s.band_id == band][-rule.sessions_to_advance :]
        for session in at_band:
            assert not session.pain_stop and (session.pain or 0) <= 2
            assert session.every_rep
            assert session.reps_where(ladder.CONTROLLED) * 2 > session.done


@settings(max_examples=EXAMPLES)
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
        assert decision.band_id == (GREEN if days < 28 else BLUE)
        assert decision.action is Action.REGRESS


def test_the_nordic_rule_of_the_library_is_the_one_replayed_here():
    from programs.library import BAND_ASSISTED_NORDIC

    [rule] = BAND_ASSISTED_NORDIC["band_rules"]
    assert (rule["sessions_to_advance"], rule["min_days_on_band"], rule["hold_until_week"]) == (
        NORDIC_RULE.sessions_to_advance,
        NORDIC_RULE.min_days_on_band,
        NORDIC_RULE.hold_until_week,
    )
    assert date(2026, 1, 5).weekday() == 0

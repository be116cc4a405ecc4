"""The band progression engine held to its properties by Hypothesis (one step at most,
safety first, no early advance, graduation only from the thinnest band), and to importing only
the standard library. Pure: no database."""

import ast
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from programs import ladder, progression
from programs.ladder import Action, Control, Role, Rule, Session, SetDone
from programs.progression import decide
from programs.reentry import after_gap
from tests.programs.histories import BLUE, GREEN, LADDER, PURPLE, START


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

"""The band progression engine: plain data in, a decision out; no database, no Django."""

import ast
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from programs import progression
from programs.progression import (
    Action,
    Band,
    Decision,
    Exposure,
    Mode,
    Role,
    Rule,
    decide,
    step,
)

TODAY = date(2025, 3, 10)
RED, BLACK, PURPLE, GREEN, BLUE = 1, 2, 3, 4, 5
LADDER = [
    Band(RED, "Red"),
    Band(BLACK, "Black"),
    Band(PURPLE, "Purple"),
    Band(GREEN, "Green"),
    Band(BLUE, "Blue"),
]
ADVANCING = (Action.ADVANCE, Action.GRADUATE)
TWO_GOOD = "Two sessions in a row with every rep done at RPE 8 or less"


def session(
    days_ago: int,
    band_id: int | None,
    *,
    done: int = 30,
    prescribed: int = 30,
    completed: bool = True,
    rpe: int | None = 7,
    pain: int | None = 0,
) -> Exposure:
    return Exposure(
        TODAY - timedelta(days=days_ago), band_id, prescribed, done, completed, rpe, pain
    )


def history(**overrides) -> dict:
    """Arguments for `decide`: an assist athlete on the green band unless told otherwise."""
    arguments = {
        "ladder": LADDER,
        "role": Role.ASSIST,
        "rule": Rule(),
        "current_band_id": GREEN,
        "band_changed_on": None,
        "exposures": [],
        "today": TODAY,
    }
    return arguments | overrides


SCHEDULED_FROM_BLUE = Rule(mode=Mode.SCHEDULED, start_band_id=BLUE, step_weeks=2)

HISTORIES = [
    pytest.param(
        history(
            exposures=[session(4, GREEN), session(2, GREEN)], band_changed_on=TODAY - timedelta(14)
        ),
        Decision(
            Action.ADVANCE, PURPLE, f"{TWO_GOOD}: next time use the purple band, one thinner."
        ),
        id="two-good-sessions-on-green-assist-advance-to-purple",
    ),
    pytest.param(
        history(exposures=[session(6, BLUE), session(2, GREEN)]),
        Decision(Action.HOLD, GREEN, "1 of 2 qualifying sessions at the green band so far."),
        id="one-good-session-holds",
    ),
    pytest.param(
        history(exposures=[session(4, GREEN), session(2, GREEN, rpe=9)]),
        Decision(Action.HOLD, GREEN, "RPE 9 is above the ceiling of 8: keep the green band."),
        id="rpe-too-high-holds",
    ),
    pytest.param(
        history(exposures=[session(4, GREEN), session(2, GREEN, completed=False, done=27)]),
        Decision(
            Action.HOLD,
            GREEN,
            "Not every prescribed set and rep was done last time: keep the green band.",
        ),
        id="a-missed-rep-holds",
    ),
    pytest.param(
        history(exposures=[session(4, GREEN), session(2, GREEN, pain=6)]),
        Decision(
            Action.REGRESS,
            BLUE,
            "Pain 6 of 10 is at or above the stop level of 5: next time use the blue band, "
            "one thicker.",
            flag=True,
        ),
        id="pain-6-regresses-to-blue",
    ),
    pytest.param(
        history(current_band_id=BLUE, exposures=[session(2, BLUE, pain=7)]),
        Decision(
            Action.HOLD,
            BLUE,
            "Pain 7 of 10 is at or above the stop level of 5, and there is no thicker band to go "
            "back to: keep the blue band and talk to your coach.",
            flag=True,
        ),
        id="pain-on-the-thickest-assist-band-holds-and-flags",
    ),
    pytest.param(
        history(exposures=[session(4, GREEN, pain=7), session(2, GREEN)]),
        Decision(Action.HOLD, GREEN, "1 of 2 qualifying sessions at the green band so far."),
        id="an-older-pain-report-does-not-regress-again",
    ),
    pytest.param(
        history(
            current_band_id=PURPLE,
            exposures=[
                session(4, PURPLE, done=20, completed=False),
                session(2, PURPLE, done=15, completed=False),
            ],
        ),
        Decision(
            Action.REGRESS,
            GREEN,
            "Two sessions in a row under 70% of the prescribed volume: next time use the green "
            "band, one thicker.",
            flag=True,
        ),
        id="two-low-volume-sessions-regress",
    ),
    pytest.param(
        history(
            current_band_id=GREEN,
            band_changed_on=TODAY - timedelta(2),
            exposures=[
                session(4, PURPLE, done=20, completed=False),
                session(2, GREEN, done=15, completed=False),
            ],
        ),
        Decision(
            Action.HOLD,
            GREEN,
            "Not every prescribed set and rep was done last time: keep the green band.",
        ),
        id="one-short-session-after-a-step-back-does-not-step-back-again",
    ),
    pytest.param(
        history(current_band_id=RED, exposures=[session(4, RED), session(2, RED)]),
        Decision(
            Action.GRADUATE,
            None,
            f"{TWO_GOOD}: the red band was the thinnest, so next time go unassisted.",
        ),
        id="graduate-from-red",
    ),
    pytest.param(
        history(
            current_band_id=PURPLE,
            band_changed_on=TODAY - timedelta(3),
            exposures=[session(2, PURPLE), session(0, PURPLE)],
        ),
        Decision(Action.HOLD, PURPLE, "The band changed 3 days ago; give the purple band a week."),
        id="band-changed-3-days-ago-holds",
    ),
    pytest.param(
        history(role=Role.RESIST, exposures=[session(4, GREEN), session(2, GREEN)]),
        Decision(Action.ADVANCE, BLUE, f"{TWO_GOOD}: next time use the blue band, one thicker."),
        id="resist-advances-to-a-thicker-band",
    ),
    pytest.param(
        history(
            role=Role.RESIST, current_band_id=BLUE, exposures=[session(4, BLUE), session(2, BLUE)]
        ),
        Decision(
            Action.HOLD,
            BLUE,
            f"{TWO_GOOD}, and there is no thicker band: add reps or double up the blue band.",
        ),
        id="resist-at-blue-holds-and-says-add-reps-or-double-the-band",
    ),
    pytest.param(
        history(role=Role.RESIST, current_band_id=RED, exposures=[session(2, RED, pain=5)]),
        Decision(
            Action.HOLD,
            RED,
            "Pain 5 of 10 is at or above the stop level of 5, and there is no thinner band to go "
            "back to: keep the red band and talk to your coach.",
            flag=True,
        ),
        id="resist-pain-on-the-thinnest-band-holds-and-flags",
    ),
    pytest.param(
        history(
            owned_band_ids=frozenset({RED, BLACK, GREEN, BLUE}),
            exposures=[session(4, GREEN), session(2, GREEN)],
        ),
        Decision(
            Action.ADVANCE,
            BLACK,
            f"{TWO_GOOD}: next time use the black band, the next thinner one you own.",
        ),
        id="owned-bands-skip-purple-to-black",
    ),
    pytest.param(
        history(
            current_band_id=BLACK,
            owned_band_ids=frozenset({BLACK, GREEN}),
            exposures=[session(4, BLACK), session(2, BLACK)],
        ),
        Decision(
            Action.GRADUATE,
            None,
            f"{TWO_GOOD}: the black band was the thinnest you own, so next time go unassisted.",
        ),
        id="graduate-from-the-thinnest-owned-band",
    ),
    pytest.param(
        history(current_band_id=None, exposures=[session(2, None)]),
        Decision(Action.HOLD, None, "You are already unassisted: keep going without a band."),
        id="already-unassisted-holds",
    ),
    pytest.param(
        history(current_band_id=None, exposures=[session(2, None, pain=8)]),
        Decision(
            Action.REGRESS,
            RED,
            "Pain 8 of 10 is at or above the stop level of 5: next time use the red band, "
            "the thinnest.",
            flag=True,
        ),
        id="pain-when-unassisted-goes-back-to-the-thinnest-band",
    ),
    pytest.param(
        history(exposures=[]),
        Decision(Action.HOLD, GREEN, "No sessions logged yet: keep the green band."),
        id="no-sessions-holds",
    ),
    pytest.param(
        history(rule=SCHEDULED_FROM_BLUE, week_number=3, exposures=[session(2, GREEN)]),
        Decision(
            Action.HOLD,
            GREEN,
            "Week 3 of the schedule calls for the green band: use it again next time.",
        ),
        id="scheduled-week-3-of-2-week-steps-keeps-green",
    ),
    pytest.param(
        history(rule=SCHEDULED_FROM_BLUE, week_number=5, exposures=[session(2, GREEN, rpe=10)]),
        Decision(
            Action.ADVANCE,
            PURPLE,
            "Week 5 of the schedule calls for the purple band: next time use the purple band, "
            "one thinner.",
        ),
        id="scheduled-week-5-steps-to-purple-whatever-the-rpe",
    ),
    pytest.param(
        history(
            rule=SCHEDULED_FROM_BLUE,
            current_band_id=BLUE,
            week_number=9,
            exposures=[session(2, BLUE)],
        ),
        Decision(
            Action.ADVANCE,
            GREEN,
            "Week 9 of the schedule calls for the red band: next time use the green band, "
            "one thinner.",
        ),
        id="scheduled-moves-one-step-even-when-far-behind",
    ),
    pytest.param(
        history(
            rule=SCHEDULED_FROM_BLUE,
            current_band_id=BLACK,
            week_number=3,
            exposures=[session(2, BLACK)],
        ),
        Decision(
            Action.HOLD,
            BLACK,
            "Week 3 of the schedule calls for the green band, and you are past it: keep the "
            "black band.",
        ),
        id="scheduled-never-moves-an-athlete-back",
    ),
    pytest.param(
        history(rule=SCHEDULED_FROM_BLUE, week_number=9, exposures=[session(2, GREEN, pain=5)]),
        Decision(
            Action.REGRESS,
            BLUE,
            "Pain 5 of 10 is at or above the stop level of 5: next time use the blue band, "
            "one thicker.",
            flag=True,
        ),
        id="scheduled-pain-still-regresses",
    ),
]


@pytest.mark.parametrize(("arguments", "expected"), HISTORIES)
def test_it_decides_concrete_histories(arguments, expected):
    assert decide(**arguments) == expected


def test_step_answers_end_past_the_thickest_resist_band():
    assert step(LADDER, BLUE, role=Role.RESIST, direction="advance") == "end"


def test_step_graduates_an_assist_athlete_from_the_thinnest_owned_band():
    owned = frozenset({BLACK, BLUE})
    assert step(LADDER, BLACK, role=Role.ASSIST, direction="advance", owned_band_ids=owned) is None
    assert step(LADDER, BLACK, role=Role.ASSIST, direction="regress", owned_band_ids=owned) == BLUE


def test_it_rejects_a_band_that_is_not_on_the_ladder():
    with pytest.raises(ValueError, match="not on the ladder"):
        decide(**history(current_band_id=99, exposures=[session(2, 99)]))


def test_the_engine_imports_nothing_but_the_standard_library():
    tree = ast.parse(Path(progression.__file__).read_text())
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert {name.split(".")[0] for name in imported} <= sys.stdlib_module_names


# Properties over random ladders, rules, histories and owned sets.

NAMES = ("Red", "Black", "Purple", "Green", "Blue", "Silver")


def random_ladder(size: int) -> list[Band]:
    # Ids deliberately differ from positions, so an id/index mix-up cannot pass.
    return [Band(id=10 * (index + 1), name=NAMES[index]) for index in range(size)]


@st.composite
def exposures_at(draw, band_ids: list[int | None], current: int | None) -> Exposure:
    # Mostly clean sessions at the current band, so that advancing is common enough to test.
    mostly = st.sampled_from([True, True, True, False])
    band_id = current if draw(mostly) else draw(st.sampled_from(band_ids))
    prescribed = draw(st.integers(0, 40))
    if draw(mostly):
        return Exposure(TODAY, band_id, prescribed, prescribed, True, draw(st.integers(1, 8)), 0)
    return Exposure(
        TODAY,
        band_id,
        prescribed,
        draw(st.integers(0, prescribed)),
        draw(st.booleans()),
        draw(st.none() | st.integers(1, 10)),
        draw(st.none() | st.integers(0, 10)),
    )


@st.composite
def situations(
    draw, *, role: Role | None = None, mode: Mode | None = None, min_exposures: int = 0
) -> dict:
    ladder = random_ladder(draw(st.integers(1, 6)))
    band_ids = [band.id for band in ladder] + [None]
    current = draw(st.sampled_from(band_ids))
    rule = Rule(
        mode=mode or draw(st.sampled_from(Mode)),
        start_band_id=draw(st.sampled_from(band_ids)),
        step_weeks=draw(st.integers(1, 4)),
        sessions_to_advance=draw(st.integers(1, 4)),
        rpe_ceiling=draw(st.integers(5, 10)),
        pain_stop=draw(st.integers(3, 10)),
    )
    exposures = draw(st.lists(exposures_at(band_ids, current), min_size=min_exposures, max_size=6))
    # Oldest first, a few days apart.
    exposures = [
        replace(exposure, performed_on=TODAY - timedelta(days=2 * (len(exposures) - position)))
        for position, exposure in enumerate(exposures)
    ]
    return {
        "ladder": ladder,
        "role": role or draw(st.sampled_from(Role)),
        "rule": rule,
        "current_band_id": current,
        "band_changed_on": draw(st.none() | st.integers(0, 20).map(lambda d: TODAY - timedelta(d))),
        "exposures": exposures,
        "today": TODAY,
        "owned_band_ids": draw(st.frozensets(st.sampled_from([band.id for band in ladder]))),
        "week_number": draw(st.integers(1, 30)),
    }


def position(ladder: list[Band], band_id: int | None) -> int:
    """Index on the ladder, thinnest first; no band sits just below the thinnest."""
    return -1 if band_id is None else [band.id for band in ladder].index(band_id)


def usable(situation: dict) -> list[Band]:
    owned = situation["owned_band_ids"]
    return [band for band in situation["ladder"] if not owned or band.id in owned]


@given(situations(role=Role.ASSIST))
def test_an_assist_track_never_advances_to_a_thicker_band(situation):
    decision = decide(**situation)
    if decision.action in ADVANCING:
        ladder = situation["ladder"]
        assert position(ladder, decision.band_id) < position(ladder, situation["current_band_id"])


@given(situations(role=Role.RESIST))
def test_a_resist_track_never_advances_to_a_thinner_band(situation):
    decision = decide(**situation)
    if decision.action in ADVANCING:
        ladder = situation["ladder"]
        assert position(ladder, decision.band_id) > position(ladder, situation["current_band_id"])


@given(situations())
def test_a_regression_moves_against_the_advance_direction_and_flags_the_coach(situation):
    decision = decide(**situation)
    if decision.action is Action.REGRESS:
        ladder, current = situation["ladder"], situation["current_band_id"]
        thicker = position(ladder, decision.band_id) > position(ladder, current)
        assert thicker == (situation["role"] is Role.ASSIST)
        assert decision.flag


@given(situations(min_exposures=1), st.integers(0, 10))
def test_pain_at_the_stop_level_always_regresses_or_holds_at_the_end(situation, extra_pain):
    pain_stop = situation["rule"].pain_stop
    latest = replace(situation["exposures"][-1], pain=min(10, pain_stop + extra_pain))
    situation["exposures"] = [*situation["exposures"][:-1], latest]
    decision = decide(**situation)
    assert decision.action in (Action.REGRESS, Action.HOLD)
    assert decision.flag
    assert f"Pain {latest.pain} of 10" in decision.reason
    if decision.action is Action.HOLD:
        regress_step = step(
            situation["ladder"],
            situation["current_band_id"],
            role=situation["role"],
            direction="regress",
            owned_band_ids=situation["owned_band_ids"],
        )
        assert regress_step == "end"


@given(situations())
def test_only_the_thinnest_owned_assist_band_graduates(situation):
    decision = decide(**situation)
    if decision.action is Action.GRADUATE:
        current = situation["current_band_id"]
        assert situation["role"] is Role.ASSIST
        assert decision.band_id is None
        assert current is not None
        thinner = situation["ladder"][: position(situation["ladder"], current)]
        assert not [band for band in thinner if band in usable(situation)]


@given(situations())
def test_a_decision_moves_at_most_one_step(situation):
    decision = decide(**situation)
    ladder, current = situation["ladder"], situation["current_band_id"]
    if decision.action is Action.HOLD:
        assert decision.band_id == current
        return
    assert decision.band_id != current
    low, high = sorted([position(ladder, current), position(ladder, decision.band_id)])
    skipped = [band for band in usable(situation) if low < position(ladder, band.id) < high]
    assert not skipped


@given(situations(mode=Mode.EARNED))
def test_earning_a_step_needs_enough_qualifying_sessions_at_the_current_band(situation):
    decision = decide(**situation)
    if decision.action not in ADVANCING:
        return
    rule, current = situation["rule"], situation["current_band_id"]
    recent = situation["exposures"][-rule.sessions_to_advance :]
    assert len(recent) == rule.sessions_to_advance
    for exposure in recent:
        assert exposure.band_id == current
        assert exposure.completed_all
        assert exposure.rpe is not None and exposure.rpe <= rule.rpe_ceiling
        assert (exposure.pain or 0) <= 2
    changed_on = situation["band_changed_on"]
    assert changed_on is None or (TODAY - changed_on).days >= 7


@given(situations())
def test_bands_the_athlete_does_not_own_are_never_suggested(situation):
    decision = decide(**situation)
    owned = situation["owned_band_ids"]
    if owned and decision.action is not Action.HOLD:
        assert decision.band_id is None or decision.band_id in owned


@given(
    size=st.integers(1, 6),
    role=st.sampled_from(Role),
    start_index=st.integers(0, 5),
    step_weeks=st.integers(1, 4),
    weeks=st.integers(1, 20),
)
def test_scheduled_mode_follows_the_week_arithmetic(size, role, start_index, step_weeks, weeks):
    ladder = random_ladder(size)
    start_index = min(start_index, size - 1)
    rule = Rule(mode=Mode.SCHEDULED, start_band_id=ladder[start_index].id, step_weeks=step_weeks)
    current = rule.start_band_id
    for week in range(1, weeks + 1):
        clean = Exposure(TODAY, current, 30, 30, True, 10, 0)
        decision = decide(
            ladder=ladder,
            role=role,
            rule=rule,
            current_band_id=current,
            band_changed_on=TODAY,
            exposures=[clean],
            today=TODAY,
            week_number=week,
        )
        current = decision.band_id
        steps_due = (week - 1) // step_weeks
        if role is Role.ASSIST:
            expected_index = start_index - steps_due
            expected = ladder[expected_index].id if expected_index >= 0 else None
        else:
            expected = ladder[min(start_index + steps_due, size - 1)].id
        assert current == expected, decision.reason

"""Return-to-play gates, read on realistic stage records: what opens the next stage, and what
is still missing in words for the athlete and the coach. Pain is read over the stage's last 3
sessions, so one sore day early on does not hold the stage shut for good. Pure: no database."""

from datetime import date

import pytest

from programs.stages import (
    Gate,
    HTest,
    StageRecord,
    gate_reading,
    next_stage_opens,
    symmetry,
)

L_PROTOCOL = Gate(min_sessions=10, pain_max=2)  # the library's gate for each stage
TESTED = Gate(min_sessions=10, pain_max=2, test_min_symmetry=90)
GOOD_WEEK = (0, 1, 2, 1, 0, 0, 2, 1, 1, 0)  # ten sessions, none over 2/10


@pytest.mark.parametrize(
    ("record", "ready", "missing"),
    [
        pytest.param(StageRecord(pains=GOOD_WEEK), True, [], id="ten-sessions-all-pain-2-or-less"),
        pytest.param(
            StageRecord(pains=GOOD_WEEK[:9]),
            False,
            ["10 sessions done in this stage (9 so far)"],
            id="nine-sessions",
        ),
        pytest.param(
            StageRecord(pains=(*GOOD_WEEK[:9], 3)),
            False,
            ["Pain 2/10 or less in each of the last 3 sessions (highest of them 3/10)"],
            id="the-last-session-at-pain-3",
        ),
        pytest.param(
            StageRecord(pains=(3, *GOOD_WEEK)),
            True,
            [],
            id="pain-3-on-day-1-then-ten-good-sessions",
        ),
        pytest.param(
            StageRecord(pains=GOOD_WEEK, pain_stops=1),
            False,
            ["No exercise stopped for pain in the last 3 sessions (1 stopped)"],
            id="a-pain-stop",
        ),
        pytest.param(
            StageRecord(),
            False,
            [
                "10 sessions done in this stage (0 so far)",
                "Pain 2/10 or less in each of the last 3 sessions",
            ],
            id="no-sessions",
        ),
        pytest.param(
            StageRecord(pains=(1,) * 12),
            True,
            [],
            id="more-sessions-than-needed",
        ),
    ],
)
def test_the_l_protocol_gate(record, ready, missing):
    reading = gate_reading(L_PROTOCOL, record)
    assert reading.ready is ready
    assert reading.missing == missing


def test_the_gate_names_every_criterion_in_order_with_what_was_done():
    reading = gate_reading(L_PROTOCOL, StageRecord(pains=(0, 2, 1)))
    assert [(c.text, c.met) for c in reading.criteria] == [
        ("10 sessions done in this stage (3 so far)", False),
        ("Pain 2/10 or less in each of the last 3 sessions (highest of them 2/10)", True),
        ("No exercise stopped for pain in the last 3 sessions", True),
    ]


THREE_SESSIONS = Gate(min_sessions=3, pain_max=2)


@pytest.mark.parametrize(
    ("pains", "ready", "highest"),
    [
        pytest.param((3, 2, 1, 0), True, 2, id="pain-3-on-day-1-then-three-at-2-or-less"),
        pytest.param((3, 0, 0, 0, 0), True, 0, id="pain-3-four-sessions-back"),
        pytest.param((0, 0, 3, 1, 1), False, 3, id="pain-3-three-sessions-back"),
        pytest.param((0, 1, 1, 3, 0), False, 3, id="pain-3-two-sessions-back"),
        pytest.param((1, 0, 1, 0, 4), False, 4, id="pain-4-in-the-last-session"),
        pytest.param((3, 1, 1), False, 3, id="pain-3-in-the-only-three-sessions"),
        pytest.param((3, 1), False, 3, id="two-sessions-one-at-pain-3"),
    ],
)
def test_pain_is_read_over_the_last_three_sessions(pains, ready, highest):
    """A replay, oldest session first: a 3/10 on day 1 ages out of the window after three
    sessions at 2/10 or less; a 3/10 among the last three keeps the stage shut."""
    reading = gate_reading(THREE_SESSIONS, StageRecord(pains=pains))
    pain = reading.criteria[1]
    assert pain.met is ready
    assert pain.text == (
        f"Pain 2/10 or less in each of the last 3 sessions (highest of them {highest}/10)"
    )
    assert reading.ready is (ready and len(pains) >= 3)


def test_pain_exactly_at_the_limit_holds_and_one_above_does_not():
    at_limit = gate_reading(Gate(min_sessions=1, pain_max=2), StageRecord(pains=(2,)))
    above = gate_reading(Gate(min_sessions=1, pain_max=2), StageRecord(pains=(3,)))
    assert at_limit.ready and not above.ready


def test_a_gate_without_a_test_does_not_ask_for_one():
    reading = gate_reading(L_PROTOCOL, StageRecord(pains=GOOD_WEEK))
    assert not any("strength test" in criterion.text for criterion in reading.criteria)


SYMMETRY_TEXT = "A strength test in this stage with the weaker leg at 90% of the stronger or better"


@pytest.mark.parametrize(
    ("best", "ready", "tail"),
    [
        pytest.param(None, False, " (none yet)", id="no-test"),
        pytest.param(85.0, False, " (best so far 85%)", id="85-percent"),
        pytest.param(90.0, True, " (best so far 90%)", id="exactly-90"),
        pytest.param(92.0, True, " (best so far 92%)", id="92-percent"),
    ],
)
def test_a_gate_that_asks_for_a_strength_test(best, ready, tail):
    reading = gate_reading(TESTED, StageRecord(pains=GOOD_WEEK, symmetry=best))
    assert reading.ready is ready
    test = reading.criteria[-1]
    assert (test.text, test.met) == (SYMMETRY_TEXT + tail, ready)
    assert reading.missing == ([] if ready else [SYMMETRY_TEXT + tail])


def test_a_good_test_does_not_open_a_stage_with_too_few_sessions():
    reading = gate_reading(TESTED, StageRecord(pains=(0, 0), symmetry=97.0))
    assert not reading.ready
    assert reading.missing == ["10 sessions done in this stage (2 so far)"]


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        (300, 270, 90),
        (270, 300, 90),  # whichever leg is weaker
        (250, 250, 100),
        (400, 300, 75),
    ],
)
def test_symmetry_is_the_weaker_leg_as_a_percentage_of_the_stronger(left, right, expected):
    assert symmetry(left, right) == pytest.approx(expected)


@pytest.mark.parametrize(("left", "right"), [(None, 270), (300, None), (None, None), (0, 0)])
def test_symmetry_needs_both_legs(left, right):
    assert symmetry(left, right) is None


@pytest.mark.parametrize(
    ("lived_through", "opens"),
    [
        (None, date(2026, 10, 9)),  # nothing done in the stage yet
        (date(2026, 10, 8), date(2026, 10, 9)),  # last trained yesterday: today
        (date(2026, 10, 9), date(2026, 10, 10)),  # trained today: tomorrow
        (date(2026, 10, 10), date(2026, 10, 11)),  # began tomorrow's session: after it
    ],
)
def test_the_next_stage_opens_after_the_last_day_trained_in_this_one(lived_through, opens):
    assert next_stage_opens(date(2026, 10, 9), lived_through) == opens


# Back to running: the Askling H-test, as the athlete reports it

RUNNING = Gate(min_sessions=3, pain_max=2, h_test=True)
H_TEST_TEXT = "The H-test done with no insecurity reported"
TUESDAY = date(2026, 10, 13)


@pytest.mark.parametrize(
    ("answer", "met", "tail"),
    [
        pytest.param(None, False, " (not reported yet)", id="not-reported"),
        pytest.param(
            HTest(TUESDAY, insecure=True), False, " (insecurity on Tue 13 Oct)", id="insecure"
        ),
        pytest.param(HTest(TUESDAY, insecure=False), True, " (none on Tue 13 Oct)", id="secure"),
    ],
)
def test_a_gate_that_asks_for_the_h_test(answer, met, tail):
    reading = gate_reading(RUNNING, StageRecord(pains=(1, 0, 2), h_test=answer))
    test = reading.criteria[-1]
    assert (test.text, test.met) == (H_TEST_TEXT + tail, met)
    assert reading.ready is met
    assert reading.missing == ([] if met else [H_TEST_TEXT + tail])


def test_the_h_test_does_not_stand_in_for_pain_or_sessions():
    secure = HTest(TUESDAY, insecure=False)
    reading = gate_reading(RUNNING, StageRecord(pains=(1, 3), h_test=secure))
    assert reading.missing == [
        "3 sessions done in this stage (2 so far)",
        "Pain 2/10 or less in each of the last 3 sessions (highest of them 3/10)",
    ]


def test_the_h_test_and_a_strength_test_are_both_asked_for_when_the_gate_has_both():
    gate = Gate(min_sessions=3, pain_max=2, test_min_symmetry=90, h_test=True)
    record = StageRecord(pains=(0, 0, 0), symmetry=88.0, h_test=HTest(TUESDAY, insecure=False))
    reading = gate_reading(gate, record)
    assert [criterion.met for criterion in reading.criteria] == [True, True, True, False, True]
    assert reading.missing == [SYMMETRY_TEXT + " (best so far 88%)"]


def test_a_gate_without_the_h_test_does_not_ask_for_it():
    reading = gate_reading(L_PROTOCOL, StageRecord(pains=GOOD_WEEK))
    assert not any("H-test" in criterion.text for criterion in reading.criteria)

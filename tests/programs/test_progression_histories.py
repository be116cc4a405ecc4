"""The band progression engine (DESIGN.md, "Band progression") replayed on realistic
histories session by session, as the app does: the band after every session and its reason,
for the diligent, the struggling, the sore, the painful, the stalled and the absent athlete.
Pure: no database."""

from dataclasses import replace
from datetime import date, timedelta

from programs import progression
from programs.ladder import Action, Role, Rule, Session, SetDone
from programs.reentry import graduation_dose
from tests.programs.histories import (
    BLACK,
    BLUE,
    GREEN,
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


def test_an_honest_rpe_9_climbs_on_the_diligent_timeline():
    assert moves(replay(maximal, nordic_schedule(12))) == moves(
        replay(diligent, nordic_schedule(12))
    )
    assert all("RPE" not in s.decision.reason for s in replay(maximal, nordic_schedule(12)))


def test_reps_breaking_at_halfway_raise_stalled_by_week_4():
    steps = replay(halfway, nordic_schedule(5))
    stalled = [s for s in steps if s.decision.stalled]
    assert stalled[0].week == 4 and stalled[0].on == START + timedelta(days=21)
    assert all(s.decision.flag and s.decision.band_id == GREEN for s in stalled)
    assert "No step on for 3 weeks: most reps broke at halfway." in stalled[0].decision.reason
    assert not any(s.decision.stalled for s in steps if s.week < 4)


def test_the_diligent_athlete_never_stalls_while_the_plan_holds_the_band():
    assert not any(s.decision.stalled for s in replay(diligent, nordic_schedule(12)))


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


def test_the_nordic_rule_of_the_library_is_the_one_replayed_here():
    from programs.library import BAND_ASSISTED_NORDIC

    [rule] = BAND_ASSISTED_NORDIC["band_rules"]
    assert (rule["sessions_to_advance"], rule["min_days_on_band"], rule["hold_until_week"]) == (
        NORDIC_RULE.sessions_to_advance,
        NORDIC_RULE.min_days_on_band,
        NORDIC_RULE.hold_until_week,
    )
    assert date(2026, 1, 5).weekday() == 0

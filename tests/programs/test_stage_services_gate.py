"""The L-protocol assigned to an athlete: stage 1 repeats every week from the start, the later
stages have no dates yet, and the gate reads the logbook (ten finished sessions, the pain of the
last three in the order they were finished, a pain stop among them)."""

from datetime import timedelta

import pytest
from django.http import Http404

from logbook.models import PainKind, PainWhere, Side, WorkoutLog
from logbook.services import pain_stop_record, workout_finish, workout_start
from logbook.stages import stage_reading, stage_record
from programs.access import workout_for_athlete
from programs.dating import assignment_schedule, scheduled_on
from programs.models import StageOpening
from programs.return_to_play import StageNotReady, stage_now
from tests.programs.stages import (
    START,
    TODAY,
    TWO_WEEKS,
    assign_l_protocol,
    do_session,
    do_stage,
    sign_off,
    stage_workouts,
    weeks_dated,
)

pytestmark = pytest.mark.usefixtures("monday_12_october")


# Assigned: stage 1 is open


def test_assigned_the_athlete_is_in_stage_1_of_4_since_the_start(assignment):
    stage = stage_now(assignment)
    assert (stage.number, stage.count, stage.opened_on) == (1, 4, START)
    assert stage.title == "The Extender"
    assert stage.next_week.number == 2
    assert (stage.gate.min_sessions, stage.gate.pain_max) == (10, 2)


def test_stage_1_repeats_each_week_and_the_later_stages_have_no_dates(assignment):
    dated = weeks_dated(assignment, TWO_WEEKS)
    assert list(dated) == [(1, 1), (1, 2)]  # no workout of a later stage at all
    first_week = [START + timedelta(days=day) for day in range(7) for _ in (1, 2)]
    assert dated[(1, 1)] == first_week  # the Extender morning and evening, every day
    assert dated[(1, 2)] == [on + timedelta(days=7) for on in first_week]


def test_without_a_window_stage_1_is_dated_up_to_the_day_asked(assignment):
    items = assignment_schedule([assignment], repeats_through=START + timedelta(days=20))
    assert {item.occurrence for item in items} == {1, 2, 3}
    assert {item.workout.week.number for item in items} == {1}


def test_a_workout_of_a_stage_not_open_is_not_the_athletes_yet(assignment, athlete):
    later = stage_workouts(assignment, 2)[0]
    assert scheduled_on(assignment, later) is None
    with pytest.raises(Http404):
        workout_for_athlete(athlete, later.pk)
    now = stage_workouts(assignment, 1)[0]
    assert workout_for_athlete(athlete, now.pk, occurrence=3) == (now, assignment)
    assert scheduled_on(assignment, now, 3) == START + timedelta(days=14)


# The gate reads the logbook


def test_ten_sessions_at_pain_two_or_less_make_the_gate_hold(assignment):
    do_stage(assignment, 1, sessions=9, pain=2)
    reading = stage_reading(assignment, stage_now(assignment))
    assert not reading.ready
    assert reading.missing == ["10 sessions done in this stage (9 so far)"]

    do_session(assignment, stage_workouts(assignment, 1)[9], pain=0)

    record = stage_record(assignment, stage_now(assignment))
    assert sorted(record.pains) == [0] + [2] * 9 and record.pain_stops == 0
    assert stage_reading(assignment, stage_now(assignment)).ready


def test_an_unfinished_session_does_not_count(assignment):
    do_stage(assignment, 1, sessions=9)
    workout_start(
        athlete=assignment.athlete,
        assignment=assignment,
        workout=stage_workouts(assignment, 1)[9],
        today=TODAY,
    )
    assert stage_record(assignment, stage_now(assignment)).pains == (1,) * 9
    assert not stage_reading(assignment, stage_now(assignment)).ready


def test_sessions_of_another_athletes_program_do_not_count(
    assignment, library, outsider, other_coach
):
    theirs = assign_l_protocol(outsider, other_coach)
    do_stage(theirs, 1)
    assert stage_record(assignment, stage_now(assignment)).pains == ()


def test_a_session_at_pain_three_keeps_the_gate_shut(assignment, coach):
    do_stage(assignment, 1, sessions=11)
    painful = WorkoutLog.objects.filter(assignment=assignment).order_by("pk").last()
    WorkoutLog.objects.filter(pk=painful.pk).update(pain=3)

    with pytest.raises(StageNotReady) as refusal:
        sign_off(assignment, coach)

    assert str(refusal.value) == (
        "Not yet: Pain 2/10 or less in each of the last 3 sessions (highest of them 3/10)."
    )
    assert not StageOpening.objects.exists()
    assert stage_now(assignment).number == 1


def test_a_pain_three_finish_keeps_the_gate_shut_too(assignment, coach):
    do_stage(assignment, 1, sessions=10)
    do_session(assignment, stage_workouts(assignment, 1)[10], pain=3)
    with pytest.raises(StageNotReady, match=r"highest of them 3/10"):
        sign_off(assignment, coach)


def test_a_pain_three_on_day_one_does_not_keep_the_stage_shut_for_good(assignment, coach):
    """The replay of issue 25: one sore first session, then ten at 2/10 or less."""
    workouts = stage_workouts(assignment, 1)
    do_session(assignment, workouts[0], pain=3)
    for n, workout in enumerate(workouts[1:11], start=1):
        do_session(assignment, workout, pain=2, on=START + timedelta(days=n // 2))

    record = stage_record(assignment, stage_now(assignment))
    assert record.pains == (3,) + (2,) * 10  # oldest first, the sore day kept in the record

    assert sign_off(assignment, coach).startswith("The Extender signed off")


def test_the_pains_are_read_in_the_order_the_sessions_were_finished(assignment, time_machine):
    """Begun in one order and finished in the other: the last finished is the last read."""
    morning, evening = stage_workouts(assignment, 1)[:2]
    begun = [
        workout_start(
            athlete=assignment.athlete, assignment=assignment, workout=workout, today=START
        )
        for workout in (morning, evening)
    ]
    workout_finish(workout_log=begun[1], rpe=4, pain=3)
    time_machine.shift(timedelta(hours=1))
    workout_finish(workout_log=begun[0], rpe=4, pain=0)
    assert stage_record(assignment, stage_now(assignment)).pains == (3, 0)


def stop_for_pain(log: WorkoutLog) -> None:
    prescription = log.workout.prescriptions.first()
    pain_stop_record(
        workout_log=log,
        exercise=prescription.exercise,
        side=Side.LEFT,
        where=PainWhere.MIDDLE,
        kind=PainKind.DULL,
    )


def test_a_pain_stop_counts_while_it_is_among_the_last_three_sessions(assignment, coach):
    logs = do_stage(assignment, 1, sessions=10)
    stop_for_pain(logs[-3])
    assert stage_record(assignment, stage_now(assignment)).pain_stops == 1
    with pytest.raises(StageNotReady, match=r"No exercise stopped for pain in the last 3"):
        sign_off(assignment, coach)

    do_session(assignment, stage_workouts(assignment, 1)[10], pain=1)

    assert stage_record(assignment, stage_now(assignment)).pain_stops == 0
    assert sign_off(assignment, coach).startswith("The Extender signed off")

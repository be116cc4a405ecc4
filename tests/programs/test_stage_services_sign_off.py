"""The coach signs a stage of the L-protocol off: the next stage is dated from that day and the
one before stops, a sign-off without the gate holding (or twice) is refused, the last ends the
program, and nothing logged in a stage is lost when the next opens."""

from datetime import timedelta

import pytest

from logbook.models import SetLog, WorkoutLog
from logbook.stages import h_test_report, stage_reading, stage_record
from programs.access import workout_for_athlete
from programs.dating import assignment_schedule
from programs.models import AssignmentStatus, StageOpening
from programs.return_to_play import StageNotReady, stage_now, stage_sign_off
from tests.programs.stages import (
    START,
    TODAY,
    do_session,
    do_stage,
    reach_running,
    sign_off,
    stage_workouts,
    weeks_dated,
)

pytestmark = pytest.mark.usefixtures("monday_12_october")


# The coach's sign-off


def test_signing_off_opens_stage_2_today(assignment, coach):
    do_stage(assignment, 1)

    text = sign_off(assignment, coach)

    assert text == "The Extender signed off: stage 2 (Add the Diver) starts today."
    opening = StageOpening.objects.get()
    assert (opening.assignment, opening.week.number) == (assignment, 2)
    assert (opening.opened_on, opening.signed_off_by) == (TODAY, coach)
    stage = stage_now(assignment)
    assert (stage.number, stage.opened_on, stage.title) == (2, TODAY, "Add the Diver")
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACTIVE


def test_after_the_sign_off_stage_2_is_dated_from_today_and_stage_1_stops(assignment, coach):
    do_stage(assignment, 1)
    sign_off(assignment, coach)

    dated = weeks_dated(assignment, (START, TODAY + timedelta(days=13)))

    assert list(dated) == [(1, 1), (2, 1), (2, 2)]
    assert max(dated[(1, 1)]) < TODAY
    assert dated[(2, 1)][0] == TODAY
    assert min(dated[(2, 2)]) == TODAY + timedelta(days=7)
    diver = [item for item in assignment_schedule([assignment], between=(TODAY, TODAY))]
    assert [item.workout.title for item in diver] == [
        "Extender and Diver, morning",
        "Extender, evening",
    ]
    stage_2 = stage_workouts(assignment, 2)[0]
    assert workout_for_athlete(assignment.athlete, stage_2.pk) == (stage_2, assignment)


def test_a_mid_week_sign_off_stops_stage_1_before_that_day(assignment, coach):
    do_stage(assignment, 1)
    wednesday = TODAY + timedelta(days=2)

    sign_off(assignment, coach, today=wednesday)

    dated = weeks_dated(assignment, (START, wednesday + timedelta(days=13)))
    stage_1 = [on for (number, _), days in dated.items() if number == 1 for on in days]
    assert max(stage_1) < wednesday


def test_signing_off_again_without_the_gate_holding_is_refused(assignment, coach):
    do_stage(assignment, 1)
    sign_off(assignment, coach)

    with pytest.raises(StageNotReady) as refusal:
        sign_off(assignment, coach)

    assert str(refusal.value).startswith("Not yet: 10 sessions done in this stage (0 so far);")
    assert StageOpening.objects.count() == 1


def test_the_same_stage_cannot_be_signed_off_twice(assignment, coach):
    do_stage(assignment, 1)
    stage = stage_now(assignment)
    reading = stage_reading(assignment, stage)
    stage_sign_off(assignment=assignment, stage=stage, reading=reading, by=coach, today=TODAY)

    with pytest.raises(StageNotReady, match=r"The Extender was already signed off\."):
        stage_sign_off(assignment=assignment, stage=stage, reading=reading, by=coach, today=TODAY)
    assert StageOpening.objects.count() == 1


def test_signing_off_the_glider_opens_back_to_running(assignment, coach):
    for number in (1, 2, 3):
        opened = stage_now(assignment).opened_on
        do_stage(assignment, number, on=opened)
        text = sign_off(assignment, coach, today=opened + timedelta(days=5))

    assert text == "Add the Glider signed off: stage 4 (Back to running) starts today."
    stage = stage_now(assignment)
    assert (stage.number, stage.count, stage.title, stage.next_week) == (
        4,
        4,
        "Back to running",
        None,
    )
    assert stage.gate.h_test and stage.gate.min_sessions == 3


def test_signing_off_the_last_stage_ends_the_program(assignment, coach):
    opened = reach_running(assignment, coach)
    do_stage(assignment, 4, sessions=3, on=opened)
    h_test_report(assignment=assignment, insecure=False, today=opened + timedelta(days=2))

    text = sign_off(assignment, coach, today=opened + timedelta(days=3))

    assert text == "Back to running signed off: the return-to-play program is done."
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.DONE
    assert StageOpening.objects.filter(assignment=assignment).count() == 3


def test_opening_stage_2_deletes_no_log_of_stage_1(assignment, coach):
    logs = do_stage(assignment, 1, sessions=12)
    sets = SetLog.objects.filter(workout_log__in=logs).count()
    assert sets == 12 * 3

    sign_off(assignment, coach)
    do_stage(assignment, 2, sessions=2, on=TODAY)

    stage_1 = WorkoutLog.objects.filter(assignment=assignment, workout__week__number=1)
    assert sorted(stage_1.values_list("pk", flat=True)) == sorted(log.pk for log in logs)
    assert SetLog.objects.filter(workout_log__in=logs).count() == sets
    # The new stage starts its own record; stage 1's stays readable.
    assert stage_record(assignment, stage_now(assignment)).pains == (1, 1)
    done = stage_workouts(assignment, 1)[0]
    assert workout_for_athlete(assignment.athlete, done.pk) == (done, assignment)


def test_a_return_after_a_gap_leaves_the_stages_where_they_are(assignment):
    """A stage repeats until it opens the next: two weeks away moves no date (a numbered week
    would restart today)."""
    from programs.assignments import assignment_resume_after_gap

    do_session(assignment, stage_workouts(assignment, 1)[-1])  # the last workout of stage 1
    assignment_resume_after_gap(assignment=assignment, today=START + timedelta(days=21))
    assignment.refresh_from_db()
    assert assignment.start_date == START

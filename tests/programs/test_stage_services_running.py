"""Back to running, the L-protocol's last stage: runs logged with their pain and no sets, and
the athlete's H-test report, which the gate waits for (insecurity keeps it shut; a report
outside the running stage is refused or not counted)."""

from datetime import timedelta

import pytest

from logbook.models import HTestReport
from logbook.stages import NoHTest, h_test_report, stage_reading, stage_record
from programs.models import Assignment, AssignmentStatus
from programs.return_to_play import StageNotReady, stage_now
from tests.programs.stages import TODAY, do_stage, reach_running, sign_off, stage_workouts

pytestmark = pytest.mark.usefixtures("monday_12_october")


# Back to running: runs logged with their pain, and the athlete's H-test report


def test_a_run_is_logged_with_its_pain_and_no_sets(assignment, coach):
    opened = reach_running(assignment, coach)
    [run] = do_stage(assignment, 4, sessions=1, pain=1, on=opened)
    assert run.workout.title == "Run" and not run.sets.exists()
    assert stage_record(assignment, stage_now(assignment)).pains == (1,)


def test_three_good_runs_wait_for_the_h_test(assignment, coach):
    opened = reach_running(assignment, coach)
    do_stage(assignment, 4, sessions=3, on=opened)
    with pytest.raises(StageNotReady) as refusal:
        sign_off(assignment, coach, today=opened + timedelta(days=3))
    assert str(refusal.value) == (
        "Not yet: The H-test done with no insecurity reported (not reported yet)."
    )
    assert stage_now(assignment).number == 4


def test_insecurity_keeps_the_stage_shut_until_a_later_test_feels_secure(assignment, coach):
    opened = reach_running(assignment, coach)
    do_stage(assignment, 4, sessions=3, on=opened)
    day = opened + timedelta(days=1)
    h_test_report(assignment=assignment, insecure=True, today=day)
    reading = stage_reading(assignment, stage_now(assignment))
    assert reading.missing == [
        f"The H-test done with no insecurity reported (insecurity on {day:%a} {day.day} {day:%b})"
    ]

    h_test_report(assignment=assignment, insecure=False, today=opened + timedelta(days=3))

    assert stage_reading(assignment, stage_now(assignment)).ready


def test_a_later_insecure_report_shuts_the_stage_again(assignment, coach):
    opened = reach_running(assignment, coach)
    do_stage(assignment, 4, sessions=3, on=opened)
    h_test_report(assignment=assignment, insecure=False, today=opened)
    h_test_report(assignment=assignment, insecure=True, today=opened + timedelta(days=1))
    assert not stage_reading(assignment, stage_now(assignment)).ready


def test_a_second_answer_the_same_day_replaces_the_first(assignment, coach):
    opened = reach_running(assignment, coach)
    h_test_report(assignment=assignment, insecure=True, today=opened)
    report = h_test_report(assignment=assignment, insecure=False, today=opened)
    assert HTestReport.objects.get() == report
    assert (report.athlete, report.week.number, report.on_date, report.insecure) == (
        assignment.athlete,
        4,
        opened,
        False,
    )


def test_a_stage_without_the_h_test_refuses_a_report(assignment):
    with pytest.raises(NoHTest, match=r"This stage does not ask for the H-test\."):
        h_test_report(assignment=assignment, insecure=False, today=TODAY)
    assert not HTestReport.objects.exists()


def test_an_ended_program_refuses_a_report(assignment, coach):
    reach_running(assignment, coach)
    Assignment.objects.filter(pk=assignment.pk).update(status=AssignmentStatus.CANCELLED)
    assignment.refresh_from_db()
    with pytest.raises(NoHTest):
        h_test_report(assignment=assignment, insecure=False, today=TODAY)
    assert not HTestReport.objects.exists()


def test_a_report_before_the_running_stage_opens_is_refused(assignment, coach):
    opened = reach_running(assignment, coach)
    with pytest.raises(NoHTest, match=r"Back to running starts on .*: report the H-test from"):
        h_test_report(assignment=assignment, insecure=False, today=opened - timedelta(days=1))
    assert not HTestReport.objects.exists()


def test_an_h_test_report_of_an_earlier_stage_does_not_count_in_running(assignment, coach):
    """The gate reads the running stage's reports only (a report hangs on its stage)."""
    opened = reach_running(assignment, coach)
    stage_3 = stage_workouts(assignment, 3)[0].week
    HTestReport.objects.create(
        athlete=assignment.athlete,
        assignment=assignment,
        week=stage_3,
        on_date=opened - timedelta(days=1),
        insecure=False,
    )
    assert stage_record(assignment, stage_now(assignment)).h_test is None

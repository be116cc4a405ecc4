"""The L-protocol assigned to an athlete: stage 1 repeats every week from the start, the later
stages have no dates until the coach signs the one before off, the gate reads the logbook, and
the last sign-off ends the program. Nothing logged in a stage is lost when the next opens."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.http import Http404

from logbook.models import HTestReport, PainKind, PainWhere, SetLog, Side, WorkoutLog
from logbook.services import pain_stop_record, set_log, workout_finish, workout_start
from logbook.stages import NoHTest, h_test_report, stage_reading, stage_record
from programs.access import workout_for_athlete
from programs.assignments import assignment_schedule, program_assign, scheduled_on
from programs.library_load import load_library
from programs.models import Assignment, AssignmentStatus, Program, StageOpening, Workout
from programs.season import StageNotReady, stage_now, stage_sign_off

SLUG = "return-to-play-l-protocol"
START = date(2026, 10, 5)  # a Monday
TODAY = date(2026, 10, 12)  # the Monday of the second week of stage 1
TWO_WEEKS = (START, START + timedelta(days=13))


@pytest.fixture(autouse=True)
def monday_12_october(time_machine):
    time_machine.move_to(datetime(2026, 10, 12, 12, tzinfo=UTC), tick=False)


@pytest.fixture
def library(catalogue):
    load_library()


def assign_l_protocol(athlete, coach, start: date = START) -> Assignment:
    template = Program.objects.library().get(slug=SLUG)
    return program_assign(template=template, athlete=athlete, start_date=start, by=coach)


@pytest.fixture
def assignment(library, athlete, coach) -> Assignment:
    return assign_l_protocol(athlete, coach)


def stage_workouts(assignment: Assignment, number: int) -> list[Workout]:
    return list(
        Workout.objects.filter(week__program=assignment.program, week__number=number)
        .select_related("week__gate")
        .order_by("day", "id")
    )


def do_session(assignment, workout, *, occurrence=1, pain=1, on=START) -> WorkoutLog:
    """The athlete does every prescribed set of the workout and finishes with this pain."""
    log = workout_start(
        athlete=assignment.athlete,
        assignment=assignment,
        workout=workout,
        today=on,
        occurrence=occurrence,
    )
    for prescription in workout.prescriptions.all():
        for number in range(1, prescription.sets + 1):
            set_log(
                workout_log=log,
                token=uuid.uuid4(),
                exercise_id=prescription.exercise_id,
                prescription=prescription,
                set_number=number,
                reps=prescription.target_for_set(number),
            )
    return workout_finish(workout_log=log, rpe=4, pain=pain)


def do_stage(assignment, number: int, *, sessions=10, pain=1, on=START) -> list[WorkoutLog]:
    """`sessions` of the stage's workouts done in a row, each at this pain."""
    workouts = stage_workouts(assignment, number)
    return [
        do_session(
            assignment,
            workouts[n % len(workouts)],
            occurrence=n // len(workouts) + 1,
            pain=pain,
            on=on + timedelta(days=n // 2),
        )
        for n in range(sessions)
    ]


def sign_off(assignment, by, today=TODAY) -> str:
    stage = stage_now(assignment)
    return stage_sign_off(
        assignment=assignment,
        stage=stage,
        reading=stage_reading(assignment, stage),
        by=by,
        today=today,
    )


def weeks_dated(assignment, between) -> dict[tuple[int, int], list]:
    """(stage, occurrence): the dates of its workouts, in order."""
    found = {}
    for item in assignment_schedule([assignment], between=between):
        found.setdefault((item.workout.week.number, item.occurrence), []).append(item.on)
    return found


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


def test_sessions_of_another_athletes_program_do_not_count(assignment, library, outsider):
    theirs = assign_l_protocol(outsider, outsider)
    do_stage(theirs, 1)
    assert stage_record(assignment, stage_now(assignment)).pains == ()


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


def reach_running(assignment, coach) -> date:
    """Stages 1 to 3 done and signed off, each the day after its last session; the day the
    running stage opened."""
    for number in (1, 2, 3):
        opened = stage_now(assignment).opened_on
        do_stage(assignment, number, on=opened)
        sign_off(assignment, coach, today=opened + timedelta(days=5))
    return stage_now(assignment).opened_on


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

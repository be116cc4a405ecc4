"""Last time's numbers: each exercise's sets from the latest finished session that holds it,
found by walking the athlete's sessions newest first (`logbook.workout_reads`)."""

from datetime import date

import pytest

from logbook import services
from logbook.pages.workout import last_time_sets
from programs.models import Workout

pytestmark = pytest.mark.usefixtures("catalogue")


def finished(assignment, workout, on: date, sets: dict) -> object:
    """A finished session on `on`: `sets` is prescription -> the reps (or seconds) per set."""
    log = services.workout_start(
        athlete=assignment.athlete, assignment=assignment, workout=workout, today=on
    )
    log.performed_on = on
    log.save(update_fields=["performed_on"])
    for prescription, values in sets.items():
        for number, value in enumerate(values, start=1):
            measure = {"seconds": value} if prescription.is_hold else {"reps": value}
            log.sets.create(
                exercise_id=prescription.exercise_id,
                prescription=prescription,
                set_number=number,
                band_id=prescription.band_id,
                **measure,
            )
    services.workout_finish(workout_log=log, rpe=7, pain=0)
    return log


def test_each_exercise_gets_its_own_latest_session_past_newer_ones_without_it(assignment):
    week_1 = Workout.objects.filter(week__program=assignment.program, week__number=1)
    monday, thursday = week_1.get(day=1), week_1.get(day=4)
    nordic, hold = monday.prescriptions.get(order=1), monday.prescriptions.get(order=2)
    thursday_hold = thursday.prescriptions.get(order=2)
    finished(assignment, monday, date(2026, 11, 16), {nordic: [11, 10], hold: [30, 30]})
    # Thursday: the hold only. The Nordic's latest is still Monday's.
    finished(assignment, thursday, date(2026, 11, 19), {thursday_hold: [40, 45]})

    last = last_time_sets(assignment.athlete_id, [nordic, hold], exclude=None)

    assert [(s.workout_log.performed_on, s.reps) for s in last[nordic.exercise_id]] == [
        (date(2026, 11, 16), 11),
        (date(2026, 11, 16), 10),
    ]
    assert [(s.workout_log.performed_on, s.seconds) for s in last[hold.exercise_id]] == [
        (date(2026, 11, 19), 40),
        (date(2026, 11, 19), 45),
    ]


def test_the_session_being_done_is_not_its_own_last_time(assignment):
    week_1 = Workout.objects.filter(week__program=assignment.program, week__number=1)
    monday, thursday = week_1.get(day=1), week_1.get(day=4)
    nordic = monday.prescriptions.get(order=1)
    finished(assignment, monday, date(2026, 11, 16), {nordic: [11, 10]})
    later = finished(
        assignment, thursday, date(2026, 11, 19), {thursday.prescriptions.get(order=1): [12]}
    )

    excluded = last_time_sets(assignment.athlete_id, [nordic], exclude=later)
    included = last_time_sets(assignment.athlete_id, [nordic], exclude=None)

    assert [s.reps for s in excluded[nordic.exercise_id]] == [11, 10]
    assert [s.reps for s in included[nordic.exercise_id]] == [12]


def test_an_exercise_never_done_has_no_last_time(assignment):
    monday = Workout.objects.get(week__program=assignment.program, week__number=1, day=1)
    nordic, hold = monday.prescriptions.get(order=1), monday.prescriptions.get(order=2)
    finished(assignment, monday, date(2026, 11, 16), {hold: [30]})
    last = last_time_sets(assignment.athlete_id, [nordic, hold], exclude=None)
    assert nordic.exercise_id not in last and len(last[hold.exercise_id]) == 1

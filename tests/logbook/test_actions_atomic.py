"""The athlete's actions (`logbook.actions`) are each one durable transaction: when the last
write of an action fails, none of its earlier writes is left (no empty session, no band moved
for a gap, no flag, no notice). Each failure is planted in the action's last step; what the
earlier steps wrote is checked to be gone. A real refusal (a set while paused) is checked the
same way, with nothing planted."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import transaction

from logbook import actions, pauses, services
from logbook.models import CheckIn, Flag, Message, PainPause, PainStop, SetLog, WorkoutLog
from programs.models import BandChange, Workout

DAY_1 = date(2026, 11, 16)
EVENING = datetime(2026, 11, 16, 18, tzinfo=UTC)


class Planted(Exception):
    """The failure planted in an action's last write."""


def plant(monkeypatch, target, name: str):
    def fail(*args, **kwargs):
        raise Planted

    monkeypatch.setattr(target, name, fail)


def session(assignment, workout, today=DAY_1) -> dict:
    return {
        "athlete": assignment.athlete,
        "assignment": assignment,
        "workout": workout,
        "today": today,
    }


def nordic_of(workout):
    return workout.prescriptions.get(order=1)


def log_every_set(assignment, workout, today, now):
    for prescription in workout.prescriptions.all():
        for number in range(1, prescription.sets + 1):
            actions.set_log(
                **session(assignment, workout, today),
                prescription=prescription,
                token=uuid.uuid4(),
                set_number=number,
                reps=None if prescription.is_hold else prescription.target_for_set(number),
                seconds=prescription.seconds,
                band=prescription.band,
                control="full" if prescription.order == 1 else "",
                now=now,
            )


def counts() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (WorkoutLog, SetLog, CheckIn, PainStop, PainPause, Flag, Message, BandChange)
    }


def test_a_set_whose_insert_fails_leaves_no_session_started(assignment, first_workout, monkeypatch):
    plant(monkeypatch, services, "insert_unless_taken")
    before = counts()
    with pytest.raises(Planted):
        actions.set_log(
            **session(assignment, first_workout),
            prescription=nordic_of(first_workout),
            token=uuid.uuid4(),
            set_number=1,
            reps=12,
            control="full",
        )
    assert counts() == before


def test_a_set_refused_while_paused_leaves_no_empty_session(assignment, first_workout, athlete):
    PainPause.objects.create(athlete=athlete, reason="Pain stop: sharp, high, left")
    with pytest.raises(services.EccentricPaused):
        actions.set_log(
            **session(assignment, first_workout),
            prescription=nordic_of(first_workout),
            token=uuid.uuid4(),
            set_number=1,
            reps=12,
            control="full",
        )
    assert not WorkoutLog.objects.exists()


def test_a_start_after_a_gap_whose_flag_fails_moves_no_band_and_no_schedule(
    assignment, first_workout, monkeypatch
):
    log_every_set(assignment, first_workout, DAY_1, EVENING)
    actions.workout_finish(**session(assignment, first_workout), rpe=7, pain=1, now=EVENING)
    later = Workout.objects.get(week__program=assignment.program, week__number=1, day=4)
    back = DAY_1 + timedelta(days=24)
    # The control: the same start with nothing planted writes the gap's easier band (in a
    # savepoint rolled back after it, so the planted start below begins from the same state).
    changes = BandChange.objects.count()
    with transaction.atomic():
        actions.workout_begin.__wrapped__(**session(assignment, later, back))
        assert BandChange.objects.count() == changes + 1
        transaction.set_rollback(True)
    assignment.refresh_from_db()  # the control moved the object's start date, not the row's
    start_date = assignment.start_date
    plant(monkeypatch, services, "nordic_too_soon")  # the start's last step, after the gap
    before = counts()
    with pytest.raises(Planted):
        actions.workout_begin(**session(assignment, later, back))
    assert counts() == before
    assignment.refresh_from_db()
    assert assignment.start_date == start_date == DAY_1


def test_a_check_in_whose_save_fails_leaves_no_session_started(
    assignment, first_workout, monkeypatch
):
    plant(monkeypatch, services, "check_in_save")
    before = counts()
    with pytest.raises(Planted):
        actions.check_in(**session(assignment, first_workout), soreness=3)
    assert counts() == before


def test_a_pain_stop_whose_pause_fails_leaves_no_session_stop_flag_notice_or_band(
    assignment, first_workout, monkeypatch
):
    plant(monkeypatch, pauses, "pause_if_pain")  # the stop's last write
    before = counts()
    with pytest.raises(Planted):
        actions.pain_stop(
            **session(assignment, first_workout),
            exercise=nordic_of(first_workout).exercise,
            side="left",
            where="high",
            kind="sharp",
        )
    assert counts() == before


def test_a_finish_whose_pause_fails_leaves_the_session_open_and_the_bands_as_they_were(
    assignment, first_workout, monkeypatch
):
    log_every_set(assignment, first_workout, DAY_1, EVENING)
    plant(monkeypatch, pauses, "pause_if_pain")  # the finish's last write
    before = counts()
    with pytest.raises(Planted):
        actions.workout_finish(**session(assignment, first_workout), rpe=7, pain=6, now=EVENING)
    assert counts() == before
    assert WorkoutLog.objects.get().completed_at is None


def test_a_skip_whose_write_fails_leaves_no_skip(assignment, first_workout, monkeypatch):
    plant(monkeypatch, actions.WorkoutSkip.objects, "get_or_create")
    with pytest.raises(Planted):
        actions.workout_skip(**session(assignment, first_workout, DAY_1 + timedelta(days=3)))
    assert not actions.WorkoutSkip.objects.exists()

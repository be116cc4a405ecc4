"""Flags raised by the services: pain for every session it happens in, anything else once until
the coach acknowledges it."""

import pytest

from logbook.flags import flag_acknowledge, flag_raise
from logbook.models import Flag, FlagKind, WorkoutLog


@pytest.fixture
def logs(athlete):
    from datetime import date

    return [
        WorkoutLog.objects.create(athlete=athlete, performed_on=date(2026, 11, day))
        for day in (2, 4)
    ]


def test_pain_is_flagged_per_session(athlete, logs):
    for log in logs:
        flag_raise(athlete=athlete, kind=FlagKind.PAIN, detail="Pain 6/10", workout_log=log)
        flag_raise(athlete=athlete, kind=FlagKind.PAIN, detail="Pain 6/10", workout_log=log)
    assert Flag.objects.open().filter(kind="pain").count() == 2


def test_a_band_moved_back_is_one_open_flag_however_many_sessions(athlete, logs, coach):
    for log in logs:
        flag_raise(athlete=athlete, kind=FlagKind.REGRESSION, detail="Held", workout_log=log)
    [flag] = Flag.objects.open()
    flag_acknowledge(flag=flag, by=coach, note="Seen")
    flag_raise(athlete=athlete, kind=FlagKind.REGRESSION, detail="Again", workout_log=logs[1])
    assert list(Flag.objects.open().values_list("detail", flat=True)) == ["Again"]
    assert Flag.objects.count() == 2  # the acknowledged one stays in the history

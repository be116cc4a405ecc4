"""Load and readiness on the coach's athlete page: session RPE x minutes per week of the
hamstring sessions logged here (no acute:chronic ratio), and the check-in trend."""

from datetime import UTC, date, datetime, timedelta

import pytest

from logbook import services as logbook
from logbook.models import CheckIn, WorkoutLog

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(datetime(2026, 11, 23, 9, tzinfo=UTC), tick=False)


def session(athlete, on: date, *, rpe: int, minutes: int, soreness=None, sleep=None):
    """A free session that took `minutes`, with its check-in."""
    start = datetime(on.year, on.month, on.day, 18, tzinfo=UTC)
    log = WorkoutLog.objects.create(athlete=athlete, performed_on=on, started_at=start)
    logbook.workout_finish(workout_log=log, rpe=rpe, pain=0, now=start + timedelta(minutes=minutes))
    CheckIn.objects.create(
        athlete=athlete,
        on_date=on,
        workout_log=log,
        soreness=soreness,
        sleep=sleep,
        fatigue=sleep,
        stress=sleep,
        mood=sleep,
    )


def test_it_shows_the_weekly_load_of_hamstring_sessions_and_the_trends(coach_client, athlete):
    for days_ago in (1, 3, 8, 10, 15, 17, 22, 24):
        session(
            athlete,
            date(2026, 11, 23) - timedelta(days=days_ago),
            rpe=6,
            minutes=40,
            soreness=3,
            sleep=4,
        )
    page = coach_client.get(f"/coach/athletes/{athlete.pk}/").text
    assert "Weekly volume, AU: 1920" in page  # 8 sessions of RPE 6 x 40 minutes
    assert "Weekly load, hamstring sessions only (session RPE x minutes)" in page
    # Lolli 2019, Impellizzeri 2020: the ratio couples its terms; it is not shown.
    assert "acute" not in page.lower() and "chronic" not in page.lower()
    assert "Soreness before sessions: 8 check-ins, latest 3 /10" in page
    assert "Readiness (sleep, fatigue, stress, mood)" in page


def test_without_load_it_says_so(coach_client, athlete):
    page = coach_client.get(f"/coach/athletes/{athlete.pk}/").text
    assert "No hamstring session load logged yet." in page
    assert "Weekly load, hamstring sessions only" not in page


def test_a_session_of_implausible_length_carries_no_load(athlete):
    start = datetime(2026, 11, 20, 18, tzinfo=UTC)
    log = WorkoutLog.objects.create(
        athlete=athlete, performed_on=date(2026, 11, 20), started_at=start
    )
    logbook.workout_finish(workout_log=log, rpe=7, pain=0, now=start + timedelta(hours=9))
    log = WorkoutLog.objects.get()
    assert (log.clock_minutes, log.load_minutes) == (None, None)


def test_the_load_counts_the_minutes_the_athlete_confirmed_over_the_clock(coach_client, athlete):
    start = datetime(2026, 11, 20, 18, tzinfo=UTC)
    log = WorkoutLog.objects.create(
        athlete=athlete, performed_on=date(2026, 11, 20), started_at=start
    )
    # The page stayed open for 2 hours; the athlete says the session took 45 minutes.
    logbook.workout_finish(
        workout_log=log, rpe=6, pain=0, minutes=45, now=start + timedelta(hours=2)
    )
    page = coach_client.get(f"/coach/athletes/{athlete.pk}/").text
    assert "Weekly volume, AU: 270" in page  # RPE 6 x 45, not x 120

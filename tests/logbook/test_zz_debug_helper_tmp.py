from datetime import date

from logbook.models import WorkoutLog
from tests.logbook.test_return_after_gap import *  # noqa
from tests.logbook.test_return_after_gap import clock, trained_on_day_1  # noqa


def test_debug(athlete_client, trained_on_day_1, clock):
    a = trained_on_day_1
    print(list(WorkoutLog.objects.values("performed_on", "completed_at", "workout_id")))
    clock.move_to(evening(date(2026, 11, 30)), tick=False)
    from django.utils import timezone

    print("today", timezone.localdate())
    r = open_page(athlete_client, workout(a, 1, 4))
    print(r.status_code)
    a.refresh_from_db()
    print(a.start_date)

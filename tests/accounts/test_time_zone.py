"""Each person's day is their own: the signed-in person's time zone is active for their
request, so "today" and the dates of their sessions follow it."""

import uuid
from datetime import UTC, datetime

import pytest

from catalogue.models import Exercise
from logbook.models import WorkoutLog

pytestmark = pytest.mark.usefixtures("catalogue")

# Noon UTC on Tuesday 10 March 2026: 1:00 on Wednesday in Auckland (UTC+13), 2:00 on Tuesday
# in Honolulu (UTC-10).
INSTANT = datetime(2026, 3, 10, 12, tzinfo=UTC)


def log_a_free_set(client) -> WorkoutLog:
    squat = Exercise.objects.get(slug="banded-squat")
    client.post("/free/new/", {"token": uuid.uuid4(), "exercise": squat.pk, "reps": 10})
    return WorkoutLog.objects.latest("pk")


@pytest.mark.parametrize(
    ("zone", "day", "shown"),
    [
        ("Pacific/Auckland", 11, "Wednesday 11 March"),
        ("Pacific/Honolulu", 10, "Tuesday 10 March"),
        ("UTC", 10, "Tuesday 10 March"),
    ],
)
def test_a_session_is_dated_by_the_athletes_own_day(
    athlete_client, athlete, time_machine, zone, day, shown
):
    athlete.timezone = zone
    athlete.save()
    time_machine.move_to(INSTANT, tick=False)
    log = log_a_free_set(athlete_client)
    assert log.performed_on.day == day
    assert shown in athlete_client.get(f"/free/{log.pk}/").text


def test_the_day_turns_at_the_athletes_midnight_not_utcs(athlete_client, athlete, time_machine):
    athlete.timezone = "Pacific/Auckland"  # UTC+13 in March
    athlete.save()
    time_machine.move_to(datetime(2026, 3, 9, 10, 59, tzinfo=UTC), tick=False)  # 23:59 there
    before = log_a_free_set(athlete_client)
    time_machine.move_to(datetime(2026, 3, 9, 11, 1, tzinfo=UTC), tick=False)  # 00:01 there
    # A new day: "Start a free session" does not resume yesterday's, it opens a new one.
    assert athlete_client.post("/free/")["Location"] == "/free/new/"
    after = log_a_free_set(athlete_client)
    assert (before.performed_on.day, after.performed_on.day) == (9, 10)


def test_a_zone_the_system_does_not_know_falls_back_to_utc(athlete_client, athlete, time_machine):
    type(athlete).objects.filter(pk=athlete.pk).update(timezone="Nowhere/Atlantis")
    time_machine.move_to(INSTANT, tick=False)
    log = log_a_free_set(athlete_client)
    assert log.performed_on.day == 10
    assert athlete_client.get("/accounts/settings/").status_code == 200


def test_the_zone_does_not_leak_into_the_next_anonymous_request(
    athlete_client, athlete, client, time_machine
):
    from django.utils import timezone

    athlete.timezone = "Pacific/Auckland"
    athlete.save()
    athlete_client.get("/accounts/settings/")
    assert timezone.get_current_timezone_name() == "UTC"

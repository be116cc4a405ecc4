"""The private iCal feed: phone calendars subscribe to /calendar.ics?token=... (no login), and a
new link replaces the old one, which then answers 404."""

from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from logbook import services as logbook
from logbook.models import CalendarFeed
from logbook.models.feeds import calendar_feed_renew
from programs.models import Workout

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture(autouse=True)
def thursday_19_november(time_machine):
    time_machine.move_to(datetime(2026, 11, 19, 9, tzinfo=UTC), tick=False)


@pytest.fixture
def feed(athlete):
    return calendar_feed_renew(user=athlete)


def events_of(response) -> list:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content).walk("VEVENT")


def finish_day_1_on_tuesday(assignment) -> None:
    first = Workout.objects.get(week__program=assignment.program, week__number=1, day=1)
    log = logbook.workout_start(
        athlete=assignment.athlete, assignment=assignment, workout=first, today=date(2026, 11, 17)
    )
    log.sets.create(exercise_id=first.prescriptions.first().exercise_id, set_number=1, reps=12)
    logbook.workout_finish(workout_log=log, rpe=7, pain=0)


def test_it_lists_the_dated_workouts_as_all_day_events(client, feed, assignment):
    finish_day_1_on_tuesday(assignment)

    events = events_of(client.get(f"/calendar.ics?token={feed.token}"))
    days = [(event.decoded("dtstart"), str(event["summary"])) for event in events]
    # Done on Tue 17 Nov (scheduled for Mon 16): dated by the day it was done.
    assert days == [
        (date(2026, 11, 17), "✓ Session day 1"),
        (date(2026, 11, 19), "Session day 4"),
        (date(2026, 11, 23), "Session day 1"),
        (date(2026, 11, 26), "Session day 4"),
    ]
    for event in events:  # all-day: a date, ending the next day
        assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(days=1)
    assert "Nordic block, week 1. Done." in str(events[0]["description"])
    assert "Nordic block, week 2. Upcoming." in str(events[2]["description"])


def uids(client, feed) -> dict:
    events = events_of(client.get(f"/calendar.ics?token={feed.token}"))
    return {
        str(event["summary"]).lstrip("✓ ") + str(event.decoded("dtstart")): str(event["uid"])
        for event in events
    }


def test_its_uids_stay_the_same_when_a_workout_is_done_on_another_day(client, feed, assignment):
    before = uids(client, feed)
    assert len(set(before.values())) == 4
    assert uids(client, feed) == before
    finish_day_1_on_tuesday(assignment)
    after = uids(client, feed)
    assert set(after.values()) == set(before.values())
    # The event moved to the day it was done, under the same UID.
    assert after["Session day 12026-11-17"] == before["Session day 12026-11-16"]


def test_it_needs_no_login_and_shows_only_the_owners_workouts(client, feed, assignment, outsider):
    other = calendar_feed_renew(user=outsider)
    assert events_of(client.get(f"/calendar.ics?token={other.token}")) == []
    assert len(events_of(client.get(f"/calendar.ics?token={feed.token}"))) == 4


@pytest.mark.parametrize(
    "query", ["", "?token=", "?token=nope", "?token=%00%ff", "?other=1", "?token=" + "a" * 43]
)
def test_a_wrong_token_answers_404(client, feed, query):
    assert client.get(f"/calendar.ics{query}").status_code == 404


def test_a_deactivated_persons_feed_answers_404(client, feed, assignment, athlete):
    assert client.get(f"/calendar.ics?token={feed.token}").status_code == 200
    athlete.is_active = False
    athlete.save(update_fields=["is_active"])
    response = client.get(f"/calendar.ics?token={feed.token}")
    assert response.status_code == 404
    assert b"BEGIN:VCALENDAR" not in response.content


def test_a_new_link_replaces_the_old_one(athlete_client, feed, assignment):
    old = feed.token
    response = athlete_client.post("/calendar/link/")
    assert response.status_code == 302
    assert response["Location"] == "/calendar/#feed"
    new = CalendarFeed.objects.get(user=feed.user).token
    assert new != old
    page = athlete_client.get("/calendar/").text
    assert "New calendar link made: the old one no longer works." in page
    assert f"/calendar.ics?token={new}" in page and old not in page
    assert athlete_client.get(f"/calendar.ics?token={old}").status_code == 404
    assert len(events_of(athlete_client.get(f"/calendar.ics?token={new}"))) == 4


def test_the_calendar_page_offers_a_link_to_make_one_first(athlete_client, athlete):
    page = athlete_client.get("/calendar/").text
    assert "Make a calendar link" in page and "/calendar.ics?token=" not in page
    athlete_client.post("/calendar/link/")
    feed = CalendarFeed.objects.get(user=athlete)
    page = athlete_client.get("/calendar/").text
    assert f"http://testserver/calendar.ics?token={feed.token}" in page
    assert "New link" in page


def test_making_a_link_needs_login_and_a_post(client, athlete):
    assert client.post("/calendar/link/")["Location"].startswith("/accounts/login/")
    assert CalendarFeed.objects.count() == 0
    client.force_login(athlete)
    assert client.get("/calendar/link/").status_code == 405
    assert CalendarFeed.objects.count() == 0

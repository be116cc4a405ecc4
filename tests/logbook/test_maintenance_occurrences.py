"""The maintenance week repeats: one workout, week after week, each week its own occurrence
(`?n=`), logged, finished, skipped and dated apart from the others on every page and in the
iCal feed.

The 10-week Nordic started twelve weeks before today (Monday 16 November 2026): its maintenance
week (week 11) first came on Monday 2 November, again on 9 November, and today is its third
occurrence; the fourth is next Monday."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from logbook.models import WorkoutLog, WorkoutSkip
from logbook.models.feeds import calendar_feed_renew
from programs import assignments, dating
from programs.models import Program, Workout
from tests.logbook.conftest import set_data
from tests.logbook.reading import seen

pytestmark = pytest.mark.usefixtures("catalogue")

TODAY = date(2026, 11, 16)  # a Monday
FIRST_MAINTENANCE = date(2026, 11, 2)


@pytest.fixture(autouse=True)
def monday_16_november(time_machine):
    time_machine.move_to(datetime(2026, 11, 16, 9, tzinfo=UTC), tick=False)


@pytest.fixture
def maintained(library, athlete, coach):
    """The athlete twelve weeks into the 10-week Nordic: today is maintenance occurrence 3."""
    nordic = Program.objects.library().get(slug="band-assisted-nordic")
    start = timezone.localdate() - timedelta(weeks=12)
    assert (start, start.weekday()) == (date(2026, 8, 24), 0)
    return assignments.program_assign(template=nordic, athlete=athlete, start_date=start, by=coach)


@pytest.fixture
def maintenance(maintained) -> Workout:
    return Workout.objects.get(week__program=maintained.program, week__is_maintenance=True)


@pytest.fixture
def ordinary(maintained) -> Workout:
    """Session A of week 3, an ordinary week: it happens once."""
    return Workout.objects.get(week__program=maintained.program, week__number=3, day=1)


def log_set(client, workout, query: str = "?n=3", number: int = 1):
    data = set_data(workout.prescriptions.get(), number)
    return client.post(f"/workouts/{workout.pk}/sets/{query}", data)


def finish(client, workout, query: str = "?n=3"):
    return client.post(f"/workouts/{workout.pk}/finish/{query}", {"rpe": 7, "pain": 0})


def logs(maintained) -> list[tuple[int, bool]]:
    return sorted(
        (log.occurrence, log.completed_at is not None)
        for log in WorkoutLog.objects.filter(assignment=maintained)
    )


def test_the_setup_is_the_one_described(maintained, maintenance):
    assert maintenance.week.number == 11 and maintenance.title == "Nordic maintenance"
    assert dating.scheduled_on(maintained, maintenance, 1) == FIRST_MAINTENANCE
    assert dating.scheduled_on(maintained, maintenance, 3) == TODAY


# -- /today/ -------------------------------------------------------------------------------------


def test_today_shows_this_weeks_maintenance_with_its_occurrence(
    athlete_client, maintained, maintenance
):
    response = athlete_client.get("/today/")
    [due] = response.context["todays"]
    assert (due.workout.pk, due.occurrence, due.on) == (maintenance.pk, 3, TODAY)
    assert f'href="/workouts/{maintenance.pk}/?n=3"' in response.text
    assert "Today · Mon 16 Nov" in seen(response.text)
    next_up = response.context["next_up"]
    assert (next_up.workout.pk, next_up.occurrence, next_up.on) == (
        maintenance.pk,
        4,
        date(2026, 11, 23),
    )


def test_the_workout_page_shows_the_occurrence_and_its_day(athlete_client, maintained, maintenance):
    response = athlete_client.get(f"/workouts/{maintenance.pk}/?n=3")
    assert response.status_code == 200
    assert "Band-assisted Nordic, 10 weeks · maintenance, its week 3" in seen(response.text)
    assert '<time datetime="2026-11-16">' in response.text
    first = athlete_client.get(f"/workouts/{maintenance.pk}/")
    assert '<time datetime="2026-11-02">' in first.text and "its week" not in first.text


# -- Logging and finishing one occurrence --------------------------------------------------------


def test_logging_a_set_on_occurrence_3_logs_occurrence_3(athlete_client, maintained, maintenance):
    rx = maintenance.prescriptions.get()
    response = log_set(athlete_client, maintenance)
    assert response.status_code == 302
    assert response["Location"] == f"/workouts/{maintenance.pk}/?n=3#set-{rx.pk}-1-both"
    log = WorkoutLog.objects.get(assignment=maintained)
    assert (log.occurrence, log.performed_on, log.sets.count()) == (3, TODAY, 1)
    # The week missed before it is still missed, not merged into this one.
    assert not WorkoutLog.objects.filter(occurrence=2).exists()
    calendar = athlete_client.get("/calendar/?from=2026-11-09&weeks=1").text
    assert "Missed Nordic maintenance" in seen(calendar)
    assert f'href="/workouts/{maintenance.pk}/?n=2"' in calendar


def test_each_occurrence_gets_its_own_log(athlete_client, maintained, maintenance):
    log_set(athlete_client, maintenance, "?n=3")
    log_set(athlete_client, maintenance, "?n=2")  # the missed week, made up today
    log_set(athlete_client, maintenance, "?n=3", number=2)  # this week's second set
    assert logs(maintained) == [(2, False), (3, False)]
    three = WorkoutLog.objects.get(occurrence=3)
    assert three.sets.count() == 2


def test_finishing_occurrence_3_completes_only_it(athlete_client, maintained, maintenance):
    log_set(athlete_client, maintenance, "?n=2")
    log_set(athlete_client, maintenance, "?n=3")
    response = finish(athlete_client, maintenance, "?n=3")
    three = WorkoutLog.objects.get(occurrence=3)
    assert response.status_code == 302
    assert response["Location"] == f"/logs/{three.pk}/"
    assert logs(maintained) == [(2, False), (3, True)]


def test_after_finishing_today_shows_it_done_and_next_weeks_next_up(
    athlete_client, maintained, maintenance
):
    log_set(athlete_client, maintenance)
    finish(athlete_client, maintenance)
    three = WorkoutLog.objects.get(occurrence=3)
    response = athlete_client.get("/today/")
    assert response.context["todays"] == []
    [done] = response.context["done_today"]
    assert (done.workout.pk, done.occurrence) == (maintenance.pk, 3)
    assert f'href="/logs/{three.pk}/"' in response.text
    assert "✓ Done · Mon 16 Nov" in seen(response.text)
    assert response.context["next_up"].occurrence == 4
    assert f'href="/workouts/{maintenance.pk}/?n=4"' in response.text
    # The next occurrence starts afresh: its page is a workout to do, not this log.
    assert athlete_client.get(f"/workouts/{maintenance.pk}/?n=4").status_code == 200
    assert athlete_client.get(f"/workouts/{maintenance.pk}/?n=3")["Location"] == (
        f"/logs/{three.pk}/"
    )


# -- ?n= on what does not repeat, and ?n= that is not a number -----------------------------------


def test_a_later_occurrence_of_an_ordinary_week_is_not_found(athlete_client, ordinary):
    assert athlete_client.get(f"/workouts/{ordinary.pk}/?n=2").status_code == 404
    assert log_set(athlete_client, ordinary, "?n=2").status_code == 404
    assert finish(athlete_client, ordinary, "?n=2").status_code == 404
    assert athlete_client.post(f"/workouts/{ordinary.pk}/skip/?n=2").status_code == 404
    assert not WorkoutLog.objects.exists() and not WorkoutSkip.objects.exists()
    assert athlete_client.get(f"/workouts/{ordinary.pk}/?n=1").status_code == 200


@pytest.mark.parametrize("n", ["abc", "", "-3", "0", "2.5", "²"])
def test_an_occurrence_that_is_not_a_number_is_the_first(athlete_client, ordinary, n):
    response = athlete_client.get(f"/workouts/{ordinary.pk}/?n={n}")
    assert response.status_code == 200
    assert "Nordic session A" in response.text


def test_a_set_logged_with_n_abc_belongs_to_the_first_occurrence(
    athlete_client, maintained, maintenance
):
    assert log_set(athlete_client, maintenance, "?n=abc").status_code == 302
    assert logs(maintained) == [(1, False)]


# -- Skipping ------------------------------------------------------------------------------------


def test_skipping_the_missed_occurrence_2_skips_only_it(athlete_client, maintained, maintenance):
    response = athlete_client.post(f"/workouts/{maintenance.pk}/skip/?n=2")
    assert response.status_code == 302
    skip = WorkoutSkip.objects.get()
    assert (skip.assignment, skip.workout, skip.occurrence) == (maintained, maintenance, 2)
    today = athlete_client.get("/today/")
    assert "Skipped Nordic maintenance. It still counts as missed." in seen(today.text)
    assert [item.occurrence for item in today.context["todays"]] == [3]
    calendar = seen(athlete_client.get("/calendar/?from=2026-11-09&weeks=2").text)
    assert "Skipped Nordic maintenance" in calendar
    assert "Today ● Today Nordic maintenance" in calendar


def test_this_weeks_occurrence_cannot_be_skipped_yet(athlete_client, maintained, maintenance):
    response = athlete_client.post(f"/workouts/{maintenance.pk}/skip/?n=3", follow=True)
    assert "Nordic maintenance is not missed yet: it is still to do." in seen(response.text)
    assert not WorkoutSkip.objects.exists()


# -- The iCal feed -------------------------------------------------------------------------------


def test_the_feed_gives_each_maintenance_week_its_own_uid(client, athlete, maintained, maintenance):
    feed = calendar_feed_renew(user=athlete)
    response = client.get(f"/calendar.ics?token={feed.token}")
    assert response.status_code == 200
    events = Calendar.from_ical(response.content).walk("VEVENT")
    weekly = [event for event in events if str(event["summary"]) == "Nordic maintenance"]
    # Four weeks back (from 19 October) to twelve ahead (8 February): 2 November on, weekly.
    assert [event.decoded("dtstart") for event in weekly] == [
        FIRST_MAINTENANCE + timedelta(weeks=n) for n in range(15)
    ]
    uids = [str(event["uid"]) for event in weekly]
    prefix = f"workout-{maintained.pk}-{maintenance.pk}-"
    assert uids == [f"{prefix}{n}@testserver" for n in range(1, 16)]
    assert len({str(event["uid"]) for event in events}) == len(events)  # weeks 9 and 10 too
    today = weekly[2]
    assert str(today["url"]) == f"http://testserver/workouts/{maintenance.pk}/?n=3"
    assert str(weekly[0]["url"]) == f"http://testserver/workouts/{maintenance.pk}/"


# -- The athlete's calendar ----------------------------------------------------------------------


def test_the_calendar_runs_the_same_queries_for_one_and_twenty_weeks_of_maintenance(
    athlete_client, maintained, maintenance
):
    log_set(athlete_client, maintenance)
    pages = {}
    for weeks in (1, 20):
        with CaptureQueriesContext(connection) as queries:
            response = athlete_client.get(f"/calendar/?from=2026-11-02&weeks={weeks}")
        assert response.status_code == 200
        pages[weeks] = (len(queries), response.text)
    (short, one), (long, twenty) = pages[1], pages[20]
    assert short == long
    assert seen(one).count("Nordic maintenance") == 1
    assert seen(twenty).count("Nordic maintenance") == 20
    assert f'href="/workouts/{maintenance.pk}/?n=20"' in twenty
    assert f'href="/workouts/{maintenance.pk}/?n=2"' not in one


# -- Occurrences that do not exist yet -----------------------------------------------------------


def test_an_occurrence_after_next_weeks_cannot_be_logged(athlete_client, maintained, maintenance):
    assert log_set(athlete_client, maintenance, "?n=4").status_code == 302  # next week's: fine
    for n in (5, 3000, 100_000):
        assert log_set(athlete_client, maintenance, f"?n={n}").status_code == 404
        assert finish(athlete_client, maintenance, f"?n={n}").status_code == 404
    assert logs(maintained) == [(4, False)]


@pytest.mark.parametrize("n", ["99999999", "2147483648", "999999999999999999"])
def test_an_occurrence_no_calendar_holds_is_not_found(athlete_client, maintained, maintenance, n):
    assert athlete_client.get(f"/workouts/{maintenance.pk}/?n={n}").status_code == 404
    assert log_set(athlete_client, maintenance, f"?n={n}").status_code == 404
    assert finish(athlete_client, maintenance, f"?n={n}").status_code == 404
    skip = athlete_client.post(f"/workouts/{maintenance.pk}/skip/?n={n}", follow=True)
    assert "Nordic maintenance is not missed yet" in seen(skip.text)
    assert not WorkoutLog.objects.exists() and not WorkoutSkip.objects.exists()


def test_a_week_the_calendar_shows_ahead_still_opens(athlete_client, maintained, maintenance):
    response = athlete_client.get(f"/workouts/{maintenance.pk}/?n=20")
    assert response.status_code == 200
    assert "Nordic maintenance" in response.text


def test_a_log_stored_with_a_far_occurrence_still_opens(athlete_client, maintained, maintenance):
    """Rows written before occurrences were bounded: their pages answer, dated by the day done."""
    from logbook import services

    log = services.workout_start(
        athlete=maintained.athlete,
        assignment=maintained,
        workout=maintenance,
        today=TODAY,
        occurrence=99_999_999,
    )
    response = athlete_client.get(f"/logs/{log.pk}/")
    assert response.status_code == 200
    assert "16 Nov" in seen(response.text)
    assert athlete_client.get("/history/").status_code == 200

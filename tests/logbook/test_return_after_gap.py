"""Starting a workout two weeks or more after the last session (rule 3'): the page asks first and
writes nothing (a GET); the start (a POST) makes the week it stopped in start again today and
each tracked band of the workout one step easier (two from four weeks), once."""

from datetime import UTC, date, datetime, timedelta

import pytest

from catalogue.models import Band
from programs.bands import band_set_by_coach
from programs.dating import scheduled_on
from programs.models import BandChange, Workout
from tests.logbook.conftest import set_data
from tests.logbook.reading import seen

pytestmark = pytest.mark.usefixtures("catalogue")
HTMX = {"HX-Request": "true"}
START = date(2026, 11, 16)  # a Monday: week 1 is days 16 and 19 November


def evening(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 18, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(evening(START), tick=False)
    return time_machine


def workout(assignment, week: int, day: int) -> Workout:
    return Workout.objects.get(week__program=assignment.program, week__number=week, day=day)


def train(client, workout):
    """Every set of the workout as prescribed, then finish it."""
    for prescription in workout.prescriptions.all():
        for number in range(1, prescription.sets + 1):
            client.post(
                f"/workouts/{workout.pk}/sets/", set_data(prescription, number), headers=HTMX
            )
    client.post(f"/workouts/{workout.pk}/finish/", {"rpe": 7, "pain": 0})


def open_page(client, workout):
    return client.get(f"/workouts/{workout.pk}/")


def start_workout(client, workout):
    """The athlete's "Start the workout" on the page that asked, then the workout page."""
    client.post(f"/workouts/{workout.pk}/start/")
    return open_page(client, workout)


def come_back(client, clock, athlete, day: date):
    """The athlete returns on `day`; a login lasts two weeks, so they sign in again."""
    clock.move_to(evening(day), tick=False)
    client.force_login(athlete)


def gap_changes():
    return BandChange.objects.filter(decided_by="engine", action="regress")


@pytest.fixture
def trained_on_day_1(athlete_client, assignment, first_workout):
    train(athlete_client, first_workout)
    return assignment


def test_14_days_away_resumes_the_week_today_one_band_easier(
    athlete_client, athlete, trained_on_day_1, clock
):
    assignment = trained_on_day_1
    come_back(athlete_client, clock, athlete, date(2026, 11, 30))
    response = start_workout(athlete_client, workout(assignment, 1, 4))
    assert response.status_code == 200
    assignment.refresh_from_db()
    assert assignment.start_date == date(2026, 11, 30)
    change = gap_changes().get()
    assert (change.from_band.name, change.to_band.name) == ("Green", "Blue")
    assert (change.status, change.by) == ("applied", None)
    assert change.reason.startswith("14 days since your last session")
    assert assignment.tracks.get().band.name == "Blue"
    assert "3 x 12/10/8, blue band, assist" in response.text


def test_14_days_away_moves_the_week_of_the_first_workout_not_done_to_today(
    athlete_client, athlete, trained_on_day_1, clock
):
    assignment = trained_on_day_1
    come_back(athlete_client, clock, athlete, date(2026, 11, 30))
    start_workout(athlete_client, workout(assignment, 1, 4))
    assignment.refresh_from_db()
    assert assignment.start_date == date(2026, 11, 30)
    later = workout(assignment, 1, 4)
    assert scheduled_on(assignment, later) == date(2026, 12, 3)  # day 4 of the week begun today


def test_a_gap_after_week_1_restarts_week_2_today(athlete_client, athlete, assignment, clock):
    train(athlete_client, workout(assignment, 1, 1))
    clock.move_to(evening(date(2026, 11, 19)), tick=False)
    train(athlete_client, workout(assignment, 1, 4))
    come_back(athlete_client, clock, athlete, date(2026, 12, 10))
    response = start_workout(athlete_client, workout(assignment, 2, 1))
    assignment.refresh_from_db()
    assert assignment.start_date == date(2026, 12, 3)  # so week 2 starts on 10 December
    assert "week 2, day 1 · Thu 10 Dec" in seen(response.text)


def test_a_band_set_before_the_gap_goes_one_step_easier(
    athlete_client, athlete, coach, assignment, first_workout, clock
):
    """The gap rule itself, on a track whose last change is the coach's (not its start)."""
    clock.move_to(datetime(2026, 11, 16, 9, tzinfo=UTC), tick=False)
    track = assignment.tracks.get()
    band_set_by_coach(track=track, band=Band.objects.get(name="Purple"), reason="Try it", by=coach)
    clock.move_to(evening(START), tick=False)
    train(athlete_client, first_workout)
    come_back(athlete_client, clock, athlete, date(2026, 12, 4))
    response = start_workout(athlete_client, workout(assignment, 1, 4))
    change = gap_changes().get()
    assert (change.from_band.name, change.to_band.name) == ("Purple", "Green")
    assert change.reason == (
        "18 days since your last session: eccentric strength holds about 4 weeks off, the "
        "muscle's added length about 2: today use the green band, one step easier."
    )
    assert assignment.tracks.get().band.name == "Green"
    assert "3 x 12/10/8, green band, assist" in response.text


def test_starting_it_again_the_same_day_writes_nothing_more(
    athlete_client, athlete, coach, assignment, first_workout, clock
):
    clock.move_to(datetime(2026, 11, 16, 9, tzinfo=UTC), tick=False)
    track = assignment.tracks.get()
    band_set_by_coach(track=track, band=Band.objects.get(name="Purple"), reason="Try it", by=coach)
    clock.move_to(evening(START), tick=False)
    train(athlete_client, first_workout)
    come_back(athlete_client, clock, athlete, date(2026, 12, 4))
    later = workout(assignment, 1, 4)
    start_workout(athlete_client, later)
    assignment.refresh_from_db()
    moved_to, changes = assignment.start_date, BandChange.objects.count()
    start_workout(athlete_client, later)
    start_workout(athlete_client, workout(assignment, 2, 1))
    assignment.refresh_from_db()
    assert assignment.start_date == moved_to
    assert BandChange.objects.count() == changes
    assert gap_changes().count() == 1
    assert assignment.tracks.get().band.name == "Green"


def test_13_days_away_changes_nothing(athlete_client, athlete, trained_on_day_1, clock):
    assignment = trained_on_day_1
    changes = BandChange.objects.count()
    come_back(athlete_client, clock, athlete, date(2026, 11, 29))
    response = start_workout(athlete_client, workout(assignment, 1, 4))
    assert response.status_code == 200
    assignment.refresh_from_db()
    assert assignment.start_date == START
    assert BandChange.objects.count() == changes
    assert assignment.tracks.get().band.name == "Green"


def test_without_a_finished_session_there_is_no_gap(athlete_client, athlete, assignment, clock):
    come_back(athlete_client, clock, athlete, date(2026, 12, 14))
    start_workout(athlete_client, workout(assignment, 1, 1))
    assignment.refresh_from_db()
    assert assignment.start_date == START
    assert not gap_changes().exists()


def test_a_workout_already_started_is_not_a_return(
    athlete_client, athlete, trained_on_day_1, clock
):
    """The gap is read when the workout's log is first made, not on every later visit."""
    assignment = trained_on_day_1
    later = workout(assignment, 1, 4)
    clock.move_to(evening(date(2026, 11, 19)), tick=False)
    nordic = later.prescriptions.get(order=1)
    athlete_client.post(f"/workouts/{later.pk}/sets/", set_data(nordic, 1), headers=HTMX)
    come_back(athlete_client, clock, athlete, date(2026, 12, 14))
    start_workout(athlete_client, later)
    assignment.refresh_from_db()
    assert assignment.start_date == START
    assert not gap_changes().exists()


def test_someone_elses_workout_is_404_and_moves_nothing(client, outsider, trained_on_day_1, clock):
    assignment = trained_on_day_1
    clock.move_to(evening(date(2026, 12, 14)), tick=False)
    client.force_login(outsider)
    assert open_page(client, workout(assignment, 1, 4)).status_code == 404
    assignment.refresh_from_db()
    assert assignment.start_date == START
    assert not gap_changes().exists()


def test_opening_requires_login(client, trained_on_day_1, clock):
    assignment = trained_on_day_1
    clock.move_to(evening(date(2026, 12, 14)), tick=False)
    client.logout()
    response = open_page(client, workout(assignment, 1, 4))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assignment.refresh_from_db()
    assert assignment.start_date == START


def test_a_workout_skipped_long_ago_does_not_rewind_the_program(
    athlete_client, athlete, assignment, clock
):
    """Week 1 day 1 skipped, the rest of weeks 1 and 2 done, then two weeks away: week 2 is over,
    the program resumes at the week after it, not at the skipped workout."""
    for week, day in ((1, 4), (2, 1), (2, 4)):
        clock.move_to(evening(assignment.start_date + timedelta(days=7 * (week - 1) + day - 1)))
        train(athlete_client, workout(assignment, week, day))
    come_back(athlete_client, clock, athlete, date(2026, 12, 14))
    start_workout(athlete_client, workout(assignment, 1, 1))  # the one skipped, still open
    assignment.refresh_from_db()
    # Nothing is left after week 2's last workout: the start date does not move back.
    assert assignment.start_date == date(2026, 11, 16)


def test_the_page_asks_first_and_writes_nothing(athlete_client, athlete, trained_on_day_1, clock):
    assignment = trained_on_day_1
    changes = BandChange.objects.count()
    come_back(athlete_client, clock, athlete, date(2026, 11, 30))
    response = open_page(athlete_client, workout(assignment, 1, 4))
    assert response.status_code == 200
    assert "Back after a break" in response.text
    assert "Welcome back: 14 days since your last session of this work." in response.text
    assert "one step more help from the band" in response.text
    assignment.refresh_from_db()
    assert assignment.start_date == START and BandChange.objects.count() == changes
    assert assignment.logs.count() == 1  # the session before the gap; none begun


def test_four_weeks_away_is_two_steps_easier(
    athlete_client, athlete, coach, assignment, first_workout, clock
):
    clock.move_to(datetime(2026, 11, 16, 9, tzinfo=UTC), tick=False)
    track = assignment.tracks.get()
    band_set_by_coach(track=track, band=Band.objects.get(name="Purple"), reason="Try it", by=coach)
    clock.move_to(evening(START), tick=False)
    train(athlete_client, first_workout)
    come_back(athlete_client, clock, athlete, date(2026, 12, 14))
    asked = open_page(athlete_client, workout(assignment, 1, 4))
    assert "two steps more help" in asked.text
    start_workout(athlete_client, workout(assignment, 1, 4))
    change = gap_changes().get()
    assert (change.from_band.name, change.to_band.name) == ("Purple", "Blue")
    assert change.reason.startswith("28 days since your last session")
    assert "two steps easier" in change.reason

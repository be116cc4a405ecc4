"""One rule dates a workout on every page: once done (or begun) it is dated by the day it was
done, with "scheduled for <day>" beside it when that differs; until then by its scheduled day.
A workout made up late, and one started early, read the same on today, the workout page,
history, its summary and the coach's athlete page."""

import uuid
from datetime import UTC, date, datetime

import pytest
from django.test import Client

from logbook import services as logbook
from programs.models import Workout
from programs.schedule import WorkoutDay, workout_day
from tests.logbook.reading import seen

pytestmark = pytest.mark.usefixtures("catalogue")

MONDAY, WEDNESDAY, THURSDAY = date(2026, 11, 16), date(2026, 11, 18), date(2026, 11, 19)


# The rule


def test_a_workout_not_done_is_dated_by_its_schedule():
    assert workout_day(scheduled=THURSDAY, done_on=None) == WorkoutDay(on=THURSDAY)


def test_a_workout_done_on_its_day_says_nothing_more():
    assert workout_day(scheduled=MONDAY, done_on=MONDAY) == WorkoutDay(on=MONDAY, done=True)


def test_a_workout_made_up_late_is_dated_by_the_day_it_was_done():
    day = workout_day(scheduled=MONDAY, done_on=WEDNESDAY)
    assert (day.on, day.scheduled_for) == (WEDNESDAY, MONDAY)


def test_a_workout_done_early_is_dated_by_the_day_it_was_done():
    day = workout_day(scheduled=THURSDAY, done_on=WEDNESDAY)
    assert (day.on, day.scheduled_for) == (WEDNESDAY, THURSDAY)


def test_a_free_session_is_dated_by_the_day_it_was_done():
    assert workout_day(scheduled=None, done_on=WEDNESDAY) == WorkoutDay(on=WEDNESDAY, done=True)


def test_a_workout_with_no_day_at_all_is_refused():
    with pytest.raises(ValueError):
        workout_day(scheduled=None, done_on=None)


# The pages


@pytest.fixture(autouse=True)
def wednesday_18_november(time_machine):
    time_machine.move_to(datetime(2026, 11, 18, 9, tzinfo=UTC), tick=False)


@pytest.fixture
def coach_reads(coach):
    client = Client()
    client.force_login(coach)
    return lambda url: seen(client.get(url).text)


def workout(assignment, day: int) -> Workout:
    return Workout.objects.get(week__program=assignment.program, week__number=1, day=day)


def begin(assignment, workout, *, finish: bool):
    """The athlete logs a set of the hold today (Wednesday), and finishes or not."""
    log = logbook.workout_start(
        athlete=assignment.athlete, assignment=assignment, workout=workout, today=WEDNESDAY
    )
    hold = workout.prescriptions.get(order=2)
    logbook.set_log(
        workout_log=log,
        token=uuid.uuid4(),
        exercise_id=hold.exercise_id,
        prescription=hold,
        set_number=1,
        seconds=30,
    )
    return logbook.workout_finish(workout_log=log, rpe=6, pain=0) if finish else log


def pages(athlete_client, coach_reads, log) -> dict[str, str]:
    return {
        "today": seen(athlete_client.get("/today/").text),
        "history": seen(athlete_client.get("/history/").text),
        "summary": seen(athlete_client.get(f"/logs/{log.pk}/").text),
        "coach": coach_reads(f"/coach/athletes/{log.athlete.pk}/"),
    }


LATE = "Wed 18 Nov · scheduled for Mon 16 Nov"
EARLY = "Wed 18 Nov · scheduled for Thu 19 Nov"


def test_a_workout_made_up_late_shows_the_same_day_on_every_page(
    athlete_client, coach_reads, assignment
):
    log = begin(assignment, workout(assignment, 1), finish=True)
    seen_on = pages(athlete_client, coach_reads, log)
    for page, text in seen_on.items():
        assert LATE in text, page
    assert f"✓ Done · {LATE}" in seen_on["today"]
    assert f"{LATE} Session day 1 ✓ done" in seen_on["coach"]  # the schedule's line
    # The workout page sends a finished workout to its summary, which says the same.
    response = athlete_client.get(f"/workouts/{log.workout.pk}/", follow=True)
    assert LATE in seen(response.text)


def test_a_workout_started_early_shows_the_same_day_on_every_page(
    athlete_client, coach_reads, assignment
):
    thursday = workout(assignment, 4)
    log = begin(assignment, thursday, finish=False)
    seen_on = pages(athlete_client, coach_reads, log)
    seen_on["workout"] = seen(athlete_client.get(f"/workouts/{thursday.pk}/").text)
    for page, text in seen_on.items():
        assert EARLY in text, page
    assert f"Today · {EARLY} · in progress" in seen_on["today"]
    assert f"{EARLY} Session day 4 in progress" in seen_on["coach"]
    assert "Thu 19 Nov" not in seen_on["today"].replace(EARLY, "")  # never dated twice


def test_a_late_workout_still_under_way_shows_the_same_day(athlete_client, coach_reads, assignment):
    monday = workout(assignment, 1)
    log = begin(assignment, monday, finish=False)
    seen_on = pages(athlete_client, coach_reads, log)
    seen_on["workout"] = seen(athlete_client.get(f"/workouts/{monday.pk}/").text)
    for page, text in seen_on.items():
        assert LATE in text, page


def test_a_workout_done_on_its_day_shows_only_that_day(athlete_client, coach_reads, assignment):
    wednesday_workout = Workout.objects.create(
        week=workout(assignment, 1).week, day=3, title="Wednesday extra"
    )
    wednesday_workout.prescriptions.create(
        exercise=workout(assignment, 1).prescriptions.get(order=2).exercise,
        order=2,
        sets=1,
        seconds=30,
    )
    log = begin(assignment, wednesday_workout, finish=True)
    for page, text in pages(athlete_client, coach_reads, log).items():
        assert "Wed 18 Nov" in text, page
        assert "scheduled for Wed" not in text, page


def test_a_workout_not_done_is_dated_by_its_schedule_on_every_page(
    athlete_client, coach_reads, assignment
):
    thursday = workout(assignment, 4)
    assert "Next up Thu 19 Nov" in seen(athlete_client.get("/today/").text)
    assert "Thu 19 Nov" in seen(athlete_client.get(f"/workouts/{thursday.pk}/").text)
    coach_page = coach_reads(f"/coach/athletes/{assignment.athlete.pk}/")
    assert "Thu 19 Nov Session day 4 upcoming" in coach_page
    assert "scheduled for" not in coach_page


def test_history_dates_a_page_of_logs_in_the_same_queries_for_2_and_12(
    athlete_client, athlete, coach, library, django_assert_max_num_queries
):
    """Stages (and placed workouts) are dated by the schedule read, once for the whole page."""
    from datetime import timedelta

    from django.utils import timezone

    from logbook import services
    from programs.assignments import program_assign
    from programs.dating import assignment_schedule
    from programs.models import Program

    rehab = Program.objects.library().get(slug="return-to-play-l-protocol")
    today = timezone.localdate()
    assignment = program_assign(
        template=rehab, athlete=athlete, start_date=today - timedelta(days=7), by=coach
    )
    due = [
        item
        for item in assignment_schedule(
            [assignment], between=(assignment.start_date, today - timedelta(days=1))
        )
    ]

    def finish(items, *, late=False):
        for item in items:
            log = services.workout_start(
                athlete=athlete,
                assignment=assignment,
                workout=item.workout,
                today=today if late else item.on,
                occurrence=item.occurrence,
            )
            services.workout_finish(workout_log=log, rpe=3, pain=1)

    finish(due[:1], late=True)  # made up today: "scheduled for" its day in stage 1
    finish(due[1:2])
    with django_assert_max_num_queries(11) as few:
        athlete_client.get("/history/")
    finish(due[2:12])
    with django_assert_max_num_queries(11) as many:
        page = athlete_client.get("/history/").text
    assert len(few) == len(many)
    assert page.count('class="row-title"') == 12
    assert page.count("scheduled for") == 1
    assert f'datetime="{due[0].on:%Y-%m-%d}"' in page

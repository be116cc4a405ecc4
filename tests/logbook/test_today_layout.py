"""/today/ on a phone: today's workout first, the missed ones folded below (do it now, or skip),
and the athlete's bottom bar (Today, History, Progress) instead of the Programs tab."""

import re
from datetime import UTC, datetime

import pytest
from django.test import Client

from logbook import services as logbook
from logbook.models import WorkoutSkip
from programs.models import Workout
from tests.logbook.reading import seen

pytestmark = pytest.mark.usefixtures("catalogue")
HTMX = {"HX-Request": "true"}


def at(time_machine, day: int):
    """The clock on that day of November 2026 (the program starts Monday 16)."""
    time_machine.move_to(datetime(2026, 11, day, 9, tzinfo=UTC), tick=False)


def workout(assignment, week: int, day: int) -> Workout:
    return Workout.objects.get(week__program=assignment.program, week__number=week, day=day)


def skip_url(workout) -> str:
    return f"/workouts/{workout.pk}/skip/"


def finish(assignment, workout, *, on):
    log = logbook.workout_start(
        athlete=assignment.athlete, assignment=assignment, workout=workout, today=on
    )
    prescription = workout.prescriptions.get(order=2)
    log.sets.create(
        exercise_id=prescription.exercise_id, prescription=prescription, set_number=1, seconds=30
    )
    return logbook.workout_finish(workout_log=log, rpe=6, pain=0)


# The page


def test_todays_workout_comes_first_and_the_missed_one_is_folded_below(
    athlete_client, assignment, time_machine
):
    at(time_machine, 19)  # Thursday: day 4 is today, Monday's day 1 was missed
    html = athlete_client.get("/today/").text
    today_card = html.index('class="card today-workout"')
    folded = html.index('<details class="card missed-list">')  # closed: no "open"
    assert today_card < folded
    assert "<summary>1 missed this week</summary>" in html
    text = seen(html)
    assert "Today · Thu 19 Nov" in text
    assert "Missed · Mon 16 Nov Session day 1" in text
    assert text.index("Today · Thu 19 Nov") < text.index("1 missed this week")


def test_each_missed_workout_can_be_done_now(athlete_client, assignment, time_machine):
    at(time_machine, 22)  # Sunday: nothing today, Monday's and Thursday's missed
    response = athlete_client.get("/today/")
    text = seen(response.text)
    assert "Nothing due today." in text
    assert "2 missed this week" in text
    for missed in (workout(assignment, 1, 1), workout(assignment, 1, 4)):
        assert f'<a class="button primary" href="/workouts/{missed.pk}/">Do it now</a>' in (
            response.text
        )
        assert f'action="{skip_url(missed)}"' in response.text
    opened = athlete_client.get(f"/workouts/{workout(assignment, 1, 1).pk}/")
    assert opened.status_code == 200
    assert "<h1>Session day 1</h1>" in opened.text


def test_the_next_workout_shows_below_the_missed_ones(athlete_client, assignment, time_machine):
    at(time_machine, 22)
    text = seen(athlete_client.get("/today/").text)
    assert text.index("2 missed this week") < text.index("Next up Mon 23 Nov")


# Skipping a missed workout


def test_skip_takes_it_off_the_missed_list_and_it_still_counts_as_missed(
    athlete_client, coach, assignment, time_machine
):
    at(time_machine, 22)
    monday = workout(assignment, 1, 1)
    response = athlete_client.post(skip_url(monday))
    assert response.status_code == 302
    assert response["Location"] == "/today/"
    page = athlete_client.get("/today/")
    text = seen(page.text)
    assert "Skipped Session day 1. It still counts as missed." in text
    assert "1 missed this week" in text
    assert f'href="/workouts/{monday.pk}/">Do it now' not in page.text
    skip = WorkoutSkip.objects.get()
    assert (skip.athlete, skip.workout, skip.skipped_on.day) == (assignment.athlete, monday, 22)
    # The coach still sees it missed: a skip is not a workout done.
    coach_client = Client()
    coach_client.force_login(coach)
    coach_page = seen(coach_client.get(f"/coach/athletes/{assignment.athlete.pk}/").text)
    assert "Schedule: 0 done, 2 missed" in coach_page


def test_the_last_skip_empties_the_missed_list(athlete_client, assignment, time_machine):
    at(time_machine, 19)
    athlete_client.post(skip_url(workout(assignment, 1, 1)))
    html = athlete_client.get("/today/").text
    assert "missed this week" not in html
    assert 'class="card today-workout"' in html


def test_skipping_twice_keeps_one_skip(athlete_client, assignment, time_machine):
    at(time_machine, 22)
    monday = workout(assignment, 1, 1)
    athlete_client.post(skip_url(monday))
    athlete_client.post(skip_url(monday))
    assert WorkoutSkip.objects.count() == 1


def test_htmx_gets_only_the_missed_section_back(athlete_client, assignment, time_machine):
    at(time_machine, 22)
    response = athlete_client.post(skip_url(workout(assignment, 1, 1)), headers=HTMX)
    assert response.status_code == 200
    html = response.text.strip()
    assert html.startswith('<section id="missed"')
    assert "<html" not in html and "Train on your own" not in html
    assert "Skipped Session day 1." in html
    assert '<details class="card missed-list" open>' in html  # stays open for the next one
    assert "1 missed this week" in html


def test_todays_workout_cannot_be_skipped(athlete_client, assignment, time_machine):
    at(time_machine, 19)
    response = athlete_client.post(skip_url(workout(assignment, 1, 4)), follow=True)
    assert "Session day 4 is not missed yet: it is still to do." in seen(response.text)
    assert not WorkoutSkip.objects.exists()


def test_a_done_workout_cannot_be_skipped(athlete_client, assignment, time_machine):
    at(time_machine, 22)
    monday = workout(assignment, 1, 1)
    finish(assignment, monday, on=monday.scheduled_on(assignment.start_date))
    response = athlete_client.post(skip_url(monday), headers=HTMX)
    assert "Session day 1 is done: there is nothing to skip." in response.text
    assert not WorkoutSkip.objects.exists()


def test_skip_requires_login(client, assignment, time_machine):
    at(time_machine, 22)
    url = skip_url(workout(assignment, 1, 1))
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"
    assert not WorkoutSkip.objects.exists()


def test_skip_is_a_post(athlete_client, assignment):
    assert athlete_client.get(skip_url(workout(assignment, 1, 1))).status_code == 405


def test_another_athletes_workout_is_404(client, outsider, assignment, time_machine):
    at(time_machine, 22)
    client.force_login(outsider)
    assert client.post(skip_url(workout(assignment, 1, 1))).status_code == 404
    assert not WorkoutSkip.objects.exists()


@pytest.mark.parametrize("bad", ["999999999", "0", "abc", "1e3", "-1"])
def test_a_bad_id_is_404(athlete_client, assignment, bad):
    assert athlete_client.post(f"/workouts/{bad}/skip/").status_code == 404


def test_a_template_workout_cannot_be_skipped(athlete_client, nordic_block, assignment):
    template_workout = nordic_block.weeks.first().workouts.first()
    assert athlete_client.post(skip_url(template_workout)).status_code == 404


@pytest.mark.parametrize("weeks", [2, 8])
def test_the_page_stays_within_its_query_budget(
    athlete_client, assignment, time_machine, weeks, django_assert_max_num_queries
):
    from programs import services

    for _ in range(weeks - 2):  # more weeks ahead cost nothing more
        week = services.week_add(program=assignment.program)
        Workout.objects.create(week=week, day=1, title="Later")
    at(time_machine, 22)
    finish(assignment, workout(assignment, 1, 4), on=assignment.start_date.replace(day=22))
    athlete_client.post(skip_url(workout(assignment, 1, 1)))
    at(time_machine, 23)
    logbook.workout_start(
        athlete=assignment.athlete,
        assignment=assignment,
        workout=workout(assignment, 2, 4),
        today=assignment.start_date.replace(day=23),
    )
    # user, assignments, logs and skips (one query), schedule, pain stops, prescriptions, band
    # tracks
    with django_assert_max_num_queries(7):
        response = athlete_client.get("/today/")
    text = seen(response.text)
    assert "Today · Mon 23 Nov" in text
    assert "Today · Mon 23 Nov · scheduled for Thu 26 Nov · in progress" in text


# The athlete's bottom bar


def tab_bar(html: str) -> str:
    match = re.search(r'<nav class="tabbar".*?</nav>', html, re.S)
    assert match, "no bottom bar"
    return match.group(0)


def current_tabs(html: str) -> list[str]:
    """The labels of the tabs marked current (one, or none)."""
    tabs = re.findall(
        r'<a href="[^"]*"( aria-current="[^"]*")?>.*?<span>(.*?)</span>', tab_bar(html), re.S
    )
    return [label for current, label in tabs if current]


def test_athletes_get_a_bottom_bar_with_today_current(athlete_client, assignment):
    html = athlete_client.get("/today/").text
    bar = tab_bar(html)
    assert [seen(label) for label in re.findall(r"<span>(.*?)</span>", bar)] == [
        "Today",
        "Calendar",
        "History",
        "Progress",
        "Messages",
    ]
    assert '<a href="/today/" aria-current="page">' in bar
    assert 'class="has-tabbar"' in html  # the page pads its end so the bar covers nothing


@pytest.mark.parametrize(("url", "tab"), [("/history/", "History"), ("/progress/", "Progress")])
def test_the_current_tab_follows_the_page(athlete_client, url, tab):
    assert current_tabs(athlete_client.get(url).text) == [tab]


def test_a_workout_and_a_past_one_sit_under_their_tabs(athlete_client, assignment, time_machine):
    at(time_machine, 19)
    monday = workout(assignment, 1, 1)
    assert current_tabs(athlete_client.get(f"/workouts/{monday.pk}/").text) == ["Today"]
    log = finish(assignment, monday, on=monday.scheduled_on(assignment.start_date))
    assert current_tabs(athlete_client.get(f"/logs/{log.pk}/").text) == ["History"]


def test_history_and_progress_are_no_longer_links_on_today(athlete_client, assignment):
    html = athlete_client.get("/today/").text
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "/history/" not in main and "/progress/" not in main
    assert "Your past workouts" not in html


def test_athletes_no_longer_see_the_programs_tab(athlete_client, assignment):
    html = athlete_client.get("/today/").text
    assert 'href="/programs/"' not in html
    # Their own copy still opens, from a link they are given.
    assert athlete_client.get(f"/programs/{assignment.program.pk}/").status_code == 200


def test_coaches_keep_the_top_bar_and_get_no_bottom_bar(coach_client):
    html = coach_client.get("/coach/").text
    assert '<nav class="tabbar"' not in html
    assert "has-tabbar" not in html
    assert 'href="/programs/">Programs</a>' in html

"""The finish form's minutes on a phone: empty before the first set, then counting from it by
the page's own script (sets are logged without a page load), until the athlete types a number,
which is what is kept. Playwright's clock jumps ahead as a locked screen would."""

from datetime import date

import pytest
from playwright.sync_api import expect

from accounts.models import User
from catalogue.models import Band, Exercise
from catalogue.services import load_catalogue
from logbook.models import WorkoutLog
from programs import assignments, services
from programs.models import Prescription, Workout
from tests.browser.conftest import log_in, small_tap_targets
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def workout(transactional_db, athlete, coach):
    load_catalogue()
    program = services.program_create(owner=coach, title="Curls")
    week = services.week_add(program=program)
    workout = Workout.objects.create(week=week, day=1, title="Band curls")
    Prescription.objects.create(
        workout=workout,
        order=1,
        sets=3,
        reps_min=10,
        rest_seconds=60,
        exercise=Exercise.objects.get(slug="banded-prone-leg-curl"),
        band=Band.objects.get(name="Black"),
    )
    assignment = assignments.program_assign(
        template=program,
        athlete=User.objects.get(username="athlete"),
        start_date=date.today(),
        by=coach,
    )
    return assignment.program.weeks.get().workouts.get()


def test_the_minutes_follow_the_clock_from_the_first_set_until_the_athlete_types(phone, workout):
    phone.clock.install()
    log_in(phone, "athlete", PASSWORD)
    phone.goto(f"/workouts/{workout.pk}/")
    minutes = phone.locator("#finish-form input[name=minutes]")
    expect(minutes).to_have_value("")  # no set yet: no clock
    phone.clock.fast_forward("05:00")  # reading the page is not the session
    expect(minutes).to_have_value("")

    phone.locator("button.log-button").first.click()
    expect(phone.locator(".set-row.is-logged")).to_have_count(1)
    phone.clock.fast_forward("25:00")
    expect(minutes).to_have_value("25")
    assert small_tap_targets(phone, "#finish-form input") == []

    minutes.fill("30")  # the athlete's own count
    phone.clock.fast_forward("10:00")
    expect(minutes).to_have_value("30")
    phone.locator("#finish-form .scale-option:has-text('6')").first.click()
    phone.locator("fieldset:has-text('Any pain') .scale-option:has-text('0')").first.click()
    phone.click("button:has-text('Finish workout')")
    phone.wait_for_url("**/logs/*/")
    assert WorkoutLog.objects.get().minutes == 30
    phone.problems.assert_none()


def test_a_page_opened_mid_session_counts_on_from_the_first_set(phone, workout):
    phone.clock.install()
    log_in(phone, "athlete", PASSWORD)
    phone.goto(f"/workouts/{workout.pk}/")
    phone.locator("button.log-button").first.click()
    expect(phone.locator(".set-row.is-logged")).to_have_count(1)
    phone.reload()  # the box now comes from the server: the seconds since the first set
    minutes = phone.locator("#finish-form input[name=minutes]")
    phone.clock.fast_forward("12:00")
    expect(minutes).to_have_value("12")
    phone.problems.assert_none()

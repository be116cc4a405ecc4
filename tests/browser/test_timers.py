"""The workout page's own script: a rest timer after each set and a hold timer for holds, both
read from timestamps so they stay right when the phone sleeps (Playwright's clock jumps ahead
the way a locked screen does: no ticks in between)."""

from datetime import date

import pytest
from playwright.sync_api import expect

from accounts.models import User
from catalogue.models import Band, Exercise
from catalogue.services import load_catalogue
from programs import assignments, services
from programs.models import Prescription, Workout
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def workout(transactional_db, athlete, coach):
    load_catalogue()
    program = services.program_create(owner=coach, title="Holds")
    week = services.week_add(program=program)
    workout = Workout.objects.create(week=week, day=1, title="Curls and a hold")
    Prescription.objects.create(
        workout=workout, order=1, sets=2, reps_min=10, rest_seconds=90,
        exercise=Exercise.objects.get(slug="banded-prone-leg-curl"),
        band=Band.objects.get(name="Black"),
    )  # fmt: skip
    Prescription.objects.create(
        workout=workout, order=2, sets=1, seconds=30,
        exercise=Exercise.objects.get(slug="banded-isometric-leg-curl-hold"),
    )  # fmt: skip
    assignment = assignments.program_assign(
        template=program, athlete=User.objects.get(username="athlete"),
        start_date=date.today(), by=coach,
    )  # fmt: skip
    return assignment.program.weeks.get().workouts.get()


def test_the_rest_timer_counts_down_from_timestamps(phone, workout):
    phone.clock.install()
    log_in(phone, "athlete", PASSWORD)
    phone.goto(f"/workouts/{workout.pk}/")
    phone.locator("button.log-button").first.click()
    expect(phone.locator(".set-row.is-logged")).to_have_count(1)
    expect(phone.locator("#rest-timer")).to_be_visible()
    expect(phone.locator(".rest-left")).to_have_text("1:30")
    phone.clock.fast_forward("01:00")  # the screen was off for a minute
    expect(phone.locator(".rest-left")).to_have_text("0:30")
    phone.clock.fast_forward("00:31")
    expect(phone.locator(".rest-left")).to_have_text("go")
    phone.click(".rest-skip")
    expect(phone.locator("#rest-timer")).to_be_hidden()
    phone.problems.assert_none()


def test_the_hold_timer_fills_in_the_seconds(phone, workout):
    phone.clock.install()
    log_in(phone, "athlete", PASSWORD)
    phone.goto(f"/workouts/{workout.pk}/")
    seconds = phone.locator("input[name=seconds]")
    expect(seconds).to_have_value("30")
    phone.click("button.hold-button")
    phone.clock.fast_forward("00:42")
    expect(phone.locator("button.hold-button")).to_have_text("Stop 0:42")
    phone.click("button.hold-button")
    expect(seconds).to_have_value("42")
    phone.locator(".set-row:has(input[name=seconds]) button.log-button").click()
    expect(phone.locator(".set-row.is-logged").first).to_contain_text("42 s")
    phone.problems.assert_none()

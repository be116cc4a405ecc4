"""The workout page's own script: a rest timer after each set and a hold timer for holds, both
read from timestamps so they stay right when the phone sleeps (Playwright's clock jumps ahead
the way a locked screen does: no ticks in between). Cues are a beep and a buzz, recorded here
by stand-ins for navigator.vibrate and the Web Audio oscillator."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from accounts.models import User
from catalogue.models import Band, Exercise
from catalogue.services import load_catalogue
from programs import assignments, services
from programs.models import Prescription, Workout
from tests.browser.conftest import PHONE, log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def workout(transactional_db, athlete, coach):
    load_catalogue()
    program = services.program_create(owner=coach, title="Holds")
    week = services.week_add(program=program)
    workout = Workout.objects.create(week=week, day=1, title="Curls and a hold")
    Prescription.objects.create(
        workout=workout,
        order=1,
        sets=2,
        reps_min=10,
        rest_seconds=90,
        exercise=Exercise.objects.get(slug="banded-prone-leg-curl"),
        band=Band.objects.get(name="Black"),
    )
    Prescription.objects.create(
        workout=workout,
        order=2,
        sets=1,
        seconds=30,
        exercise=Exercise.objects.get(slug="banded-isometric-leg-curl-hold"),
    )
    assignment = assignments.program_assign(
        template=program,
        athlete=User.objects.get(username="athlete"),
        start_date=date.today(),
        by=coach,
    )
    return assignment.program.weeks.get().workouts.get()


# Records the cues: vibrations and beeps (an init script runs before the page's own).
CUE_RECORDER = """
window.__cues = [];
navigator.vibrate = (pattern) => { window.__cues.push("buzz"); return true; };
const start = OscillatorNode.prototype.start;
OscillatorNode.prototype.start = function (...args) {
  window.__cues.push("beep");
  return start.apply(this, args);
};
"""


@pytest.fixture
def timed(phone, athlete):
    phone.context.add_init_script(CUE_RECORDER)
    phone.clock.install()
    log_in(phone, "athlete", PASSWORD)
    return phone


def cues(page) -> list[str]:
    return page.evaluate("window.__cues")


def test_the_rest_timer_counts_down_from_timestamps_and_hides_when_done(timed, workout):
    phone = timed
    phone.goto(f"/workouts/{workout.pk}/")
    phone.locator("button.log-button").first.click()
    expect(phone.locator(".set-row.is-logged")).to_have_count(1)
    expect(phone.locator("#rest-timer")).to_be_visible()
    expect(phone.locator(".rest-left")).to_have_text("1:30")
    phone.clock.fast_forward("01:00")  # the screen was off for a minute
    expect(phone.locator(".rest-left")).to_have_text("0:30")
    phone.clock.fast_forward("00:31")
    expect(phone.locator(".rest-left")).to_have_text("Go")  # a brief cue, heard and felt
    expect(phone.locator("#rest-timer")).to_have_class("rest-timer is-done")
    assert cues(phone) == ["buzz", "beep"]
    phone.clock.fast_forward("00:04")
    expect(phone.locator("#rest-timer")).to_be_hidden()  # no tap needed
    phone.problems.assert_none()


def test_the_rest_timer_takes_15_seconds_more_or_less_and_can_be_skipped(timed, workout):
    phone = timed
    phone.goto(f"/workouts/{workout.pk}/")
    phone.locator("button.log-button").first.click()
    expect(phone.locator(".rest-left")).to_have_text("1:30")
    phone.click(".rest-plus")
    expect(phone.locator(".rest-left")).to_have_text("1:45")
    phone.click(".rest-minus")
    phone.click(".rest-minus")
    expect(phone.locator(".rest-left")).to_have_text("1:15")
    phone.clock.fast_forward("01:16")
    expect(phone.locator(".rest-left")).to_have_text("Go")
    phone.click(".rest-plus")  # not ready yet: 15 s more
    expect(phone.locator(".rest-left")).to_have_text(re.compile(r"^0:1\d$"))
    expect(phone.locator("#rest-timer")).not_to_have_class(re.compile("is-done"))
    phone.click(".rest-skip")
    expect(phone.locator("#rest-timer")).to_be_hidden()
    phone.problems.assert_none()


def test_the_rest_timer_does_not_start_after_an_edit_or_an_undo(timed, workout):
    phone = timed
    phone.goto(f"/workouts/{workout.pk}/")
    phone.locator("button.log-button").first.click()
    expect(phone.locator("#rest-timer")).to_be_visible()
    phone.click(".rest-skip")
    logged = phone.locator(".set-row.is-logged")
    logged.locator("a:has-text('Edit')").click()
    editing = phone.locator(".set-row:has(button:has-text('Save'))")
    editing.locator("input[name=reps]").fill("8")
    editing.locator("button:has-text('Save')").click()
    expect(logged).to_contain_text("8 reps")
    phone.clock.fast_forward("00:01")
    expect(phone.locator("#rest-timer")).to_be_hidden()
    logged.locator("button:has-text('Undo')").click()
    expect(phone.locator(".set-row.is-logged")).to_have_count(0)
    phone.clock.fast_forward("00:01")
    expect(phone.locator("#rest-timer")).to_be_hidden()
    phone.problems.assert_none()


def test_the_hold_timer_counts_down_cues_then_keeps_counting(timed, workout):
    phone = timed
    phone.goto(f"/workouts/{workout.pk}/")
    seconds = phone.locator("input[name=seconds]")
    button = phone.locator("button.hold-button")
    expect(seconds).to_have_value("30")  # the target, until the hold starts
    button.click()
    expect(button).to_have_text("Stop 0:30")
    phone.clock.fast_forward("00:10")
    expect(button).to_have_text("Stop 0:20")
    expect(seconds).to_have_value("10")
    assert cues(phone) == []
    phone.clock.fast_forward("00:20")  # the target: a beep and a buzz
    expect(button).to_have_text("Stop +0:00")
    assert cues(phone) == ["buzz", "beep"]
    phone.clock.fast_forward("00:12")  # and on past it
    expect(button).to_have_text("Stop +0:12")
    button.click()
    expect(button).to_have_text("Hold timer")
    expect(seconds).to_have_value("42")
    assert cues(phone) == ["buzz", "beep"]  # one cue
    phone.locator(".set-row:has(input[name=seconds]) button.log-button").click()
    expect(phone.locator(".set-row.is-logged").first).to_contain_text("42 s")
    phone.problems.assert_none()


def test_without_javascript_there_is_no_hold_timer_button(browser, live_url, workout):
    context = browser.new_context(viewport=PHONE, base_url=live_url, java_script_enabled=False)
    page = context.new_page()
    log_in(page, "athlete", PASSWORD)
    page.goto(f"/workouts/{workout.pk}/")
    expect(page.locator("input[name=seconds]")).to_be_visible()
    expect(page.locator("button.hold-button")).to_be_hidden()
    context.close()


@pytest.fixture
def per_side_hold(transactional_db, athlete, coach):
    """One hold, each leg on its own: left, then right, then the rest."""
    load_catalogue()
    program = services.program_create(owner=coach, title="Single-leg holds")
    week = services.week_add(program=program)
    workout = Workout.objects.create(week=week, day=1, title="Single-leg holds")
    Prescription.objects.create(
        workout=workout,
        order=1,
        sets=2,
        seconds=20,
        per_side=True,
        rest_seconds=60,
        exercise=Exercise.objects.get(slug="banded-isometric-leg-curl-hold"),
    )
    assignment = assignments.program_assign(
        template=program,
        athlete=User.objects.get(username="athlete"),
        start_date=date.today(),
        by=coach,
    )
    return assignment.program.weeks.get().workouts.get()


def test_rest_starts_after_the_last_side_of_a_set_only(timed, per_side_hold):
    phone = timed
    phone.goto(f"/workouts/{per_side_hold.pk}/")
    rows = phone.locator(".set-row")
    expect(rows).to_have_count(4)  # sets 1 and 2, left and right
    rows.nth(0).locator("button.log-button").click()  # set 1, left
    expect(phone.locator(".set-row.is-logged")).to_have_count(1)
    phone.clock.fast_forward("00:01")
    expect(phone.locator("#rest-timer")).to_be_hidden()  # the right side is next, at once
    rows.nth(1).locator("button.log-button").click()  # set 1, right
    expect(phone.locator(".set-row.is-logged")).to_have_count(2)
    expect(phone.locator("#rest-timer")).to_be_visible()
    expect(phone.locator(".rest-left")).to_have_text("1:00")
    phone.problems.assert_none()

"""The coach comments on a workout at a desk; the athlete sees it on their phone, reads it and
answers; the coach sees the answer."""

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    CSP_RECORDER,
    PageProblems,
    assert_fits_the_phone,
    log_in,
    screenshot,
)
from tests.coaching.athletes import assign, log_workout, workouts_of
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser
DESK = {"width": 1280, "height": 800}


@pytest.fixture
def logged(library, coach, athlete):
    today = date.today()
    assignment = assign(athlete, coach, start=today)
    return log_workout(assignment, workouts_of(assignment)[0], on=today, notes="Felt strong")


def test_a_comment_reaches_the_athlete_who_answers(browser, live_url, phone, athlete, logged):
    desk = browser.new_context(viewport=DESK, base_url=live_url)
    desk.add_init_script(CSP_RECORDER)
    coach = desk.new_page()
    coach.problems = PageProblems(coach)
    log_in(coach, "coach", PASSWORD)
    coach.wait_for_url("**/coach/")
    coach.goto(f"/coach/athletes/{athlete.pk}/")
    workout = coach.locator(f"#log-{logged.pk}")
    workout.locator("textarea[name=body]").fill("Great tempo today: keep the hips extended.")
    workout.locator("button:has-text('Add comment')").click()
    expect(coach.locator(f"#log-{logged.pk} .comments")).to_contain_text("Great tempo today")

    log_in(phone, "athlete", PASSWORD)
    phone.wait_for_url("**/today/")
    badge = phone.locator("nav a[href='/messages/'] .badge")
    expect(badge).to_have_text("1")
    expect(phone.locator(".from-coach")).to_contain_text("Great tempo today")
    assert_fits_the_phone(phone)
    screenshot(phone, "messages-today-badge")

    phone.locator("nav a[href='/messages/']").first.click()
    phone.wait_for_url("**/messages/")
    expect(phone.locator("#thread")).to_contain_text("Great tempo today")
    expect(badge).to_have_count(0)
    phone.fill(
        "#message-form textarea[name=body]", "Thanks! Left side felt weaker on the way down."
    )
    phone.click("#message-form button:has-text('Send')")
    expect(phone.locator("#thread .is-mine")).to_contain_text("Left side felt weaker")
    expect(phone.locator("#message-form textarea[name=body]")).to_have_value("")
    expect(phone.locator("#thread .is-mine .message-receipt")).to_have_text("Not read yet")
    assert_fits_the_phone(phone)
    screenshot(phone, "messages-thread")

    coach.goto("/coach/messages/")
    expect(coach.locator(".inbox-row.has-unread")).to_contain_text("Alex")
    coach.locator(".inbox-row a").first.click()
    expect(coach.locator("#thread")).to_contain_text("Left side felt weaker on the way down.")
    screenshot(coach, "messages-coach-thread")

    phone.reload()
    expect(phone.locator("#thread .is-mine .message-receipt")).to_contain_text("Read ")
    phone.problems.assert_none()
    coach.problems.assert_none()
    desk.close()

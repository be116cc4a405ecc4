import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from programs import assignments
from programs.models import Assignment, Program
from tests.browser.conftest import assert_fits_the_phone, log_in, screenshot, small_tap_targets

pytestmark = pytest.mark.browser


@pytest.fixture
def fresh_nordic(demo_on_monday):
    """The demo data, with the demo athlete starting the library Nordic program today."""
    for assignment in Assignment.objects.all():
        assignments.assignment_end(assignment=assignment)
    nordic = Program.objects.library().get(slug="band-assisted-nordic")
    return assignments.program_assign(
        template=nordic,
        athlete=User.objects.get(username="athlete"),
        start_date=timezone.localdate(),
        by=User.objects.get(username="coach"),
    )


def do_todays_workout(phone, *, shot: str = ""):
    """Open today's workout, log every set with one tap each, finish with RPE 7 and pain 1."""
    phone.goto("/today/")
    phone.locator(".today-workout").first.click()
    phone.wait_for_url("**/workouts/*/")
    # A Nordic set is logged by the tap that says how far down it was controlled.
    buttons = phone.locator("button.control-button[value=full]")
    count = buttons.count()
    assert count >= 2
    for _ in range(count):
        phone.locator("button.control-button[value=full]").first.click()
        expect(phone.locator(".set-row.is-logged")).to_have_count(_ + 1)
    # The rest timer runs after a set.
    expect(phone.locator("#rest-timer")).to_be_visible()
    expect(phone.locator("#rest-timer .rest-left")).to_have_text(lambda_text_re())
    if shot:
        assert_fits_the_phone(phone)
        assert small_tap_targets(phone) == []
        screenshot(phone, shot)
    phone.locator("#finish-form .scale-option:has-text('7')").first.click()
    phone.locator("fieldset:has-text('Any pain') .scale-option:has-text('1')").first.click()
    phone.click("button:has-text('Finish workout')")
    phone.wait_for_url("**/logs/*/")


def lambda_text_re():
    import re

    return re.compile(r"^\d+:\d\d$")


def test_the_athlete_logs_a_nordic_workout_with_control_taps(phone, fresh_nordic):
    log_in(phone, "athlete", "hamstrings")
    phone.wait_for_url("**/today/")
    expect(phone.locator(".today-workout").first).to_contain_text("Green band")
    assert_fits_the_phone(phone)
    screenshot(phone, "today-nordic")

    do_todays_workout(phone, shot="workout-nordic")
    summary = phone.locator(".next-time")
    expect(summary).to_contain_text("stay on the green band")
    expect(summary).to_contain_text("1 of 3 good sessions on the green band so far")
    expect(phone.locator("main")).to_contain_text("controlled to the floor")
    assert_fits_the_phone(phone)
    screenshot(phone, "summary-first")
    phone.problems.assert_none()


def test_a_pain_stop_warns_the_athlete_and_flags_the_coach(phone, fresh_nordic):
    log_in(phone, "athlete", "hamstrings")
    phone.wait_for_url("**/today/")
    phone.locator(".today-workout").first.click()
    phone.wait_for_url("**/workouts/*/")
    # Soreness before the session: DOMS, asked once.
    phone.locator(".check-in .scale-option:has-text('2')").first.click()
    with phone.expect_navigation():  # posted back to this page: its script runs the taps below
        phone.click(".check-in button:has-text('Save')")
    expect(phone.locator(".check-in")).to_have_count(0)

    phone.locator("button.control-button[value=late]").first.click()
    expect(phone.locator(".set-row.is-logged")).to_have_count(1)
    expect(phone.locator(".set-row.is-logged")).to_contain_text("near the floor")

    phone.click(".pain-stop summary")
    stop = phone.locator(".pain-stop form")
    stop.locator(".scale-option:has-text('Left')").click()
    stop.locator(".scale-option:has-text('Sharp')").click()
    stop.locator("select[name=where]").select_option("high")
    screenshot(phone, "workout-pain-stop")
    stop.locator("button:has-text('Stop this exercise')").click()
    expect(phone.locator(".exercise-card").first).to_contain_text("Paused since")
    expect(phone.locator(".exercise-card").first).to_contain_text(
        "No Nordic or other eccentric sets until your coach clears it."
    )
    expect(phone.locator(".pain-warning").first).to_contain_text("Stop loading the hamstring")
    expect(phone.locator("button.control-button")).to_have_count(0)
    assert_fits_the_phone(phone)

    phone.locator("#finish-form .scale-option:has-text('7')").first.click()
    phone.locator("fieldset:has-text('Any pain') .scale-option:has-text('6')").first.click()
    phone.click("button:has-text('Finish workout')")
    phone.wait_for_url("**/logs/*/")
    main = phone.locator("main")
    expect(main).to_contain_text("You stopped for pain")
    expect(main).to_contain_text("sharp, high, near the buttock, left leg")
    expect(main).to_contain_text("check with your coach or physio before the next session")
    expect(phone.locator(".next-time")).to_contain_text(
        "Band-assisted Nordic curl: paused until your coach clears it"
    )
    assert_fits_the_phone(phone)
    screenshot(phone, "summary-pain-stop")
    phone.goto("/today/")
    expect(phone.locator(".pain-warning").first).to_be_visible()
    expect(phone.locator(".pain-warning.paused")).to_contain_text("Nordic work is paused")
    phone.problems.assert_none()

    phone.click("button:has-text('Log out')")
    phone.wait_for_url("**/accounts/login/")
    log_in(phone, "coach", "hamstrings")
    phone.wait_for_url("**/coach/")
    expect(phone.locator(".athlete-row:has-text('Alex') .row-flags")).to_contain_text(
        "Stopped for pain"
    )
    screenshot(phone, "board-pain-stop")

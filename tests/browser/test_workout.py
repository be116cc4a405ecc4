import io
from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from programs import assignments
from programs.models import Assignment, Program
from tests.browser.conftest import assert_fits_the_phone, log_in, screenshot, small_tap_targets

pytestmark = pytest.mark.browser


@pytest.fixture
def fresh_nordic(transactional_db, time_machine):
    """The demo data, with the demo athlete starting the library Nordic program today."""
    time_machine.move_to(timezone.make_aware(datetime(2026, 11, 23, 17)), tick=True)
    call_command("demo", stdout=io.StringIO())
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
    buttons = phone.locator("button.log-button")
    count = buttons.count()
    assert count >= 2
    for _ in range(count):
        phone.locator("button.log-button").first.click()
        expect(phone.locator(".set-row.is-logged")).to_have_count(_ + 1)
    # The rest timer runs after a set.
    expect(phone.locator("#rest-timer")).to_be_visible()
    expect(phone.locator("#rest-timer .rest-left")).to_have_text(lambda_text_re())
    if shot:
        assert_fits_the_phone(phone)
        assert small_tap_targets(phone) == []
        screenshot(phone, shot)
    phone.locator(".scale-option:has-text('7')").first.click()
    phone.locator("fieldset:has-text('Any pain') .scale-option:has-text('1')").first.click()
    phone.click("button:has-text('Finish workout')")
    phone.wait_for_url("**/logs/*/")


def lambda_text_re():
    import re

    return re.compile(r"^\d+:\d\d$")


def test_the_athlete_logs_a_nordic_workout_with_taps_and_the_band_moves(
    phone, fresh_nordic, time_machine
):
    log_in(phone, "athlete", "hamstrings")
    phone.wait_for_url("**/today/")
    expect(phone.locator(".today-workout").first).to_contain_text("Green band")
    assert_fits_the_phone(phone)
    screenshot(phone, "today-nordic")

    do_todays_workout(phone, shot="workout-nordic")
    summary = phone.locator(".next-time")
    expect(summary).to_contain_text("stay on the green band")
    expect(summary).to_contain_text("1 of 2 qualifying sessions at the green band so far.")
    assert_fits_the_phone(phone)
    screenshot(phone, "summary-first")

    # A week later the second qualifying session earns the next, thinner band.
    time_machine.move_to(timezone.now() + timedelta(days=7), tick=True)
    do_todays_workout(phone)
    expect(phone.locator(".next-time")).to_contain_text(
        "Next Band-assisted Nordic curl: purple band"
    )
    expect(phone.locator(".next-time")).to_contain_text("one thinner")
    screenshot(phone, "summary-purple")

    phone.goto("/today/")
    expect(phone.locator(".today-workout").first).to_contain_text("Purple band")
    phone.problems.assert_none()

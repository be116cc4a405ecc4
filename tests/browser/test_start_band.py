"""The start-band finder on a phone (390x844), opened directly: two reps per band, tapped, band
by band from the thickest, to the band the athlete starts on."""

from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from programs import assignments
from programs.models import Program, Workout
from tests.browser.conftest import assert_fits_the_phone, log_in, screenshot, small_tap_targets
from tests.browser.test_accessibility import violations
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def first_nordic(transactional_db, library, athlete, coach) -> Workout:
    athlete.body_mass_kg = Decimal("72.0")
    athlete.save(update_fields=["body_mass_kg"])
    assignment = assignments.program_assign(
        template=Program.objects.library().get(slug="band-assisted-nordic"),
        athlete=athlete,
        start_date=timezone.localdate(),
        by=coach,
    )
    return Workout.objects.get(week__program=assignment.program, week__number=1, day=1)


def tap(form, rep: int, answer: str):
    form.locator("fieldset").nth(rep - 1).locator("label", has_text=answer).click()


def tap_reps(page, band: str, first: str, second: str):
    form = page.locator(".trial-form")
    expect(form.locator("button[type=submit]")).to_have_text(f"Save the {band} band")
    tap(form, 1, first)
    tap(form, 2, second)
    form.locator("button[type=submit]").click()


def test_an_athlete_finds_their_start_band_band_by_band(phone, first_nordic):
    log_in(phone, "athlete", PASSWORD)
    phone.wait_for_url("**/today/")
    phone.goto(f"/workouts/{first_nordic.pk}/start-band/")
    expect(phone.locator("h1")).to_have_text("Find your start band")
    expect(phone.locator(".band-trial").first).to_contain_text("Blue")
    expect(phone.locator(".band-trial").first).to_contain_text("% of your body mass")
    assert_fits_the_phone(phone)
    assert small_tap_targets(phone, "main button, main .scale-option span") == []
    screenshot(phone, "start-band-first")
    assert violations(phone) == []
    phone.emulate_media(color_scheme="dark")
    assert violations(phone) == []
    screenshot(phone, "start-band-first-dark")
    phone.emulate_media(color_scheme="light")

    # A missing answer is refused next to its rep, and the page keeps the one given.
    form = phone.locator(".trial-form")
    tap(form, 1, "Controlled to the floor")
    form.locator("button[type=submit]").click()
    expect(phone.locator(".field-error")).to_have_text("Tap how far down you controlled rep 2.")
    expect(form.locator("fieldset").nth(0).locator("input:checked")).to_have_value("full")
    [refused] = phone.problems.errors  # the console reports the 422 that carried the message
    assert "422" in refused
    phone.problems.errors.clear()

    tap_reps(phone, "blue", "Controlled to the floor", "Controlled to the floor")
    tap_reps(phone, "green", "Near the floor", "Controlled to the floor")
    tap_reps(phone, "purple", "Near the floor", "Near the floor")
    expect(phone.locator(".trial-result").nth(2)).to_contain_text("✓ Both reps near the floor")
    screenshot(phone, "start-band-midway")
    tap_reps(phone, "black", "Halfway", "Near the floor")

    result = phone.locator(".start-band-result")
    expect(result.locator("h2")).to_have_text("You start on the green band")
    expect(result).to_contain_text("on purple, not on black: starts on green, one step thicker")
    expect(phone.locator(".trial-form")).to_have_count(0)
    assert_fits_the_phone(phone)
    screenshot(phone, "start-band-found")
    assert violations(phone) == []
    result.get_by_role("link", name="Back to the workout").click()
    phone.wait_for_url(f"**/workouts/{first_nordic.pk}/")
    expect(phone.locator(".exercise-card .band-badge").first).to_contain_text("Green band")
    phone.problems.assert_none()

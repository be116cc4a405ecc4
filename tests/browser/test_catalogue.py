import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_fits_the_phone, screenshot, small_tap_targets

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("catalogue")]


def test_filter_to_assisted_and_open_the_assisted_nordic(phone):
    phone.goto("/exercises/")
    assert phone.locator("#exercise-list li").count() == 17

    # htmx swaps the list in place and pushes the filter into the URL.
    phone.evaluate("window.__sameDocument = true")
    phone.select_option("#id_band_role", "assist")
    phone.wait_for_url("**/exercises/?*band_role=assist*")
    expect(phone.locator("#exercise-list li")).to_have_count(1)
    assert phone.evaluate("window.__sameDocument") is True  # no full reload
    assert_fits_the_phone(phone)
    assert small_tap_targets(phone) == []
    screenshot(phone, "catalogue-assisted")

    phone.click("text=Band-assisted Nordic curl")
    phone.wait_for_url("**/exercises/band-assisted-nordic-curl/")
    assert phone.get_by_role("heading", name="Set-up").is_visible()
    assert phone.get_by_role("heading", name="Cues").is_visible()
    assert phone.locator(".cues li").count() >= 3
    assert "armpit" in phone.locator("main").inner_text().lower()
    assert_fits_the_phone(phone)
    assert small_tap_targets(phone) == []
    screenshot(phone, "exercise-assisted-nordic")

    # Back returns to the filtered list.
    phone.go_back()
    phone.wait_for_url("**band_role=assist*")
    assert phone.locator("#exercise-list li").count() == 1
    phone.problems.assert_none()


def test_the_filters_work_without_javascript(browser, live_url, transactional_db, catalogue):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, base_url=live_url, java_script_enabled=False
    )
    page = context.new_page()
    page.goto("/exercises/")
    page.select_option("#id_band_role", "assist")
    page.click("button:has-text('Filter')")
    page.wait_for_url("**band_role=assist*")
    assert page.locator("#exercise-list li").count() == 1
    context.close()

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_fits_the_phone, log_in, screenshot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_the_athlete_logs_in_on_a_phone_and_lands_on_today(phone, athlete):
    log_in(phone, "athlete", PASSWORD)
    phone.wait_for_url("**/today/")
    assert phone.locator("h1").inner_text() == "Today"
    assert_fits_the_phone(phone)
    screenshot(phone, "today-athlete")
    # htmx loaded from our own static files, and nothing broke or was blocked.
    assert phone.evaluate("typeof window.htmx") == "object"
    phone.problems.assert_none()


def test_a_wrong_password_is_refused_on_the_page(phone, athlete):
    log_in(phone, "athlete", "wrong")
    assert "/accounts/login/" in phone.url
    expect(phone.get_by_role("alert").first).to_be_visible()
    phone.problems.assert_none()

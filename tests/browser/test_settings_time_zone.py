"""A new person's time zone (issue 24, point 16): it was UTC, to be found in a list of ~600.
Until they choose one the settings page preselects the zone their phone runs in and says so;
saving keeps it. A zone once chosen is left alone."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import CSP_RECORDER, PHONE, PageProblems, log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def phone_in_sydney(browser, live_url, transactional_db):
    context = browser.new_context(viewport=PHONE, base_url=live_url, timezone_id="Australia/Sydney")
    context.add_init_script(CSP_RECORDER)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.problems = PageProblems(page)
    yield page
    context.close()


def open_settings(page):
    log_in(page, "athlete", PASSWORD)
    page.wait_for_url("**/today/")
    page.goto("/accounts/settings/")


def test_a_new_person_is_offered_the_phones_zone_and_saving_keeps_it(phone_in_sydney, athlete):
    assert athlete.timezone == "UTC"  # never chosen
    open_settings(phone_in_sydney)
    expect(phone_in_sydney.locator("#id_timezone")).to_have_value("Australia/Sydney")
    expect(phone_in_sydney.locator("main")).to_contain_text(
        "Australia/Sydney is your phone's time zone: save to keep it."
    )
    athlete.refresh_from_db()
    assert athlete.timezone == "UTC"  # nothing saved by opening the page

    phone_in_sydney.get_by_role("button", name="Save settings").click()
    phone_in_sydney.get_by_role("status").wait_for()
    athlete.refresh_from_db()
    assert athlete.timezone == "Australia/Sydney"
    phone_in_sydney.problems.assert_none()


def test_a_zone_once_chosen_is_left_alone(phone_in_sydney, athlete):
    athlete.timezone = "Europe/London"
    athlete.save(update_fields=["timezone"])
    open_settings(phone_in_sydney)
    expect(phone_in_sydney.locator("#id_timezone")).to_have_value("Europe/London")
    expect(phone_in_sydney.locator("main")).not_to_contain_text("your phone's time zone")
    phone_in_sydney.problems.assert_none()

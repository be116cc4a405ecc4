""" "Your data" on a phone (390 px): from settings, the athlete asks for everything, sees it
listed ready with its link (tasks run at once in tests), then erases the account by typing
their username. No sideways scroll, no control under 44 px, no CSP report. Screenshots go to
test-artifacts/your-data-*.png."""

import pytest

from accounts.models import DataExport, User
from tests.browser.conftest import assert_fits_the_phone, log_in, screenshot, small_tap_targets
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_an_athlete_takes_their_data_then_erases_the_account(phone, athlete):
    log_in(phone, "athlete", PASSWORD)
    phone.wait_for_url("**/today/")
    phone.goto("/accounts/settings/")
    phone.get_by_role("link", name="Your data").click()
    phone.wait_for_url("**/accounts/data/")

    phone.get_by_role("button", name="Download everything").click()
    phone.get_by_text("We will mail you a link to athlete@example.com").wait_for()
    export = DataExport.objects.get(user=athlete)
    link = phone.get_by_role("link", name="Download the zip")
    assert link.get_attribute("href") == f"/accounts/data/{export.token}/"
    assert_fits_the_phone(phone)
    assert small_tap_targets(phone) == []
    screenshot(phone, "your-data-390")
    phone.problems.assert_none()

    phone.get_by_role("button", name="Erase my account").click()  # nothing typed
    phone.get_by_text("This field is required.").wait_for()
    [refused] = phone.problems.errors  # the console reports the 422 that carried the message
    assert "422" in refused
    phone.problems.errors.clear()
    assert User.objects.get(pk=athlete.pk).is_active
    phone.get_by_label("Type your username to confirm").fill("athlete")
    phone.get_by_role("button", name="Erase my account").click()
    phone.get_by_role("heading", name="Your account is closed").wait_for()
    assert not User.objects.get(pk=athlete.pk).is_active
    assert_fits_the_phone(phone)
    screenshot(phone, "your-data-erased-390")
    phone.problems.assert_none()

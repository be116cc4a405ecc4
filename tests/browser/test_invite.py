import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import (
    PHONE,
    assert_fits_the_phone,
    log_in,
    screenshot,
    small_tap_targets,
)
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_a_coach_invites_and_the_athlete_signs_up_on_a_phone(phone, browser, live_url, team):
    log_in(phone, "coach", PASSWORD)
    phone.wait_for_url("**/coach/")
    phone.goto(f"/coach/teams/{team.pk}/")
    assert_fits_the_phone(phone)
    assert small_tap_targets(phone) == []

    # htmx swaps only the invite section; the page is not reloaded.
    phone.evaluate("window.__sameDocument = true")
    phone.fill("#id_email", "nia@example.com")
    phone.click("button >> text=Send invite")
    expect(phone.locator("#invites")).to_contain_text("Invite sent to nia@example.com.")
    expect(phone.locator("#invites li")).to_have_count(1)
    assert phone.evaluate("window.__sameDocument") is True
    screenshot(phone, "team-invite-sent")
    phone.problems.assert_none()

    [message] = mail.outbox
    link = re.search(r"https?://\S+/accounts/invite/\S+/", message.body).group()
    path = link[link.index("/accounts/") :]

    # The athlete opens the link on their own phone, not logged in.
    context = browser.new_context(viewport=PHONE, base_url=live_url)
    athlete = context.new_page()
    athlete.set_default_timeout(10_000)
    try:
        athlete.goto(path)
        expect(athlete.locator("h1")).to_have_text("Join Squad")
        expect(athlete.locator("#id_email")).to_have_value("nia@example.com")
        assert_fits_the_phone(athlete)
        assert small_tap_targets(athlete) == []
        screenshot(athlete, "invite-sign-up")

        athlete.fill("#id_username", "nia")
        athlete.fill("#id_first_name", "Nia")
        athlete.fill("#id_password1", "stretchy green band 44")
        athlete.fill("#id_password2", "stretchy green band 44")
        athlete.click("button >> text=Sign up and join")
        athlete.wait_for_url("**/today/")
        expect(athlete.get_by_role("status")).to_contain_text("Welcome to Squad.")
        assert_fits_the_phone(athlete)

        # The link is single use.
        athlete.goto(path)
        expect(athlete.locator("main")).to_contain_text("This invite has already been used.")
    finally:
        context.close()

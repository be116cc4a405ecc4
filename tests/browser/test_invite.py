import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts import services
from accounts.models import User
from tests.browser.conftest import (
    PHONE,
    assert_fits_the_phone,
    log_in,
    screenshot,
    small_tap_targets,
)
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_a_coach_invites_and_the_athlete_signs_up_on_a_phone(
    phone, browser, live_url, team, catalogue
):
    log_in(phone, "coach", PASSWORD)
    phone.wait_for_url("**/coach/")
    phone.goto(f"/coach/teams/{team.pk}/")
    assert_fits_the_phone(phone)
    assert small_tap_targets(phone) == []

    # htmx swaps only the invite section; the page is not reloaded.
    phone.evaluate("window.__sameDocument = true")
    phone.fill("#id_emails", "nia@example.com")
    phone.click("button >> text=Send invites")
    expect(phone.locator("#invites")).to_contain_text("Invite sent to nia@example.com.")
    expect(phone.locator("#invites li.invite")).to_have_count(1)
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
        # A new athlete is asked which bands they own, then carries on to today.
        athlete.wait_for_url("**/bands/mine/?next=%2Ftoday%2F")
        expect(athlete.locator("h1")).to_have_text("Which bands do you have?")
        expect(athlete.get_by_role("status").first).to_contain_text("Welcome to Squad.")
        assert_fits_the_phone(athlete)
        screenshot(athlete, "invite-bands-prompt")
        athlete.get_by_label("Green band").check()
        athlete.click("button >> text=Save and continue")
        athlete.wait_for_url("**/today/")
        expect(athlete.get_by_role("status").first).to_contain_text("Your bands are saved.")
        nia = User.objects.get(username="nia")
        assert list(nia.owned_bands.values_list("name", flat=True)) == ["Green"]
        assert_fits_the_phone(athlete)

        # The link is single use.
        athlete.goto(path)
        expect(athlete.locator("main")).to_contain_text("This invite has already been used.")
    finally:
        context.close()


def test_a_coach_copies_an_invite_link_then_resends_and_revokes_it(phone, live_url, team):
    invite = services.invite_send(
        team=team, email="nia@example.com", invited_by=team.coach, base_url=live_url
    )
    link = f"{live_url}/accounts/invite/{invite.token}/"
    phone.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_url)
    log_in(phone, "coach", PASSWORD)
    phone.wait_for_url("**/coach/")
    phone.goto(f"/coach/teams/{team.pk}/")
    expect(phone.locator(f"#invite-link-{invite.pk}")).to_have_value(link)
    assert_fits_the_phone(phone)
    assert small_tap_targets(phone) == []

    copy = phone.locator(f"button[data-copy='invite-link-{invite.pk}']")
    copy.click()
    expect(copy).to_have_text("Copied")
    assert phone.evaluate("navigator.clipboard.readText()") == link
    screenshot(phone, "team-invite-copied")

    # Resend and revoke swap the invite section in place (htmx), the revoke after a confirm.
    phone.evaluate("window.__sameDocument = true")
    phone.get_by_role("button", name="Resend").click()
    expect(phone.locator("#invites")).to_contain_text("Invite sent again to nia@example.com.")
    expect(phone.get_by_role("button", name="Copy")).to_be_visible()  # revealed after the swap
    phone.once("dialog", lambda dialog: dialog.accept())
    phone.get_by_role("button", name="Revoke").click()
    expect(phone.locator("#invites")).to_contain_text("its link no longer works")
    expect(phone.locator("#invites li.invite")).to_have_count(0)
    assert phone.evaluate("window.__sameDocument") is True
    phone.problems.assert_none()


def test_without_javascript_the_link_shows_and_the_copy_button_does_not(
    browser, live_url, transactional_db, team
):
    invite = services.invite_send(
        team=team, email="nia@example.com", invited_by=team.coach, base_url=live_url
    )
    context = browser.new_context(viewport=PHONE, base_url=live_url, java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, "coach", PASSWORD)
        page.wait_for_url("**/coach/")
        page.goto(f"/coach/teams/{team.pk}/")
        expect(page.locator(f"#invite-link-{invite.pk}")).to_be_visible()
        expect(page.locator(f"#invite-link-{invite.pk}")).to_have_value(
            f"{live_url}/accounts/invite/{invite.token}/"
        )
        expect(page.locator("button[data-copy]")).to_be_hidden()
        # A plain form post revokes it and comes back to the list.
        page.get_by_role("button", name="Revoke").click()
        expect(page.get_by_role("status").first).to_contain_text("its link no longer works")
        expect(page.locator("#invites")).to_contain_text("No pending invites.")
    finally:
        context.close()

"""The club's page on the head's phone: the staff with their roles, a pending invite, the teams
with their coaches, each section swapped alone by htmx; a team handed to another coach and a
coach given a team without leaving the page, nothing wider than the phone."""

import pytest
from playwright.sync_api import expect

from accounts.clubs import StaffRole, TeamStaff
from tests.accounts.club import club_of, seat_in, staff_invite
from tests.browser.conftest import assert_fits_the_phone, log_in, screenshot, small_tap_targets
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_the_head_hands_a_team_over_and_gives_one_on_a_phone(phone, live_url, coach, team, athlete):
    club = club_of(coach)
    sam = seat_in(club, "sam", StaffRole.COACH, first_name="Sam")
    seat_in(club, "phoebe", StaffRole.PHYSIO, first_name="Phoebe", last_name="Okonkwo-Lindqvist")
    seat_in(club, "tariq", StaffRole.COACH, first_name="Tariq")
    staff_invite(club, "a.very.long.address.for.a.viewer@harbour-rugby-club.example")
    log_in(phone, "coach", PASSWORD)
    phone.wait_for_url("**/coach/")
    phone.get_by_role("navigation", name="Main").get_by_role("link", name="Club").click()
    phone.wait_for_url("**/club/")
    phone.evaluate("window.__sameDocument = true")
    assert_fits_the_phone(phone)

    panel = phone.locator(f"#team-{team.pk}")
    panel.locator("summary").click()
    panel.get_by_label("Give it to").select_option(label="Sam")
    panel.get_by_role("button", name="Give to this coach").click()
    expect(phone.locator("#teams")).to_contain_text("Sam coaches Squad now, beside Cora.")
    assert TeamStaff.objects.filter(team=team, user=sam).exists()

    panel = phone.locator(f"#team-{team.pk}")
    expect(panel).to_have_attribute("open", "")
    phone.once("dialog", lambda dialog: dialog.accept())
    panel.get_by_label("Hand it to").select_option(label="Tariq")
    panel.get_by_role("button", name="Hand over").click()
    expect(phone.locator("#teams")).to_contain_text("Tariq leads Squad now")
    expect(phone.locator(f"#team-{team.pk} summary")).to_contain_text(
        "led by Tariq, with Sam · 1 athlete"
    )
    team.refresh_from_db()
    assert team.coach.username == "tariq"
    assert phone.evaluate("window.__sameDocument") is True

    assert_fits_the_phone(phone)
    # A box is tapped through its whole row (the label), which is the target measured.
    controls = "main button, main select, main input:not([type=checkbox]), main .check-row"
    assert small_tap_targets(phone, controls) == []
    screenshot(phone, "club-page-phone")
    phone.problems.assert_none()

"""A coach sorts a squad into groups on a phone (issue 27): adds a group and ticks its athletes
on the team page (htmx swaps the groups alone), then opens the group on the board."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_fits_the_phone, log_in, screenshot, small_tap_targets
from tests.coaching.groups import member
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_a_coach_makes_a_group_and_sees_it_alone_on_the_board(
    phone, live_url, team, athlete, catalogue
):
    member(team, "Tam")
    log_in(phone, "coach", PASSWORD)
    phone.wait_for_url("**/coach/")
    phone.goto(f"/coach/teams/{team.pk}/")
    phone.evaluate("window.__sameDocument = true")

    phone.fill("#id_new-group-name", "Backs")
    phone.click("button >> text=Add group")
    expect(phone.locator("#groups")).to_contain_text("Group Backs added: tick its athletes.")
    panel = phone.locator("#groups details.group")
    expect(panel).to_have_attribute("open", "")
    panel.get_by_label("Alex").check()
    panel.get_by_role("button", name="Save athletes").click()
    expect(phone.locator("#groups")).to_contain_text("Backs: 1 athlete.")
    expect(phone.locator("#groups summary")).to_contain_text("1 athlete: Alex")
    assert phone.evaluate("window.__sameDocument") is True
    assert_fits_the_phone(phone)
    # A box is tapped through its whole row (the label), which is the target measured.
    controls = "main a, main button, main select, main input:not([type=checkbox]), main .check-row"
    assert small_tap_targets(phone, controls) == []
    screenshot(phone, "team-groups")

    phone.locator("#groups").get_by_role("link", name="Backs on the board").click()
    phone.wait_for_url("**/coach/?team=*&group=*")
    expect(phone.locator("tbody.athlete")).to_have_count(1)
    expect(phone.locator("tbody.athlete")).to_contain_text("Alex")
    expect(phone.get_by_role("navigation", name="Group")).to_contain_text("Everyone")
    assert_fits_the_phone(phone)
    screenshot(phone, "board-by-group")
    phone.problems.assert_none()

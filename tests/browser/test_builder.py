import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_fits_the_phone, log_in, screenshot

pytestmark = pytest.mark.browser


def test_the_coach_copies_the_nordic_program_adds_a_week_and_changes_its_band_rule(phone, demo):
    log_in(phone, "coach", "hamstrings")
    phone.wait_for_url("**/coach/")
    phone.goto("/programs/")
    phone.locator("#library").get_by_text("Band-assisted Nordic, 10 weeks").click()
    phone.click("button:has-text('Copy to edit')")
    phone.wait_for_url("**/programs/*/edit/")
    assert phone.locator("section.week").count() == 11  # ten weeks, then maintenance

    phone.click("button:has-text('Add week')")
    expect(phone.locator("section.week")).to_have_count(12)
    assert phone.locator("section.week").nth(10).locator("h3").inner_text().startswith("Week 11")

    rules = phone.locator("#band-rules")
    rules.locator("a:has-text('Change')").first.click()
    form = rules.locator("form.builder-form")
    form.wait_for()
    form.locator("#id_start_band").select_option(label="Blue band")
    form.locator("#id_sessions_to_advance").fill("4")
    form.locator("button:has-text('Save')").click()
    expect(rules).to_contain_text("after 4 sessions in a row")
    assert "Starts on the blue band" in rules.inner_text()
    assert_fits_the_phone(phone)
    screenshot(phone, "builder-nordic-copy")

    phone.click("text=See the plan")
    phone.wait_for_url("**/programs/*/")
    plan = phone.locator("main").inner_text()
    assert "Week 11" in plan
    assert (
        "Starts on the blue band. Moves to a thinner band, then unassisted after 4 sessions" in plan
    )
    assert_fits_the_phone(phone)
    screenshot(phone, "program-plan-copy")
    phone.problems.assert_none()

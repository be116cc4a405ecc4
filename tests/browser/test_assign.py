import pytest
from playwright.sync_api import expect

from programs import assignments
from programs.models import Assignment
from tests.browser.conftest import assert_fits_the_phone, log_in, screenshot, small_tap_targets

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_without_programs(demo):
    """The demo data, with the demo athletes' mid-way Nordic assignments ended so the coach
    can assign it afresh."""
    for assignment in Assignment.objects.all():
        assignments.assignment_end(assignment=assignment)


def test_the_coach_assigns_the_nordic_program_to_the_demo_team(phone, demo_without_programs):
    log_in(phone, "coach", "hamstrings")
    phone.wait_for_url("**/coach/")
    phone.goto("/programs/")
    phone.locator("#library").get_by_text("Band-assisted Nordic, 10 weeks").click()
    phone.click("a:has-text('Assign')")
    phone.wait_for_url("**/assign/")
    phone.select_option("#id_target", label="Demo squad (whole team)")
    # htmx fills in each athlete's starting band, prefilled from the band rule.
    expect(phone.locator("#start-bands select")).to_have_count(12)  # the demo squad
    expect(phone.locator("#start-bands select").first).to_have_value(
        phone.locator("#start-bands option:has-text('Green band')").first.get_attribute("value")
    )
    assert_fits_the_phone(phone)
    screenshot(phone, "assign-nordic")
    phone.click("button:has-text('Assign')")

    phone.wait_for_url("**/coach/")
    expect(phone.locator(".messages")).to_contain_text("Band-assisted Nordic, 10 weeks assigned to")
    rows = phone.locator(".athlete-row")
    expect(rows).to_have_count(12)
    for name in ("Alex", "Sam"):
        row = phone.locator(f".athlete-row:has-text('{name}')")
        expect(row).to_contain_text("Week 1 · Band-assisted Nordic, 10 weeks")
        expect(row.locator("[title='Band-assisted Nordic curl']")).to_have_text("Green")
    assert_fits_the_phone(phone)
    assert small_tap_targets(phone) == []
    screenshot(phone, "dashboard-after-assign")
    phone.problems.assert_none()

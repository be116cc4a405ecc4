"""A builder form opened on its own (a long-press, "open in a new tab"): its Save posts the
form as any page does and lands back on the builder with the change shown, where htmx inside
the builder would aim at a week card that this page does not have."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PageProblems, log_in
from tests.conftest import PASSWORD
from tests.programs.builder import build_program

pytestmark = pytest.mark.browser


@pytest.fixture
def program(transactional_db, catalogue, coach):
    return build_program(coach)


def test_a_week_form_opened_in_its_own_tab_saves(phone, program):
    log_in(phone, "coach", PASSWORD)
    phone.wait_for_url("**/coach/")
    phone.goto(f"/programs/{program.pk}/edit/")
    week = program.weeks.get(number=1)
    href = phone.locator(f"#week-{week.pk} a:has-text('Edit week')").get_attribute("href")

    tab = phone.context.new_page()  # the same session, the form alone in its tab
    tab.problems = PageProblems(tab)
    tab.goto(href)
    expect(tab.locator("h1")).to_have_text("Week 1")
    tab.fill("#id_focus", "Eccentric base")
    tab.locator("#id_is_deload").check()
    tab.click("form.builder-form button:has-text('Save')")
    tab.wait_for_url(f"**/programs/{program.pk}/edit/#week-{week.pk}")
    expect(tab.locator(f"#week-{week.pk} h3")).to_contain_text("Eccentric base")
    expect(tab.locator(f"#week-{week.pk} h3")).to_contain_text("Deload")
    week.refresh_from_db()
    assert (week.focus, week.is_deload) == ("Eccentric base", True)
    tab.problems.assert_none()


def test_inside_the_builder_a_form_still_saves_in_place(phone, program):
    log_in(phone, "coach", PASSWORD)
    phone.wait_for_url("**/coach/")
    phone.goto(f"/programs/{program.pk}/edit/")
    week = program.weeks.get(number=2)
    card = phone.locator(f"#week-{week.pk}")
    card.locator("a:has-text('Edit week')").click()
    card.locator("#id_focus").fill("Tempo")
    card.locator("form.builder-form button:has-text('Save')").click()
    expect(card.locator("> h3")).to_contain_text("Tempo")
    expect(card.locator("form.builder-form")).to_have_count(0)
    assert phone.url.endswith(f"/programs/{program.pk}/edit/")  # swapped, not reloaded
    phone.problems.assert_none()

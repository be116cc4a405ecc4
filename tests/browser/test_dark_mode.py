"""Dark mode follows the phone (prefers-color-scheme): the same pages at 390 px, light and
dark, screenshotted into test-artifacts/; the page turns dark and its text stays readable."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from programs import assignments
from programs.models import Assignment, Program
from tests.browser.conftest import (
    CSP_RECORDER,
    PHONE,
    PageProblems,
    assert_fits_the_phone,
    log_in,
    screenshot,
)

pytestmark = pytest.mark.browser

# The colour of an element's text and of the first opaque background behind it.
COLOURS = """(selector) => {
  const element = document.querySelector(selector);
  if (!element) return null;
  const rgb = (value) => (value.match(/[\\d.]+/g) || []).map(Number);
  let node = element, background = [0, 0, 0, 0];
  while (node && node.nodeType === 1) {
    background = rgb(getComputedStyle(node).backgroundColor);
    if (background.length === 3 || background[3] > 0) break;
    node = node.parentElement;
  }
  if (!node || node.nodeType !== 1) background = [255, 255, 255];
  return {text: rgb(getComputedStyle(element).color), background: background.slice(0, 3)};
}"""

# What has to stay readable on each page: its heading, muted text, cards, buttons, links.
CHECKED = {
    "today": ["h1", ".today-workout", ".today-workout .when", ".muted", ".tabbar a"],
    "workout": [
        "h1",
        ".band-badge",
        ".set-row.is-logged",
        ".exercise-card .muted",
        "main .button",
        "main .button.primary",
    ],
    "bands": ["h1", ".band-row .band-tension", ".band-name .muted", "p.muted", "main a.button"],
    "settings": ["h1", "label[for=id_timezone]", "select", ".help", ".button.primary"],
    "board": ["h1", ".athlete-name", ".board-table td", ".chip", ".flags"],
}


def luminance(rgb) -> float:
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(value) for value in rgb[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one, other) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture
def nordic_today(demo_on_monday):
    """The demo data, with the demo athlete starting the library Nordic program today."""
    for assignment in Assignment.objects.filter(athlete__username="athlete"):
        assignments.assignment_end(assignment=assignment)
    return assignments.program_assign(
        template=Program.objects.library().get(slug="band-assisted-nordic"),
        athlete=User.objects.get(username="athlete"),
        start_date=timezone.localdate(),
        by=User.objects.get(username="coach"),
    )


def visit(browser, live_url, scheme: str) -> dict:
    """Each page in one colour scheme: its screenshot, and the colours of what it checks."""
    context = browser.new_context(viewport=PHONE, base_url=live_url, color_scheme=scheme)
    context.add_init_script(CSP_RECORDER)
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems = PageProblems(page)
    seen = {}

    def look(name: str):
        assert_fits_the_phone(page)
        screenshot(page, f"{scheme}-{name}-390")
        seen[name] = {"page": page.evaluate(COLOURS, "body")}
        for selector in CHECKED[name]:
            colours = page.evaluate(COLOURS, selector)
            assert colours is not None, f"{selector} is not on the {name} page"
            seen[name][selector] = colours

    try:
        log_in(page, "athlete", "hamstrings")
        page.wait_for_url("**/today/")
        look("today")
        page.locator(".today-workout").first.click()
        page.wait_for_url("**/workouts/*/")
        logged = page.locator(".set-row.is-logged")
        before = logged.count()  # the light visit logged the first set already
        page.locator("button.control-button[value=full]").first.click()
        expect(logged).to_have_count(before + 1)
        look("workout")
        page.goto("/bands/")
        look("bands")
        page.goto("/accounts/settings/")
        look("settings")
        page.click("button:has-text('Log out')")
        page.wait_for_url("**/accounts/login/")
        log_in(page, "coach", "hamstrings")
        page.wait_for_url("**/coach/")
        look("board")
        problems.assert_none()
    finally:
        context.close()
    return seen


def test_dark_mode_follows_the_phone_and_keeps_text_readable(browser, live_url, nordic_today):
    light = visit(browser, live_url, "light")
    dark = visit(browser, live_url, "dark")
    for name, colours in dark.items():
        page_light, page_dark = light[name]["page"], colours["page"]
        assert page_dark["background"] != page_light["background"], f"{name} did not turn dark"
        assert luminance(page_dark["background"]) < 0.03, f"{name}: background is not dark"
        assert luminance(page_dark["text"]) > 0.6, f"{name}: text is not light"
        for selector, pair in colours.items():
            for scheme, seen in (("light", light[name][selector]), ("dark", pair)):
                ratio = contrast(seen["text"], seen["background"])
                assert ratio >= 4.5, f"{scheme} {name} {selector}: contrast {ratio:.1f}"

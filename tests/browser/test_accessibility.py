"""Accessibility at 390 px, read by axe-core (axe-playwright-python) in Chromium: the workout
page, the month calendar, settings, my bands and the builder have no serious or critical
violation (every field labelled, text readable against its background), in light and dark
mode; and every checkbox is a 44 px target (its label row is what a finger hits)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from accounts.models import User
from programs import assignments
from programs.models import Assignment, Program
from tests.browser.conftest import ARTIFACTS, log_in, screenshot

pytestmark = pytest.mark.browser
SERIOUS = {"serious", "critical"}


@pytest.fixture
def nordic(demo_on_monday):
    """The demo data, with the demo athlete starting the library Nordic program today."""
    for assignment in Assignment.objects.all():
        assignments.assignment_end(assignment=assignment)
    return assignments.program_assign(
        template=Program.objects.library().get(slug="band-assisted-nordic"),
        athlete=User.objects.get(username="athlete"),
        start_date=timezone.localdate(),
        by=User.objects.get(username="coach"),
    )


def violations(page) -> list[str]:
    """axe's serious and critical violations on the page as it stands, one line each."""
    results = Axe().run(page)
    return [
        f"{rule['id']} ({rule['impact']}): "
        + "; ".join(" ".join(node["target"]) for node in rule["nodes"][:5])
        for rule in results.response["violations"]
        if rule["impact"] in SERIOUS
    ]


def short_checkboxes(page) -> list:
    """Visible checkboxes whose hit box (their own, or the label row around them) is under 44
    px tall or wide."""
    return page.evaluate(
        """() => [...document.querySelectorAll('main input[type=checkbox]')]
            .filter((el) => el.offsetParent !== null)
            .map((el) => {
              const label = el.closest('label');
              const own = el.getBoundingClientRect();
              const box = label ? label.getBoundingClientRect() : own;
              return [el.name, Math.max(own.height, box.height), Math.max(own.width, box.width)];
            })
            .filter(([, height, width]) => height < 44 || width < 44)"""
    )


def problems(page, name: str) -> list[str]:
    """What axe finds in light and dark mode, and the checkboxes too small to hit."""
    found = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        found += [f"{name}, {scheme}: {violation}" for violation in violations(page)]
    page.emulate_media(color_scheme="light")
    found += [f"{name}: {box} is a small target" for box in short_checkboxes(page)]
    return found


def test_the_athletes_pages_pass_axe(phone, nordic):
    log_in(phone, "athlete", "hamstrings")
    phone.wait_for_url("**/today/")
    phone.locator(".today-workout").first.click()
    phone.wait_for_url("**/workouts/*/")
    phone.locator(".check-in summary").click()  # the optional readiness scales are read too
    phone.locator(".pain-stop summary").first.click()  # and a pain stop's fields
    found = problems(phone, "workout")
    screenshot(phone, "a11y-workout")

    phone.goto("/calendar/?view=month")
    found += problems(phone, "month calendar")
    screenshot(phone, "a11y-calendar-month")

    phone.goto("/accounts/settings/")
    found += problems(phone, "settings")
    phone.goto("/bands/mine/")
    found += problems(phone, "my bands")
    assert not found, "\n".join(found)
    phone.problems.assert_none()


def test_the_builder_passes_axe(phone, nordic):
    log_in(phone, "coach", "hamstrings")
    phone.wait_for_url("**/coach/")
    phone.goto(f"/programs/{nordic.program.pk}/edit/")
    found = problems(phone, "builder")
    week = phone.locator("section.week").first
    week.locator("a:has-text('Edit week')").click()
    week.locator("form.builder-form").wait_for()
    found += problems(phone, "builder, a week's form open")
    ARTIFACTS.mkdir(exist_ok=True)
    week.locator("form.builder-form").screenshot(path=str(ARTIFACTS / "a11y-builder-week-form.png"))
    phone.goto(f"/programs/{nordic.program.pk}/weeks/{nordic.program.weeks.first().pk}/")
    found += problems(phone, "a week's form on its own page")
    assert not found, "\n".join(found)
    phone.problems.assert_none()

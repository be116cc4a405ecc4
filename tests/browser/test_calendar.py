"""The athlete's calendar on a phone: the week list and the month grid fit at 390 and 320 px,
with each workout marked, and the arrows move the weeks without a page load. Screenshots go
to test-artifacts/calendar-*.png."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from catalogue.models import Band, Exercise
from catalogue.services import load_catalogue
from logbook import services as logbook
from programs import assignments, services
from programs.models import Prescription, Workout
from tests.browser.conftest import ARTIFACTS, assert_fits_the_phone, log_in, screenshot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def training(transactional_db, athlete, coach):
    """A two-week block from last Monday's week, three workouts a week: the first done, the
    ones since missed, the rest ahead; the Nordic tracked from green."""
    load_catalogue()
    today = timezone.localdate()
    start = today - timedelta(days=today.weekday() + 7)
    program = services.program_create(owner=coach, title="Nordic block")
    nordic = Exercise.objects.get(slug="band-assisted-nordic-curl")
    green = Band.objects.get(name="Green")
    for _ in range(3):
        week = services.week_add(program=program)
        for day in (1, 3, 5):
            workout = Workout.objects.create(week=week, day=day, title=f"Nordics day {day}")
            Prescription.objects.create(
                workout=workout, exercise=nordic, order=1, sets=3, set_reps=[12, 10, 8], band=green
            )
    services.band_rule_set(program=program, exercise=nordic, start_band=green)
    athlete = User.objects.get(username="athlete")
    assignment = assignments.program_assign(
        template=program, athlete=athlete, start_date=start, by=coach
    )
    first = Workout.objects.get(week__program=assignment.program, week__number=1, day=1)
    log = logbook.workout_start(
        athlete=athlete, assignment=assignment, workout=first, today=start + timedelta(days=1)
    )
    log.sets.create(exercise=nordic, set_number=1, reps=12, band=green)
    logbook.workout_finish(workout_log=log, rpe=7, pain=0)
    return assignment


def fits(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [390, 320])
def test_the_week_list_reads_on_a_phone(phone, training, width):
    phone.set_viewport_size({"width": width, "height": 844})
    log_in(phone, "athlete", PASSWORD)
    phone.wait_for_url("**/today/")
    phone.locator("nav.tabbar").get_by_role("link", name="Calendar").click()
    phone.wait_for_url("**/calendar/")
    expect(phone.locator("nav.tabbar a[aria-current=page]")).to_have_text("Calendar")
    expect(phone.locator(".tabbar a")).to_have_count(5)
    # Every tab's label on one line, inside the bar.
    assert phone.evaluate(
        """[...document.querySelectorAll('.tabbar a > span:not(.badge)')]
             .every((el) => el.getClientRects().length === 1
                    && el.getBoundingClientRect().right <= window.innerWidth)"""
    )
    done = phone.locator(".calendar-workout.mark-done")
    expect(done).to_contain_text("Nordics day 1")
    expect(done).to_contain_text("scheduled for")
    expect(phone.locator(".calendar-day.is-today")).to_be_visible()
    expect(phone.locator(".calendar-workout.mark-upcoming").first).to_contain_text("Green band")
    fits(phone, width)
    if width == 390:
        assert_fits_the_phone(phone)
    screenshot(phone, f"calendar-weeks-{width}")
    phone.locator("#today").scroll_into_view_if_needed()
    phone.screenshot(path=str(ARTIFACTS / f"calendar-weeks-{width}-today.png"))

    # The arrow moves the weeks in place (htmx) and the address follows.
    before = phone.locator(".calendar-range").inner_text()
    phone.get_by_role("link", name="Later").click()
    expect(phone.locator(".calendar-range")).not_to_have_text(before)
    phone.wait_for_url("**/calendar/?from=*")
    expect(phone.locator("h1")).to_have_count(1)
    fits(phone, width)
    phone.problems.assert_none()


@pytest.mark.parametrize("width", [390, 320])
def test_the_month_grid_reads_on_a_phone(phone, training, width):
    phone.set_viewport_size({"width": width, "height": 844})
    log_in(phone, "athlete", PASSWORD)
    phone.wait_for_url("**/today/")
    phone.goto("/calendar/")
    phone.get_by_role("link", name="Month").click()
    phone.wait_for_url("**/calendar/?view=month")
    grid = phone.locator("table.calendar-month")
    expect(grid).to_be_visible()
    expect(grid.locator("thead th")).to_have_count(7)
    expect(grid.locator("td.is-today")).to_have_count(1)
    expect(grid.locator(".month-mark.mark-upcoming").first).to_be_attached()
    # Seven columns inside the page, each at least a finger wide.
    cells = grid.locator("tbody tr").first.locator("td")
    widths = [cells.nth(n).bounding_box()["width"] for n in range(7)]
    assert min(widths) >= 38, widths
    fits(phone, width)
    screenshot(phone, f"calendar-month-{width}")
    # A tap on a day opens its week.
    grid.locator("td.is-today a").click()
    phone.wait_for_url("**/calendar/?from=*&weeks=1")
    expect(phone.locator(".calendar-day.is-today")).to_be_visible()
    phone.problems.assert_none()

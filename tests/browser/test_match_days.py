"""Match days at a desk and on a phone: the coach enters the team's fixtures (one with the form,
one pasted), places a workout of their own program at MD-4 in the builder and assigns it; the
athlete's calendar shows the workout four days before the match, and when the coach moves the
match the workout follows it."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from catalogue.models import Band, Exercise
from programs import services
from programs.models import Prescription, Program, Workout
from tests.browser.conftest import (
    CSP_RECORDER,
    PageProblems,
    assert_fits_the_phone,
    log_in,
    screenshot,
)
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser
DESK = {"width": 1280, "height": 800}


def shown(on: date) -> str:
    """A day as the pages write it: "Sat 5 Dec"."""
    return f"{on:%a} {on.day} {on:%b}"


@pytest.fixture
def monday() -> date:
    """Next week's Monday: the program starts then, its matches are that week and the next."""
    today = timezone.localdate()
    return today - timedelta(days=today.weekday()) + timedelta(days=7)


@pytest.fixture
def block(transactional_db, catalogue, coach, athlete) -> Program:
    """The coach's own two-week template: a Nordic session on day 3 of each week."""
    program = services.program_create(owner=coach, title="Match block")
    nordic = Exercise.objects.get(slug="band-assisted-nordic-curl")
    green = Band.objects.get(name="Green")
    for title in ("Nordic A", "Nordic B"):
        week = services.week_add(program=program)
        workout = Workout.objects.create(week=week, day=3, title=title)
        Prescription.objects.create(
            workout=workout, exercise=nordic, order=1, sets=3, reps_min=6, band=green
        )
    return program


def day_of(page, on: date):
    return page.locator(f".calendar-day:has(time[datetime='{on.isoformat()}'])")


def test_a_workout_placed_at_md_minus_4_follows_a_moved_match(
    browser, live_url, phone, team, athlete, block, monday
):
    saturday, friday, next_saturday = (monday + timedelta(days=n) for n in (5, 4, 12))
    desk = browser.new_context(viewport=DESK, base_url=live_url)
    desk.add_init_script(CSP_RECORDER)
    coach = desk.new_page()
    coach.set_default_timeout(10_000)
    coach.problems = PageProblems(coach)
    log_in(coach, "coach", PASSWORD)
    coach.wait_for_url("**/coach/")

    # The fixtures: one added with the form, one pasted.
    coach.goto(f"/coach/teams/{team.pk}/fixtures/")
    fixtures = coach.locator("#fixtures")
    coach.fill("#add_date", saturday.isoformat())
    coach.fill("#add_label", "v Rovers")
    coach.click("button:has-text('Add the match')")
    expect(fixtures).to_contain_text(f"Match on {shown(saturday)} {saturday.year} added.")
    coach.fill("#paste_lines", f"{next_saturday:%d/%m/%Y} v City (away)")
    coach.click("button:has-text('Add these matches')")
    expect(fixtures).to_contain_text("1 match added.")
    expect(coach.locator(".fixture-list > li.fixture")).to_have_count(2)
    expect(coach.locator(".fixture-list > li.fixture").nth(1)).to_contain_text("v City (away)")

    # Nordic A placed at MD-4 in the builder.
    nordic_a = Workout.objects.get(week__program=block, title="Nordic A")
    coach.goto(f"/programs/{block.pk}/edit/")
    card = coach.locator(f"#workout-{nordic_a.pk}")
    card.get_by_role("link", name="Edit workout").click()
    form = coach.locator(f"#slot-workout-{nordic_a.pk} form.builder-form")
    form.locator("#id_match_day").select_option("-4")
    form.locator("button:has-text('Save')").click()
    expect(card.locator("h4")).to_contain_text("MD-4")
    expect(card.locator("h4 .placement")).to_have_text("MD-4")

    # Assigned to the athlete from next Monday.
    coach.goto(f"/programs/{block.pk}/assign/")
    coach.select_option("#id_target", f"athlete-{athlete.pk}")
    coach.fill("#id_start_date", monday.isoformat())
    coach.click("button.primary:has-text('Assign')")
    coach.wait_for_url("**/coach/")
    expect(coach.locator(".messages")).to_contain_text("Match block assigned to Alex")

    # The athlete sees Nordic A four days before Saturday's match: on Tuesday.
    log_in(phone, "athlete", PASSWORD)
    phone.wait_for_url("**/today/")
    phone.goto("/calendar/")
    tuesday = day_of(phone, saturday - timedelta(days=4))
    expect(tuesday.locator(".calendar-workout")).to_contain_text("Nordic A")
    expect(tuesday.locator(".calendar-workout")).to_contain_text("MD-4")
    expect(day_of(phone, saturday).locator(".calendar-fixture")).to_have_text("Match day: v Rovers")

    # The match moves to Friday.
    coach.goto(f"/coach/teams/{team.pk}/fixtures/")
    move = f"Move the match of {saturday.day} {saturday:%b %Y}"
    coach.get_by_role("link", name=move).click()
    expect(coach.locator("#edit_date")).to_be_visible()
    coach.fill("#edit_date", friday.isoformat())
    coach.click(".fixture-edit button:has-text('Save')")
    expect(fixtures).to_contain_text(
        f"Match of {shown(saturday)} {saturday.year} saved, moved to {shown(friday)} {friday.year}."
    )
    expect(coach.locator(".fixture-list > li.fixture").first).to_contain_text(
        f"{shown(friday)} {friday.year}"
    )
    screenshot(coach, "match-days-fixtures-moved")

    # Nordic A follows it: now on Monday, MD-4 of Friday.
    phone.reload()
    new_day = day_of(phone, friday - timedelta(days=4))
    expect(new_day.locator(".calendar-date time")).to_have_text(shown(monday))
    expect(new_day.locator(".calendar-workout")).to_contain_text("Nordic A")
    expect(new_day.locator(".calendar-workout")).to_contain_text("MD-4")
    expect(tuesday.locator(".calendar-workout")).to_have_count(0)
    expect(day_of(phone, friday).locator(".calendar-fixture")).to_have_text("Match day: v Rovers")
    expect(day_of(phone, saturday).locator(".calendar-fixture")).to_have_count(0)
    # Nordic B is not placed: it stays on its day, whatever the pasted match.
    expect(day_of(phone, monday + timedelta(days=9)).locator(".calendar-workout")).to_contain_text(
        "Nordic B"
    )
    expect(day_of(phone, next_saturday).locator(".calendar-fixture")).to_have_text(
        "Match day: v City (away)"
    )
    new_day.scroll_into_view_if_needed()
    assert_fits_the_phone(phone)
    screenshot(phone, "match-days-calendar-moved")
    phone.problems.assert_none()
    coach.problems.assert_none()
    desk.close()

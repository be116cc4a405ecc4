"""The squad's plan edited once, in a browser (issue 27): at 1280x800 the coach places week 2's
Nordics at MD-4 in the builder of the plan the squad shares, and the squad grid moves it for
every athlete to four days before Saturday's match; then the coach gives one athlete a dose of
their own, and that athlete, at 390x844, sees their own dose while a teammate keeps the
squad's. Screenshots: test-artifacts/squad-plan-{grid,own-plan,athlete}.png."""

from datetime import UTC, date, datetime

import pytest
from playwright.sync_api import expect

from programs.models import Fixture, Prescription
from tests.browser.conftest import (
    assert_fits_the_phone,
    log_in,
    screenshot,
)
from tests.coaching.squads import squad_assign, squad_block, workout
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

NAMES = ["Alba", "Blake", "Casey", "Drew", "Eden"]
MATCH = date(2026, 11, 28)  # the Saturday of week 2
MONDAY_23, TUESDAY_24 = 7, 8  # their cells in each athlete's row (the grid starts on the 16th)


@pytest.fixture
def squad(transactional_db, time_machine, catalogue, coach, team):
    """Five athletes on the block since Monday 16 November, today Tuesday the 17th, and a
    match on Saturday the 28th."""
    time_machine.move_to(datetime(2026, 11, 17, 9, tzinfo=UTC), tick=True)
    members = squad_assign(team, coach, squad_block(coach), NAMES)
    Fixture.objects.create(team=team, date=MATCH, label="v Rovers")
    return team, members


def nordics_cell(row, index: int):
    return row.locator("td").nth(index).get_by_role("link", name="Nordics")


def test_one_edit_moves_the_squad_and_one_athlete_gets_their_own_dose(desktop, phone, squad):
    team, members = squad
    plan = members[0].program
    nordics = workout(members[0], "Nordics", week=2)
    log_in(desktop, "coach", PASSWORD)
    desktop.wait_for_url("**/coach/")

    # Before: week 2's Nordics on Monday the 23rd for everyone.
    desktop.goto(f"/coach/teams/{team.pk}/calendar/")
    rows = desktop.locator("table.squad-grid tbody tr")
    expect(rows).to_have_count(len(NAMES))
    for index in range(len(NAMES)):
        expect(nordics_cell(rows.nth(index), MONDAY_23)).to_have_count(1)

    # One edit in the builder of the plan the squad shares.
    desktop.goto(f"/programs/{plan.pk}/edit/")
    card = desktop.locator(f"#workout-{nordics.pk}")
    card.get_by_role("link", name="Edit workout").click()
    form = desktop.locator(f"#slot-workout-{nordics.pk} form.builder-form")
    form.locator("#id_match_day").select_option("-4")
    form.locator("button:has-text('Save')").click()
    expect(card.locator("h4 .placement")).to_have_text("MD-4")

    # The grid moves it for every athlete: MD-4 of the 28th is Tuesday the 24th.
    desktop.goto(f"/coach/teams/{team.pk}/calendar/")
    for index in range(len(NAMES)):
        expect(nordics_cell(rows.nth(index), MONDAY_23)).to_have_count(0)
        expect(nordics_cell(rows.nth(index), TUESDAY_24)).to_have_count(1)
    screenshot(desktop, "squad-plan-grid")

    # Alba's own dose for that session, from her card.
    alba = members[0]
    desktop.goto(f"/coach/athletes/{alba.athlete_id}/")
    desktop.get_by_role("link", name="Their own dose, exercises and days").click()
    desktop.wait_for_url(f"**/coach/assignments/{alba.pk}/plan/")
    nordic = Prescription.objects.get(workout=nordics)
    dose = desktop.locator("section", has=desktop.locator("#dose-heading"))
    dose.get_by_label("Exercise").select_option(str(nordic.pk))
    dose.get_by_label("Sets").fill("2")
    dose.get_by_label("Reps a set").fill("5")
    dose.get_by_role("button", name="Set the dose").click()
    expect(desktop.locator(".messages")).to_contain_text("differs from the squad")
    expect(desktop.locator(".differs-list")).to_contain_text(
        "Week 2, Nordics: Band-assisted Nordic curl: 2 x 5 instead of 3 x 8"
    )
    screenshot(desktop, "squad-plan-own-plan")
    desktop.goto(f"/coach/athletes/{alba.athlete_id}/")
    expect(desktop.locator(".own-plan")).to_contain_text("1 change of their own")
    desktop.problems.assert_none()

    # Alba, on her phone, sees her own dose; Blake keeps the squad's.
    log_in(phone, "alba", PASSWORD)
    phone.wait_for_url("**/today/")
    phone.goto(f"/workouts/{nordics.pk}/")
    exercise = phone.locator(f"#exercise-{nordic.pk}")
    expect(exercise.locator(".notation")).to_contain_text("2 x 5")
    expect(exercise.locator(".dose-cut")).to_have_text("Your coach's dose for you")
    expect(exercise.locator(".set-row")).to_have_count(2)
    assert_fits_the_phone(phone)
    screenshot(phone, "squad-plan-athlete")
    phone.problems.assert_none()
    phone.context.clear_cookies()
    log_in(phone, "blake", PASSWORD)
    phone.wait_for_url("**/today/")
    phone.goto(f"/workouts/{nordics.pk}/")
    expect(phone.locator(f"#exercise-{nordic.pk} .notation")).to_contain_text("3 x 8")

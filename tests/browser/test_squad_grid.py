"""The squad grid in a browser: at 1280x800 the coach reads four weeks of a squad at once
(athletes down, days across, a letter on each colour, a legend) and a click opens the workout;
at 390x844 the list of days shows instead, with no sideways scroll. The export form under
either downloads the squad's sets, or answers bad dates next to their field. Screenshots go to
test-artifacts/squad-grid-desktop.png and squad-grid-phone.png."""

from datetime import UTC, date, datetime

import pytest
from playwright.sync_api import expect

from logbook import actions as logbook_actions
from logbook import services as logbook
from logbook.models import PainPause
from programs import assignments
from programs.models import Fixture
from tests.browser.conftest import (
    assert_fits_the_phone,
    log_in,
    screenshot,
)
from tests.coaching.squads import squad_assign, squad_block, workout
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

TODAY = date(2026, 11, 19)
NAMES = ["Alba", "Blake", "Casey", "Drew", "Eden", "Finn", "Gale", "Harper", "Indy", "Jules"]


@pytest.fixture
def squad(transactional_db, time_machine, catalogue, coach, team):
    """Ten athletes on the block since Monday 16 November, today Thursday the 19th: one did
    Monday's Nordics, one skipped them, one began today's bridges, one's program is paused,
    one is paused for pain; a match on Saturday."""
    time_machine.move_to(datetime(2026, 11, 19, 9, tzinfo=UTC), tick=True)
    members = squad_assign(team, coach, squad_block(coach), NAMES)
    alba, blake, casey, drew, eden = members[:5]
    log = logbook.workout_start(
        athlete=alba.athlete,
        assignment=alba,
        workout=workout(alba, "Nordics"),
        today=date(2026, 11, 16),
    )
    logbook.workout_finish(workout_log=log, rpe=7, pain=0)
    logbook_actions.workout_skip(
        athlete=blake.athlete, assignment=blake, workout=workout(blake, "Nordics"), today=TODAY
    )
    logbook.workout_start(
        athlete=casey.athlete, assignment=casey, workout=workout(casey, "Bridges"), today=TODAY
    )
    assignments.assignment_pause(assignment=drew, today=date(2026, 11, 18))
    PainPause.objects.create(
        athlete=eden.athlete, reason="Pain 6/10", raised_at=datetime(2026, 11, 17, 18, tzinfo=UTC)
    )
    Fixture.objects.create(team=team, date=date(2026, 11, 21), label="v Rovers")
    return team, log


def open_calendar(page, team):
    log_in(page, "coach", PASSWORD)
    page.wait_for_url("**/coach/")
    page.goto(f"/coach/teams/{team.pk}/calendar/")


def test_the_coach_reads_the_squad_on_a_desktop_and_opens_a_workout(desktop, squad):
    team, log = squad
    open_calendar(desktop, team)
    grid = desktop.locator("table.squad-grid")
    expect(grid).to_be_visible()
    expect(desktop.locator(".squad-list-view")).to_be_hidden()
    expect(grid.locator("tbody tr")).to_have_count(10)
    expect(grid.locator("thead th[scope=col]")).to_have_count(29)
    # The four weeks fit the screen: no sideways scroll, the grid's or the page's.
    assert desktop.evaluate("document.documentElement.scrollWidth") <= 1280
    scroller = desktop.locator(".squad-grid-scroll")
    assert scroller.evaluate("(el) => el.scrollWidth <= el.clientWidth")
    expect(desktop.locator(".grid-legend")).to_contain_text("Begun, not finished")
    alba = grid.locator("tbody tr", has=desktop.get_by_role("link", name="Alba", exact=True))
    expect(alba.get_by_role("link", name="Done: Nordics")).to_have_text("D Done: Nordics")
    screenshot(desktop, "squad-grid-desktop")
    desktop.problems.assert_none()

    # The squad's sets of the last 28 days, from the form under the grid.
    with desktop.expect_download() as download:
        desktop.get_by_role("button", name="Download sets").click()
    assert download.value.suggested_filename == "sets-squad-2026-10-23-to-2026-11-19.csv"

    alba.get_by_role("link", name="Done: Nordics").click()
    desktop.wait_for_url(f"**/coach/athletes/{log.athlete_id}/#log-{log.pk}")
    expect(desktop.locator(f"#log-{log.pk}")).to_be_visible()

    desktop.go_back()
    desktop.get_by_role("link", name="Four weeks later").click()
    expect(desktop.locator("h2.calendar-range")).to_have_text("14 Dec to 10 Jan 2027")
    expect(grid.locator("thead th[scope=col]").nth(1)).to_have_text("Mo 14")


def test_a_phone_keeps_the_list_of_days(phone, squad):
    team, _ = squad
    open_calendar(phone, team)
    expect(phone.locator(".squad-list-view")).to_be_visible()
    expect(phone.locator("table.squad-grid")).to_be_hidden()
    expect(phone.locator(".calendar-day.is-today")).to_contain_text("Bridges")
    assert_fits_the_phone(phone)
    screenshot(phone, "squad-grid-phone")
    phone.problems.assert_none()

    # Days the wrong way round: the form comes back with the reason under the field.
    phone.get_by_role("link", name="Export").click()
    phone.get_by_label("From").fill("2026-11-19")
    phone.get_by_label("To").fill("2026-11-01")
    phone.get_by_role("button", name="Download sets").click()
    expect(phone.locator("#squad-export .field-error")).to_have_text(
        "Give a last day on or after the first."
    )
    assert phone.url.endswith("#squad-export")
    expect(phone.get_by_role("button", name="Download sets")).to_be_in_viewport()
    assert_fits_the_phone(phone)

"""The club's audit trail on a head of performance's phone (390 px) and laptop: every row reads
without a sideways scroll, long names and details included, and the filters swap the list in
place. Screenshots go to test-artifacts/audit-trail-*.png."""

import pytest
from playwright.sync_api import expect

from accounts.clubs import StaffRole
from accounts.models import Membership
from accounts.records import AuditAction, AuditEvent
from tests.accounts.audits import staff_member
from tests.browser.conftest import assert_fits_the_phone, log_in, screenshot, small_tap_targets
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.browser


@pytest.fixture
def trail(transactional_db, coach, team, athlete):
    """Sixty rows: a physio's cleared pauses and looks at pain, and long squad exports."""
    physio = staff_member("phil", coach.seat.club, StaffRole.PHYSIO, first_name="Philippa")
    long_named = make_user("max", first_name="Maximiliana", last_name="Featherstonehaugh-Smythe")
    Membership.objects.create(team=team, athlete=long_named)
    club = coach.seat.club
    rows = []
    for number in range(20):
        rows += [
            AuditEvent(club=club, actor=physio, athlete=athlete, action=AuditAction.PAUSE_CLEARED),
            AuditEvent(
                club=club,
                actor=physio,
                athlete=long_named,
                action=AuditAction.PAIN_STOP_VIEWED,
                detail="the pain pause and 3 pain stops",
            ),
            AuditEvent(
                club=club,
                actor=coach,
                action=AuditAction.CSV_EXPORTED,
                detail="squad sets of Under-23s Women's Development Squad, 2026-09-14 to "
                f"2026-10-{11 + number % 10}",
            ),
        ]
    AuditEvent.objects.bulk_create(rows)


def test_the_trail_reads_on_a_phone_and_filters_in_place(phone, coach, trail):
    log_in(phone, "coach", PASSWORD)
    phone.goto("/club/audit/")
    expect(phone.locator(".audit-event")).to_have_count(50)
    assert_fits_the_phone(phone)
    assert small_tap_targets(phone) == []
    screenshot(phone, "audit-trail-phone")

    phone.evaluate("window.__sameDocument = true")
    phone.select_option("#id_action", "pause_cleared")
    phone.wait_for_url("**/club/audit/?*action=pause_cleared*")
    expect(phone.locator(".audit-event")).to_have_count(20)
    assert phone.evaluate("window.__sameDocument") is True  # no full reload
    expect(phone.locator(".audit-event").first).to_contain_text("Philippa cleared a pain pause")
    assert_fits_the_phone(phone)
    phone.problems.assert_none()


def test_the_trail_on_a_laptop(desktop, coach, trail):
    log_in(desktop, "coach", PASSWORD)
    desktop.goto("/club/audit/?page=2")
    expect(desktop.locator(".audit-event")).to_have_count(10)
    desktop.click("text=Newer")
    expect(desktop.locator(".audit-event")).to_have_count(50)
    screenshot(desktop, "audit-trail-desktop")
    desktop.problems.assert_none()

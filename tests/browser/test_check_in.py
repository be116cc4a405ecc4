"""The check-in before a session, in the browser: Skip works with nothing answered (the
soreness radios are required for Save, not for Skip), and the card stays gone."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from logbook.models import CheckIn
from programs import assignments
from programs.models import Program
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def nordic_today(transactional_db, library, athlete, coach):
    return assignments.program_assign(
        template=Program.objects.library().get(slug="band-assisted-nordic"),
        athlete=athlete,
        start_date=timezone.localdate(),
        by=coach,
    )


def test_skip_with_nothing_answered_hides_the_check_in(phone, nordic_today):
    log_in(phone, "athlete", PASSWORD)
    phone.wait_for_url("**/today/")
    phone.locator(".today-workout").first.click()
    phone.wait_for_url("**/workouts/*/")
    card = phone.locator(".check-in")
    expect(card).to_be_visible()
    card.locator("button:has-text('Skip')").click()
    expect(phone.locator(".check-in")).to_have_count(0)
    assert CheckIn.objects.get().soreness is None
    phone.reload()
    expect(phone.locator(".exercise-card").first).to_be_visible()
    expect(phone.locator(".check-in")).to_have_count(0)
    phone.problems.assert_none()

import pytest
from playwright.sync_api import expect

from accounts.models import User
from tests.browser.conftest import assert_fits_the_phone, log_in, screenshot, small_tap_targets

pytestmark = pytest.mark.browser


def test_the_coach_reads_an_athlete_sets_a_band_and_comments_on_a_phone(phone, demo):
    athlete = User.objects.get(username="athlete")
    log_in(phone, "coach", "hamstrings")
    phone.wait_for_url("**/coach/")
    phone.click(f"a[href='/coach/athletes/{athlete.pk}/']")
    phone.wait_for_url(f"**/coach/athletes/{athlete.pk}/")
    expect(phone.locator("h1")).to_have_text("Alex")
    expect(phone.locator("svg.ladder-chart[role=img]")).to_have_count(1)
    assert_fits_the_phone(phone)
    assert small_tap_targets(phone, "main .button, main summary, main select") == []
    screenshot(phone, "coach-athlete")
    # Playwright's screenshot leaves style="" on form fields (it hides the caret), which htmx
    # would copy while settling a swap and the CSP would report: start from a clean page.
    phone.reload()

    track = phone.locator("article.track")
    track.locator("summary:has-text('Set the band by hand')").click()
    track.locator("select[name=band]").select_option(label="Red band")
    track.locator("input[name=reason]").fill("Ready for the thinnest band")
    track.locator("button:has-text('Set band')").click()
    expect(phone.locator("article.track .notice")).to_contain_text("now on the red band")
    expect(phone.locator("article.track .changes")).to_contain_text("Ready for the thinnest band")

    workout = phone.locator("article.log").first
    workout.locator("textarea[name=body]").fill("Lovely control on the way down.")
    workout.locator("button:has-text('Add comment')").click()
    expect(phone.locator("article.log").first.locator(".comments")).to_contain_text(
        "Lovely control on the way down."
    )

    phone.locator("details.schedule summary").click()
    phone.problems.assert_none()
    assert_fits_the_phone(phone)
    screenshot(phone, "coach-athlete-after")

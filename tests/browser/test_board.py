"""The coach's Monday morning on the board, as the demo coach, on a desktop and on a phone:
the flagged athlete first, a flag acknowledged in one tap moving them down, and a squad's
strength tests raising a low-strength flag."""

import pytest
from playwright.sync_api import expect

from accounts.models import Team
from tests.browser.conftest import CSP_RECORDER, PageProblems, log_in, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture(
    params=[(1280, 800), (390, 844), (320, 640)], ids=["desktop", "phone", "small-phone"]
)
def screen(request, browser, live_url, transactional_db):
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height}, base_url=live_url)
    context.add_init_script(CSP_RECORDER)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.problems = PageProblems(page)
    page.width = width
    yield page
    context.close()


def first_athlete(page) -> str:
    return page.locator("tr.athlete-row .athlete-name").first.inner_text()


def test_the_board_puts_flags_first_and_an_acknowledged_flag_moves_the_athlete_down(screen, demo):
    log_in(screen, "coach", "hamstrings")
    screen.wait_for_url("**/coach/")
    expect(screen.locator(".dose-summary")).to_contain_text("Nordic compliance, last 4 weeks")
    rows = screen.locator("tr.athlete-row")
    assert rows.count() == 12
    screenshot(screen, f"board-{screen.width}")
    if screen.width == 1280:  # the whole squad fits on a desktop screen
        last = screen.locator("tr.athlete-row").nth(11).bounding_box()
        assert last["y"] + last["height"] < 800, "all 12 athletes on one desktop screen"
    scroll_width = screen.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= screen.width, f"page is {scroll_width}px wide"

    top = first_athlete(screen)
    flags = screen.locator("tr.athlete-row").first.locator(".row-flags")
    flags.locator("summary").click()  # loads the flags' details and forms
    expect(flags.locator("li.flag form").first).to_be_visible()
    screenshot(screen, f"board-flags-{screen.width}")
    scroll_width = screen.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= screen.width, f"with a flag open, the page is {scroll_width}px wide"
    count = flags.locator("li.flag form").count()
    assert count >= 1
    for _ in range(count):  # acknowledge every flag of the athlete at the top, one tap each
        form = flags.locator("li.flag form").first
        form.locator("input[name=note]").fill("Spoke to them")
        form.locator("button:has-text('Acknowledge')").click()
        expect(flags.locator("li.flag form")).to_have_count(count - _ - 1)
    screen.reload()
    assert first_athlete(screen) != top
    screen.problems.assert_none()


def test_the_boards_flag_names_are_shown_whole_on_a_desktop(browser, live_url, demo):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=live_url)
    page = context.new_page()
    log_in(page, "coach", "hamstrings")
    page.wait_for_url("**/coach/")
    summaries = page.locator(".row-flags summary")
    expect(summaries.filter(has_text="Left/right imbalance").first).to_be_visible()
    cut = page.evaluate(
        """() => [...document.querySelectorAll('.row-flags summary')]
            .filter((el) => el.scrollWidth > el.clientWidth)
            .map((el) => el.textContent.trim())"""
    )
    assert cut == []
    # Several flags wrap between names, never inside one.
    broken = page.evaluate(
        """() => [...document.querySelectorAll('.row-flags summary .flag-name')]
            .filter((el) => el.getClientRects().length > 1).map((el) => el.textContent)"""
    )
    assert broken == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    screenshot(page, "board-flag-names-1280")
    context.close()


def test_a_squads_strength_tests_raise_a_low_strength_flag(screen, demo):
    team = Team.objects.get(name="Demo squad")
    log_in(screen, "coach", "hamstrings")
    screen.wait_for_url("**/coach/")
    screen.click(f"a[href='/coach/teams/{team.pk}/strength-tests/']")
    screen.wait_for_url("**/strength-tests/")
    screen.select_option("#id_phase", "preseason_end")
    row = screen.locator("tr:has(th:has-text('Alex'))")
    row.locator("input[name$=-left]").fill("300")
    row.locator("input[name$=-right]").fill("262")
    screenshot(screen, f"squad-tests-{screen.width}")
    screen.click("button:has-text('Save the tests')")
    screen.wait_for_url("**/coach/")
    alex = screen.locator("tr.athlete-row:has-text('Alex') .row-flags")
    expect(alex.locator("summary")).to_contain_text("Low strength")
    alex.locator("summary").click()
    expect(alex).to_contain_text("262 N")
    screen.problems.assert_none()

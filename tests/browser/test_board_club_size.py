"""The board at club size: a squad of 26 on one team, as a strength coach sees it on a 1280x800
laptop (25 or more athletes on the first screen) and on a 390x844 phone (no sideways scroll);
a suggested step approved and a band set from an athlete's row, with and without JavaScript."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Membership, Team
from logbook.models import Flag, StrengthTest
from programs.models import BandTrack
from tests.browser.conftest import (
    ARTIFACTS,
    CSP_RECORDER,
    PageProblems,
    log_in,
    screenshot,
    small_tap_targets,
)
from tests.browser.test_accessibility import violations
from tests.coaching.athletes import assign, log_workout, suggest, workouts_of
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.browser

# First and last names of a club's squad, some of them long.
NAMES = [
    ("Alexandra", "Montgomery-Smythe"),
    ("Ben", "Okafor"),
    ("Callum", "Fitzgerald"),
    ("Dara", "Ní Bhriain"),
    ("Eoin", "Walsh"),
    ("Femi", "Adeyemi"),
    ("Gus", "Lindqvist"),
    ("Hana", "Kobayashi"),
    ("Ivan", "Petrov"),
    ("Jules", "Moreau"),
    ("Kai", "Tanaka"),
    ("Liam", "O'Sullivan"),
    ("Mateo", "Hernández"),
    ("Nina", "Kowalczyk"),
    ("Oscar", "Bergström"),
    ("Pita", "Taufa"),
    ("Quinn", "Delaney"),
    ("Rory", "McIlroy-Byrne"),
    ("Sami", "Haddad"),
    ("Tom", "Brennan"),
    ("Uli", "Schneider"),
    ("Vic", "Sandoval"),
    ("Wes", "Abbott"),
    ("Xavi", "Puig"),
    ("Yann", "Lefebvre"),
    ("Zara", "Whitfield"),
]


@pytest.fixture
def squad(transactional_db, library):
    """26 athletes on one team, each in week 3 of the band-assisted Nordic, two in three with
    a session of week 1 done; a few flagged, half strength-tested; four steps on wait for the
    coach (Femi's, Mateo's off the band, Uli's and Zara's)."""
    coach = make_user("clubcoach", first_name="Cora", is_coach=True)
    team = Team.objects.create(coach=coach, name="First team")
    today = timezone.localdate()
    start = today - timedelta(days=16)
    athletes = []
    for number, (first, last) in enumerate(NAMES):
        athlete = make_user(first.lower(), first_name=first, last_name=last)
        Membership.objects.create(team=team, athlete=athlete)
        assignment = assign(athlete, coach, start=start)
        if number % 3:
            week_one = workouts_of(assignment)[0]
            log_workout(assignment, week_one, on=week_one.scheduled_on(start))
        if number % 2:
            StrengthTest.objects.create(
                athlete=athlete,
                on_date=today - timedelta(days=3),
                phase="in_season",
                method="nordbord",
                left=300 + number,
                right=280 + number,
            )
        athletes.append(athlete)
    for athlete, kind, detail in [
        (athletes[0], "pain", "Pain 6/10 after Week 1"),
        (athletes[0], "missed_week", "No workout in 7 days"),
        (athletes[4], "imbalance", "NordBord: 18% left/right"),
        (athletes[9], "pain_pause", "Eccentric work paused"),
        (athletes[9], "soreness", "Soreness 7/10"),
        (athletes[9], "missed_week", "No workout in 7 days"),
    ]:
        Flag.objects.create(athlete=athlete, kind=kind, detail=detail)
    for athlete in (athletes[5], athletes[20], athletes[-1]):
        suggest(BandTrack.objects.get(assignment__athlete=athlete))
    graduation = suggest(BandTrack.objects.get(assignment__athlete=athletes[12]))
    graduation.to_band, graduation.action = None, "graduate"
    graduation.save()
    return athletes


def open_board(browser, live_url, width: int, height: int, *, javascript: bool = True):
    context = browser.new_context(
        viewport={"width": width, "height": height},
        base_url=live_url,
        java_script_enabled=javascript,
    )
    context.add_init_script(CSP_RECORDER)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.problems = PageProblems(page)
    log_in(page, "clubcoach", PASSWORD)
    page.wait_for_url("**/coach/")
    return context, page


def rows_in_view(page) -> int:
    """Athlete rows wholly inside the viewport, unscrolled."""
    return page.evaluate(
        """() => [...document.querySelectorAll('tr.athlete-row')]
            .map((row) => row.getBoundingClientRect())
            .filter((box) => box.height > 0 && box.top >= 0 && box.bottom <= innerHeight)
            .length"""
    )


def row_of(page, first_name: str):
    return page.locator(f"tr.athlete-row:has(.athlete-name:has-text('{first_name}'))")


def test_25_athletes_fit_a_laptop_screen_and_a_step_is_approved_from_a_row(
    browser, live_url, squad
):
    athletes = squad
    context, page = open_board(browser, live_url, 1280, 800)
    expect(page.locator("tr.athlete-row")).to_have_count(26)
    screenshot(page, "board-club-1280")
    assert page.evaluate("scrollY") == 0
    visible = rows_in_view(page)
    assert visible >= 25, f"{visible} of 26 athletes on a 1280x800 screen"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    # What a compact row still says, in full, to a screen reader and on hover.
    zara = row_of(page, "Zara")
    expect(zara.locator("[data-label=Bands]")).to_contain_text("Suggested: purple band")
    assert violations(page) == []
    page.reload()  # a screenshot leaves style="" behind, which an htmx swap would copy

    zara = row_of(page, "Zara")
    zara.locator("button:has-text('Approve')").click()
    expect(page.locator(f"#athlete-{athletes[-1].pk} .notice")).to_contain_text(
        "Approved for Zara Whitfield: Band-assisted Nordic curl on the purple band"
    )
    expect(row_of(page, "Zara").locator("button:has-text('Approve')")).to_have_count(0)
    expect(row_of(page, "Zara").locator("[data-label=Bands]")).to_contain_text("Purple")
    track = BandTrack.objects.get(assignment__athlete=athletes[-1])
    assert track.band.name == "Purple"

    ben = row_of(page, "Ben")
    ben.locator("a:has-text('Set')").click()
    form = page.locator(f"#athlete-{athletes[1].pk} form.row-band-form")
    expect(form).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    page.locator(f"#athlete-{athletes[1].pk}").screenshot(
        path=str(ARTIFACTS / "board-club-1280-band-form.png")
    )
    form.locator("select[name=band]").select_option(label="Purple band")
    form.locator("input[name=reason]").fill("Ready for a thinner band")
    form.locator("button:has-text('Set band')").click()
    expect(page.locator(f"#athlete-{athletes[1].pk} .notice")).to_contain_text(
        "now on the purple band"
    )
    expect(row_of(page, "Ben").locator("[data-label=Bands]")).to_contain_text("Purple")
    expect(page.locator(f"#athlete-{athletes[1].pk} form.row-band-form")).to_have_count(0)
    assert BandTrack.objects.get(assignment__athlete=athletes[1]).band.name == "Purple"
    assert page.url.endswith("/coach/")  # the row changed; the board stayed where it was
    page.problems.assert_none()
    screenshot(page, "board-club-1280-after")
    context.close()


def test_a_phone_shows_the_squad_without_sideways_scroll(browser, live_url, squad):
    athletes = squad
    context, page = open_board(browser, live_url, 390, 844)
    expect(page.locator("tr.athlete-row")).to_have_count(26)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert small_tap_targets(page) == []
    page.screenshot(path=str(ARTIFACTS / "board-club-390-top.png"))
    zara = row_of(page, "Zara")
    expect(zara.locator("button:has-text('Approve')")).to_be_visible()
    zara.locator("a:has-text('Set')").first.click()
    expect(page.locator("form.row-band-form")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert small_tap_targets(page) == []
    assert violations(page) == []
    page.problems.assert_none()
    screenshot(page, "board-club-390")
    page.locator(f"#athlete-{athletes[-1].pk}").screenshot(
        path=str(ARTIFACTS / "board-club-390-row.png")
    )
    context.close()


def test_without_javascript_the_rows_forms_post_and_come_back_to_the_row(browser, live_url, squad):
    athletes = squad
    zara = athletes[-1]
    context, page = open_board(browser, live_url, 1280, 800, javascript=False)
    row_of(page, "Zara").locator("button:has-text('Decline')").click()
    page.wait_for_url(f"**/coach/**#athlete-{zara.pk}")
    expect(page.locator(".messages")).to_contain_text("Declined")
    expect(row_of(page, "Zara").locator("button:has-text('Approve')")).to_have_count(0)
    assert BandTrack.objects.get(assignment__athlete=zara).band.name == "Green"

    row_of(page, "Ben").locator("a:has-text('Set')").click()
    form = page.locator(f"#athlete-{athletes[1].pk} form.row-band-form")
    form.locator("select[name=band]").select_option(label="Black band")
    form.locator("input[name=reason]").fill("Two steps on, as we said")
    form.locator("button:has-text('Set band')").click()
    page.wait_for_url(f"**/coach/**#athlete-{athletes[1].pk}")
    expect(page.locator(".messages")).to_contain_text("now on the black band")
    expect(row_of(page, "Ben").locator("[data-label=Bands]")).to_contain_text("Black")
    context.close()

"""Today and the workout page on small, middling and large phones: no set label or logged value
breaks inside a word, rows stay short, and the athlete's bottom bar never hides the finish
button. Screenshots go to test-artifacts/phone-*.png."""

import uuid
from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from catalogue.models import Band, Exercise
from catalogue.services import load_catalogue
from logbook import services as logbook
from programs import assignments, services
from programs.models import Prescription, Workout
from tests.browser.conftest import ARTIFACTS, log_in, screenshot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

WIDTHS = [320, 390, 430]


def prescribe(workout: Workout) -> None:
    """A Nordic 3 x 12/10/8, a single-leg curl 2 x 10 per side, a 30 s hold."""
    green, black = Band.objects.get(name="Green"), Band.objects.get(name="Black")
    Prescription.objects.create(
        workout=workout,
        order=1,
        sets=3,
        set_reps=[12, 10, 8],
        rest_seconds=90,
        band=green,
        exercise=Exercise.objects.get(slug="band-assisted-nordic-curl"),
    )
    Prescription.objects.create(
        workout=workout,
        order=2,
        sets=2,
        reps_min=10,
        per_side=True,
        band=black,
        exercise=Exercise.objects.get(slug="standing-single-leg-band-curl"),
    )
    Prescription.objects.create(
        workout=workout,
        order=3,
        sets=2,
        seconds=30,
        band=black,
        exercise=Exercise.objects.get(slug="banded-isometric-leg-curl-hold"),
    )


def log(workout_log, prescription, number, side="both", **values):
    return logbook.set_log(
        workout_log=workout_log,
        token=uuid.uuid4(),
        exercise_id=prescription.exercise_id,
        prescription=prescription,
        set_number=number,
        side=side,
        **values,
    )


@pytest.fixture
def todays_workout(transactional_db, athlete, coach, time_machine):
    """Day 1 (two days ago) done, day 2 (yesterday) missed, day 3 (today) under way: a Nordic
    set 4 (extra), the left leg's set 1 of the per-side curl and a 35 s hold on red logged.
    Today is a Wednesday (the clock ticking from there): yesterday's miss is this week's, as it
    would not be on a Monday."""
    time_machine.move_to(timezone.make_aware(datetime(2026, 11, 18, 17)), tick=True)
    load_catalogue()
    today = timezone.localdate()
    program = services.program_create(owner=coach, title="Phone layout")
    week = services.week_add(program=program)
    for day in (1, 2, 3):
        prescribe(Workout.objects.create(week=week, day=day, title=f"Hamstring day {day}"))
    athlete = User.objects.get(username="athlete")
    assignment = assignments.program_assign(
        template=program, athlete=athlete, start_date=today - timedelta(days=2), by=coach
    )
    workouts = {w.day: w for w in Workout.objects.filter(week__program=assignment.program)}
    red = Band.objects.get(name="Red")

    done = logbook.workout_start(
        athlete=athlete, assignment=assignment, workout=workouts[1], today=today - timedelta(2)
    )
    nordic, curl, hold = workouts[1].prescriptions.order_by("order")
    for number in (1, 2, 3):
        log(done, nordic, number, reps=12 - number, band=nordic.band, control="late")
    for number in (1, 2):
        log(done, hold, number, seconds=25 + number, band=hold.band)
    for side in ("left", "right"):
        log(done, curl, 1, side, reps=9, band=curl.band)
    logbook.workout_finish(workout_log=done, rpe=7, pain=0)

    under_way = logbook.workout_start(
        athlete=athlete, assignment=assignment, workout=workouts[3], today=today
    )
    nordic, curl, hold = workouts[3].prescriptions.order_by("order")
    log(under_way, nordic, 4, reps=6, band=nordic.band, control="full")  # Set 4 (extra)
    log(under_way, curl, 1, "left", reps=10, band=curl.band)
    log(under_way, hold, 1, seconds=35, band=red)
    return workouts[3]


def broken_words(page, selector: str) -> list:
    """Elements laid out on more than one line (an inline box gets one rect per line)."""
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .filter((el) => el.offsetParent !== null && el.getClientRects().length > 1)
            .map((el) => el.textContent.trim())""",
        selector,
    )


def line_count(page, selector: str) -> list[float]:
    """How many lines each element's text takes: its height over its line height."""
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)].map((el) => {
             const style = getComputedStyle(el);
             return el.getBoundingClientRect().height / parseFloat(style.lineHeight);
           })""",
        selector,
    )


def assert_fits(page, width: int):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", WIDTHS)
def test_today_puts_todays_workout_first_with_the_bottom_bar(phone, todays_workout, width):
    phone.set_viewport_size({"width": width, "height": 800})
    log_in(phone, "athlete", PASSWORD)
    phone.wait_for_url("**/today/")
    cards = phone.locator("main .today-workout, main .missed-list")
    expect(cards.first).to_contain_text("Hamstring day 3")
    expect(phone.locator(".missed-list summary")).to_have_text("1 missed this week")
    expect(phone.locator(".missed-workout")).to_be_hidden()  # folded
    bar = phone.locator("nav.tabbar")
    expect(bar).to_be_visible()
    expect(bar.locator("a[aria-current=page]")).to_have_text("Today")
    assert broken_words(phone, ".workout-day time, .scheduled-for, .today-workout .when") == []
    assert_fits(phone, width)
    phone.screenshot(path=str(ARTIFACTS / f"phone-today-{width}.png"))  # the bar in place
    phone.problems.assert_none()


@pytest.mark.parametrize("width", WIDTHS)
def test_set_rows_never_break_a_word(phone, todays_workout, width):
    phone.set_viewport_size({"width": width, "height": 800})
    log_in(phone, "athlete", PASSWORD)
    phone.goto(f"/workouts/{todays_workout.pk}/")
    main = phone.locator("main")
    expect(main).to_contain_text("Set 4 (extra)")
    expect(main).to_contain_text("Set 1 of 2 · Left")
    expect(phone.locator(".set-row.is-logged .set-done", has_text="35 s")).to_contain_text("red")
    expect(main).to_contain_text("last time 9 reps, black")

    assert broken_words(phone, ".set-label, .set-value, .set-last, .set-field-name") == []
    # Each label, logged value and "last time" sits on one line, whatever the width.
    assert max(line_count(phone, ".set-label")) < 1.5
    assert max(line_count(phone, ".set-done .set-value")) < 1.5
    if width >= 390:  # per-side rows: the head on one line, the inputs on the next
        assert max(line_count(phone, ".set-row:not(.is-logged) .set-head")) < 1.5
    assert_fits(phone, width)

    # Scrolled to the end, the bottom bar leaves the finish button in the clear.
    finish = phone.locator("#finish-form button[type=submit]")
    finish.scroll_into_view_if_needed()
    phone.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    bar = phone.locator("nav.tabbar")
    expect(bar).to_be_visible()
    button_box, bar_box = finish.bounding_box(), bar.bounding_box()
    assert button_box["y"] + button_box["height"] <= bar_box["y"]
    phone.screenshot(path=str(ARTIFACTS / f"phone-workout-{width}-end.png"))
    screenshot(phone, f"phone-workout-{width}")
    for index, card in enumerate(phone.locator(".exercise-card").all(), start=1):
        card.screenshot(path=str(ARTIFACTS / f"phone-workout-{width}-card{index}.png"))
    phone.problems.assert_none()


def test_a_missed_workout_opens_or_is_skipped_in_one_tap(phone, todays_workout):
    phone.set_viewport_size({"width": 320, "height": 800})
    log_in(phone, "athlete", PASSWORD)
    phone.wait_for_url("**/today/")
    phone.click(".missed-list summary")
    missed = phone.locator(".missed-workout")
    expect(missed).to_contain_text("Hamstring day 2")
    expect(missed.get_by_role("link", name="Do it now")).to_be_visible()
    assert broken_words(phone, ".missed-workout .when time, .missed-actions .button") == []
    phone.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    phone.screenshot(path=str(ARTIFACTS / "phone-today-missed-320.png"))
    missed.get_by_role("button", name="Skip").click()  # htmx swaps the section
    expect(phone.get_by_role("status")).to_contain_text("Skipped Hamstring day 2.")
    expect(phone.locator(".missed-list")).to_have_count(0)
    expect(phone.locator(".today-workout")).to_contain_text("Hamstring day 3")
    phone.problems.assert_none()


def test_a_coach_has_no_bottom_bar(phone, todays_workout):
    log_in(phone, "coach", PASSWORD)
    phone.wait_for_url("**/coach/")
    expect(phone.locator("nav.tabbar")).to_have_count(0)
    expect(phone.locator("header .nav")).to_contain_text("Programs")


def clipped_links(page, width: int) -> list:
    """The menu's links and the account's (a closed dialog's buttons aside) not wholly inside
    the screen, or hidden by the bar's sideways scroll."""
    return page.evaluate(
        """(width) => [...document.querySelectorAll(
             'header .nav a, header .account a, header .account button')].filter((el) => {
             if (el.closest('dialog')) return false;
             const box = el.getBoundingClientRect();
             const bar = el.closest('.nav');
             const hidden = bar && bar.scrollWidth > bar.clientWidth;
             return box.left < 0 || box.right > width || box.width === 0 || hidden;
           }).map((el) => el.textContent.trim())""",
        width,
    )


@pytest.mark.parametrize("width", [320, 390])
def test_a_coachs_menu_shows_every_item_on_a_phone(phone, coach, width):
    phone.set_viewport_size({"width": width, "height": 800})
    log_in(phone, "coach", PASSWORD)
    phone.wait_for_url("**/coach/")
    names = [text.split()[0] for text in phone.locator("header .nav a").all_inner_texts()]
    assert names == ["Athletes", "Messages", "Teams", "Club", "Programs", "Exercises", "Bands"]
    assert clipped_links(phone, width) == []
    assert_fits(phone, width)
    phone.screenshot(path=str(ARTIFACTS / f"coach-menu-{width}.png"))
    phone.problems.assert_none()

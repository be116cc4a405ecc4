"""Return to play on a phone and at a desk: the athlete sees stage 1 of the L-protocol and what
opens the next, logs a stage-1 session; with ten sessions at pain 2 or less the coach signs the
stage off from the athlete's page, and the athlete's /today/ moves to stage 2, from tomorrow (they
trained in stage 1 today)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from logbook.models import HTestReport
from programs.models import StageOpening
from tests.browser.conftest import (
    CSP_RECORDER,
    PageProblems,
    assert_fits_the_phone,
    log_in,
    screenshot,
    small_tap_targets,
)
from tests.conftest import PASSWORD
from tests.programs.stages import assign_l_protocol, do_stage

pytestmark = pytest.mark.browser
DESK = {"width": 1280, "height": 800}
SIGNED_OFF = "The Extender signed off: stage 2 (Add the Diver) starts tomorrow."


@pytest.fixture
def stage_one(transactional_db, library, coach, athlete):
    """The L-protocol since five days ago, with nine of its stage-1 sessions done on their days
    at pain 1 (the tenth, today's, the athlete logs in the browser)."""
    start = timezone.localdate() - timedelta(days=5)
    assignment = assign_l_protocol(athlete, coach, start=start)
    do_stage(assignment, 1, sessions=9, on=start)
    return assignment


def log_the_session(phone):
    """Every set of the workout with one tap each, then finish at RPE 4 and pain 1."""
    rows = phone.locator(".set-row")
    count = rows.count()
    assert count == 3  # the Extender, 3 x 12
    for done in range(1, count + 1):
        phone.locator(".set-row:not(.is-logged) button.log-button").first.click()
        expect(phone.locator(".set-row.is-logged")).to_have_count(done)
    expect(phone.locator(".set-row.is-logged").first).to_contain_text("12 reps")
    phone.locator("#finish-form .scale-option:has-text('4')").first.click()
    phone.locator("fieldset:has-text('Any pain') .scale-option:has-text('1')").first.click()
    phone.click("button:has-text('Finish workout')")
    phone.wait_for_url("**/logs/*/")


def test_the_coach_signs_off_stage_one_and_the_athlete_moves_on(
    browser, live_url, phone, athlete, stage_one
):
    log_in(phone, "athlete", PASSWORD)
    phone.wait_for_url("**/today/")
    card = phone.locator(".stage-card")
    expect(card.locator("h2")).to_have_text("Stage 1 of 4: The Extender")
    expect(card).to_contain_text("The next stage opens when:")
    expect(card).to_contain_text("10 sessions done in this stage (9 so far)")
    expect(card).to_contain_text("Pain 2/10 or less in each of the last 3 sessions")
    expect(card).to_contain_text("Your coach signs it off")
    assert_fits_the_phone(phone)
    screenshot(phone, "return-to-play-today-stage-1")

    first = phone.locator(".today-workout").first
    expect(first).to_contain_text("Extender, morning")
    first.click()
    phone.wait_for_url("**/workouts/*/")
    expect(phone.locator("h2").first).to_contain_text("The Extender")
    log_the_session(phone)

    phone.goto("/today/")
    expect(card).to_contain_text("10 sessions done in this stage (10 so far)")
    expect(card.locator("li.gate.is-met")).to_have_count(3)

    desk = browser.new_context(viewport=DESK, base_url=live_url)
    desk.add_init_script(CSP_RECORDER)
    coach = desk.new_page()
    coach.set_default_timeout(10_000)
    coach.problems = PageProblems(coach)
    log_in(coach, "coach", PASSWORD)
    coach.wait_for_url("**/coach/")
    coach.goto(f"/coach/athletes/{athlete.pk}/")
    program = coach.locator(f"#assignment-{stage_one.pk}")
    expect(program.locator(".stage-card h2")).to_have_text("Stage 1 of 4: The Extender")
    button = program.get_by_role("button", name="Sign off stage 1")
    expect(button).to_be_enabled()
    screenshot(coach, "return-to-play-coach-ready")
    button.click()
    expect(program.locator(".notice")).to_have_text(SIGNED_OFF)
    expect(program.locator(".stage-card h2")).to_have_text("Stage 2 of 4: Add the Diver")
    expect(program.get_by_role("button", name="Sign off stage 2")).to_be_disabled()
    screenshot(coach, "return-to-play-coach-signed-off")

    phone.reload()
    expect(card.locator("h2")).to_have_text("Stage 2 of 4: Add the Diver")
    expect(card).to_contain_text("10 sessions done in this stage (0 so far)")
    stage_two = phone.locator(".today-workout", has_text="Extender and Diver, morning")
    expect(stage_two).to_have_count(1)
    expect(stage_two).to_contain_text("stage 2")
    expect(phone.locator(".from-coach")).to_contain_text(SIGNED_OFF)
    assert_fits_the_phone(phone)
    screenshot(phone, "return-to-play-today-stage-2")
    phone.problems.assert_none()
    coach.problems.assert_none()
    desk.close()


@pytest.fixture
def running(transactional_db, library, coach, athlete):
    """In the running stage since six days ago, three runs at pain 1 done (the sign-offs of the
    L-protocol stages as rows: the test above walks one)."""
    opened = timezone.localdate() - timedelta(days=6)
    assignment = assign_l_protocol(athlete, coach, start=opened - timedelta(days=21))
    for number, days_before in ((2, 14), (3, 7), (4, 0)):
        StageOpening.objects.create(
            assignment=assignment,
            week=assignment.program.weeks.get(number=number),
            opened_on=opened - timedelta(days=days_before),
            signed_off_by=coach,
        )
    do_stage(assignment, 4, sessions=3, on=opened)
    return assignment


def test_the_athlete_reports_the_h_test_on_the_phone(phone, running):
    log_in(phone, "athlete", PASSWORD)
    phone.wait_for_url("**/today/")
    card = phone.locator(".stage-card")
    expect(card.locator("h2")).to_have_text("Stage 4 of 4: Back to running")
    expect(card).to_contain_text("The H-test done with no insecurity reported (not reported yet)")
    question = card.locator("fieldset", has_text="The H-test: did you feel any insecurity?")
    assert small_tap_targets(phone, ".stage-card label, .stage-card button") == []
    assert_fits_the_phone(phone)
    screenshot(phone, "return-to-play-h-test-question")

    question.locator(".scale-option", has_text="No").click()
    card.get_by_role("button", name="Save my answer").click()

    expect(card.locator(".notice")).to_have_text(
        "Noted: no insecurity. Your coach sees it on your stage."
    )
    expect(card.locator("li.gate.is-met", has_text="H-test")).to_have_count(1)
    assert HTestReport.objects.get().insecure is False
    assert_fits_the_phone(phone)
    screenshot(phone, "return-to-play-h-test-answered")
    phone.problems.assert_none()

"""A pain pause end to end (issue 25): the athlete stops the Nordic for pain on a phone
(390x844), the next Nordic says it is paused and offers nothing to log, the coach clears it
with a note on a desktop (1280x800), and the athlete logs the Nordic on the thicker band.
Screenshots go to test-artifacts/pain-pause-*.png."""

import uuid
from datetime import date, datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from catalogue.models import Band, Exercise
from logbook.models import PainPause, SetLog
from programs import assignments, services
from programs.models import Assignment, Prescription, Workout
from tests.browser.conftest import (
    ARTIFACTS,
    assert_fits_the_phone,
    log_in,
    screenshot,
)
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def nordic_block(transactional_db, catalogue, athlete, coach, time_machine) -> Assignment:
    """Monday 16 November, 17:00: the athlete starts a two-week block (workouts on days 1 and
    4, each an assisted Nordic 3 x 12/10/8 on the green band and a 2 x 30 s hold) today."""
    time_machine.move_to(timezone.make_aware(datetime(2026, 11, 16, 17)), tick=True)
    program = services.program_create(owner=coach, title="Nordic block")
    nordic = Exercise.objects.get(slug="band-assisted-nordic-curl")
    hold = Exercise.objects.get(slug="banded-isometric-leg-curl-hold")
    green, black = Band.objects.get(name="Green"), Band.objects.get(name="Black")
    for _ in range(2):
        week = services.week_add(program=program)
        for day in (1, 4):
            workout = Workout.objects.create(week=week, day=day, title=f"Session day {day}")
            Prescription.objects.create(
                workout=workout,
                exercise=nordic,
                order=1,
                sets=3,
                set_reps=[12, 10, 8],
                rest_seconds=90,
                band=green,
            )
            Prescription.objects.create(
                workout=workout, exercise=hold, order=2, sets=2, seconds=30, band=black
            )
    services.band_rule_set(program=program, exercise=nordic, start_band=green)
    return assignments.program_assign(
        template=program,
        athlete=athlete,
        start_date=date(2026, 11, 16),
        by=coach,
        find_start_band=False,
    )


def workout_of(assignment: Assignment, week: int, day: int) -> Workout:
    return Workout.objects.get(week__program=assignment.program, week__number=week, day=day)


def nordic_card(page):
    return page.locator(".exercise-card", has_text="Nordic")


def test_a_pain_stop_pauses_the_nordic_until_the_coach_clears_it(
    phone, desktop, nordic_block, athlete
):
    first, next_nordic = workout_of(nordic_block, 1, 1), workout_of(nordic_block, 1, 4)

    # Day 1: the first Nordic hurts; the athlete stops it, saying where and how.
    log_in(phone, "athlete", PASSWORD)
    phone.wait_for_url("**/today/")
    phone.goto(f"/workouts/{first.pk}/")
    card = nordic_card(phone)
    expect(card.locator(".band-badge")).to_contain_text("Green band")
    card.locator(".pain-stop summary").click()
    stop = card.locator(".pain-stop form")
    stop.locator(".scale-option:has-text('Right')").click()
    stop.locator(".scale-option:has-text('Sharp')").click()
    stop.locator("select[name=where]").select_option("middle")
    stop.get_by_role("button", name="Stop this exercise").click()
    card = nordic_card(phone)
    paused = card.locator(".paused")
    expect(paused).to_contain_text("Paused since Mon 16 Nov: You stopped for pain.")
    expect(paused).to_contain_text("No Nordic or other eccentric sets until your coach clears it.")
    expect(card.locator("button.control-button")).to_have_count(0)
    # The hold is not eccentric work: it can still be logged.
    expect(phone.locator(".exercise-card", has_text="hold").locator(".log-button")).to_have_count(2)
    assert PainPause.objects.open().filter(athlete=athlete).count() == 1
    assert_fits_the_phone(phone)
    screenshot(phone, "pain-pause-stopped-390")

    # The next Nordic (week 1, day 4) is paused too: nothing to log on its card.
    phone.goto(f"/workouts/{next_nordic.pk}/")
    card = nordic_card(phone)
    expect(card.locator(".paused")).to_contain_text("Paused since Mon 16 Nov")
    expect(card.locator(".band-badge")).to_contain_text("Green band")  # until the coach clears
    expect(card.locator(".set-row")).to_have_count(0)
    expect(card.locator("button.control-button, .log-button, .add-set")).to_have_count(0)
    # A Nordic set sent anyway (a stale page, a retry) is refused, and nothing is logged.
    refused = phone.request.post(
        f"/workouts/{next_nordic.pk}/sets/",
        form={
            "token": str(uuid.uuid4()),
            "prescription": next_nordic.prescriptions.get(order=1).pk,
            "set_number": 1,
            "side": "both",
            "reps": 12,
            "band": Band.objects.get(name="Green").pk,
            "control": "full",
        },
        headers={
            "X-CSRFToken": phone.locator("input[name=csrfmiddlewaretoken]").first.input_value(),
            "HX-Request": "true",
        },
    )
    assert "paused after pain until your coach clears it" in refused.text()
    assert not SetLog.objects.filter(exercise__slug="band-assisted-nordic-curl").exists()
    assert_fits_the_phone(phone)
    screenshot(phone, "pain-pause-next-390")
    phone.problems.assert_none()

    # The coach, at a desk, clears it with what was agreed.
    log_in(desktop, "coach", PASSWORD)
    desktop.wait_for_url("**/coach/")
    desktop.goto(f"/coach/athletes/{athlete.pk}/")
    section = desktop.locator("#pain-pause")
    expect(section.get_by_role("heading")).to_have_text("Nordic work paused for pain")
    expect(section).to_contain_text("You stopped for pain")
    section.get_by_label("What you and the athlete agreed").fill(
        "Pain-free walking and bridging; a physio saw the right leg"
    )
    screenshot(desktop, "pain-pause-coach-1280")
    section.screenshot(path=str(ARTIFACTS / "pain-pause-coach-section-1280.png"))
    section.get_by_role("button", name="Clear the pause").click()
    expect(desktop.locator(".messages")).to_contain_text(
        "Nordic work starts again, one step easier"
    )
    expect(desktop.locator("#pain-pause")).to_have_count(0)
    screenshot(desktop, "pain-pause-cleared-1280")
    desktop.problems.assert_none()
    assert not PainPause.objects.open().filter(athlete=athlete).exists()

    # Back on the phone: the day-4 Nordic is open again, on the thicker (more help) blue band.
    phone.reload()
    card = nordic_card(phone)
    expect(card.locator(".paused")).to_have_count(0)
    expect(card.locator(".band-badge")).to_contain_text("Blue band")
    first_set = card.locator(".set-row").first
    expect(first_set.locator("select[name=band] option:checked")).to_have_text("Blue")
    first_set.locator("button.control-button[value=full]").click()  # one tap logs the set
    logged = card.locator(".set-row.is-logged")
    expect(logged).to_have_count(1)
    expect(logged).to_contain_text("✓ 12 reps")
    expect(logged).to_contain_text("blue")
    expect(logged).to_contain_text("controlled to the floor")
    [set_log] = SetLog.objects.filter(
        workout_log__workout=next_nordic, exercise__slug="band-assisted-nordic-curl"
    )
    assert (set_log.band.name, set_log.reps, set_log.control) == ("Blue", 12, "full")
    assert_fits_the_phone(phone)
    screenshot(phone, "pain-pause-resumed-390")
    phone.problems.assert_none()

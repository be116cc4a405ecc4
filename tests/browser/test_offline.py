"""A gym with bad signal: sets and the finish logged offline are kept on the phone (IndexedDB),
shown as "waiting", and sent in order with their own tokens when the server can be reached:
none lost, none doubled, whether the page was closed, the server answered 503, the answer was
lost on the way back, or the session expired meanwhile."""

import time
from datetime import date

import pytest
from django.db import OperationalError
from playwright.sync_api import expect

from catalogue.models import Band, Exercise
from catalogue.services import load_catalogue
from logbook.models import SetLog, WorkoutLog
from logbook.pages import workout_render
from logbook.views import today as today_view
from programs import assignments, services
from programs.models import Prescription, Workout
from tests.browser.conftest import CSP_RECORDER, PHONE, PageProblems, log_in, screenshot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


KEPT = """(url) => caches.keys().then(async (keys) => {
    for (const key of keys) if (await (await caches.open(key)).match(url)) return true;
    return false;
})"""


def until(condition, what: str, seconds=10):
    """Polls (Playwright's wait_for_function takes a promise for true without awaiting it)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {seconds} s: {what}")
        time.sleep(0.1)


def database_down(*args, **kwargs):
    raise OperationalError("the database is out of reach")


def curls_for(athlete, coach) -> Workout:
    """Today's workout for the athlete: three sets of curls."""
    program = services.program_create(owner=coach, title="Curls")
    week = services.week_add(program=program)
    workout = Workout.objects.create(week=week, day=1, title="Three sets of curls")
    Prescription.objects.create(
        workout=workout,
        order=1,
        sets=3,
        reps_min=10,
        rest_seconds=60,
        exercise=Exercise.objects.get(slug="banded-prone-leg-curl"),
        band=Band.objects.get(name="Black"),
    )
    assignment = assignments.program_assign(
        template=program, athlete=athlete, start_date=date.today(), by=coach
    )
    return assignment.program.weeks.get().workouts.get()


@pytest.fixture
def workout(transactional_db, athlete, coach):
    load_catalogue()
    return curls_for(athlete, coach)


def rows(page):
    return page.locator(".set-row")


def log_set(page, number: int):
    page.locator(".set-row").nth(number - 1).locator("button.log-button").click()


def saved_sets() -> list[int]:
    return sorted(SetLog.objects.values_list("set_number", flat=True))


def queued(page) -> int:
    return page.evaluate(
        """() => new Promise((ok) => {
            const r = indexedDB.open("hamstrings", 1);
            r.onupgradeneeded = () => r.result.createObjectStore("q", { keyPath: "token" });
            r.onsuccess = () => {
                const get = r.result.transaction("q").objectStore("q").count();
                get.onsuccess = () => { ok(get.result); r.result.close(); };
            };
        })"""
    )


def test_three_sets_and_the_finish_logged_offline_are_sent_once(phone, workout):
    log_in(phone, "athlete", PASSWORD)
    phone.goto(f"/workouts/{workout.pk}/")
    phone.context.set_offline(True)
    for number in (1, 2, 3):
        log_set(phone, number)
        expect(rows(phone).nth(number - 1).locator(".waiting")).to_have_text("waiting")
    phone.locator("#finish-form .scale-option:has-text('7')").first.click()
    phone.locator("fieldset:has-text('Any pain') .scale-option:has-text('0')").first.click()
    phone.click("button:has-text('Finish workout')")
    expect(phone.locator("#finish-form .waiting")).to_have_text("waiting")
    status = phone.locator("#queue-status")
    expect(status).to_contain_text("Not sent yet, sent once back online: 3 sets")
    screenshot(phone, "workout-offline-waiting")
    assert saved_sets() == []
    assert queued(phone) == 4

    phone.context.set_offline(False)  # the connection is back: sets, then the finish
    phone.wait_for_url("**/logs/*/")
    assert saved_sets() == [1, 2, 3]
    log = WorkoutLog.objects.get()
    assert log.is_complete and log.rpe == 7 and log.pain == 0
    assert queued(phone) == 0
    assert phone.problems.csp_violations() == []


def test_a_page_closed_with_sets_waiting_sends_them_when_opened_again(phone, workout):
    log_in(phone, "athlete", PASSWORD)
    phone.goto(f"/workouts/{workout.pk}/")
    context = phone.context
    context.set_offline(True)
    log_set(phone, 1)
    log_set(phone, 2)
    expect(phone.locator(".waiting")).to_have_count(2)
    phone.close()  # the phone killed the tab

    context.set_offline(False)
    page = context.new_page()
    page.goto(f"/workouts/{workout.pk}/")
    expect(page.locator(".set-row.is-logged")).to_have_count(2)
    assert saved_sets() == [1, 2]
    page.reload()  # nothing sent twice
    expect(page.locator(".set-row.is-logged")).to_have_count(2)
    expect(page.locator(".waiting")).to_have_count(0)
    assert saved_sets() == [1, 2]
    assert queued(page) == 0


@pytest.fixture
def phone_without_worker(browser, live_url, transactional_db):
    """Request interception does not see what a service worker fetches: none here (the queue
    does not need one)."""
    context = browser.new_context(viewport=PHONE, base_url=live_url, service_workers="block")
    context.add_init_script(CSP_RECORDER)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.problems = PageProblems(page)
    yield page
    context.close()


def test_a_set_answered_503_waits_and_is_sent_by_the_next_retry(phone_without_worker, workout):
    phone = phone_without_worker
    outage = []

    def server_down(route):
        if not outage:
            outage.append(route.request.post_data)
            return route.fulfill(status=503, body="Service Unavailable")
        return route.continue_()

    log_in(phone, "athlete", PASSWORD)
    phone.clock.install()
    phone.goto(f"/workouts/{workout.pk}/")
    phone.route("**/workouts/*/sets/", server_down)
    log_set(phone, 1)
    expect(rows(phone).first.locator(".waiting")).to_have_text("waiting")
    status = phone.locator("#queue-status")
    expect(status).to_contain_text("Not sent yet, sent once back online: 1 set")
    assert outage and saved_sets() == []
    phone.clock.run_for(21_000)  # the periodic retry
    expect(rows(phone).first).to_have_class("set-row is-logged")
    expect(status).to_be_hidden()
    assert saved_sets() == [1]
    assert phone.problems.csp_violations() == []


def test_a_set_whose_answer_was_lost_is_sent_again_and_saved_once(phone_without_worker, workout):
    phone = phone_without_worker
    lost = []

    def answer_lost(route):
        if not lost:
            lost.append(route.fetch().status)  # the server saved it...
            return route.abort("connectionreset")  # ...and the answer never came back
        return route.continue_()

    log_in(phone, "athlete", PASSWORD)
    phone.goto(f"/workouts/{workout.pk}/")
    phone.route("**/workouts/*/sets/", answer_lost)
    log_set(phone, 1)
    expect(rows(phone).first.locator(".waiting")).to_have_text("waiting")
    assert lost == [200] and saved_sets() == [1]
    phone.evaluate("dispatchEvent(new Event('online'))")
    expect(rows(phone).first).to_have_class("set-row is-logged")
    assert saved_sets() == [1]


def test_a_set_kept_through_an_expired_session_is_saved_once_after_sign_in(phone, workout):
    log_in(phone, "athlete", PASSWORD)
    phone.goto(f"/workouts/{workout.pk}/")
    phone.context.set_offline(True)
    log_set(phone, 1)
    expect(rows(phone).first.locator(".waiting")).to_have_text("waiting")
    phone.context.clear_cookies(name="sessionid")  # signed out while away
    phone.context.set_offline(False)
    link = phone.locator("#queue-status a")
    expect(link).to_have_text("Sign in to send 1 set")
    assert link.get_attribute("href") == f"/accounts/login/?next=%2Fworkouts%2F{workout.pk}%2F"
    assert saved_sets() == []
    link.click()
    phone.fill("#id_username", "athlete")
    phone.fill("#id_password", PASSWORD)
    phone.click("button[type=submit] >> text=Log in")
    phone.wait_for_url(f"**/workouts/{workout.pk}/")
    expect(rows(phone).first).to_have_class("set-row is-logged")
    assert saved_sets() == [1]
    phone.reload()
    expect(phone.locator(".set-row.is-logged")).to_have_count(1)
    assert saved_sets() == [1]


def test_today_and_its_workout_open_offline_after_one_visit(phone, workout, monkeypatch):
    log_in(phone, "athlete", PASSWORD)
    phone.goto("/today/")
    url = f"/workouts/{workout.pk}/"
    # The worker keeps today's workout, and the files it names, for offline.
    until(lambda: phone.evaluate(KEPT, url), "today's workout is kept for offline")
    phone.wait_for_function("navigator.serviceWorker.controller !== null")
    # Chromium's offline emulation reaches a service worker late, if at all (Playwright issue
    # 2311): the server is down too, so whichever the worker meets (no network, or the 503 of
    # an outage) it must open the copy it kept, and a copy is never dropped for an error.
    monkeypatch.setattr(today_view, "today_for", database_down)
    monkeypatch.setattr(workout_render, "workout_for_athlete", database_down)
    # Renamed on the server: what opens offline is the copy on the phone.
    Workout.objects.filter(pk=workout.pk).update(title="Renamed since")
    phone.context.set_offline(True)
    phone.goto("/today/")
    expect(phone.locator("h1")).to_have_text("Today")
    phone.locator(f"a[href='{url}']").first.click()
    phone.wait_for_url(f"**{url}")
    expect(phone.locator("h1")).to_have_text("Three sets of curls")
    # styled and scripted from the cache
    assert phone.evaluate("getComputedStyle(document.querySelector('.button')).minHeight") == "44px"
    log_set(phone, 1)
    expect(rows(phone).first.locator(".waiting")).to_have_text("waiting")
    screenshot(phone, "workout-opened-offline")
    monkeypatch.undo()  # the database is back
    phone.context.set_offline(False)
    # Sent on the "online" event, or, where none comes (a weak signal; Chromium 150's offline
    # emulation), by the queue's retry every 5 s.
    expect(rows(phone).first).to_have_class("set-row is-logged", timeout=12_000)
    assert saved_sets() == [1]
    assert phone.problems.csp_violations() == []


def test_two_quick_taps_on_add_a_set_add_two_sets_both_logged(phone, workout):
    log_in(phone, "athlete", PASSWORD)
    phone.goto(f"/workouts/{workout.pk}/")
    add = phone.locator("a.add-set")
    add.click()
    add.click()  # before the first answer is in
    prescription = workout.prescriptions.get()
    ids = [f"#set-{prescription.pk}-{number}-both" for number in (4, 5)]
    expect(rows(phone)).to_have_count(5)
    for row_id in ids:
        expect(phone.locator(row_id)).to_have_count(1)
    phone.context.set_offline(True)  # logged in the basement
    for row_id in ids:
        phone.locator(f"{row_id} button.log-button").click()
        expect(phone.locator(f"{row_id} .waiting")).to_have_text("waiting")
    phone.context.set_offline(False)
    for row_id in ids:
        expect(phone.locator(row_id)).to_have_class("set-row is-logged")
    expect(phone.locator(".set-error")).to_have_count(0)  # no "already logged"
    assert saved_sets() == [4, 5]
    phone.reload()
    expect(phone.locator(".set-row.is-logged")).to_have_count(2)
    assert phone.problems.csp_violations() == []

"""One phone, two athletes: the sets one of them logged offline wait for them. They are sent
only while they are signed in, never dropped because someone else is (the server answers that
someone 404), and the others see whose sets wait; signing out with sets waiting asks first."""

import pytest
from playwright.sync_api import expect

from accounts.models import Membership
from catalogue.services import load_catalogue
from logbook.models import SetLog
from tests.browser.conftest import CSP_RECORDER, PHONE, PageProblems, log_in, screenshot
from tests.browser.test_offline import KEPT, curls_for, log_set, rows, until
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.browser

SETS = "**/workouts/*/sets/**"


@pytest.fixture
def phone(browser, live_url, transactional_db):
    """No service worker, so that routes see every request (the queue does not need one)."""
    context = browser.new_context(viewport=PHONE, base_url=live_url, service_workers="block")
    context.add_init_script(CSP_RECORDER)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.problems = PageProblems(page)
    page.posted_sets = []
    page.on(
        "request",
        lambda request: (
            page.posted_sets.append(request.url)
            if request.method == "POST" and "/sets/" in request.url
            else None
        ),
    )
    yield page
    context.close()


@pytest.fixture
def blake(team):
    blake = make_user("blake", first_name="Blake")
    Membership.objects.create(team=team, athlete=blake)
    return blake


@pytest.fixture
def workouts(transactional_db, athlete, blake, coach):
    """Alex's and Blake's curls for today."""
    load_catalogue()
    return curls_for(athlete, coach), curls_for(blake, coach)


def waiting(page) -> list[list]:
    """Who each item in the phone's queue belongs to: [user id, name]."""
    return page.evaluate(
        """() => new Promise((ok) => {
            const r = indexedDB.open("hamstrings", 1);
            r.onupgradeneeded = () => r.result.createObjectStore("q", { keyPath: "token" });
            r.onsuccess = () => {
                const get = r.result.transaction("q").objectStore("q").getAll();
                get.onsuccess = () => {
                    ok(get.result.map((i) => [i.u, i.who]));
                    r.result.close();
                };
            };
        })"""
    )


def wait_until_sent(page):
    until(lambda: not waiting(page), "the queue is empty")


def in_the_basement(page):
    """Sets do not reach the server; the rest of the site does (signing out needs it)."""
    page.route(SETS, lambda route: route.abort("internetdisconnected"))


def log_one_set_offline(page, workout):
    page.goto(f"/workouts/{workout.pk}/")
    in_the_basement(page)
    log_set(page, 1)
    expect(rows(page).first.locator(".waiting")).to_have_text("waiting")


def assert_no_problems(page):
    """No script error, no CSP violation; the sets the basement kept from the server aside."""
    errors = [error for error in page.problems.errors if "ERR_INTERNET_DISCONNECTED" not in error]
    assert errors == []
    assert page.problems.csp_violations() == []


def sign_out(page):
    page.locator(".account").get_by_role("button", name="Log out").click()


def test_alexs_set_waits_through_blakes_session_and_lands_as_alexs(phone, workouts, athlete):
    alex_workout, _ = workouts
    log_in(phone, "athlete", PASSWORD)
    log_one_set_offline(phone, alex_workout)

    sign_out(phone)
    warning = phone.locator("#logout-warning")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Not sent yet: 1 set logged offline")
    warning.get_by_role("button", name="Sign out anyway").click()
    phone.wait_for_url("**/accounts/login/")

    phone.unroute(SETS)  # the connection is back, and Blake signs in
    phone.posted_sets.clear()
    log_in(phone, "blake", PASSWORD)
    phone.wait_for_url("**/today/")
    phone.evaluate("dispatchEvent(new Event('online'))")
    notice = phone.locator("#queue-status")
    expect(notice).to_have_text(
        "Not sent yet: 1 set logged offline by Alex. Sign in as Alex to send it"
    )
    screenshot(phone, "offline-sets-of-another-athlete")
    assert phone.posted_sets == []  # nothing was sent as Blake
    assert SetLog.objects.count() == 0
    assert waiting(phone) == [[str(athlete.pk), "Alex"]]

    notice.get_by_role("button", name="Sign in as Alex to send it").click()  # Blake out first
    phone.wait_for_url("**/accounts/login/")
    log_in(phone, "athlete", PASSWORD)
    phone.wait_for_url("**/today/")
    wait_until_sent(phone)  # from Alex's today page
    logged = SetLog.objects.get()
    assert logged.workout_log.assignment.athlete == athlete
    assert logged.workout_log.workout == alex_workout
    phone.goto(f"/workouts/{alex_workout.pk}/")
    expect(rows(phone).first).to_have_class("set-row is-logged")
    expect(phone.locator("#queue-status")).to_be_hidden()
    assert_no_problems(phone)


def test_a_name_with_markup_is_shown_as_text(phone, workouts, athlete):
    athlete.first_name = "<i>Al</i>"
    athlete.save()
    log_in(phone, "athlete", PASSWORD)
    log_one_set_offline(phone, workouts[0])
    sign_out(phone)
    phone.locator("#logout-warning").get_by_role("button", name="Sign out anyway").click()
    phone.wait_for_url("**/accounts/login/")
    log_in(phone, "blake", PASSWORD)
    notice = phone.locator("#queue-status")
    expect(notice).to_contain_text("logged offline by <i>Al</i>. Sign in as <i>Al</i> to send it")
    expect(notice.locator("i")).to_have_count(0)


def test_signing_out_with_sets_waiting_asks_first(phone, workouts, athlete):
    alex_workout, _ = workouts
    log_in(phone, "athlete", PASSWORD)
    log_one_set_offline(phone, alex_workout)
    log_set(phone, 2)
    expect(phone.locator(".set-row .waiting")).to_have_count(2)

    sign_out(phone)
    warning = phone.locator("#logout-warning")
    expect(warning).to_contain_text("Not sent yet: 2 sets logged offline")
    expect(warning).to_contain_text("until you sign in again")
    screenshot(phone, "offline-sign-out-warning")
    warning.get_by_role("button", name="Stay signed in").click()
    expect(warning).to_be_hidden()
    assert phone.url.endswith(f"/workouts/{alex_workout.pk}/")  # still signed in, still here
    expect(phone.locator(".account")).to_contain_text("Log out")

    phone.unroute(SETS)  # sent, then nothing to warn about
    phone.evaluate("dispatchEvent(new Event('online'))")
    expect(phone.locator(".set-row.is-logged")).to_have_count(2)
    expect(phone.locator("#queue-status")).to_be_hidden()  # the queue knows it too: no warning
    sign_out(phone)
    phone.wait_for_url("**/accounts/login/")
    assert SetLog.objects.count() == 2
    assert_no_problems(phone)


def test_a_set_answered_404_is_kept_until_its_athlete_discards_it(phone, workouts, athlete):
    """A 404 is the answer to someone else's session (a page kept from before): never a
    reason to drop the set."""
    alex_workout, _ = workouts
    log_in(phone, "athlete", PASSWORD)
    phone.goto(f"/workouts/{alex_workout.pk}/")
    phone.route(SETS, lambda route: route.fulfill(status=404, body="Not Found"))
    log_set(phone, 1)
    status = phone.locator("#queue-status")
    expect(status).to_contain_text("Not accepted (404), kept: 1 set")
    expect(rows(phone).first.locator(".waiting")).to_have_text("waiting")
    phone.reload()  # still there
    expect(rows(phone).first.locator(".waiting")).to_be_visible()
    assert waiting(phone) == [[str(athlete.pk), "Alex"]]

    phone.once("dialog", lambda dialog: dialog.accept())
    status.get_by_role("button", name="Discard").click()
    expect(status).to_be_hidden()
    expect(rows(phone).first.locator(".waiting")).to_have_count(0)
    assert waiting(phone) == []
    assert SetLog.objects.count() == 0


def test_sets_queued_before_the_queue_knew_its_athletes_go_only_as_theirs(phone, workouts, athlete):
    """An item from the single queue of before has no owner: it becomes the athlete's whose
    workout page shows its row (Alex's; Blake's never does), and only then is it sent."""
    alex_workout, _ = workouts
    log_in(phone, "athlete", PASSWORD)
    log_one_set_offline(phone, alex_workout)
    phone.evaluate(
        """() => new Promise((ok) => {
            const r = indexedDB.open("hamstrings", 1);
            r.onsuccess = () => {
                const q = r.result.transaction("q", "readwrite").objectStore("q");
                q.getAll().onsuccess = (e) => e.target.result.forEach((item) => {
                    delete item.u; delete item.who; q.put(item);
                });
                q.transaction.oncomplete = () => { ok(); r.result.close(); };
            };
        })"""
    )
    phone.context.clear_cookies(name="sessionid")
    phone.unroute(SETS)
    phone.posted_sets.clear()

    log_in(phone, "blake", PASSWORD)
    phone.wait_for_url("**/today/")
    status = phone.locator("#queue-status")
    expect(status).to_have_text("Not sent yet: 1 set logged offline. Sign in to send it")
    phone.evaluate("dispatchEvent(new Event('online'))")
    phone.wait_for_timeout(500)
    assert phone.posted_sets == [] and SetLog.objects.count() == 0
    assert waiting(phone) == [[None, None]]

    status.get_by_role("button", name="Sign in to send it").click()
    phone.wait_for_url("**/accounts/login/")
    log_in(phone, "athlete", PASSWORD)
    phone.wait_for_url("**/today/")
    assert waiting(phone) == [[None, None]]  # today's page shows no row of it
    phone.goto(f"/workouts/{alex_workout.pk}/")  # Alex's workout does: Alex's set
    expect(rows(phone).first).to_have_class("set-row is-logged", timeout=12_000)
    assert SetLog.objects.get().workout_log.assignment.athlete == athlete
    assert waiting(phone) == []


def test_without_javascript_log_out_signs_out_at_once(browser, live_url, workouts):
    context = browser.new_context(viewport=PHONE, base_url=live_url, java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, "athlete", PASSWORD)
        page.wait_for_url("**/today/")
        expect(page.locator("#logout-warning")).to_be_hidden()
        sign_out(page)
        page.wait_for_url("**/accounts/login/")
        expect(page.locator(".account")).to_have_text("Log in")
    finally:
        context.close()


def test_signing_in_drops_the_pages_kept_for_the_last_athlete(browser, live_url, workouts):
    """Alex's session ran out without a sign-out: once Blake signs in, Alex's workout no longer
    opens from the phone's copies (where Blake's taps would be queued as Alex's)."""
    alex_workout, _ = workouts
    url = f"/workouts/{alex_workout.pk}/"
    context = browser.new_context(viewport=PHONE, base_url=live_url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        log_in(page, "athlete", PASSWORD)
        page.wait_for_url("**/today/")
        page.wait_for_function("navigator.serviceWorker.controller !== null")
        until(lambda: page.evaluate(KEPT, url), "Alex's workout is kept for offline")
        context.clear_cookies(name="sessionid")
        log_in(page, "blake", PASSWORD)
        page.wait_for_url("**/today/")
        until(lambda: not page.evaluate(KEPT, url), "Alex's workout is no longer kept")
    finally:
        context.close()

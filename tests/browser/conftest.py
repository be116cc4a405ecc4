"""Browser tests: Playwright driving the system's Chromium against pytest-django's live server.

Chromium is looked for at $CHROMIUM_PATH or /usr/bin/chromium. Without it the tests are skipped
with the reason shown, except under CI, where a missing browser is a failure.
"""

import os
import threading
from datetime import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.test.testcases import LiveServerThread
from django.utils import timezone

from tests.snapshots import demo_restore

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# Records CSP violations; an init script runs outside the page's CSP.
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = f"no Chromium at {CHROMIUM} (install Debian's chromium or set CHROMIUM_PATH)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the
    # tests themselves are still plain synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class Answering:
    """The requests the live server is still answering. A page can leave one running when its
    test ends (a service worker's fetch, an htmx swap); the test's tables are emptied only once
    it is done, since a TRUNCATE waiting on a request's locks while that request waits on the
    TRUNCATE's is a deadlock."""

    def __init__(self):
        self.count = 0
        self.changed = threading.Condition()

    def __enter__(self):
        with self.changed:
            self.count += 1

    def __exit__(self, *exc):
        with self.changed:
            self.count -= 1
            self.changed.notify_all()

    def wait_until_none(self, timeout: float = 10) -> None:
        with self.changed:
            self.changed.wait_for(lambda: self.count == 0, timeout)


ANSWERING = Answering()


class ServeThroughMiddleware:
    """Static handler that hands every request to the app, so WhiteNoise serves the collected,
    hashed files as in production (Django's own handler only knows unhashed names)."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        with ANSWERING:
            return self.application(environ, start_response)


@pytest.fixture(scope="session")
def live_url(django_db_setup, django_db_blocker):
    """One live server for the session; each test still gets its own committed data."""
    with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "localhost"]):
        thread = LiveServerThread("localhost", static_handler=ServeThroughMiddleware)
        thread.daemon = True
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
        yield f"http://localhost:{thread.port}"
        thread.terminate()


class PageProblems:
    """JavaScript errors and CSP violations seen by one page."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )

    def csp_violations(self) -> list[str]:
        return self.page.evaluate("window.__cspViolations || []")

    def assert_none(self):
        assert self.errors == []
        assert self.csp_violations() == []


@pytest.fixture
def transactional_db(transactional_db):
    """pytest-django's, emptying the tables after the test only once the live server has
    answered every request the test's pages sent (their contexts are closed by then)."""
    yield
    ANSWERING.wait_until_none()


@pytest.fixture
def demo_on_monday(transactional_db, time_machine):
    """The demo's data on Monday 23 November 2026 at 17:00, the clock left there and ticking:
    the day the Nordic-today tests start the demo athlete's program."""
    time_machine.move_to(timezone.make_aware(datetime(2026, 11, 23, 17)), tick=True)
    demo_restore()


@pytest.fixture
def phone(browser, live_url, transactional_db):
    """A fresh 390x844 browser context on the live server."""
    yield from page_on(browser, live_url, PHONE)


@pytest.fixture
def desktop(browser, live_url, transactional_db):
    """A fresh 1280x800 browser context on the live server: a coach's laptop."""
    yield from page_on(browser, live_url, DESKTOP)


def page_on(browser, live_url, viewport):
    """A page in a new context of this size, recording CSP reports and page errors."""
    context = browser.new_context(viewport=viewport, base_url=live_url)
    context.add_init_script(CSP_RECORDER)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.problems = PageProblems(page)
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def assert_fits_the_phone(page):
    """No horizontal scroll at the phone's width."""
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE["width"], f"page is {scroll_width}px wide"


def log_in(page, username: str, password: str):
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    # The form posts back to the same URL when refused: wait for the answer, not only the click.
    with page.expect_navigation():
        page.click("button[type=submit] >> text=Log in")


def small_tap_targets(page, selector: str = "main a, main button, main select, main input") -> list:
    """Visible controls in the main area shorter than 44 px (inline text links excepted)."""
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .filter((el) => el.offsetParent !== null && getComputedStyle(el).display !== 'inline')
            .map((el) => [el.textContent.trim().slice(0, 30) || el.name,
                          el.getBoundingClientRect().height])
            .filter(([, height]) => height < 44)""",
        selector,
    )

"""The app installs to a phone's home screen: a web manifest and a service worker that register
under the site's Content-Security-Policy and pass Chromium's installability checks."""

import pytest

from tests.browser.conftest import CHROMIUM, CSP_RECORDER, PHONE, PageProblems, log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def installable_phone(browser, live_url, transactional_db, tmp_path):
    """A phone with a profile of its own: Chromium never offers to install from an incognito
    window, which is what a plain Playwright context is."""
    context = browser.browser_type.launch_persistent_context(
        tmp_path / "profile",
        executable_path=str(CHROMIUM),
        viewport=PHONE,
        base_url=live_url,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    )
    context.add_init_script(CSP_RECORDER)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.problems = PageProblems(page)
    yield page
    context.close()


def test_the_manifest_and_service_worker_register_and_the_app_is_installable(
    installable_phone, athlete
):
    phone = installable_phone
    log_in(phone, "athlete", PASSWORD)
    phone.wait_for_url("**/today/")
    registration = phone.evaluate(
        """() => navigator.serviceWorker.ready.then((r) => ({
            scope: r.scope, script: r.active.scriptURL }))"""
    )
    assert registration["scope"].endswith("/")
    assert registration["script"].endswith("/sw.js")
    phone.reload()  # controlled from now on
    phone.wait_for_function("navigator.serviceWorker.controller !== null")

    cdp = phone.context.new_cdp_session(phone)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"].endswith("/manifest.webmanifest")
    assert manifest["errors"] == []
    assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []

    theme = phone.locator("meta[name=theme-color]").get_attribute("content")
    assert theme.startswith("#")
    phone.problems.assert_none()

"""The break-point angle measured on the phone (issue 28): the coach picks a side-on video, scrubs
to the break, taps the knee and the shoulder, and the page fills the angle field. The video is
made in the test (frames drawn on a canvas, recorded by Chromium's MediaRecorder) and never
leaves the page; without JavaScript the field is a plain number to type."""

import re

import pytest
from playwright.sync_api import expect

from catalogue.models import Band
from logbook.models import StrengthTest
from logbook.strength_estimates import estimate_of
from tests.browser.conftest import PHONE, assert_fits_the_phone, log_in, screenshot
from tests.browser.side_on_video import (
    KNEE,
    KNOWN_ANGLE,
    SHOULDER,
    record_side_on_video,
    tap_video_pixel,
)
from tests.browser.test_accessibility import problems
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def side_on_video(phone, tmp_path):
    return record_side_on_video(phone, tmp_path)


def open_the_test_form(page, athlete):
    log_in(page, "coach", PASSWORD)
    page.wait_for_url("**/coach/")
    page.goto(f"/coach/athletes/{athlete.pk}/#strength")
    page.locator("#strength summary").click()


def test_the_coach_taps_knee_and_shoulder_and_the_angle_is_saved(
    phone, live_url, athlete, side_on_video
):
    sent = []
    phone.on("request", lambda request: sent.append(request))
    open_the_test_form(phone, athlete)
    tool = phone.locator("[data-break-angle]")
    expect(tool).to_be_hidden()  # NordBord is the method chosen first
    phone.select_option("#id_method", "breakpoint")
    expect(tool).to_be_visible()

    tool.locator("input[type=file]").set_input_files(side_on_video)
    scrub = tool.get_by_label("Time in the video")
    expect(scrub).to_be_enabled()
    # Scrub with the keyboard, then a frame on and one back.
    scrub.focus()
    phone.keyboard.press("ArrowRight")
    phone.keyboard.press("ArrowRight")
    expect(tool.locator("output")).not_to_have_text("0.00 s")
    at = tool.locator("output").text_content()
    tool.get_by_role("button", name="Next frame").click()
    expect(tool.locator("output")).not_to_have_text(at)
    tool.get_by_role("button", name="Previous frame").click()
    expect(tool.locator("output")).to_have_text(at)

    canvas = tool.locator("canvas")
    assert canvas.bounding_box()["width"] <= PHONE["width"]
    # A first shoulder tap far off, moved by tapping near its true place again.
    tap_video_pixel(phone, canvas, *KNEE)
    expect(tool.locator("[role=status]")).to_contain_text("shoulder")
    # The knee tapped twice is no line: no angle (it would read 0 degrees, the strongest).
    tap_video_pixel(phone, canvas, *KNEE)
    expect(tool.locator("[role=status]")).to_contain_text("away from the knee")
    assert phone.input_value("#id_left") == ""
    tap_video_pixel(phone, canvas, 200, 30)
    off = float(phone.input_value("#id_left"))
    assert abs(off - KNOWN_ANGLE) > 10
    tap_video_pixel(phone, canvas, *SHOULDER)
    angle = float(phone.input_value("#id_left"))
    assert abs(angle - KNOWN_ANGLE) <= 2, (angle, KNOWN_ANGLE)
    expect(tool.locator("[role=status]")).to_contain_text(f"{angle:.0f} degrees")
    assert_fits_the_phone(phone)
    assert problems(phone, "the break-angle tool") == []
    screenshot(phone, "break-angle-phone")

    phone.fill("#id_body_mass", "80")
    phone.fill("#id_height_cm", "180")
    phone.select_option("#id_band", str(Band.objects.get(name="Red").pk))
    phone.get_by_role("button", name="Save the test").click()
    phone.wait_for_url(f"**/coach/athletes/{athlete.pk}/#strength")
    expect(phone.locator(".strength-list")).to_contain_text(f"Broke at {angle:.0f} degrees")
    test = StrengthTest.objects.select_related("band").get(athlete=athlete)
    assert (test.method, test.left, test.right) == ("breakpoint", round(angle), None)
    # The estimate with its range, as the model gives it for this test.
    expect(phone.locator(".strength-estimate")).to_contain_text(
        f"Estimated strength {estimate_of(test)} per leg (on the red band"
    )
    assert re.search(r"\d+ N \(\d+-\d+\)", phone.locator(".strength-estimate").inner_text())

    # Nothing of the video went to the server: no request is near its size, and the test's
    # post carries the form's fields only.
    video_size = side_on_video.stat().st_size
    assert video_size > 5_000
    ours = [request for request in sent if request.url.startswith(live_url)]
    assert all(len(request.post_data_buffer or b"") < video_size / 4 for request in ours)
    (post,) = [
        request for request in ours if request.method == "POST" and "strength" in request.url
    ]
    assert b"webm" not in post.post_data_buffer and b"\x1aE\xdf\xa3" not in post.post_data_buffer
    phone.problems.assert_none()


def test_without_javascript_the_angle_is_typed_and_saved(
    browser, live_url, transactional_db, athlete
):
    context = browser.new_context(viewport=PHONE, base_url=live_url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    open_the_test_form(page, athlete)
    expect(page.locator("[data-break-angle]")).to_have_count(1)
    expect(page.locator("[data-break-angle]")).to_be_hidden()
    expect(page.locator("#id_left")).to_have_attribute("type", "number")
    page.select_option("#id_method", "breakpoint")
    page.locator("#id_left").press_sequentially("42")
    page.get_by_role("button", name="Save the test").click()
    expect(page.locator(".strength-list")).to_contain_text("Broke at 42 degrees")
    assert StrengthTest.objects.get(athlete=athlete).left == 42
    context.close()

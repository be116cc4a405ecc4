"""The athlete measures their own break-point angle on the phone (issue 28): on /progress/ they
open "Test your Nordic break point", pick a side-on video (made in the test, never sent), tap
the knee and the shoulder, and the angle field shows the known angle; their body mass and
height come from their settings; the saved test lists its estimate with its range."""

import re
from decimal import Decimal

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


def test_the_athlete_taps_knee_and_shoulder_and_sees_the_estimate(
    phone, live_url, athlete, tmp_path
):
    athlete.body_mass_kg, athlete.height_cm = Decimal(80), 180
    athlete.save()
    video = record_side_on_video(phone, tmp_path)
    sent = []
    phone.on("request", lambda request: sent.append(request))
    log_in(phone, "athlete", PASSWORD)
    phone.wait_for_url("**/today/")
    phone.goto("/progress/")
    expect(phone.locator("#strength-tests")).to_contain_text("No tests yet.")
    phone.get_by_text("Test your Nordic break point").click()
    # Prefilled from the settings, unassisted without a Nordic track.
    expect(phone.locator("#id_body_mass")).to_have_value("80.0")
    expect(phone.locator("#id_height_cm")).to_have_value("180")
    expect(phone.locator("#id_band")).to_have_value("")

    tool = phone.locator("[data-break-angle]")
    expect(tool).to_be_visible()  # no method to choose: the form is a break-point test
    tool.locator("input[type=file]").set_input_files(video)
    expect(tool.get_by_label("Time in the video")).to_be_enabled()
    canvas = tool.locator("canvas")
    expect(canvas).to_be_visible()
    assert canvas.bounding_box()["width"] <= PHONE["width"]
    canvas.scroll_into_view_if_needed()  # a tap lands where the phone shows it
    tap_video_pixel(phone, canvas, *KNEE)
    expect(tool.locator("[role=status]")).to_contain_text("shoulder")
    tap_video_pixel(phone, canvas, *SHOULDER)
    expect(tool.locator("[role=status]")).to_contain_text("degrees to the floor")
    angle = float(phone.input_value("#id_left"))
    assert abs(angle - KNOWN_ANGLE) <= 2, (angle, KNOWN_ANGLE)
    assert_fits_the_phone(phone)
    assert problems(phone, "the athlete's break-point test") == []
    tool.scroll_into_view_if_needed()
    screenshot(phone, "self-break-angle-phone")

    phone.select_option("#id_band", str(Band.objects.get(name="Red").pk))
    phone.get_by_role("button", name="Save the test").click()
    phone.wait_for_url("**/progress/#strength-tests")
    expect(phone.locator(".strength-list")).to_contain_text(f"Broke at {angle:.0f} degrees")
    test = StrengthTest.objects.select_related("band").get(athlete=athlete)
    assert (test.entered_by, test.method, test.left) == (athlete, "breakpoint", round(angle))
    assert (test.band.name, test.body_mass_kg, test.height_cm) == ("Red", 80, 180)
    estimate = phone.locator(".strength-estimate")
    expect(estimate).to_contain_text(
        f"Estimated strength {estimate_of(test)} per leg (on the red band"
    )
    assert re.search(r"\d+ N \(\d+-\d+\)", estimate.inner_text())
    assert_fits_the_phone(phone)
    estimate.scroll_into_view_if_needed()
    screenshot(phone, "self-break-angle-saved")

    # The video stayed on the phone: the test's post carries the form's fields only.
    (post,) = [r for r in sent if r.method == "POST" and r.url.endswith("/progress/tests/")]
    assert len(post.post_data_buffer) < video.stat().st_size / 4
    assert b"webm" not in post.post_data_buffer
    phone.problems.assert_none()

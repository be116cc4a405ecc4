"""The settings page on a phone: the body mass follows the units chosen, so the number typed is
read in the units its label names (issue 24: choosing lb and typing 180 stored 180 kg)."""

from decimal import Decimal

import pytest

from tests.browser.conftest import log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def body_mass_label(page) -> str:
    return page.locator("label[for=id_body_mass]").inner_text()


def test_choosing_lb_relabels_and_converts_the_body_mass(phone, athlete):
    athlete.body_mass_kg = Decimal("80.0")
    athlete.save(update_fields=["body_mass_kg"])
    log_in(phone, "athlete", PASSWORD)
    phone.wait_for_url("**/today/")
    phone.goto("/accounts/settings/")
    assert body_mass_label(phone) == "Body mass (kg)"
    phone.get_by_label("lb", exact=True).check()
    assert body_mass_label(phone) == "Body mass (lb)"
    assert phone.locator("#id_body_mass").input_value() == "176.4"
    phone.get_by_role("button", name="Save settings").click()
    phone.get_by_role("status").wait_for()
    athlete.refresh_from_db()
    assert (athlete.units, athlete.body_mass_kg) == ("lb", Decimal("80.0"))
    phone.problems.assert_none()


def test_a_body_mass_typed_after_choosing_lb_is_stored_as_lb(phone, athlete):
    log_in(phone, "athlete", PASSWORD)
    phone.wait_for_url("**/today/")
    phone.goto("/accounts/settings/")
    phone.get_by_label("lb", exact=True).check()
    phone.fill("#id_body_mass", "180")
    phone.get_by_role("button", name="Save settings").click()
    phone.get_by_role("status").wait_for()
    athlete.refresh_from_db()
    assert (athlete.units, athlete.body_mass_kg) == ("lb", Decimal("81.6"))
    assert body_mass_label(phone) == "Body mass (lb)"
    phone.problems.assert_none()

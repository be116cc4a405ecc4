"""The athlete's height on the settings page, beside body mass: typed in whole cm whatever the
units, optional, refused next to its field outside 100-230 cm, and held there by the database."""

import pytest
from django.db import IntegrityError, transaction

from accounts.models import User
from tests.accounts.test_settings_page import URL, field_block, valid

pytestmark = pytest.mark.usefixtures("catalogue")


def test_it_is_saved_and_shown_again(athlete_client, athlete):
    response = athlete_client.post(URL, valid(height_cm="178"), follow=True)
    athlete.refresh_from_db()
    assert athlete.height_cm == 178
    block = field_block(response.text, "height_cm")
    assert "Height (cm)" in block and 'value="178"' in block


def test_it_stays_in_cm_for_someone_who_reads_lb(athlete_client, athlete):
    athlete_client.post(URL, valid(units="lb", height_cm="170"))
    athlete.refresh_from_db()
    assert (athlete.units, athlete.height_cm) == ("lb", 170)
    assert "Height (cm)" in field_block(athlete_client.get(URL).text, "height_cm")


def test_leaving_it_empty_clears_it(athlete_client, athlete):
    User.objects.filter(pk=athlete.pk).update(height_cm=180)
    athlete_client.post(URL, valid(height_cm=""))
    athlete.refresh_from_db()
    assert athlete.height_cm is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("99", "Enter a height between 100 and 230 cm, or leave it empty."),
        ("231", "Enter a height between 100 and 230 cm, or leave it empty."),
        ("1.78", "Enter your height in whole centimetres, such as 178."),
    ],
)
def test_a_height_out_of_range_is_refused_next_to_its_field(
    athlete_client, athlete, typed, message
):
    response = athlete_client.post(URL, valid(height_cm=typed), headers={"HX-Request": "true"})
    assert message in field_block(response.text, "height_cm")
    athlete.refresh_from_db()
    assert athlete.height_cm is None


@pytest.mark.parametrize("height", [99, 231])
def test_the_database_refuses_a_height_outside_100_to_230_cm(athlete, height):
    with pytest.raises(IntegrityError, match="accounts_user_height_range"), transaction.atomic():
        User.objects.filter(pk=athlete.pk).update(height_cm=height)

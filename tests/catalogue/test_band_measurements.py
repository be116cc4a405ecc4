"""A coach's own measurement of a band (issue 28): entered on the bands page in the coach's units,
refused next to its field, the coach's alone, held by the database; for the coach's athletes it
wins over the band's rated range (`catalogue.tensions`)."""

import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from catalogue.models import Band, BandMeasurement
from catalogue.tensions import Tension, tensions
from tests.accounts.test_settings_page import field_block

pytestmark = pytest.mark.usefixtures("catalogue")
PAGE = "/bands/"


@pytest.fixture(autouse=True)
def thursday_3_december(time_machine):
    time_machine.move_to(datetime(2026, 12, 3, 9, tzinfo=UTC), tick=False)


@pytest.fixture
def green(db):
    return Band.objects.get(name="Green")


def url(band) -> str:
    return f"/bands/{band.pk}/measurement/"


def reading(**changes) -> dict:
    return {"tension": "21.5", "length_cm": "180", "measured_on": "2026-12-01", **changes}


def measure(owner, band, kg="21.0", on=date(2026, 12, 1)) -> BandMeasurement:
    return BandMeasurement.objects.create(
        owner=owner, band=band, tension_kg=Decimal(kg), length_cm=180, measured_on=on
    )


def card(html: str, band) -> str:
    """The band's own card in the coach's section of the page."""
    start = html.index(f'id="band-{band.pk}"')
    return html[start : html.index("</article>", start)]


def test_a_coach_enters_a_measurement_and_reads_it_back(coach_client, coach, green):
    response = coach_client.post(url(green), reading(), follow=True)
    assert response.redirect_chain[-1][0] == f"/bands/#band-{green.pk}"
    measurement = BandMeasurement.objects.get()
    assert (measurement.owner, measurement.band, measurement.tension_kg) == (
        coach,
        green,
        Decimal("21.5"),
    )
    assert (measurement.length_cm, measurement.measured_on) == (180, date(2026, 12, 1))
    text = card(response.text, green)
    assert "Rated 23-57 kg" in text
    assert "Yours: 21.5 kg at 180 cm" in text and "1 Dec 2026" in text
    assert "Your measurement of the green band is saved." in response.text


def test_measuring_again_replaces_the_last_reading(coach_client, coach, green):
    measure(coach, green, kg="30")
    coach_client.post(url(green), reading(tension="25"))
    assert BandMeasurement.objects.get().tension_kg == Decimal(25)


def test_a_coach_who_reads_lb_types_lb_and_kg_is_stored(coach_client, coach, green):
    coach.units = "lb"
    coach.save()
    page = coach_client.post(url(green), reading(tension="50"), follow=True).text
    assert BandMeasurement.objects.get().tension_kg == Decimal("22.7")  # 50 lb
    assert "Yours: 50 lb at 180 cm" in card(page, green)
    assert "Pull on the scale (lb)" in card(page, green)


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("tension", "0.5", "Enter a pull between 1 and 150 kg."),
        ("tension", "151", "Enter a pull between 1 and 150 kg."),
        ("tension", "", "Enter the pull the scale read."),
        ("tension", "lots", "Enter the pull as a number, such as 21.5."),
        ("length_cm", "10", "Enter a length between 20 and 400 cm."),
        ("measured_on", "2026-12-04", "Give a date from"),
        ("measured_on", "0026-12-01", "Give a date from"),
    ],
)
def test_bad_input_is_refused_next_to_its_field(coach_client, green, field, typed, message):
    response = coach_client.post(url(green), reading(**{field: typed}))
    assert response.status_code == 422
    text = card(response.text, green)
    assert message in field_block(text, field)
    assert re.search(r"<details open>", text)  # the form stays open with the message
    assert not BandMeasurement.objects.exists()


def test_only_a_coach_measures_and_only_loop_bands(client, athlete, coach, green):
    client.force_login(athlete)
    assert client.post(url(green), reading()).status_code == 404
    assert "Your own measurements" not in client.get(PAGE).text
    client.force_login(coach)
    assert client.post(url(Band.objects.get(name="Mini")), reading()).status_code == 404
    assert client.post("/bands/99999/measurement/", reading()).status_code == 404
    assert not BandMeasurement.objects.exists()


def test_it_requires_login_and_a_post(client, coach_client, green):
    assert coach_client.get(url(green)).status_code == 405
    client.logout()
    response = client.post(url(green), reading())
    assert response["Location"].startswith("/accounts/login/")


def test_another_coachs_measurement_is_never_shown_nor_removable(
    coach_client, coach, other_coach, green
):
    theirs = measure(other_coach, green, kg="40")
    page = coach_client.get(PAGE).text
    assert "Not measured by you: the rating applies." in card(page, green)
    assert "40 kg" not in page
    response = coach_client.post(f"/bands/{green.pk}/measurement/remove/")
    assert response.status_code == 404
    assert BandMeasurement.objects.get() == theirs


def test_a_coach_removes_their_own_and_the_rating_applies_again(coach_client, coach, green):
    measure(coach, green)
    page = coach_client.post(f"/bands/{green.pk}/measurement/remove/", follow=True).text
    assert not BandMeasurement.objects.exists()
    assert "Not measured by you: the rating applies." in card(page, green)


def test_the_database_keeps_one_per_coach_and_band_and_sane_values(coach, green):
    measure(coach, green)
    with pytest.raises(IntegrityError, match="one_per_band"), transaction.atomic():
        measure(coach, green)
    for field, value, rule in [
        ("tension_kg", Decimal("0.5"), "tension_range"),
        ("tension_kg", Decimal(151), "tension_range"),
        ("length_cm", 19, "length_range"),
        ("measured_on", date(1999, 12, 31), "measured_on_range"),
    ]:
        with pytest.raises(IntegrityError, match=rule), transaction.atomic():
            BandMeasurement.objects.filter(owner=coach).update(**{field: value})


def test_a_measured_band_keeps_its_coach_and_itself(coach, green):
    measure(coach, green)
    with pytest.raises(Exception, match="protected"):
        green.delete()


def test_the_coachs_measurement_applies_to_their_athletes_and_the_rating_otherwise(
    coach, other_coach, green, django_assert_num_queries
):
    red = Band.objects.get(name="Red")
    measure(coach, green, kg="21", on=date(2026, 11, 3))
    measure(other_coach, red, kg="9")
    with django_assert_num_queries(1):
        read = tensions(coach_ids=[coach.pk, None], bands=[green, red])
    assert read.of(green, coach_id=coach.pk) == Tension(
        Decimal(21), Decimal(21), measured_on=date(2026, 11, 3)
    )
    assert read.of(green, coach_id=coach.pk).measured
    # Another coach's reading of red is not this coach's athletes' red.
    assert read.of(red, coach_id=coach.pk) == Tension(Decimal(5), Decimal(16))
    assert not read.of(red, coach_id=coach.pk).measured
    assert read.of(green, coach_id=None) == Tension(Decimal(23), Decimal(57))


def test_reading_tensions_without_a_coach_costs_no_query(green, django_assert_num_queries):
    with django_assert_num_queries(0):
        read = tensions(coach_ids=[None], bands=[green])
    assert read.of(green, coach_id=None) == Tension(Decimal(23), Decimal(57))

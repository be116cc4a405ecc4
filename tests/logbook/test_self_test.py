"""The athlete records their own Nordic break-point test on /progress/ (issue 28): the angle (the
video tool fills it, or it is typed), the band, and their body mass and height at the time,
prefilled from their settings and stored on the test only. It is saved as the coach's are
(`strength_test_record`: the reading, the flags), entered by the athlete; the page lists the
athlete's tests with the reading and the estimate with its range, and the coach sees the test."""

import html
import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from accounts.models import Membership, Team
from catalogue.models import Band
from logbook import actions, strength_tests
from logbook.models import Flag, FlagKind, StrengthTest
from logbook.strength_estimates import NOT_CHECKED, estimate_of
from logbook.strength_tests import team_sport
from programs.models import BandTrack
from programs.strength_estimate import BandPull, Body, estimate

pytestmark = pytest.mark.usefixtures("catalogue")

URL = "/progress/tests/"


@pytest.fixture(autouse=True)
def monday_23_november(time_machine):
    time_machine.move_to(datetime(2026, 11, 23, 9, tzinfo=UTC), tick=False)


@pytest.fixture
def measured(athlete):
    """The athlete's settings say 80 kg and 180 cm."""
    athlete.body_mass_kg, athlete.height_cm = Decimal(80), 180
    athlete.save()
    return athlete


def post(client, **fields):
    data = {
        "on_date": "2026-11-21",
        "phase": "in_season",
        "band": "",
        "left": "40",
        "body_mass": "80",
        "height_cm": "180",
    }
    return client.post(URL, data | fields)


def field_block(page: str, name: str) -> str:
    """The field's own box on the page: its label, input and the messages under it."""
    found = re.search(rf'<div class="field[^"]*">\s*<label for="id_{name}">.*?</div>', page, re.S)
    assert found, f"no field {name}"
    return html.unescape(found.group(0))


def test_the_athlete_saves_a_test_on_a_band_with_their_mass_and_height(athlete_client, measured):
    red = Band.objects.get(name="Red")
    response = post(athlete_client, band=red.pk, body_mass="78.5", height_cm="181")
    assert response.status_code == 302
    assert response["Location"] == "/progress/#strength-tests"
    test = StrengthTest.objects.get()
    assert (test.athlete, test.entered_by, test.method) == (measured, measured, "breakpoint")
    assert (test.on_date, test.phase, test.left, test.right) == (
        date(2026, 11, 21),
        "in_season",
        40,
        None,
    )
    assert (test.band, test.body_mass_kg, test.height_cm) == (red, Decimal("78.5"), 181)
    # The test keeps what was typed; the settings keep theirs.
    measured.refresh_from_db()
    assert (measured.body_mass_kg, measured.height_cm) == (80, 180)


def test_the_page_lists_the_reading_and_the_estimate_with_its_range(athlete_client, measured):
    red = Band.objects.get(name="Red")
    post(athlete_client, band=red.pk)
    page = html.unescape(athlete_client.get("/progress/").text)
    expected = estimate(
        body=Body(mass_kg=80, height_m=1.8),
        break_angle=40,
        band=BandPull(float(red.tension_min_kg), float(red.tension_max_kg)),
    )
    assert expected.newtons > 0 and re.fullmatch(r"\d+ N \(\d+-\d+\)", str(expected))
    assert "Broke at 40 degrees" in page
    assert f"Estimated strength {expected} per leg (on the red band" in page
    assert NOT_CHECKED in page
    assert "Strength test saved." in page


def test_unassisted_is_the_empty_band(athlete_client, measured):
    post(athlete_client, band="")
    test = StrengthTest.objects.get()
    assert test.band is None
    assert "(unassisted, " in html.unescape(athlete_client.get("/progress/").text)
    assert estimate_of(test).newtons > 0


def test_the_form_starts_from_the_settings_the_nordic_band_and_today(
    athlete_client, measured, assignment
):
    with CaptureQueriesContext(connection) as queries:
        page = athlete_client.get("/progress/").text
    writes = [q["sql"] for q in queries if re.match(r"\s*(INSERT|UPDATE|DELETE)", q["sql"])]
    assert writes == [] and not StrengthTest.objects.exists()
    green = Band.objects.get(name="Green")  # the Nordic track's band (the program starts there)
    nordic = BandTrack.objects.get(
        assignment=assignment, exercise__slug="band-assisted-nordic-curl"
    )
    assert nordic.band == green
    assert re.search(rf'<option value="{green.pk}" selected>Green band</option>', page)
    assert 'name="body_mass" value="80.0"' in page
    assert 'name="height_cm" value="180"' in page
    assert 'name="on_date" value="2026-11-23"' in page
    assert '<option value="in_season" selected>' in page
    assert "data-break-angle" in page  # the video tool, beside the angle
    assert re.search(r'<script src="[^"]*/js/break_angle(\.\w+)?\.js" type="module">', page)


def test_without_settings_or_a_track_the_form_starts_empty_and_unassisted(athlete_client):
    page = athlete_client.get("/progress/").text
    assert '<option value="" selected>No band (unassisted)</option>' in page
    assert 'name="body_mass" value=' not in page and 'name="height_cm" value=' not in page
    assert "No tests yet" in page


def test_a_body_mass_in_pounds_is_shown_and_typed_in_pounds(athlete_client, measured):
    measured.units = "lb"
    measured.save()
    page = athlete_client.get("/progress/").text
    assert "Body mass (lb)" in page and 'name="body_mass" value="176.4"' in page
    post(athlete_client, body_mass="176.4")
    assert StrengthTest.objects.get().body_mass_kg == Decimal("80.0")


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"left": "91"}, "left", "0 (flat on the floor) to 90 (kneeling)"),
        ({"left": "-1"}, "left", "cannot be negative"),
        ({"left": ""}, "left", "Enter the angle"),
        ({"on_date": "2026-11-24"}, "on_date", "to today"),
        ({"height_cm": "99"}, "height_cm", "greater than or equal to 100"),
        ({"body_mass": "10"}, "body_mass", "Enter a body mass between 20 and 300 kg"),
        ({"band": "999999"}, "band", "Choose one of the bands in the list"),
        ({"phase": "off_season"}, "phase", "Choose a phase in the list"),
    ],
)
def test_bad_input_is_refused_next_to_its_field(athlete_client, fields, field, message):
    response = post(athlete_client, **fields)
    assert response.status_code == 422
    box = field_block(response.text, field)
    assert 'class="field-error"' in box and message in box
    assert not StrengthTest.objects.exists()
    # The page around the form is still there, and the refused form stays open.
    assert "Band ladder" in response.text and '<details class="card self-test" open' in (
        response.text
    )


def test_it_records_only_for_the_signed_in_athlete(client, athlete, outsider):
    client.force_login(outsider)
    response = post(client, athlete=athlete.pk, athlete_id=athlete.pk)
    assert response.status_code == 302
    test = StrengthTest.objects.get()
    assert (test.athlete, test.entered_by) == (outsider, outsider)
    assert not StrengthTest.objects.filter(athlete=athlete).exists()


def test_it_requires_login(client, athlete):
    response = post(client)
    assert response["Location"] == f"/accounts/login/?next={URL}"
    assert not StrengthTest.objects.exists()


def test_only_a_post_records(athlete_client):
    assert athlete_client.get(URL).status_code == 405
    assert not StrengthTest.objects.exists()


def test_it_raises_the_coachs_flag_as_the_coachs_entry_does(athlete_client, measured):
    """8 degrees or more earlier in the fall than the best of 6 months: a strength drop."""
    post(athlete_client, on_date="2026-11-02", left="30")
    post(athlete_client, on_date="2026-11-21", left="40")
    flag = Flag.objects.get(athlete=measured)
    assert flag.kind == FlagKind.STRENGTH_DROP and "Broke at 40 degrees" in flag.detail


def test_the_coach_sees_the_athletes_test(client, athlete, coach, measured):
    client.force_login(athlete)
    post(client, band=Band.objects.get(name="Red").pk)
    client.force_login(coach)
    page = html.unescape(client.get(f"/coach/athletes/{athlete.pk}/").text)
    assert "Broke at 40 degrees" in page and "(on the red band" in page


def test_the_sport_is_the_athletes_teams(athlete, team, coach, outsider):
    assert team_sport(athlete) == "other"
    team.sport = "soccer"
    team.save()
    assert team_sport(athlete) == team_sport(athlete, coach) == "soccer"
    assert team_sport(athlete, outsider) == "other"  # not a team of that person's
    Membership.objects.filter(athlete=athlete).update(is_active=False)
    assert team_sport(athlete) == "other"
    rugby = Team.objects.create(coach=coach, name="Rugby", sport="rugby_union")
    Membership.objects.create(team=rugby, athlete=athlete)
    assert team_sport(athlete) == "rugby_union"


def test_the_action_is_one_durable_transaction(athlete, monkeypatch):
    fields = {
        "athlete": athlete,
        "on_date": date(2026, 11, 21),
        "phase": "in_season",
        "band": None,
        "left": Decimal(40),
        "body_mass_kg": Decimal(80),
        "height_cm": 180,
    }
    with pytest.raises(RuntimeError), transaction.atomic():
        actions.strength_test_self_record(**fields)

    def refused(**kwargs):
        raise ValueError("planted")

    earlier = {"on_date": date(2026, 11, 2), "left": 30, "method": "breakpoint"}
    StrengthTest.objects.create(**fields | earlier)
    monkeypatch.setattr(strength_tests, "flag_raise", refused)
    with pytest.raises(ValueError, match="planted"):
        actions.strength_test_self_record(**fields)
    assert StrengthTest.objects.count() == 1  # the earlier test only: the new one went too


def test_the_query_count_does_not_grow_with_tests(
    athlete_client, measured, assignment, django_assert_max_num_queries
):
    red = Band.objects.get(name="Red")
    for day in range(2, 22, 2):
        post(athlete_client, on_date=f"2026-11-{day:02d}", band=red.pk)
    # 9: one more since the estimates read the coach's own measurement of the band.
    with django_assert_max_num_queries(9):
        page = athlete_client.get("/progress/").text
    assert page.count("Estimated strength") == 10


@pytest.mark.parametrize(
    "fields",
    [
        {"left": "NaN"},
        {"left": "1e999"},
        {"left": "4\x000"},
        {"body_mass": "Infinity"},
        {"height_cm": "1" * 40},
        {"on_date": "0026-11-21"},
        {"band": "1 OR 1=1"},
        {"phase": "x" * 5000},
    ],
)
def test_hostile_values_are_refused_without_a_500(athlete_client, fields):
    response = post(athlete_client, **fields)
    assert response.status_code == 422
    assert 'class="field-error"' in field_block(response.text, next(iter(fields)))
    assert not StrengthTest.objects.exists()

"""The settings page: units, time zone, body mass and the bands one owns, for athletes and
coaches alike; bad input is refused next to its field."""

import re
import uuid
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from accounts import services
from catalogue.models import Band, Exercise

pytestmark = pytest.mark.usefixtures("catalogue")
URL = "/accounts/settings/"
HTMX = {"HX-Request": "true"}


def valid(**changes) -> dict:
    return {"units": "kg", "timezone": "Europe/London", "body_mass": "", **changes}


def field_block(html: str, field: str) -> str:
    """The markup of one field's own block: its label, input, help and messages."""
    at = html.index(f'name="{field}"')
    start = max(html.rfind('<div class="field', 0, at), html.rfind('<fieldset class="field', 0, at))
    end = html.index("</fieldset>" if html.startswith("<fieldset", start) else "</div>", at)
    return html[start:end]


def test_it_works_for_an_athlete(athlete_client, athlete):
    athlete.owned_bands.set([Band.objects.get(name="Green")])
    response = athlete_client.get(URL)
    assert response.status_code == 200
    assert "<h1>Settings</h1>" in response.text
    assert re.search(r'<input type="radio" name="units" value="kg"[^>]* checked>', response.text)
    assert '<option value="UTC" selected>' in response.text
    assert "Green band" in response.text and "23-57 kg" in response.text
    assert 'href="/bands/mine/"' in response.text
    assert "follows your phone" in response.text


def test_it_works_for_a_coach(coach_client):
    response = coach_client.get(URL)
    assert response.status_code == 200
    assert "None recorded yet" in response.text


def test_the_top_bar_links_to_it_next_to_log_out(athlete_client):
    page = athlete_client.get("/bands/").text
    header = page[page.index('<header class="topbar">') : page.index("</header>")]
    assert f'<a href="{URL}">Settings</a>' in header
    assert "Log out" in header


def test_it_requires_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={URL}"
    assert client.post(URL, valid())["Location"] == f"/accounts/login/?next={URL}"


def test_it_saves_and_redirects_with_a_message(athlete_client, athlete):
    response = athlete_client.post(URL, valid(units="lb", timezone="Pacific/Auckland"))
    assert response.status_code == 302
    assert response["Location"] == URL
    athlete.refresh_from_db()
    assert (athlete.units, athlete.timezone) == ("lb", "Pacific/Auckland")
    page = athlete_client.get(URL)
    assert "Your settings are saved." in page.text
    assert "Body mass (lb)" in page.text


def test_it_saves_only_the_signed_in_persons_settings(athlete_client, athlete, outsider):
    athlete_client.post(URL, valid(units="lb"))
    outsider.refresh_from_db()
    assert outsider.units == "kg"


def test_a_body_mass_is_typed_in_the_units_the_page_shows(athlete_client, athlete):
    athlete_client.post(URL, valid(body_mass="80.5"))
    athlete.refresh_from_db()
    assert athlete.body_mass_kg == Decimal("80.5")
    athlete_client.post(URL, valid(units="lb", body_mass="80.5"))  # left as shown: kept
    athlete.refresh_from_db()
    assert (athlete.units, athlete.body_mass_kg) == ("lb", Decimal("80.5"))
    page = athlete_client.get(URL).text
    assert 'value="177.5"' in page  # 80.5 kg in lb
    athlete_client.post(URL, valid(units="lb", body_mass="177.5"))  # unchanged: no drift
    athlete.refresh_from_db()
    assert athlete.body_mass_kg == Decimal("80.5")
    athlete_client.post(URL, valid(units="lb", body_mass="150"))
    athlete.refresh_from_db()
    assert athlete.body_mass_kg == Decimal("68.0")  # 150 lb


def test_an_empty_body_mass_clears_it(athlete_client, athlete):
    athlete.body_mass_kg = Decimal("70")
    athlete.save()
    athlete_client.post(URL, valid(body_mass=""))
    athlete.refresh_from_db()
    assert athlete.body_mass_kg is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("timezone", "Mars/Olympus_Mons", "Choose your time zone from the list"),
        ("timezone", "", "Choose your time zone from the list"),
        ("units", "st", "Choose kg or lb."),
        ("units", "", "Choose kg or lb."),
        ("body_mass", "0", "Enter a body mass between 20 and 300 kg, or leave it empty."),
        ("body_mass", "900", "Enter a body mass between 20 and 300 kg, or leave it empty."),
        ("body_mass", "-70", "Enter a body mass between 20 and 300 kg, or leave it empty."),
        ("body_mass", "seventy", "Enter your body mass as a number, such as 72.5."),
        ("body_mass", "9" * 40, "Ensure that there are no more than 5 digits in total."),
        ("body_mass", "\x00", "Enter your body mass as a number, such as 72.5."),
    ],
)
def test_bad_input_is_refused_next_to_its_field(athlete_client, athlete, field, value, message):
    response = athlete_client.post(URL, valid(**{field: value}))
    assert response.status_code == 200
    assert message in response.text
    block = field_block(response.text, field)
    assert "has-error" in block and message in block  # next to its field
    athlete.refresh_from_db()
    assert (athlete.units, athlete.timezone, athlete.body_mass_kg) == ("kg", "UTC", None)


def test_a_pound_user_is_told_the_limits_in_pounds(athlete_client, athlete):
    athlete.units = "lb"
    athlete.save()
    response = athlete_client.post(URL, valid(units="lb", body_mass="900"))
    assert "Enter a body mass between 45 and 661 lb, or leave it empty." in response.text


def test_htmx_gets_only_the_settings_partial(athlete_client, athlete):
    response = athlete_client.post(URL, valid(units="lb"), headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="settings">')
    assert "<html" not in response.text
    assert "Your settings are saved." in response.text
    assert "Body mass (lb)" in response.text  # redrawn in the units just chosen
    athlete.refresh_from_db()
    assert athlete.units == "lb"


def test_htmx_with_bad_input_gets_the_partial_with_the_message(athlete_client, athlete):
    response = athlete_client.post(URL, valid(units="st"), headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="settings">')
    assert "Choose kg or lb." in response.text


def test_the_saved_units_are_used_on_the_band_pages(athlete_client):
    athlete_client.post(URL, valid(units="lb"))
    assert "51-126 lb" in athlete_client.get("/bands/").text  # green: 23-57 kg
    assert "51-126 lb" in athlete_client.get("/bands/mine/").text


def test_the_saved_time_zone_sets_the_persons_today(athlete_client, time_machine):
    time_machine.move_to(datetime(2026, 3, 10, 12, tzinfo=UTC), tick=False)
    athlete_client.post(URL, valid(timezone="Pacific/Auckland"))  # 11 March there already
    squat = Exercise.objects.get(slug="banded-squat")
    data = {"token": uuid.uuid4(), "exercise": squat.pk, "reps": 10}
    response = athlete_client.post("/free/new/", data, follow=True)
    assert "Wednesday 11 March" in response.text


def test_the_service_refuses_a_field_that_is_not_a_setting(athlete):
    with pytest.raises(TypeError, match="Not a setting: is_staff"):
        services.settings_save(user=athlete, is_staff=True)
    athlete.refresh_from_db()
    assert not athlete.is_staff


def test_an_athlete_chooses_which_mails_they_get(athlete_client, athlete):
    page = athlete_client.get(URL).text
    assert re.search(r'<input type="checkbox" name="mail_messages"[^>]* checked>', page)
    assert "Remind me on training days" in page
    assert "daily digest of new flags" not in page
    athlete_client.post(URL, valid(mail_training_reminder="on"))
    athlete.refresh_from_db()
    assert (athlete.mail_messages, athlete.mail_training_reminder) == (False, True)
    assert athlete.mail_flag_digest is True  # not on an athlete's form: left alone


def test_a_coach_chooses_the_flag_digest(coach_client, coach):
    page = coach_client.get(URL).text
    assert "Mail me a daily digest of new flags" in page
    assert "Remind me on training days" not in page
    coach_client.post(URL, valid(mail_messages="on"))
    coach.refresh_from_db()
    assert (coach.mail_messages, coach.mail_flag_digest) == (True, False)


def test_a_body_mass_typed_as_lb_is_chosen_is_read_in_lb(athlete_client, athlete):
    """The trap: choosing lb and typing 180 in the same save stored 180 kg (396.8 lb)."""
    response = athlete_client.post(URL, valid(units="lb", body_mass="180"))
    athlete.refresh_from_db()
    assert (athlete.units, athlete.body_mass_kg) == ("lb", Decimal("81.6"))
    page = athlete_client.get(URL).text
    block = field_block(page, "body_mass")
    assert "Body mass (lb)" in block and 'value="179.9"' in block  # kept to a tenth of a kg
    assert response.status_code == 302


def test_a_body_mass_is_read_in_the_units_its_label_named(athlete_client, athlete):
    """Without the page's script the label keeps the saved units while lb is ticked: the
    number is read as the label said, never in units the person was not shown."""
    page = athlete_client.get(URL).text
    assert 'name="body_mass_units" value="kg"' in page
    athlete_client.post(URL, valid(units="lb", body_mass="80", body_mass_units="kg"))
    athlete.refresh_from_db()
    assert (athlete.units, athlete.body_mass_kg) == ("lb", Decimal("80.0"))
    page = athlete_client.get(URL).text
    assert 'name="body_mass_units" value="lb"' in page
    assert "Body mass (lb)" in field_block(page, "body_mass")


def test_a_body_mass_refused_with_lb_chosen_is_shown_in_lb(athlete_client, athlete):
    response = athlete_client.post(URL, valid(units="lb", body_mass="20"))
    block = field_block(response.text, "body_mass")
    assert "Body mass (lb)" in block
    assert "Enter a body mass between 45 and 661 lb, or leave it empty." in block
    athlete.refresh_from_db()
    assert (athlete.units, athlete.body_mass_kg) == ("kg", None)


def test_switching_units_keeps_a_body_mass_left_as_shown(athlete_client, athlete):
    athlete.body_mass_kg = Decimal("80.0")
    athlete.save(update_fields=["body_mass_kg"])
    for shown in ("80.0", "176.4"):  # as the page showed it, or as its script converted it
        athlete_client.post(URL, valid(units="lb", body_mass=shown))
        athlete.refresh_from_db()
        assert athlete.body_mass_kg == Decimal("80.0")
        athlete.units = "kg"
        athlete.save(update_fields=["units"])


def test_the_common_time_zones_come_first(athlete_client):
    page = athlete_client.get(URL).text
    block = field_block(page, "timezone")
    common, every = block.split('<optgroup label="Every zone">')
    assert '<optgroup label="Common">' in common
    assert '<option value="Europe/London">' in common and "Europe/London" not in every
    assert '<option value="America/New_York">' in common
    assert '<option value="Asia/Kolkata">' in every
    assert block.count('value="UTC"') == 1


def test_a_new_person_is_offered_the_browsers_time_zone(athlete_client, athlete):
    page = athlete_client.get(URL).text
    assert "data-guess-zone" in field_block(page, "timezone")
    assert re.search(r'<script src="/static/js/settings\.\w+\.js" type="module"></script>', page)
    athlete.timezone = "Europe/London"  # chosen: left alone
    athlete.save(update_fields=["timezone"])
    assert "data-guess-zone" not in athlete_client.get(URL).text

"""The workout page's forms, field by field, as the phone's script and the browser tests use
them: each set row's one-tap form (its action, htmx attributes, hidden fields, measure, band
select with the row's band chosen, the log buttons), a logged row's edit and undo, and each
card's pain stop. The page writes these with shared pieces (the band options once per band
chosen, the pain stop's questions once per page); every row and card must still carry its own."""

from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest

from catalogue.models import Band, Exercise
from logbook.models import Control, SetLog
from programs.models import Prescription
from tests.logbook.conftest import set_data

pytestmark = pytest.mark.usefixtures("catalogue")
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def thursday_19_november(time_machine):
    time_machine.move_to(datetime(2026, 11, 19, 9, tzinfo=UTC), tick=False)


class Forms(HTMLParser):
    """Every form of a page: its attributes, and its fields in order (inputs, selects with their
    options, buttons)."""

    def __init__(self, html: str):
        super().__init__()
        self.forms, self.select = [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"attrs": attrs, "fields": []})
        elif tag in ("input", "button") and self.forms:
            self.forms[-1]["fields"].append({"tag": tag, **attrs})
        elif tag == "select" and self.forms:
            self.select = {"tag": "select", **attrs, "options": []}
            self.forms[-1]["fields"].append(self.select)
        elif tag == "option" and self.select is not None:
            self.select["options"].append(attrs)

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None


def named(form, name):
    return [field for field in form["fields"] if field.get("name") == name]


@pytest.fixture
def curl(first_workout):
    """A single-leg curl logged side by side, 2 x 10 on black."""
    return Prescription.objects.create(
        workout=first_workout,
        order=3,
        sets=2,
        reps_min=10,
        per_side=True,
        exercise=Exercise.objects.get(slug="standing-single-leg-band-curl"),
        band=Band.objects.get(name="Black"),
    )


def test_every_set_row_has_its_own_one_tap_form(athlete_client, first_workout, curl):
    nordic, hold = first_workout.prescriptions.order_by("order")[:2]
    athlete_client.post(f"/workouts/{first_workout.pk}/sets/", set_data(nordic), headers=HTMX)
    html = athlete_client.get(f"/workouts/{first_workout.pk}/").text
    forms = Forms(html).forms
    set_forms = [form for form in forms if form["attrs"].get("class") == "set-form"]
    expected_rows = [(nordic, number, "both") for number in (2, 3)]  # set 1 is logged
    expected_rows += [(hold, number, "both") for number in (1, 2)]
    expected_rows += [(curl, number, side) for number in (1, 2) for side in ("left", "right")]
    assert len(set_forms) == len(expected_rows)
    catalogue = list(Band.objects.order_by("kind", "rank"))
    tokens = set()
    for form, (prescription, number, side) in zip(set_forms, expected_rows, strict=True):
        dom_id = f"set-{prescription.pk}-{number}-{side}"
        attrs = form["attrs"]
        assert attrs["action"] == attrs["hx-post"] == f"/workouts/{first_workout.pk}/sets/"
        assert attrs["hx-target"] == f"#{dom_id}"
        assert attrs["hx-swap"] == "outerHTML"
        assert named(form, "csrfmiddlewaretoken")
        (token,) = named(form, "token")
        tokens.add(token["value"])
        assert named(form, "prescription")[0]["value"] == str(prescription.pk)
        assert named(form, "set_number")[0]["value"] == str(number)
        assert named(form, "side")[0]["value"] == side
        measure = "seconds" if prescription.is_hold else "reps"
        (box,) = named(form, measure)
        assert box["id"] == f"{dom_id}-{measure}"
        assert box["value"] == str(prescription.target_for_set(number))
        (select,) = named(form, "band")
        assert select["id"] == f"{dom_id}-band"
        options = select["options"]
        assert [option["value"] for option in options] == [""] + [
            str(band.pk) for band in catalogue
        ]
        chosen = [option["value"] for option in options if "selected" in option]
        assert chosen == [str(prescription.band_id)]
        buttons = [field for field in form["fields"] if field["tag"] == "button"]
        if prescription == nordic:
            answers = [button["value"] for button in buttons if button.get("name") == "control"]
            assert answers == [value for value, _ in Control.choices]
        else:
            assert [button["class"] for button in buttons if button["type"] == "submit"] == [
                "button primary log-button"
            ]
    assert len(tokens) == len(set_forms)  # a fresh token per row

    logged = SetLog.objects.get()
    undo = [form for form in forms if form["attrs"].get("action") == f"/sets/{logged.pk}/undo/"]
    assert undo and undo[0]["attrs"]["hx-target"] == f"#set-{nordic.pk}-1-both"
    assert f'hx-get="/sets/{logged.pk}/edit/"' in html


def test_every_card_has_its_own_pain_stop(athlete_client, first_workout, curl):
    html = athlete_client.get(f"/workouts/{first_workout.pk}/").text
    stops = [
        form
        for form in Forms(html).forms
        if form["attrs"].get("action") == f"/workouts/{first_workout.pk}/pain-stop/"
    ]
    prescriptions = list(first_workout.prescriptions.order_by("order"))
    assert [named(form, "prescription")[0]["value"] for form in stops] == [
        str(prescription.pk) for prescription in prescriptions
    ]
    for form in stops:
        sides = named(form, "side")
        assert [(side["type"], side["value"]) for side in sides] == [
            ("radio", "both"),
            ("radio", "left"),
            ("radio", "right"),
        ]
        assert "checked" in sides[0] and "required" in sides[0]
        assert not any("id" in field for field in form["fields"])  # no id repeats on the page
        (where,) = named(form, "where")
        assert where["options"][0]["value"] == "" and len(where["options"]) > 1
        assert named(form, "kind")


@pytest.mark.parametrize("band", ["green", "99999999999999999999999", "-3", "3.5", "\x00"])
def test_a_band_not_in_the_catalogue_is_refused_next_to_the_row(
    athlete_client, first_workout, band
):
    nordic = first_workout.prescriptions.get(order=1)
    response = athlete_client.post(
        f"/workouts/{first_workout.pk}/sets/", set_data(nordic, band=band), headers=HTMX
    )
    assert "That band is not in the catalogue." in response.text
    assert not SetLog.objects.exists()


def test_a_band_of_the_catalogue_is_logged(athlete_client, first_workout):
    nordic = first_workout.prescriptions.get(order=1)
    red = Band.objects.get(name="Red")
    athlete_client.post(
        f"/workouts/{first_workout.pk}/sets/", set_data(nordic, band=f" {red.pk} "), headers=HTMX
    )
    assert SetLog.objects.get().band == red


def test_a_begun_workout_reads_its_check_in_with_its_log(
    athlete_client, first_workout, django_assert_num_queries
):
    """user, workout, its log with its check-in, pain warnings and pause, tracks,
    prescriptions, last time's sets, the sets logged, the exercises stopped for pain, bands."""
    nordic = first_workout.prescriptions.get(order=1)
    athlete_client.post(f"/workouts/{first_workout.pk}/sets/", set_data(nordic), headers=HTMX)
    with django_assert_num_queries(10):
        response = athlete_client.get(f"/workouts/{first_workout.pk}/")
    assert "How sore are your hamstrings?" in response.text  # no check-in yet
    athlete_client.post(f"/workouts/{first_workout.pk}/check-in/", {"soreness": "2"})
    with django_assert_num_queries(10):
        response = athlete_client.get(f"/workouts/{first_workout.pk}/")
    assert "How sore are your hamstrings?" not in response.text

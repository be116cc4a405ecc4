"""The workout screen's set rows: "Set 2 of 3", last time's numbers for that very set, and
inputs with labels a person (and a screen reader) can read."""

import re
import uuid
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest

from catalogue.models import Band, Exercise
from logbook import services as logbook
from programs.models import Prescription
from tests.logbook.conftest import set_data
from tests.logbook.reading import seen

pytestmark = pytest.mark.usefixtures("catalogue")
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def thursday_19_november(time_machine):
    time_machine.move_to(datetime(2026, 11, 19, 9, tzinfo=UTC), tick=False)


def url(workout) -> str:
    return f"/workouts/{workout.pk}/"


def rows(html: str) -> dict[str, str]:
    """Each set row's id -> what it reads."""
    return {
        dom_id: seen(body)
        for dom_id, body in re.findall(
            r'<li class="set-row[^"]*" id="([^"]+)"[^>]*>(.*?)</li>', html, re.S
        )
    }


@pytest.fixture
def curl(first_workout):
    """A per-side single-leg curl, 2 x 10, added to the first workout of each week."""
    for workout in first_workout.week.program.weeks.get(number=1).workouts.all():
        Prescription.objects.create(
            workout=workout,
            order=3,
            sets=2,
            reps_min=10,
            per_side=True,
            exercise=Exercise.objects.get(slug="standing-single-leg-band-curl"),
            band=Band.objects.get(name="Black"),
        )
    return first_workout.prescriptions.get(order=3)


@pytest.fixture
def last_time(assignment, first_workout, curl):
    """Monday's workout done: Nordic 11 and 9 reps on green (no third set), hold 25 s on red,
    curl 8 left and 7 right on black."""
    log = logbook.workout_start(
        athlete=assignment.athlete,
        assignment=assignment,
        workout=first_workout,
        today=first_workout.scheduled_on(assignment.start_date),
    )
    nordic, hold = (
        first_workout.prescriptions.get(order=1),
        first_workout.prescriptions.get(order=2),
    )
    green, red = Band.objects.get(name="Green"), Band.objects.get(name="Red")
    done = [
        (nordic, 1, "both", {"reps": 11, "band": green, "control": "late"}),
        (nordic, 2, "both", {"reps": 9, "band": green, "control": "mid"}),
        (hold, 1, "both", {"seconds": 25, "band": red}),
        (curl, 1, "left", {"reps": 8, "band": curl.band}),
        (curl, 1, "right", {"reps": 7, "band": curl.band}),
    ]
    for prescription, number, side, values in done:
        logbook.set_log(
            workout_log=log,
            token=uuid.uuid4(),
            exercise_id=prescription.exercise_id,
            prescription=prescription,
            set_number=number,
            side=side,
            **values,
        )
    return logbook.workout_finish(workout_log=log, rpe=7, pain=0)


@pytest.fixture
def thursday(first_workout):
    return first_workout.week.workouts.get(day=4)


def test_each_row_says_which_set_of_how_many(athlete_client, first_workout, curl):
    read = rows(athlete_client.get(url(first_workout)).text)
    nordic, hold = (
        first_workout.prescriptions.get(order=1),
        first_workout.prescriptions.get(order=2),
    )
    assert read[f"set-{nordic.pk}-2-both"].startswith("Set 2 of 3 Reps")
    assert read[f"set-{hold.pk}-2-both"].startswith("Set 2 of 2 Seconds")
    assert read[f"set-{curl.pk}-1-left"].startswith("Set 1 of 2 · Left")
    assert read[f"set-{curl.pk}-2-right"].startswith("Set 2 of 2 · Right")


def test_a_set_past_the_prescription_says_extra(athlete_client, first_workout):
    nordic = first_workout.prescriptions.get(order=1)
    athlete_client.post(f"/workouts/{first_workout.pk}/sets/", set_data(nordic, 4, reps=8))
    read = rows(athlete_client.get(url(first_workout)).text)
    assert read[f"set-{nordic.pk}-4-both"].startswith("Set 4 (extra) ✓ 8 reps")
    assert "of 3" not in read[f"set-{nordic.pk}-4-both"]


def test_each_row_shows_last_times_numbers_for_that_set(athlete_client, thursday, last_time, curl):
    read = rows(athlete_client.get(url(thursday)).text)
    nordic, hold = thursday.prescriptions.get(order=1), thursday.prescriptions.get(order=2)
    curl = thursday.prescriptions.get(order=3)
    assert "last time 11 reps, green" in read[f"set-{nordic.pk}-1-both"]
    assert "last time 9 reps, green" in read[f"set-{nordic.pk}-2-both"]
    assert "last time" not in read[f"set-{nordic.pk}-3-both"]  # no third set last time
    assert "last time 25 s, red" in read[f"set-{hold.pk}-1-both"]
    assert "last time 8 reps, black" in read[f"set-{curl.pk}-1-left"]
    assert "last time 7 reps, black" in read[f"set-{curl.pk}-1-right"]
    assert "last time" not in read[f"set-{curl.pk}-2-left"]


def test_without_a_last_time_no_row_makes_one_up(athlete_client, first_workout):
    assert "last time" not in athlete_client.get(url(first_workout)).text


def test_a_logged_row_shows_what_was_done_and_an_undone_one_last_time_again(
    athlete_client, thursday, last_time
):
    nordic = thursday.prescriptions.get(order=1)
    logged = athlete_client.post(
        f"/workouts/{thursday.pk}/sets/", set_data(nordic, 1, reps=12), headers=HTMX
    )
    assert seen(logged.text).startswith("Set 1 of 3 ✓ 12 reps · green")
    set_log = thursday.logs.get().sets.get()
    undone = athlete_client.post(f"/sets/{set_log.pk}/undo/", headers=HTMX)
    assert seen(undone.text).startswith("Set 1 of 3 last time 11 reps, green Reps")


class Labels(HTMLParser):
    """The set forms' visible inputs, each with the text of its label: the one naming it by
    `for`, or the one wrapped around it."""

    def __init__(self):
        super().__init__()
        self.inputs, self.labels, self.open_label, self.in_form = [], [], None, False
        self.in_select = False  # a select's options are its value, not part of its label

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form = "set-form" in attrs.get("class", "")
        if not self.in_form:
            return
        if tag == "label":
            self.open_label = {"for": attrs.get("for"), "text": "", "wraps": []}
            self.labels.append(self.open_label)
        self.in_select = self.in_select or tag == "select"
        if tag in ("input", "select") and attrs.get("type") != "hidden":
            self.inputs.append(attrs)
            if self.open_label is not None:
                self.open_label["wraps"].append(attrs)

    def handle_endtag(self, tag):
        if tag == "label":
            self.open_label = None
        self.in_select = self.in_select and tag != "select"

    def handle_data(self, data):
        if self.open_label is not None and not self.in_select:
            self.open_label["text"] += data

    def label_of(self, field: dict) -> str:
        for label in self.labels:
            if field in label["wraps"] or (label["for"] and label["for"] == field.get("id")):
                return " ".join(label["text"].split())
        return ""


def test_every_input_of_a_set_has_a_visible_label(athlete_client, first_workout, curl):
    parser = Labels()
    parser.feed(athlete_client.get(url(first_workout)).text)
    assert len(parser.inputs) > 10
    names = {}
    for field in parser.inputs:
        assert "aria-label" not in field  # the visible label names it
        names.setdefault(field["name"], set()).add(parser.label_of(field))
    assert names["reps"] == {"Reps"}
    assert names["seconds"] == {"Seconds"}
    assert names["band"] == {"Band"}
    assert names["break_angle"] == {"Break angle degrees"}
    ids = [field["id"] for field in parser.inputs if "id" in field]
    assert len(set(ids)) == len(ids)  # a label's `for` names one input only


@pytest.mark.parametrize("prescriptions", [3, 10])
def test_last_times_numbers_cost_no_query_per_row(
    athlete_client, thursday, last_time, prescriptions, django_assert_max_num_queries
):
    squat = Exercise.objects.get(slug="banded-squat")
    for order in range(4, prescriptions + 1):
        Prescription.objects.create(
            workout=thursday, exercise=squat, order=order, sets=3, reps_min=10
        )
    with django_assert_max_num_queries(11):
        response = athlete_client.get(url(thursday))
    assert "last time 11 reps, green" in seen(response.text)

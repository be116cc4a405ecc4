"""Every endpoint of the program builder, one matrix: login, coaches only, the coach's own
programs only; htmx gets back only the region it changed (or the form again, with its errors),
a plain form post lands on the builder, and each form works at its own URL as a whole page."""

import re
from dataclasses import dataclass

import pytest
from django.urls import reverse

from programs.models import Prescription, Program, ProgramWeek, Workout
from tests.programs.builder import (
    HTMX,
    PRESCRIPTION,
    PRONE_CURL,
    RULE,
    WORKOUT,
    error_next_to,
    first,
    form_data,
    snapshot,
)

pytestmark = pytest.mark.usefixtures("catalogue")


# What an htmx request gets back, and where a plain post lands ({week}: the week's pk).
REGION_STARTS = {
    "week-list": '<section id="week-list">',
    "week-card": '<section class="card week" id="week-{week}">',
    "band-rules": '<section id="band-rules"',
    "program-details": '<section id="program-details"',
    "form": '<form id="form-',
}


@dataclass(frozen=True)
class Endpoint:
    method: str
    name: str
    on: str = ""  # the object of the program the url names: week, workout, prescription, rule
    data: dict | None = None
    region: str = ""  # what htmx gets back (a key of REGION_STARTS)
    anchor: str = ""  # where a plain successful post lands on the builder page

    def url(self, program: Program, obj=None) -> str:
        if obj is None and self.on:
            obj = first(program, self.on)
        return reverse(f"programs:{self.name}", args=[program.pk, *([obj.pk] if obj else [])])

    def send(self, client, program: Program, obj=None, **kwargs):
        url = self.url(program, obj)
        if self.method == "get":
            return client.get(url, **kwargs)
        return client.post(url, form_data(self.data), **kwargs)

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.name}"


WEEK_CARD, WEEK_ANCHOR = "week-card", "week-{week}"
ENDPOINTS = [
    Endpoint("get", "builder"),
    Endpoint("get", "details-edit", region="form"),
    Endpoint("post", "details-edit", "", {"title": "Renamed"}, "program-details", ""),
    Endpoint("post", "week-add", "", {}, "week-list", "weeks"),
    Endpoint("get", "week-edit", "week", region="form"),
    Endpoint("post", "week-edit", "week", {"focus": "Tempo"}, WEEK_CARD, WEEK_ANCHOR),
    Endpoint("get", "week-card", "week", region=WEEK_CARD),
    Endpoint("post", "week-delete", "week", {}, "week-list", "weeks"),
    Endpoint("post", "week-move", "week", {"direction": "down"}, "week-list", "weeks"),
    Endpoint("post", "week-duplicate", "week", {"band_step": "1"}, "week-list", "weeks"),
    Endpoint("get", "workout-add", "week", region="form"),
    Endpoint("post", "workout-add", "week", WORKOUT, WEEK_CARD, WEEK_ANCHOR),
    Endpoint("get", "workout-edit", "workout", region="form"),
    Endpoint("post", "workout-edit", "workout", WORKOUT, WEEK_CARD, WEEK_ANCHOR),
    Endpoint("post", "workout-delete", "workout", {}, WEEK_CARD, WEEK_ANCHOR),
    Endpoint("get", "prescription-add", "workout", region="form"),
    Endpoint("post", "prescription-add", "workout", PRESCRIPTION, WEEK_CARD, WEEK_ANCHOR),
    Endpoint("get", "prescription-edit", "prescription", region="form"),
    Endpoint("post", "prescription-edit", "prescription", PRESCRIPTION, WEEK_CARD, WEEK_ANCHOR),
    Endpoint("post", "prescription-delete", "prescription", {}, WEEK_CARD, WEEK_ANCHOR),
    Endpoint(
        "post", "prescription-move", "prescription", {"direction": "up"}, WEEK_CARD, WEEK_ANCHOR
    ),
    Endpoint("get", "rule-edit", region="form"),
    Endpoint("post", "rule-edit", "", RULE, "band-rules", "band-rules"),
    Endpoint("post", "rule-delete", "rule", {}, "band-rules", "band-rules"),
]


def endpoints(where=lambda endpoint: True) -> list:
    return [pytest.param(e, id=str(e)) for e in ENDPOINTS if where(e)]


# Every endpoint: login, coaches only, the coach's own programs only.


@pytest.mark.parametrize("endpoint", endpoints())
def test_it_requires_login(client, program, endpoint):
    before = snapshot(program)
    response = endpoint.send(client, program)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={endpoint.url(program)}"
    assert snapshot(program) == before


@pytest.mark.parametrize("endpoint", endpoints())
def test_it_requires_a_coach(athlete_client, program, endpoint):
    before = snapshot(program)
    assert endpoint.send(athlete_client, program).status_code == 403
    assert snapshot(program) == before


@pytest.mark.parametrize("whose", ["others_program", "library_program"])
@pytest.mark.parametrize("endpoint", endpoints())
def test_it_hides_programs_the_coach_does_not_own(coach_client, request, whose, endpoint):
    not_mine = request.getfixturevalue(whose)
    before = snapshot(not_mine)
    assert endpoint.send(coach_client, not_mine).status_code == 404
    assert snapshot(not_mine) == before


@pytest.mark.parametrize("endpoint", endpoints(lambda endpoint: endpoint.on))
def test_it_hides_other_programs_parts_behind_the_coachs_own_program(
    coach_client, program, others_program, endpoint
):
    theirs = first(others_program, endpoint.on)
    before = snapshot(others_program), snapshot(program)
    assert endpoint.send(coach_client, program, theirs).status_code == 404
    assert (snapshot(others_program), snapshot(program)) == before


@pytest.mark.parametrize("endpoint", endpoints(lambda endpoint: endpoint.region))
def test_htmx_gets_only_the_region_it_changed(coach_client, program, endpoint):
    expected = REGION_STARTS[endpoint.region].format(week=first(program, "week").pk)
    response = endpoint.send(coach_client, program, headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith(expected)
    assert "<html" not in response.text


@pytest.mark.parametrize("endpoint", endpoints(lambda endpoint: endpoint.method == "post"))
def test_a_plain_post_lands_on_the_builder_at_what_changed(coach_client, program, endpoint):
    anchor = endpoint.anchor.format(week=first(program, "week").pk)
    response = endpoint.send(coach_client, program)
    assert response.status_code == 302
    assert response["Location"] == f"/programs/{program.pk}/edit/" + (anchor and f"#{anchor}")


@pytest.mark.parametrize("endpoint", endpoints(lambda e: e.method == "get" and e.region == "form"))
def test_without_htmx_a_form_is_a_whole_page(coach_client, program, endpoint):
    response = endpoint.send(coach_client, program)
    assert response.status_code == 200
    assert "<html" in response.text
    assert f'<form id="form-{endpoint.url(program).strip("/").replace("/", "-")}"' in response.text


# htmx and errors: the form replaces itself, with its messages.


@pytest.mark.parametrize(
    "name, on, data, field",
    [
        ("details-edit", "", {"title": ""}, "title"),
        ("week-edit", "week", {"focus": "x" * 121}, "focus"),
        ("workout-add", "week", {**WORKOUT, "day": 8}, "day"),
        ("workout-edit", "workout", {**WORKOUT, "day": 8}, "day"),
        ("prescription-add", "workout", {**PRESCRIPTION, "tempo": "fast"}, "tempo"),
        ("prescription-edit", "prescription", {**PRESCRIPTION, "sets": 21}, "sets"),
        ("rule-edit", "", {**RULE, "pain_stop": 11}, "pain_stop"),
    ],
)
def test_htmx_gets_the_form_back_in_place_with_its_errors(
    coach_client, program, name, on, data, field
):
    before = snapshot(program)
    endpoint = Endpoint("post", name, on, data)
    form_id = "form-" + endpoint.url(program).strip("/").replace("/", "-")
    response = endpoint.send(coach_client, program, headers=HTMX)
    assert response.status_code == 200
    assert response["HX-Retarget"] == f"#{form_id}"
    assert response["HX-Reswap"] == "outerHTML"
    assert response.text.lstrip().startswith(f'<form id="{form_id}"')
    assert "<html" not in response.text
    assert error_next_to(response, field)
    assert snapshot(program) == before


# Each form at its own URL (opened in a new tab, without the builder around it): a whole page
# whose form posts as any form does, then lands on the builder with the change saved.


def form_tag(html: str, form_id: str) -> str:
    match = re.search(rf'<form id="{form_id}"[^>]*>', html)
    assert match, f"no form {form_id!r}"
    return match[0]


def saved(name: str, program: Program, obj) -> bool:
    """Whether the change each form's POST makes (the data of ENDPOINTS) is in the database."""
    return {
        "details-edit": lambda: Program.objects.get(pk=program.pk).title == "Renamed",
        "week-edit": lambda: ProgramWeek.objects.get(pk=obj.pk).focus == "Tempo",
        "workout-add": lambda: obj.workouts.filter(title=WORKOUT["title"]).exists(),
        "workout-edit": lambda: Workout.objects.get(pk=obj.pk).title == WORKOUT["title"],
        "prescription-add": lambda: obj.prescriptions.last().exercise.slug == PRONE_CURL,
        "prescription-edit": lambda: (
            Prescription.objects.get(pk=obj.pk).exercise.slug == PRONE_CURL
        ),
        "rule-edit": lambda: program.band_rules.filter(exercise__slug=PRONE_CURL).exists(),
    }[name]()


FORM_NAMES = {e.name for e in ENDPOINTS if e.method == "get" and e.region == "form"}
FORMS = [e for e in ENDPOINTS if e.method == "post" and e.name in FORM_NAMES]  # the 7 forms


@pytest.mark.parametrize("endpoint", [pytest.param(e, id=e.name) for e in FORMS])
def test_a_form_at_its_own_url_posts_as_a_plain_form_and_saves(coach_client, program, endpoint):
    obj = first(program, endpoint.on) if endpoint.on else None
    url = endpoint.url(program)
    form_id = "form-" + url.strip("/").replace("/", "-")
    page = coach_client.get(url)
    assert page.status_code == 200
    assert "<html" in page.text
    tag = form_tag(page.text, form_id)
    assert f'action="{url}"' in tag and 'method="post"' in tag
    assert "hx-" not in tag  # htmx would aim it at a region of the builder, not on this page
    assert not saved(endpoint.name, program, obj)
    response = endpoint.send(coach_client, program)
    anchor = endpoint.anchor.format(week=first(program, "week").pk)
    assert response.status_code == 302
    assert response["Location"] == f"/programs/{program.pk}/edit/" + (anchor and f"#{anchor}")
    assert saved(endpoint.name, program, obj)


def test_inside_the_builder_a_form_still_swaps_its_region(coach_client, program):
    week = first(program, "week")
    url = f"/programs/{program.pk}/weeks/{week.pk}/"
    tag = form_tag(
        coach_client.get(url, headers=HTMX).text, "form-" + url.strip("/").replace("/", "-")
    )
    assert f'hx-post="{url}"' in tag and f'hx-target="#week-{week.pk}"' in tag


def test_a_form_at_its_own_url_with_bad_input_is_the_page_again_with_the_error(
    coach_client, program
):
    before = snapshot(program)
    url = f"/programs/{program.pk}/workouts/{first(program, 'workout').pk}/"
    response = coach_client.post(url, {**WORKOUT, "day": 8})
    assert response.status_code == 200
    assert "<html" in response.text
    assert "hx-" not in form_tag(response.text, "form-" + url.strip("/").replace("/", "-"))
    assert "Ensure this value is less than or equal to 7." in error_next_to(response, "day")
    assert snapshot(program) == before

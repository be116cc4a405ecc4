"""The program builder: a coach edits their own programs one action at a time, each saved on
its own; htmx gets back only the region it changed, a plain form post lands on the builder."""

import re
from dataclasses import dataclass

import pytest
from django.urls import reverse

from catalogue.models import Band, Exercise
from programs import services
from programs.models import Assignment, BandRule, Prescription, Program, ProgramWeek, Workout

pytestmark = pytest.mark.usefixtures("catalogue")

HTMX = {"HX-Request": "true"}
NORDIC = "band-assisted-nordic-curl"  # assist, reps
PRONE_CURL = "banded-prone-leg-curl"  # resist, reps
CURL_HOLD = "banded-isometric-leg-curl-hold"  # resist, held for seconds
ROMANIAN_DEADLIFT = "romanian-deadlift"  # no band


# Building programs


def exercise(slug: str) -> Exercise:
    return Exercise.objects.get(slug=slug)


def band(name: str) -> Band:
    return Band.objects.get(name=name)


def build_program(owner, *, weeks: int = 2, title: str = "Hamstring block") -> Program:
    """`weeks` weeks of one workout each: the assisted Nordic on Green (3 x 12/10/8), the prone
    leg curl on Black (3 x 8-10), the curl hold (2 x 30 s); and a band rule for the Nordic."""
    program = services.program_create(owner=owner, title=title)
    nordic, curl, hold = exercise(NORDIC), exercise(PRONE_CURL), exercise(CURL_HOLD)
    green, black = band("Green"), band("Black")
    for _ in range(weeks):
        week = services.week_add(program=program)
        workout = Workout.objects.create(week=week, day=1, title=f"Session {week.number}")
        Prescription.objects.create(
            workout=workout, exercise=nordic, order=1, sets=3, set_reps=[12, 10, 8], band=green
        )
        Prescription.objects.create(
            workout=workout, exercise=curl, order=2, sets=3, reps_min=8, reps_max=10, band=black
        )
        Prescription.objects.create(workout=workout, exercise=hold, order=3, sets=2, seconds=30)
    BandRule.objects.create(program=program, exercise=nordic, start_band=green)
    return program


def fill_weeks(program: Program, up_to: int = services.MAX_WEEKS) -> None:
    last = program.weeks.count()
    ProgramWeek.objects.bulk_create(
        ProgramWeek(program=program, number=number) for number in range(last + 1, up_to + 1)
    )


@pytest.fixture
def program(coach, catalogue) -> Program:
    return build_program(coach)


@pytest.fixture
def others_program(other_coach, catalogue) -> Program:
    return build_program(other_coach, title="Someone else's block")


@pytest.fixture
def library_program(catalogue) -> Program:
    return build_program(None, title="Library block")


# Reading the results


def week_numbers(program: Program) -> list[tuple[int, str]]:
    return list(program.weeks.values_list("number", "focus"))


def rows(workout: Workout) -> list[tuple[int, str]]:
    return list(workout.prescriptions.values_list("order", "exercise__slug"))


def structure(program: Program) -> list:
    """What a program prescribes, without database ids: to compare a copy with its source."""
    return [
        (
            week.number,
            week.focus,
            week.is_deload,
            [
                (
                    workout.day,
                    workout.title,
                    workout.notes,
                    [
                        (
                            rx.exercise_id,
                            rx.order,
                            rx.sets,
                            rx.reps_min,
                            rx.reps_max,
                            rx.set_reps,
                            rx.seconds,
                            rx.per_side,
                            rx.tempo,
                            rx.rest_seconds,
                            rx.rpe_target,
                            rx.band_id,
                            rx.notes,
                        )
                        for rx in workout.prescriptions.all()
                    ],
                )
                for workout in week.workouts.all()
            ],
        )
        for week in program.weeks.prefetch_related("workouts__prescriptions")
    ] + [
        (
            rule.exercise_id,
            rule.mode,
            rule.start_band_id,
            rule.step_weeks,
            rule.sessions_to_advance,
            rule.rpe_ceiling,
            rule.pain_stop,
        )
        for rule in program.band_rules.all()
    ]


def snapshot(program: Program) -> tuple:
    """Everything the builder can change, ids included: to show an action changed nothing."""
    program.refresh_from_db()
    return (
        (program.title, program.summary, program.goal, program.owner_id, program.is_template),
        list(program.weeks.values_list("pk", "number", "focus", "is_deload")),
        list(Workout.objects.filter(week__program=program).order_by("pk").values()),
        list(Prescription.objects.filter(workout__week__program=program).order_by("pk").values()),
        list(program.band_rules.order_by("pk").values()),
    )


def first(program: Program, kind: str):
    """The first week, workout, prescription or band rule of a program."""
    week = program.weeks.first()
    workout = week.workouts.first()
    return {
        "week": week,
        "workout": workout,
        "prescription": workout.prescriptions.first(),
        "rule": program.band_rules.first(),
    }[kind]


def error_next_to(response, field: str) -> str:
    """The box of one form field (label, input, messages), which must be marked as in error."""
    match = re.search(
        rf'<div class="field has-error">\s*<label[^>]* for="id_{field}">.*?</div>',
        response.text,
        re.S,
    )
    assert match, f"no error shown next to {field!r}"
    return match[0]


# Posting forms


def form_data(data: dict | None) -> dict:
    """Form data written with exercise slugs and band names, sent as the ids a form posts."""
    data = dict(data or {})
    if isinstance(data.get("exercise"), str) and not data["exercise"].isdigit():
        data["exercise"] = exercise(data["exercise"]).pk
    for field in ("band", "start_band"):
        if data.get(field) and not str(data[field]).isdigit():
            data[field] = band(data[field]).pk
    return data


WORKOUT = {"day": 3, "title": "Second session", "notes": "After training."}
PRESCRIPTION = {
    "exercise": PRONE_CURL,
    "sets": 3,
    "target": "8-10",
    "tempo": "",
    "rest_seconds": 90,
    "rpe_target": "",
    "band": "Black",
    "notes": "",
}
RULE = {
    "exercise": PRONE_CURL,
    "mode": "scheduled",
    "start_band": "Purple",
    "step_weeks": 3,
    "sessions_to_advance": 2,
    "rpe_ceiling": 8,
    "pain_stop": 4,
}

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


# Creating and copying programs


def test_creating_a_program_opens_its_builder(coach_client, coach):
    response = coach_client.post(
        "/programs/new/", {"title": "Off-season block", "summary": "Eight weeks.", "goal": ""}
    )
    created = Program.objects.get(owner=coach)
    assert response["Location"] == f"/programs/{created.pk}/edit/"
    assert (created.title, created.slug, created.is_template) == (
        "Off-season block",
        "off-season-block",
        True,
    )


def test_creating_a_program_needs_a_title(coach_client, coach):
    response = coach_client.post("/programs/new/", {"title": "", "summary": "", "goal": ""})
    assert response.status_code == 200
    assert "This field is required." in error_next_to(response, "title")
    assert not Program.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_creating_a_program_requires_a_coach(client, athlete, method):
    send = getattr(client, method)
    assert send("/programs/new/")["Location"] == "/accounts/login/?next=/programs/new/"
    client.force_login(athlete)
    assert send("/programs/new/").status_code == 403
    assert not Program.objects.exists()


def test_copying_a_library_program_makes_an_owned_template_with_all_of_it(
    coach_client, coach, library_program
):
    before = snapshot(library_program)
    response = coach_client.post(f"/programs/{library_program.pk}/copy/")
    copy = Program.objects.get(owner=coach)
    assert response["Location"] == f"/programs/{copy.pk}/edit/"
    assert (copy.is_template, copy.source, copy.title) == (True, library_program, "Library block")
    assert structure(copy) == structure(library_program)
    assert len(structure(copy)) == 3  # two weeks and a band rule
    assert snapshot(library_program) == before


def test_a_coach_can_copy_their_own_template(coach_client, coach, program):
    response = coach_client.post(f"/programs/{program.pk}/copy/")
    copy = Program.objects.exclude(pk=program.pk).get(owner=coach)
    assert response["Location"] == f"/programs/{copy.pk}/edit/"
    assert structure(copy) == structure(program)


def test_another_coachs_program_and_an_athlete_copy_cannot_be_copied(
    coach_client, coach, others_program, program
):
    athlete_copy = services.program_copy(program=program, owner=coach, is_template=False)
    for source in (others_program, athlete_copy):
        assert coach_client.post(f"/programs/{source.pk}/copy/").status_code == 404
    assert Program.objects.filter(owner=coach).count() == 2


def test_copying_requires_a_coach(client, athlete, library_program):
    url = f"/programs/{library_program.pk}/copy/"
    assert client.post(url)["Location"] == f"/accounts/login/?next={url}"
    client.force_login(athlete)
    assert client.post(url).status_code == 403
    assert Program.objects.count() == 1


# The builder page


def test_the_builder_shows_weeks_workouts_and_rules_in_coach_notation(coach_client, program):
    response = coach_client.get(f"/programs/{program.pk}/edit/")
    assert response.status_code == 200
    assert "Week 2" in response.text
    assert "3 x 12/10/8, green band, assist" in response.text
    assert "3 x 8-10, black band, resist" in response.text
    assert "2 x 30 s, resist" in response.text
    assert "Starts on the green band." in response.text


def test_the_builder_of_an_athlete_copy_works_too(coach_client, coach, athlete, program):
    copy = services.program_copy(program=program, owner=coach, is_template=False)
    assert coach_client.get(f"/programs/{copy.pk}/edit/").status_code == 200  # not yet assigned
    Assignment.objects.create(
        athlete=athlete, program=copy, template=program, start_date="2026-11-02"
    )
    response = coach_client.get(f"/programs/{copy.pk}/edit/")
    assert response.status_code == 200
    assert "Copy for Alex" in response.text
    coach_client.post(f"/programs/{copy.pk}/weeks/add/")
    assert copy.weeks.count() == 3
    assert program.weeks.count() == 2


def test_the_builder_page_does_not_grow_with_the_program(
    coach_client, coach, django_assert_max_num_queries
):
    small, large = build_program(coach, weeks=2), build_program(coach, weeks=10)
    with django_assert_max_num_queries(15) as small_queries:
        coach_client.get(f"/programs/{small.pk}/edit/")
    with django_assert_max_num_queries(15) as large_queries:
        response = coach_client.get(f"/programs/{large.pk}/edit/")
    assert "Week 10" in response.text
    assert len(large_queries) == len(small_queries)


# Details


def test_editing_the_details_saves_them(coach_client, program):
    coach_client.post(
        f"/programs/{program.pk}/details/",
        {"title": "Spring block", "summary": "Six weeks.", "goal": "Stronger"},
    )
    program.refresh_from_db()
    assert (program.title, program.summary, program.goal) == (
        "Spring block",
        "Six weeks.",
        "Stronger",
    )


def test_the_details_need_a_title(coach_client, program):
    before = snapshot(program)
    response = coach_client.post(f"/programs/{program.pk}/details/", {"title": "", "summary": "x"})
    assert response.status_code == 200
    assert "This field is required." in error_next_to(response, "title")
    assert snapshot(program) == before


# Weeks


def test_adding_a_week_appends_it(coach_client, program):
    response = coach_client.post(f"/programs/{program.pk}/weeks/add/", headers=HTMX)
    assert [number for number, _ in week_numbers(program)] == [1, 2, 3]
    assert "Week 3" in response.text


def test_a_program_has_at_most_52_weeks(coach_client, program):
    fill_weeks(program)
    response = coach_client.post(f"/programs/{program.pk}/weeks/add/", headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="week-list">')
    assert "A program has at most 52 weeks." in response.text
    assert program.weeks.count() == 52


def test_editing_a_week_saves_its_focus_and_deload(coach_client, program):
    week = first(program, "week")
    response = coach_client.post(
        f"/programs/{program.pk}/weeks/{week.pk}/",
        {"focus": "Lighter", "is_deload": "on"},
        headers=HTMX,
    )
    week.refresh_from_db()
    assert (week.focus, week.is_deload) == ("Lighter", True)
    assert "Deload" in response.text


def test_a_week_focus_has_at_most_120_characters(coach_client, program):
    week, before = first(program, "week"), snapshot(program)
    response = coach_client.post(f"/programs/{program.pk}/weeks/{week.pk}/", {"focus": "x" * 121})
    assert response.status_code == 200
    assert "at most 120 characters" in error_next_to(response, "focus")
    assert snapshot(program) == before


def test_deleting_a_week_renumbers_the_rest(coach_client, coach):
    program = build_program(coach, weeks=4)
    for number in (1, 2, 3, 4):
        program.weeks.filter(number=number).update(focus=f"Focus {number}")
    second = program.weeks.get(number=2)
    coach_client.post(f"/programs/{program.pk}/weeks/{second.pk}/delete/")
    assert week_numbers(program) == [(1, "Focus 1"), (2, "Focus 3"), (3, "Focus 4")]
    assert not Workout.objects.filter(week_id=second.pk).exists()


@pytest.mark.parametrize(
    "number, direction, expected",
    [
        (1, "down", ["B", "A", "C"]),
        (3, "up", ["A", "C", "B"]),
        (1, "up", ["A", "B", "C"]),  # already first
        (3, "down", ["A", "B", "C"]),  # already last
    ],
)
def test_moving_a_week_swaps_it_with_its_neighbour(
    coach_client, coach, number, direction, expected
):
    program = build_program(coach, weeks=3)
    for focus, week in zip("ABC", program.weeks.all(), strict=True):
        services.week_update(week=week, focus=focus, is_deload=False)
    week = program.weeks.get(number=number)
    coach_client.post(f"/programs/{program.pk}/weeks/{week.pk}/move/", {"direction": direction})
    assert week_numbers(program) == list(zip([1, 2, 3], expected, strict=True))


def test_a_week_moves_only_up_or_down(coach_client, program):
    week, before = first(program, "week"), snapshot(program)
    response = coach_client.post(
        f"/programs/{program.pk}/weeks/{week.pk}/move/", {"direction": "sideways"}, headers=HTMX
    )
    assert response.status_code == 200
    assert "Move a week up or down." in response.text
    assert snapshot(program) == before


def test_duplicating_a_week_inserts_the_copy_right_after_it(coach_client, coach):
    program = build_program(coach, weeks=3)
    for focus, week in zip("ABC", program.weeks.all(), strict=True):
        services.week_update(week=week, focus=focus, is_deload=focus == "B")
    second = program.weeks.get(number=2)
    coach_client.post(f"/programs/{program.pk}/weeks/{second.pk}/duplicate/")
    assert week_numbers(program) == [(1, "A"), (2, "B"), (3, "B"), (4, "C")]
    weeks = structure(program)[:4]
    assert weeks[2][1:] == weeks[1][1:]  # the same focus, deload, workouts and prescriptions
    assert program.weeks.get(number=3).is_deload


def test_duplicating_one_band_on_makes_each_banded_exercise_one_step_harder(coach_client, program):
    week = first(program, "week")
    coach_client.post(f"/programs/{program.pk}/weeks/{week.pk}/duplicate/", {"band_step": "1"})

    def bands(number: int) -> dict:
        return dict(
            Prescription.objects.filter(
                workout__week__program=program, workout__week__number=number
            ).values_list("exercise__slug", "band__name")
        )

    # The Nordic is assisted: a thinner band helps less. The curl is resisted: thicker.
    assert bands(2) == {NORDIC: "Purple", PRONE_CURL: "Purple", CURL_HOLD: None}
    assert bands(1) == {NORDIC: "Green", PRONE_CURL: "Black", CURL_HOLD: None}
    assert bands(3) == bands(1)  # the old week 2, moved on


def test_duplicating_one_band_on_keeps_bands_at_the_end_of_the_ladder(coach_client, program):
    week = first(program, "week")
    Prescription.objects.filter(exercise__slug=NORDIC).update(band=band("Red"))
    Prescription.objects.filter(exercise__slug=PRONE_CURL).update(band=band("Blue"))
    coach_client.post(f"/programs/{program.pk}/weeks/{week.pk}/duplicate/", {"band_step": "1"})
    copied = Prescription.objects.filter(workout__week__program=program, workout__week__number=2)
    assert dict(copied.values_list("exercise__slug", "band__name")) == {
        NORDIC: "Red",  # going unassisted is the athlete's step to earn
        PRONE_CURL: "Blue",
        CURL_HOLD: None,
    }


def test_a_full_program_cannot_duplicate_a_week(coach_client, program):
    fill_weeks(program)
    week, before = first(program, "week"), snapshot(program)
    response = coach_client.post(f"/programs/{program.pk}/weeks/{week.pk}/duplicate/", headers=HTMX)
    assert "A program has at most 52 weeks." in response.text
    assert snapshot(program) == before


@pytest.mark.parametrize(
    "action, data, message",
    [
        ("add", {}, "A program has at most 52 weeks."),
        ("duplicate", {}, "A program has at most 52 weeks."),
        ("move", {"direction": "sideways"}, "Move a week up or down."),
    ],
)
def test_without_htmx_a_refused_week_action_still_says_why(
    coach_client, program, action, data, message
):
    fill_weeks(program)
    week = first(program, "week")
    url = {
        "add": f"/programs/{program.pk}/weeks/add/",
        "duplicate": f"/programs/{program.pk}/weeks/{week.pk}/duplicate/",
        "move": f"/programs/{program.pk}/weeks/{week.pk}/move/",
    }[action]
    response = coach_client.post(url, data, follow=True)
    assert message in response.text


def test_the_week_card_reloads_one_week(coach_client, program):
    week = first(program, "week")
    url = f"/programs/{program.pk}/weeks/{week.pk}/card/"
    assert coach_client.get(url)["Location"] == f"/programs/{program.pk}/edit/#week-{week.pk}"
    response = coach_client.get(url, headers=HTMX)
    assert "Week 1" in response.text
    assert "Week 2" not in response.text


# Workouts


def test_adding_a_workout_puts_it_in_the_week(coach_client, program):
    week = first(program, "week")
    response = coach_client.post(
        f"/programs/{program.pk}/weeks/{week.pk}/workouts/add/", WORKOUT, headers=HTMX
    )
    assert list(week.workouts.values_list("day", "title", "notes")) == [
        (1, "Session 1", ""),
        (3, "Second session", "After training."),
    ]
    assert "Day 3 · Second session" in response.text


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"day": 8}, "day", "Ensure this value is less than or equal to 7."),
        ({"day": 0}, "day", "Ensure this value is greater than or equal to 1."),
        ({"title": ""}, "title", "This field is required."),
    ],
)
def test_a_workout_needs_a_day_from_1_to_7_and_a_title(
    coach_client, program, fields, field, message
):
    week, before = first(program, "week"), snapshot(program)
    response = coach_client.post(
        f"/programs/{program.pk}/weeks/{week.pk}/workouts/add/", {**WORKOUT, **fields}
    )
    assert response.status_code == 200
    assert message in error_next_to(response, field)
    assert snapshot(program) == before


def test_editing_a_workout_saves_it(coach_client, program):
    workout = first(program, "workout")
    coach_client.post(f"/programs/{program.pk}/workouts/{workout.pk}/", WORKOUT)
    workout.refresh_from_db()
    assert (workout.day, workout.title, workout.notes) == (3, "Second session", "After training.")


def test_editing_a_workout_to_day_8_keeps_it_as_it_was(coach_client, program):
    workout, before = first(program, "workout"), snapshot(program)
    response = coach_client.post(
        f"/programs/{program.pk}/workouts/{workout.pk}/", {**WORKOUT, "day": 8}
    )
    assert "less than or equal to 7" in error_next_to(response, "day")
    assert snapshot(program) == before


def test_deleting_a_workout_removes_its_prescriptions(coach_client, program):
    workout = first(program, "workout")
    coach_client.post(f"/programs/{program.pk}/workouts/{workout.pk}/delete/")
    assert not Workout.objects.filter(pk=workout.pk).exists()
    assert not Prescription.objects.filter(workout_id=workout.pk).exists()
    assert Workout.objects.filter(week__program=program).count() == 1


# Prescriptions


@pytest.mark.parametrize(
    "slug, sets, target, stored",
    [
        (PRONE_CURL, 3, "12/10/8", ([12, 10, 8], None, None, None)),
        (PRONE_CURL, 3, "8-10", ([], 8, 10, None)),
        (PRONE_CURL, 3, "8 - 10", ([], 8, 10, None)),
        (PRONE_CURL, 2, "25", ([], 25, None, None)),
        (PRONE_CURL, 2, "10-10", ([], 10, None, None)),
        (CURL_HOLD, 2, "45 s", ([], None, None, 45)),
        (CURL_HOLD, 2, "60 seconds", ([], None, None, 60)),
    ],
)
def test_adding_an_exercise_reads_the_target_as_coaches_write_it(
    coach_client, program, slug, sets, target, stored
):
    workout = first(program, "workout")
    data = {**PRESCRIPTION, "exercise": slug, "sets": sets, "target": target}
    response = coach_client.post(
        f"/programs/{program.pk}/workouts/{workout.pk}/prescriptions/add/", form_data(data)
    )
    assert response.status_code == 302
    added = workout.prescriptions.get(order=4)
    assert (added.set_reps, added.reps_min, added.reps_max, added.seconds) == stored
    assert (added.exercise.slug, added.sets, added.band.name) == (slug, sets, "Black")


def test_an_added_exercise_goes_last_and_shows_in_notation(coach_client, program):
    workout = first(program, "workout")
    data = {
        **PRESCRIPTION,
        "target": "12/10/8",
        "tempo": "3-0-1",
        "rpe_target": 8,
        "per_side": "on",
    }
    response = coach_client.post(
        f"/programs/{program.pk}/workouts/{workout.pk}/prescriptions/add/",
        form_data(data),
        headers=HTMX,
    )
    assert rows(workout) == [(1, NORDIC), (2, PRONE_CURL), (3, CURL_HOLD), (4, PRONE_CURL)]
    assert "3 x 12/10/8 per side @ RPE 8, tempo 3-0-1, black band, resist" in response.text


BAD_PRESCRIPTIONS = [
    ({"sets": 0}, "sets", "Ensure this value is greater than or equal to 1."),
    ({"sets": 21}, "sets", "Ensure this value is less than or equal to 20."),
    ({"sets": 3, "target": "12/10"}, "target", "2 per-set targets for 3 sets: give one per set."),
    ({"target": "abc"}, "target", "Could not read “abc”."),
    ({"target": ""}, "target", "This field is required."),
    ({"target": "600"}, "target", "A set can have at most 500 reps."),
    ({"target": "8-600"}, "target", "A set can have at most 500 reps."),
    ({"target": "12/600/8"}, "target", "A set can have at most 500 reps."),
    ({"target": "10-8"}, "target", "Write the range low to high, such as 8-10."),
    ({"exercise": CURL_HOLD, "target": "4000 s"}, "target", "at most 3600 seconds."),
    ({"target": "45 s"}, "target", "This exercise is counted in reps, not seconds."),
    ({"exercise": CURL_HOLD, "target": "30"}, "target", "This exercise is a hold: give seconds"),
    ({"tempo": "fast"}, "tempo", "Write tempo as three or four digits"),
    ({"rpe_target": 11}, "rpe_target", "Ensure this value is less than or equal to 10."),
    ({"rest_seconds": 3601}, "rest_seconds", "Ensure this value is less than or equal to 3600."),
    ({"exercise": "999999"}, "exercise", "Select a valid choice."),
    ({"band": "999999"}, "band", "Select a valid choice."),
]


@pytest.mark.parametrize(
    "fields, field, message", [pytest.param(*case, id=str(case[0])) for case in BAD_PRESCRIPTIONS]
)
def test_adding_an_exercise_with_bad_input_says_why_and_saves_nothing(
    coach_client, program, fields, field, message
):
    workout, before = first(program, "workout"), snapshot(program)
    response = coach_client.post(
        f"/programs/{program.pk}/workouts/{workout.pk}/prescriptions/add/",
        form_data({**PRESCRIPTION, **fields}),
    )
    assert response.status_code == 200
    assert message in error_next_to(response, field)
    assert snapshot(program) == before


def test_the_edit_form_shows_the_target_as_written(coach_client, program):
    prescription = first(program, "prescription")
    response = coach_client.get(
        f"/programs/{program.pk}/prescriptions/{prescription.pk}/", headers=HTMX
    )
    assert 'value="12/10/8"' in response.text


def test_editing_a_prescription_can_change_the_kind_of_target(coach_client, program):
    prescription = first(program, "prescription")  # the Nordic, 3 x 12/10/8 on Green
    data = {**PRESCRIPTION, "exercise": NORDIC, "sets": 4, "target": "6-8", "band": "Purple"}
    coach_client.post(f"/programs/{program.pk}/prescriptions/{prescription.pk}/", form_data(data))
    prescription.refresh_from_db()
    assert prescription.notation() == "4 x 6-8, purple band, assist"
    assert (prescription.set_reps, prescription.order) == ([], 1)


def test_editing_a_prescription_with_bad_input_keeps_it_as_it_was(coach_client, program):
    prescription, before = first(program, "prescription"), snapshot(program)
    data = {**PRESCRIPTION, "exercise": NORDIC, "sets": 4, "target": "12/10/8"}
    response = coach_client.post(
        f"/programs/{program.pk}/prescriptions/{prescription.pk}/", form_data(data)
    )
    assert "3 per-set targets for 4 sets" in error_next_to(response, "target")
    assert snapshot(program) == before


def test_removing_an_exercise_deletes_only_it(coach_client, program):
    workout = first(program, "workout")
    curl = workout.prescriptions.get(exercise__slug=PRONE_CURL)
    coach_client.post(f"/programs/{program.pk}/prescriptions/{curl.pk}/delete/")
    assert rows(workout) == [(1, NORDIC), (3, CURL_HOLD)]
    assert Prescription.objects.filter(workout__week__program=program).count() == 5


@pytest.mark.parametrize(
    "slug, direction, expected",
    [
        (CURL_HOLD, "up", [NORDIC, CURL_HOLD, PRONE_CURL]),
        (NORDIC, "down", [PRONE_CURL, NORDIC, CURL_HOLD]),
        (NORDIC, "up", [NORDIC, PRONE_CURL, CURL_HOLD]),  # already first
        (CURL_HOLD, "down", [NORDIC, PRONE_CURL, CURL_HOLD]),  # already last
        (PRONE_CURL, "sideways", [NORDIC, PRONE_CURL, CURL_HOLD]),  # ignored
    ],
)
def test_moving_an_exercise_reorders_the_workout(coach_client, program, slug, direction, expected):
    workout = first(program, "workout")
    moved = workout.prescriptions.get(exercise__slug=slug)
    coach_client.post(
        f"/programs/{program.pk}/prescriptions/{moved.pk}/move/", {"direction": direction}
    )
    assert rows(workout) == list(enumerate(expected, start=1))


def test_moving_an_exercise_numbers_the_workout_1_to_n_again(coach_client, program):
    workout = first(program, "workout")
    workout.prescriptions.filter(exercise__slug=PRONE_CURL).delete()  # leaves orders 1 and 3
    hold = workout.prescriptions.get(exercise__slug=CURL_HOLD)
    coach_client.post(f"/programs/{program.pk}/prescriptions/{hold.pk}/move/", {"direction": "up"})
    assert rows(workout) == [(1, CURL_HOLD), (2, NORDIC)]


# Band rules


def test_setting_a_band_rule_adds_it(coach_client, program):
    response = coach_client.post(f"/programs/{program.pk}/rules/", form_data(RULE), headers=HTMX)
    rule = program.band_rules.get(exercise__slug=PRONE_CURL)
    assert (rule.mode, rule.start_band.name, rule.step_weeks, rule.pain_stop) == (
        "scheduled",
        "Purple",
        3,
        4,
    )
    assert "Moves to a thicker band every 3 weeks" in response.text
    assert program.band_rules.count() == 2


def test_setting_a_rule_again_for_the_same_exercise_replaces_it(coach_client, program):
    url = f"/programs/{program.pk}/rules/"
    coach_client.post(url, form_data(RULE))
    second = {**RULE, "mode": "earned", "start_band": "", "sessions_to_advance": 3, "pain_stop": 6}
    coach_client.post(url, form_data(second))
    (rule,) = program.band_rules.filter(exercise__slug=PRONE_CURL)
    assert (rule.mode, rule.start_band, rule.sessions_to_advance, rule.pain_stop) == (
        "earned",
        None,
        3,
        6,
    )


def test_the_rule_form_for_an_exercise_starts_from_its_rule(coach_client, program):
    rule = first(program, "rule")
    BandRule.objects.filter(pk=rule.pk).update(mode="scheduled", step_weeks=4)
    response = coach_client.get(
        f"/programs/{program.pk}/rules/?exercise={rule.exercise_id}", headers=HTMX
    )
    assert response.context["form"].instance == rule
    assert 'name="step_weeks" value="4"' in response.text


def test_removing_a_band_rule_deletes_it(coach_client, program):
    rule = first(program, "rule")
    coach_client.post(f"/programs/{program.pk}/rules/{rule.pk}/delete/")
    assert not program.band_rules.exists()


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"pain_stop": 11}, "pain_stop", "Ensure this value is less than or equal to 10."),
        ({"pain_stop": 0}, "pain_stop", "Ensure this value is greater than or equal to 1."),
        ({"step_weeks": 0}, "step_weeks", "Ensure this value is greater than or equal to 1."),
        ({"rpe_ceiling": 11}, "rpe_ceiling", "Ensure this value is less than or equal to 10."),
        ({"mode": "sometimes"}, "mode", "Select a valid choice."),
        ({"exercise": ROMANIAN_DEADLIFT}, "exercise", "Select a valid choice."),  # no band
        ({"start_band": "Mini"}, "start_band", "Select a valid choice."),  # not on the ladder
    ],
)
def test_a_band_rule_with_bad_input_says_why_and_saves_nothing(
    coach_client, program, fields, field, message
):
    before = snapshot(program)
    response = coach_client.post(f"/programs/{program.pk}/rules/", form_data({**RULE, **fields}))
    assert response.status_code == 200
    assert message in error_next_to(response, field)
    assert snapshot(program) == before


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

"""A program as a whole in the builder: creating one, copying a library program or the coach's
own, the builder page in coach notation (its queries not growing with the program), and the
program's details."""

import pytest

from programs import services
from programs.models import Assignment, AssignmentGroup, Program
from tests.programs.builder import build_program, error_next_to, snapshot, structure

pytestmark = pytest.mark.usefixtures("catalogue")


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


def test_creating_a_program_needs_a_title(coach_client, coach, no_library):
    response = coach_client.post("/programs/new/", {"title": "", "summary": "", "goal": ""})
    assert response.status_code == 200
    assert "This field is required." in error_next_to(response, "title")
    assert not Program.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_creating_a_program_requires_a_coach(client, athlete, method, no_library):
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


def test_copying_requires_a_coach(client, athlete, no_library, library_program):
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
    group = AssignmentGroup.objects.create(program=copy, template=program, start_date="2026-11-02")
    Assignment.objects.create(
        athlete=athlete, group=group, program=copy, template=program, start_date="2026-11-02"
    )
    response = coach_client.get(f"/programs/{copy.pk}/edit/")
    assert response.status_code == 200
    assert "Plan for Alex" in response.text
    coach_client.post(f"/programs/{copy.pk}/weeks/add/")
    assert copy.weeks.count() == 3
    assert program.weeks.count() == 2


def test_the_builder_page_does_not_grow_with_the_program(
    coach_client, coach, django_assert_max_num_queries
):
    small, large = build_program(coach, weeks=2), build_program(coach, weeks=10)
    with django_assert_max_num_queries(14) as small_queries:
        coach_client.get(f"/programs/{small.pk}/edit/")
    with django_assert_max_num_queries(14) as large_queries:
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

"""The export download on a program page and the import page for coaches."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from programs import services
from programs.models import Assignment, AssignmentGroup, Program, Workout
from programs.sharing import program_to_json

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture
def own_program(coach) -> Program:
    program = services.program_create(owner=coach, title="Pre-season hamstrings")
    week = services.week_add(program=program)
    Workout.objects.create(week=week, day=2, title="Tuesday")
    return program


def upload(content: bytes | str, name: str = "program.json") -> SimpleUploadedFile:
    raw = content.encode() if isinstance(content, str) else content
    return SimpleUploadedFile(name, raw, content_type="application/json")


def nordic_text() -> str:
    return program_to_json(Program.objects.library().get(slug="band-assisted-nordic"))


# Export


def test_a_coach_downloads_their_own_program_as_a_file(coach_client, own_program):
    response = coach_client.get(f"/programs/{own_program.pk}/export.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="pre-season-hamstrings.json"'
    data = json.loads(response.content)
    assert data["format"] == "hamstrings.program"
    assert data["title"] == "Pre-season hamstrings"
    assert data["weeks"][0]["workouts"][0]["title"] == "Tuesday"


def test_a_library_program_downloads_for_coaches_and_athletes(client, coach, athlete, library):
    program = Program.objects.library().get(slug="runners-resilience")
    for person in (coach, athlete):
        client.force_login(person)
        response = client.get(f"/programs/{program.pk}/export.json")
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="runners-resilience.json"'
        assert '"exercise": "band-assisted-nordic-curl"' in response.text


def test_an_athlete_downloads_their_own_copy(client, athlete, coach, own_program):
    copy = services.program_copy(program=own_program, owner=coach, is_template=False)
    group = AssignmentGroup.objects.create(
        program=copy, template=own_program, start_date="2026-11-02"
    )
    Assignment.objects.create(
        athlete=athlete, group=group, program=copy, template=own_program, start_date="2026-11-02"
    )
    client.force_login(athlete)
    assert client.get(f"/programs/{copy.pk}/export.json").status_code == 200
    assert client.get(f"/programs/{own_program.pk}/export.json").status_code == 404


def test_the_program_page_links_to_the_export(coach_client, own_program):
    response = coach_client.get(f"/programs/{own_program.pk}/")
    assert f'href="/programs/{own_program.pk}/export.json" download>Export as a file' in (
        response.text
    )


def test_the_export_requires_login(client, own_program):
    url = f"/programs/{own_program.pk}/export.json"
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_another_coachs_program_is_not_found(client, other_coach, own_program):
    client.force_login(other_coach)
    assert client.get(f"/programs/{own_program.pk}/export.json").status_code == 404


def test_a_program_that_does_not_exist_is_not_found(coach_client):
    assert coach_client.get("/programs/987654/export.json").status_code == 404
    assert coach_client.get("/programs/abc/export.json").status_code == 404


def test_the_export_only_answers_get(coach_client, own_program):
    assert coach_client.post(f"/programs/{own_program.pk}/export.json").status_code == 405


# Import


def test_the_programs_page_links_to_the_import_page(coach_client):
    response = coach_client.get("/programs/")
    assert 'href="/programs/import/">Import a file</a>' in response.text


def test_the_import_page_shows_a_file_field(coach_client):
    response = coach_client.get("/programs/import/")
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.text
    assert 'type="file" name="file"' in response.text


def test_a_coach_imports_a_file_and_lands_in_the_builder(coach_client, coach, library):
    response = coach_client.post("/programs/import/", {"file": upload(nordic_text())})

    program = Program.objects.get(owner=coach)
    assert response.status_code == 302
    assert response["Location"] == f"/programs/{program.pk}/edit/"
    library_program = Program.objects.library().get(slug="band-assisted-nordic")
    assert program.is_template and program.weeks.count() == library_program.weeks.count() > 0
    page = coach_client.get(response["Location"])
    assert "Imported “Band-assisted Nordic, 10 weeks”: it is your template now." in page.text


def test_the_import_requires_login(client):
    response = client.get("/programs/import/")
    assert response["Location"] == "/accounts/login/?next=/programs/import/"
    assert client.post("/programs/import/", {"file": upload("{}")}).status_code == 302


def test_the_import_is_for_coaches_only(athlete_client, library):
    assert athlete_client.get("/programs/import/").status_code == 403
    response = athlete_client.post("/programs/import/", {"file": upload(nordic_text())})
    assert response.status_code == 403
    assert not Program.objects.filter(owner__isnull=False).exists()


def test_a_bad_file_is_refused_with_its_line_next_to_the_field(coach_client, library):
    text = nordic_text().replace('"exercise": "band-assisted-nordic-curl"', '"exercise": "nope"')
    line = next(n for n, row in enumerate(text.splitlines(), 1) if '"nope"' in row)

    response = coach_client.post("/programs/import/", {"file": upload(text)})

    assert response.status_code == 422
    error = f'<small class="field-error" role="alert">Line {line}: week 1, workout 1, '
    assert error in response.text
    assert "prescription 1: unknown exercise &#x27;nope&#x27;." in response.text
    assert not Program.objects.filter(owner__isnull=False).exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The submitted file is empty."),
        (b"\xff\xfe{}", "The file is not UTF-8 text"),
        (b"{\n  oops\n}", "Line 2: not valid JSON"),
        (b" " * 1_000_001, "The file is over 1 MB: too big."),
        (b'{"format": "hamstrings.program", "version": 9}', "Version 9 is not one this app"),
    ],
)
def test_a_file_that_is_no_program_is_refused_with_a_message(
    coach_client, content, message, no_library
):
    response = coach_client.post("/programs/import/", {"file": upload(content)})
    assert response.status_code == 422
    assert message in response.text
    assert not Program.objects.exists()


def test_an_import_without_a_file_asks_for_one(coach_client):
    response = coach_client.post("/programs/import/", {})
    assert response.status_code == 422
    assert "This field is required." in response.text

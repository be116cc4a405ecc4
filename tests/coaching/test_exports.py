"""The coach's CSV exports as a spreadsheet user meets them: a file named after the athlete and
the day, kept out of shared caches, words instead of codes, N/kg and the imbalance, and no
target on a set done beyond the prescription."""

import csv
import io
import uuid
from datetime import UTC, date, datetime

import pytest

from catalogue.models import Band
from logbook.models import StrengthTest
from logbook.services import set_log, workout_finish, workout_start
from programs.assignments import program_assign
from programs.models import Program, Workout
from programs.services import program_create

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture(autouse=True)
def monday(time_machine):
    time_machine.move_to(datetime(2026, 12, 7, 12, tzinfo=UTC), tick=False)


@pytest.fixture
def smith(athlete):
    athlete.last_name = "Smith"
    athlete.save(update_fields=["last_name"])
    return athlete


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def sets_url(athlete) -> str:
    return f"/coach/athletes/{athlete.pk}/export.csv"


def strength_tests_url(athlete) -> str:
    return f"/coach/athletes/{athlete.pk}/strength-tests.csv"


def test_it_names_the_sets_file_after_the_athlete_and_the_day(coach_client, smith):
    response = coach_client.get(sets_url(smith))
    assert response["Content-Disposition"] == (
        'attachment; filename="sets-alex-smith-2026-12-07.csv"'
    )


def test_it_names_the_tests_file_after_the_athlete_and_the_day(coach_client, smith):
    response = coach_client.get(strength_tests_url(smith))
    assert response["Content-Disposition"] == (
        'attachment; filename="strength-tests-alex-smith-2026-12-07.csv"'
    )


def test_it_keeps_only_safe_characters_in_the_file_name(coach_client, athlete):
    athlete.first_name, athlete.last_name = 'Zoë "Z"', "O'Brien/..\\x"
    athlete.save(update_fields=["first_name", "last_name"])
    response = coach_client.get(sets_url(athlete))
    assert response["Content-Disposition"] == (
        'attachment; filename="sets-zoe-z-obrienx-2026-12-07.csv"'
    )


def test_it_falls_back_to_the_athletes_number_when_no_letter_is_safe(coach_client, athlete):
    athlete.first_name, athlete.username = "李", "李"
    athlete.save(update_fields=["first_name", "username"])
    response = coach_client.get(sets_url(athlete))
    assert response["Content-Disposition"] == (
        f'attachment; filename="sets-athlete-{athlete.pk}-2026-12-07.csv"'
    )


@pytest.mark.parametrize("url", [sets_url, strength_tests_url])
def test_it_keeps_an_export_out_of_shared_caches(coach_client, athlete, url):
    response = coach_client.get(url(athlete))
    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


def test_the_tests_export_uses_words_and_adds_n_per_kg_and_the_imbalance(
    coach_client, coach, athlete
):
    StrengthTest.objects.create(
        athlete=athlete,
        on_date=date(2026, 11, 2),
        phase="in_season",
        method="nordbord",
        left=300,
        right=270,
        body_mass_kg=80,
        entered_by=coach,
    )
    StrengthTest.objects.create(
        athlete=athlete,
        on_date=date(2026, 11, 9),
        phase="preseason_start",
        method="breakpoint",
        left=42,
        entered_by=coach,
    )
    header, *rows = rows_of(coach_client.get(strength_tests_url(athlete)))
    assert header == [
        "athlete",
        "date",
        "phase",
        "method",
        "left",
        "right",
        "unit",
        "body mass (kg)",
        "left (N/kg)",
        "right (N/kg)",
        "imbalance (%)",
        "note",
    ]
    assert rows == [
        [
            "Alex",
            "2026-11-02",
            "In season",
            "NordBord",
            "300.0",
            "270.0",
            "N",
            "80.0",
            "3.8",
            "3.4",
            "10",
            "",
        ],
        [
            "Alex",
            "2026-11-09",
            "Start of pre-season",
            "Break-point angle",
            "42.0",
            "",
            "degrees",
            "",
            "",
            "",
            "",
            "",
        ],
    ]


def test_an_extra_set_has_no_target(coach_client, library, coach, athlete):
    nordic = Program.objects.library().get(slug="band-assisted-nordic")
    assignment = program_assign(
        template=nordic, athlete=athlete, start_date=date(2026, 12, 7), by=coach
    )
    workout = Workout.objects.filter(week__program=assignment.program).order_by("day").first()
    prescription = workout.prescriptions.get()
    log = workout_start(
        athlete=athlete, assignment=assignment, workout=workout, today=date(2026, 12, 7)
    )
    green = Band.objects.get(name="Green")
    for number in range(1, prescription.sets + 2):  # every prescribed set and one more
        set_log(
            workout_log=log,
            token=uuid.uuid4(),
            exercise_id=prescription.exercise_id,
            prescription=prescription,
            set_number=number,
            reps=4,
            band=green,
        )
    workout_finish(workout_log=log, rpe=7, pain=0)
    header, *rows = rows_of(coach_client.get(sets_url(athlete)))
    target = header.index("target reps")
    assert [row[target] for row in rows] == [
        *(str(prescription.target_for_set(n)) for n in range(1, prescription.sets + 1)),
        "",
    ]


def test_the_programs_json_export_is_kept_out_of_shared_caches(coach_client, coach):
    program = program_create(owner=coach, title="Pre-season")
    response = coach_client.get(f"/programs/{program.pk}/export.json")
    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives

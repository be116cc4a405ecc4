"""An athlete's sets exported as CSV from the athlete page: a header and a row per set with the
coach's comments, formulas kept out of spreadsheets, the same queries however many sets."""

import csv
import io

import pytest

from programs.models import Program
from tests.coaching.athletes import log_workout, workouts_of

pytestmark = pytest.mark.usefixtures("frozen_clock")


# CSV export


def export_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_export_has_a_header_and_a_row_per_set(coach_client, athlete, first_log):
    response = coach_client.get(f"/coach/athletes/{athlete.pk}/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="sets-alex-2026-10-20.csv"'
    header, *rows = export_rows(response)
    assert header == [
        "athlete",
        "date",
        "program",
        "workout",
        "exercise",
        "set",
        "side",
        "reps",
        "seconds",
        "band",
        "band tension (kg)",
        "control",
        "break angle",
        "target reps",
        "target seconds",
        "RPE",
        "set note",
        "session RPE",
        "pain",
        "session notes",
        "coach's comments",
    ]
    assert rows == [
        [
            "Alex",
            "2026-10-01",
            "Band-assisted Nordic, 10 weeks",
            "Nordic session",
            "Band-assisted Nordic curl",
            str(number),
            "both",
            "5",
            "",
            "Green",
            "23-57",
            "full",
            "",
            "5",
            "",
            "7",
            "",
            "7",
            "1",
            "Felt strong",
            "",
        ]
        for number in (1, 2)
    ]


def test_the_export_carries_the_coachs_comments(coach_client, coach, athlete, first_log):
    coach_client.post(f"/coach/logs/{first_log.pk}/comments/", {"body": "=Nice depth"})
    rows = export_rows(coach_client.get(f"/coach/athletes/{athlete.pk}/export.csv"))
    assert rows[1][-1] == "coach: =Nice depth"


def test_the_export_keeps_formulas_out_of_spreadsheets(coach_client, athlete, first_log):
    Program.objects.filter(pk=first_log.assignment.program_id).update(title="=HYPERLINK(1)")
    rows = export_rows(coach_client.get(f"/coach/athletes/{athlete.pk}/export.csv"))
    assert rows[1][2] == "'=HYPERLINK(1)"


def test_the_export_runs_the_same_queries_however_many_sets(
    coach_client, athlete, assignment, django_assert_max_num_queries
):
    for workout in workouts_of(assignment)[:8]:
        log_workout(assignment, workout)
    with django_assert_max_num_queries(5):  # user, athlete, audit row, comments, sets
        rows = export_rows(coach_client.get(f"/coach/athletes/{athlete.pk}/export.csv"))
    assert len(rows) > 20


def test_the_export_requires_login(client, athlete):
    assert client.get(f"/coach/athletes/{athlete.pk}/export.csv").status_code == 302


def test_the_export_is_for_coaches(athlete_client, athlete):
    assert athlete_client.get(f"/coach/athletes/{athlete.pk}/export.csv").status_code == 403


def test_another_coachs_athlete_cannot_be_exported(client, other_coach, athlete):
    client.force_login(other_coach)
    assert client.get(f"/coach/athletes/{athlete.pk}/export.csv").status_code == 404

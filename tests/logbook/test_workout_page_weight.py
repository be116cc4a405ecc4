"""The workout page's weight on the wire: a phone in a basement downloads it gzipped (Django's
GZipMiddleware), under 12 KB for a normal Nordic session and under 30 KB for 14 exercises
(docs/design.md, "Budgets"). The bench's two pages are measured here as the bench builds them."""

import gzip
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from catalogue.models import BandRole, Exercise
from programs.assignments import program_assign
from programs.models import Prescription, Program, Workout
from programs.services import band_rule_set, program_create, week_add
from tests.bench.seed import NORDIC, middle_band, nearest_workout, target

pytestmark = pytest.mark.usefixtures("library")

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}  # as a phone's browser asks


def weigh(client, workout) -> tuple[int, int, str]:
    """The page's size gzipped (as sent) and decompressed, and its text."""
    response = client.get(f"/workouts/{workout.pk}/", **GZIP)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert html.rstrip().endswith("</html>")
    assert workout.title in html
    return len(response.content), len(html.encode()), html


def test_a_nordic_session_is_under_12_kb_gzipped(athlete_client, athlete, coach):
    """The library's band-assisted Nordic program in its sixth week, as the bench's typical
    athlete has it."""
    nordic = Program.objects.library().get(slug=NORDIC)
    program_assign(
        template=nordic,
        athlete=athlete,
        start_date=timezone.localdate() - timedelta(weeks=5),
        by=coach,
    )
    workout = nearest_workout(athlete.username, timezone.localdate())
    sent, plain, html = weigh(athlete_client, workout)
    assert "Band-assisted Nordic" in html
    assert sent < 12_000, f"Nordic session: {sent:,} bytes gzipped, {plain:,} uncompressed"


def fourteen_exercises(coach) -> Program:
    """One workout on day 1 prescribing one set of each of 14 published exercises, built as the
    bench's program is (per side when unilateral, the middle band and a band rule when banded)."""
    program = program_create(owner=coach, title="Everything", summary="Fourteen exercises.")
    workout = Workout.objects.create(week=week_add(program=program), day=1, title="Everything")
    exercises = list(Exercise.objects.filter(is_published=True).order_by("name")[:14])
    band = middle_band()
    for order, exercise in enumerate(exercises, start=1):
        banded = exercise.band_role != BandRole.NONE
        Prescription.objects.create(
            workout=workout,
            exercise=exercise,
            order=order,
            sets=1,
            per_side=exercise.unilateral,
            band=band if banded else None,
            **target(exercise),
        )
        if banded:
            band_rule_set(program=program, exercise=exercise, start_band=band)
    return program


def test_a_workout_of_14_exercises_is_under_30_kb_gzipped(athlete_client, athlete, coach):
    program_assign(
        template=fourteen_exercises(coach),
        athlete=athlete,
        start_date=timezone.localdate(),
        by=coach,
    )
    workout = nearest_workout(athlete.username, timezone.localdate())
    sent, plain, html = weigh(athlete_client, workout)
    assert html.count('class="card exercise-card"') == 14
    assert sent < 30_000, f"14 exercises: {sent:,} bytes gzipped, {plain:,} uncompressed"


def test_a_client_that_asks_for_no_compression_gets_the_page_plain(athlete_client, athlete, coach):
    nordic = Program.objects.library().get(slug=NORDIC)
    program_assign(template=nordic, athlete=athlete, start_date=timezone.localdate(), by=coach)
    workout = nearest_workout(athlete.username, timezone.localdate())
    response = athlete_client.get(f"/workouts/{workout.pk}/")
    assert not response.has_header("Content-Encoding")
    assert workout.title in response.text


def test_what_answers_breach_is_there(athlete_client, athlete, coach):
    """BREACH reads a secret out of compressed lengths over many requests: each gzipped page
    carries Django's random padding (a file name of 0-99 bytes in the gzip header, flagged
    FNAME), and the CSRF token in it is masked afresh for each request."""
    nordic = Program.objects.library().get(slug=NORDIC)
    program_assign(template=nordic, athlete=athlete, start_date=timezone.localdate(), by=coach)
    workout = nearest_workout(athlete.username, timezone.localdate())
    pages = [athlete_client.get(f"/workouts/{workout.pk}/", **GZIP) for _ in range(2)]
    tokens = set()
    for page in pages:
        assert page.content[:2] == b"\x1f\x8b" and page.content[3] & gzip.FNAME
        html = gzip.decompress(page.content).decode()
        tokens |= set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
    assert len(tokens) == 2

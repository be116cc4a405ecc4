"""`{% workout_day %}` and `{% today_card %}` (`logbook.pages.today_card`) write the same HTML,
byte for byte, as the templates they replaced: those are kept verbatim in
tests/logbook/today_before/ and rendered with the same values, escaping included."""

from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import engines

from catalogue.models import BandRole, Exercise
from logbook.pages.today_card import today_card, workout_day
from programs.models import Prescription
from programs.schedule import WorkoutDay

BEFORE = Path(__file__).parent / "today_before"
OLD_DAY = (BEFORE / "workout_day.html").read_text()
OLD_CARD = (
    (BEFORE / "today_workout.html")
    .read_text()
    .replace(
        '{% include "components/workout_day.html" with day=item.when %}',
        "{% with day=item.when %}" + OLD_DAY + "{% endwith %}",
    )
)
TODAY = date(2026, 12, 8)

DAYS = [
    WorkoutDay(on=date(2026, 12, 8)),
    WorkoutDay(on=date(2026, 12, 9), scheduled_for=date(2026, 12, 7), done=True),
    WorkoutDay(on=date(2025, 12, 30)),  # last year: the year shows
    WorkoutDay(on=date(2027, 1, 2), scheduled_for=date(2026, 12, 31), done=True),
]


def old(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


@pytest.fixture(autouse=True)
def december_2026(time_machine):
    time_machine.move_to("2026-12-08 09:00Z", tick=False)


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_a_day_is_written_as_the_template_wrote_it(day):
    assert workout_day(day, this_year=2026) == old(OLD_DAY, day=day)


def prescription(name: str, role: str, **dose) -> Prescription:
    exercise = Exercise(name=name, band_role=role)
    return Prescription(exercise=exercise, sets=dose.pop("sets", 3), **dose)


def item(*, started: bool, when: WorkoutDay, occurrence: int, exercises: list):
    week = SimpleNamespace(label="Maintenance" if occurrence > 1 else "Week 2")
    return SimpleNamespace(
        workout=SimpleNamespace(pk=41, title='Nordics & "hinges" <day 1>', week=week),
        assignment=SimpleNamespace(program=SimpleNamespace(title="Kev's block")),
        occurrence=occurrence,
        started=started,
        when=when,
        exercises=exercises,
    )


GREEN = SimpleNamespace(name="Green", hex="#2e7d32")
EXERCISES = [
    (prescription("Band-assisted Nordic", BandRole.ASSIST, set_reps=[12, 10, 8]), GREEN),
    (prescription("Nordic", BandRole.ASSIST, reps_min=4, reps_max=6), None),
    (prescription("Isometric hold <30 s>", BandRole.NONE, sets=2, seconds=30), None),
    (prescription("Banded curl", BandRole.RESIST, reps_min=10, per_side=True), GREEN),
]


@pytest.mark.parametrize(
    "card",
    [
        item(started=False, when=DAYS[0], occurrence=1, exercises=EXERCISES),
        item(started=True, when=DAYS[1], occurrence=1, exercises=EXERCISES[:1]),
        item(started=False, when=DAYS[3], occurrence=3, exercises=[]),
    ],
    ids=["due today", "begun, done late", "a repeating week's third, nothing listed"],
)
def test_a_card_is_written_as_the_template_wrote_it(card):
    written = today_card(card, today=TODAY, this_year=2026)
    assert written == old(OLD_CARD, item=card, today=TODAY)
    assert "&lt;day 1&gt;" in written and "Kev&#x27;s block" in written  # escaped

"""The return-to-play changes reach a database whose library was loaded before them (migration
0015): the back-to-running stage joins a library copy that still has the three L-protocol stages,
and the texts still in their earlier wording (summary, goal, the Diver's and Glider's notes) take
the new one. An admin's own edit stays, and the athletes' assigned copies are left alone."""

import importlib
from datetime import date

import pytest
from django.apps import apps

from programs import library
from programs.assignments import program_assign
from programs.models import Prescription, Program, StageGate, Workout

migration = importlib.import_module("programs.migrations.0015_return_to_play_running")
SLUG = "return-to-play-l-protocol"


@pytest.fixture
def loaded_before(library) -> Program:
    """The library program as a database loaded before this round holds it."""
    program = Program.objects.library().get(slug=SLUG)
    program.weeks.get(number=4).delete()
    Program.objects.filter(pk=program.pk).update(
        summary=migration.SUMMARY[0], goal=migration.GOAL[0]
    )
    for slug, (earlier, _) in migration.NOTES.items():
        Prescription.objects.filter(workout__week__program=program, exercise__slug=slug).update(
            notes=earlier
        )
    return program


def running_stage(program) -> list[tuple]:
    gates = StageGate.objects.filter(week__program=program, week__number=4)
    runs = Workout.objects.filter(week__program=program, week__number=4).order_by("day")
    return [
        *gates.values_list("week__focus", "min_sessions", "pain_max", "requires_h_test"),
        *runs.values_list("day", "title", "notes"),
    ]


def test_the_running_stage_and_the_new_texts_reach_an_earlier_library(loaded_before):
    migration.forward(apps, None)

    program = Program.objects.get(pk=loaded_before.pk)
    assert (program.summary, program.goal) == (migration.SUMMARY[1], migration.GOAL[1])
    assert running_stage(program) == [
        ("Back to running", 3, 2, True),
        *((day, "Run", library.RUN) for day in library.RUN_DAYS),
    ]
    for slug, (_, notes) in migration.NOTES.items():
        rows = Prescription.objects.filter(workout__week__program=program, exercise__slug=slug)
        assert set(rows.values_list("notes", flat=True)) == {notes}


def test_running_it_again_adds_nothing(loaded_before):
    migration.forward(apps, None)
    counts = [model.objects.count() for model in (StageGate, Workout, Prescription)]
    migration.forward(apps, None)
    assert [model.objects.count() for model in (StageGate, Workout, Prescription)] == counts


def test_an_admins_edits_and_the_athletes_copies_stay(loaded_before, athlete, coach):
    copy = program_assign(
        template=loaded_before, athlete=athlete, start_date=date(2026, 10, 5), by=coach
    )
    Program.objects.filter(pk=loaded_before.pk).update(goal="Our physio's own words.")

    migration.forward(apps, None)

    assert Program.objects.get(pk=loaded_before.pk).goal == "Our physio's own words."
    assert copy.program.weeks.count() == 3 and running_stage(copy.program) == []


def test_a_library_copy_whose_stages_were_changed_gets_no_running_stage(loaded_before):
    loaded_before.weeks.filter(number=3).update(focus="Our own third stage")
    migration.forward(apps, None)
    assert running_stage(loaded_before) == []


def test_the_reverse_takes_the_running_stage_and_the_texts_back(loaded_before):
    migration.forward(apps, None)
    migration.backward(apps, None)
    program = Program.objects.get(pk=loaded_before.pk)
    assert (program.summary, program.goal) == (migration.SUMMARY[0], migration.GOAL[0])
    assert program.weeks.count() == 3


def test_the_new_wording_is_the_librarys_own():
    spec = library.RETURN_TO_PLAY
    assert (migration.SUMMARY[1], migration.GOAL[1]) == (spec["summary"], spec["goal"])
    new_notes = {slug: notes for slug, (_, notes) in migration.NOTES.items()}
    assert new_notes == {
        library.DIVER: library.DIVER_RX["notes"],
        library.GLIDER: library.GLIDER_RX["notes"],
    }
    [running] = [week for week in spec["weeks"] if week["number"] == 4]
    assert running["focus"] == migration.RUNNING_FOCUS
    assert running["gate"] == migration.RUNNING_GATE
    assert [(w["day"], w["title"], w["notes"]) for w in running["workouts"]] == [
        (day, migration.RUN_TITLE, migration.RUN_NOTES) for day in migration.RUN_DAYS
    ]

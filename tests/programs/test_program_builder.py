"""The one writer of a program's structure (`programs.structure`): it writes the whole of a
spec, a program comes out the same whichever way it arrives (a copy, a file, the library), and
building or copying one costs the same queries for 2 weeks as for 12."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import Band, Exercise
from programs import services
from programs.library import LIBRARY
from programs.models import Prescription, Program, StageGate, StructureVersion, Workout
from programs.sharing import program_import, program_to_dict, program_to_json, read_program_file
from programs.structure import program_build

NORDIC = "band-assisted-nordic-curl"
PRONE_CURL = "banded-prone-leg-curl"
CURL_HOLD = "banded-isometric-leg-curl-hold"
GATE = {"min_sessions": 4, "pain_max": 2, "test_min_symmetry": 90, "requires_h_test": True}


def a_spec(weeks: int) -> dict:
    """A program of every kind of part: a stage, a deload, a maintenance phase, a placed
    workout, each kind of target, bands and band rules."""
    nordic, hold, curl = (
        Exercise.objects.get(slug=slug) for slug in (NORDIC, CURL_HOLD, PRONE_CURL)
    )
    purple, black = Band.objects.get(name="Purple"), Band.objects.get(name="Black")
    nordics = {
        "day": 1,
        "match_day": None,
        "title": "Nordics",
        "notes": "Slowly.",
        "prescriptions": [
            {"exercise": nordic, "sets": 3, "set_reps": [6, 5, 4], "band": purple, "tempo": "30X0"},
            {"exercise": hold, "sets": 2, "seconds": 30, "per_side": True, "rpe_target": 7},
        ],
    }
    curls = {
        "day": 4,
        "match_day": -4,
        "title": "Curls",
        "notes": "",
        "prescriptions": [
            {"exercise": curl, "sets": 3, "reps_min": 8, "reps_max": 12, "band": black},
        ],
    }
    return {
        "title": "Spring block",
        "slug": "spring-block",
        "summary": "Nordics and curls.",
        "goal": "Stronger hamstrings by the first match.",
        "weeks": [
            {
                "number": number,
                "focus": f"Week {number}",
                "is_deload": number == 2,
                "is_maintenance": number == weeks,
                "gate": GATE if number == 1 else None,
                "workouts": [nordics, curls],
            }
            for number in range(1, weeks + 1)
        ],
        "band_rules": [
            {"exercise": nordic, "mode": "earned", "start_band": purple, "hold_until_week": 2},
            {"exercise": curl, "mode": "scheduled", "start_band": black, "coach_approves": True},
        ],
    }


def test_it_writes_the_whole_structure_of_a_spec(coach):
    program = program_build(spec=a_spec(weeks=3), owner=coach, is_template=True)

    program.refresh_from_db()
    assert (program.owner, program.is_template, program.source) == (coach, True, None)
    assert (program.title, program.slug, program.summary, program.goal) == (
        "Spring block",
        "spring-block",
        "Nordics and curls.",
        "Stronger hamstrings by the first match.",
    )
    assert list(program.weeks.values_list("number", "focus", "is_deload", "is_maintenance")) == [
        (1, "Week 1", False, False),
        (2, "Week 2", True, False),
        (3, "Week 3", False, True),
    ]
    gates = StageGate.objects.filter(week__program=program)
    assert list(gates.values("week__number", *GATE)) == [{"week__number": 1, **GATE}]
    workouts = Workout.objects.filter(week__program=program).order_by("week__number", "day")
    assert list(workouts.values_list("week__number", "day", "match_day", "title", "notes")) == [
        (number, *workout)
        for number in (1, 2, 3)
        for workout in ((1, None, "Nordics", "Slowly."), (4, -4, "Curls", ""))
    ]
    week_1 = Prescription.objects.filter(workout__week__program=program, workout__week__number=1)
    assert list(
        week_1.order_by("workout__day", "order").values_list(
            "workout__day",
            "order",
            "exercise__slug",
            "sets",
            "reps_min",
            "reps_max",
            "set_reps",
            "seconds",
            "per_side",
            "tempo",
            "rest_seconds",
            "rpe_target",
            "band__name",
        )
    ) == [
        (1, 1, NORDIC, 3, None, None, [6, 5, 4], None, False, "30X0", 90, None, "Purple"),
        (1, 2, CURL_HOLD, 2, None, None, [], 30, True, "", 90, 7, None),
        (4, 1, PRONE_CURL, 3, 8, 12, [], None, False, "", 90, None, "Black"),
    ]
    assert Prescription.objects.filter(workout__week__program=program).count() == 9
    rules = program.band_rules.order_by("exercise__slug").values_list(
        "exercise__slug", "mode", "start_band__name", "hold_until_week", "coach_approves"
    )
    assert list(rules) == [
        (NORDIC, "earned", "Purple", 2, False),
        (PRONE_CURL, "scheduled", "Black", 0, True),
    ]
    # PostgreSQL's triggers saw the bulk inserts: a process keeping the structure re-reads it.
    assert StructureVersion.objects.filter(program_id=program.pk).exists()


def test_it_keeps_an_order_the_spec_gives_and_counts_from_1_where_it_gives_none(coach):
    """A copy keeps each prescription's order as it was (gaps left by a deletion included);
    a file or the library numbers them as listed."""
    spec = a_spec(weeks=1)
    first, second = spec["weeks"][0]["workouts"][0]["prescriptions"]
    spec["weeks"][0]["workouts"][0]["prescriptions"] = [
        {**first, "order": 2},
        {**second, "order": 5},
    ]

    program = program_build(spec=spec, owner=coach, is_template=True)

    orders = Prescription.objects.filter(workout__week__program=program).order_by("workout__day")
    assert list(orders.values_list("workout__day", "order")) == [(1, 2), (1, 5), (4, 1)]


def test_a_copy_names_its_source_and_the_owner_and_title_it_is_given(coach, other_coach):
    template = program_build(spec=a_spec(weeks=2), owner=coach, is_template=True)

    copy = services.program_copy(
        program=template, owner=other_coach, is_template=False, title="Spring block for Alex"
    )

    assert (copy.owner, copy.is_template, copy.source) == (other_coach, False, template)
    assert (copy.title, copy.slug) == ("Spring block for Alex", "spring-block")
    assert program_to_dict(copy) == {**program_to_dict(template), "title": "Spring block for Alex"}


@pytest.mark.parametrize("slug", [spec["slug"] for spec in LIBRARY])
def test_the_library_the_import_and_the_copy_build_the_same_program(library, coach, slug):
    library = Program.objects.library().get(slug=slug)
    text = program_to_json(library)

    imported = program_import(data=read_program_file(text.encode()), owner=coach)
    copy = services.program_copy(program=library, owner=coach)

    assert program_to_dict(library) == program_to_dict(imported) == program_to_dict(copy)
    assert library.weeks.exists() and imported.pk != copy.pk != library.pk
    assert (imported.source, copy.source) == (None, library)


def test_a_coachs_program_survives_the_import_and_the_copy_unchanged(coach):
    """What the library has none of: a placed workout, a maintenance phase, an H-test gate."""
    program = program_build(spec=a_spec(weeks=3), owner=coach, is_template=False)
    text = program_to_json(program)

    imported = program_import(data=read_program_file(text.encode()), owner=coach)
    copy = services.program_copy(program=program, owner=coach)

    assert program_to_dict(program) == program_to_dict(imported) == program_to_dict(copy)


def test_a_duplicated_stage_keeps_its_gate_and_is_never_a_second_maintenance_phase(coach):
    program = program_build(spec=a_spec(weeks=2), owner=coach, is_template=True)

    stage = services.week_duplicate(week=program.weeks.get(number=1))
    phase = services.week_duplicate(week=program.weeks.get(is_maintenance=True))

    assert (stage.number, phase.number) == (2, 4)
    gates = StageGate.objects.filter(week__program=program).order_by("week__number")
    assert list(gates.values_list("week__number", flat=True)) == [1, 2]
    assert list(program.weeks.values_list("number", "is_maintenance")) == [
        (1, False),
        (2, False),
        (3, True),
        (4, False),
    ]
    assert program.weeks.get(number=2).workouts.count() == 2


# Six inserts (the program, its weeks, gates, workouts, prescriptions and band rules) inside a
# savepoint, however long the program. A copy first reads the source (its weeks with their
# gates, the workouts, the prescriptions, the band rules), inside a savepoint of its own.
BUILD_QUERIES = 6 + 2
COPY_QUERIES = 4 + 2 + BUILD_QUERIES


def test_building_a_program_costs_the_same_queries_for_2_weeks_and_12(
    coach, django_assert_num_queries
):
    short, long = a_spec(weeks=2), a_spec(weeks=12)
    assert coach.seat  # as a request's user comes with it (the program is the seat's club's)
    with django_assert_num_queries(BUILD_QUERIES):
        program_build(spec=short, owner=coach, is_template=True)
    with django_assert_num_queries(BUILD_QUERIES):
        built = program_build(spec=long, owner=coach, is_template=True)
    assert built.weeks.count() == 12
    assert Prescription.objects.filter(workout__week__program=built).count() == 36


def test_copying_a_program_costs_the_same_queries_for_2_weeks_and_12(coach):
    short = program_build(spec=a_spec(weeks=2), owner=coach, is_template=True)
    long = program_build(spec=a_spec(weeks=12), owner=coach, is_template=True)

    counts = []
    for program in (short, long):
        with CaptureQueriesContext(connection) as queries:
            copy = services.program_copy(program=program, owner=coach, is_template=False)
        counts.append(len(queries))
        assert program_to_dict(copy) == program_to_dict(program)
    assert counts == [COPY_QUERIES, COPY_QUERIES]

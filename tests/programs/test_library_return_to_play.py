"""The library's return-to-play program: Askling's L-protocol in three gated stages, then back to
running with the H-test, each a week that repeats until its gate holds and the coach signs it
off."""

from collections import defaultdict

import pytest

from catalogue import seed
from catalogue.models import Exercise
from catalogue.services import load_catalogue
from programs.library import LIBRARY, week, workout
from programs.library_load import load_library
from programs.models import BandRule, Prescription, Program, ProgramWeek, StageGate, Workout

SLUG = "return-to-play-l-protocol"
EXTENDER, DIVER, GLIDER = "the-extender", "the-diver", "the-glider"
EVERY_DAY = list(range(1, 8))


@pytest.fixture
def program(library) -> Program:
    return Program.objects.library().get(slug=SLUG)


def days_with(program: Program, stage: int, exercise: str) -> dict[int, list[str]]:
    """day: the titles of the stage's workouts that prescribe the exercise."""
    found = defaultdict(list)
    prescriptions = Prescription.objects.filter(
        workout__week__program=program, workout__week__number=stage, exercise__slug=exercise
    ).select_related("workout")
    for rx in prescriptions.order_by("workout__day", "workout_id"):
        found[rx.workout.day].append(rx.workout.title)
    return dict(found)


def volumes(program: Program, exercise: str) -> set[str]:
    prescriptions = Prescription.objects.filter(
        workout__week__program=program, exercise__slug=exercise
    )
    return {rx.volume_text() for rx in prescriptions}


def test_three_l_protocol_stages_then_back_to_running(program):
    stages = list(program.weeks.select_related("gate"))
    assert [(stage.number, stage.focus) for stage in stages] == [
        (1, "The Extender"),
        (2, "Add the Diver"),
        (3, "Add the Glider"),
        (4, "Back to running"),
    ]
    gates = [
        (gate.min_sessions, gate.pain_max, gate.test_min_symmetry, gate.requires_h_test)
        for gate in (stage.gate for stage in stages)
    ]
    # Three runs, as many as the pain criterion reads; the symmetry test is the coach's to add.
    assert gates == [(10, 2, None, False)] * 3 + [(3, 2, None, True)]
    for stage in stages:
        assert not stage.is_maintenance and not stage.is_deload
        stage.gate.full_clean()


def test_back_to_running_is_running_as_set_by_the_physio_or_coach(program):
    """No dose the sources do not give: no distances or speeds, no L-protocol exercise."""
    runs = list(Workout.objects.filter(week__program=program, week__number=4))
    assert [(run.day, run.title) for run in runs] == [(1, "Run"), (3, "Run"), (5, "Run")]
    for run in runs:
        assert not run.prescriptions.exists()
        assert "Run as your physio or coach sets it" in run.notes
        assert "H-test" in run.notes and "Today" in run.notes


def test_stage_one_is_the_extender_morning_and_evening_every_day(program):
    workouts = list(Workout.objects.filter(week__program=program, week__number=1))
    assert len(workouts) == 14
    assert [workout.day for workout in workouts] == [day for day in EVERY_DAY for _ in (1, 2)]
    assert [workout.title for workout in workouts[:2]] == ["Extender, morning", "Extender, evening"]
    for session in workouts:
        (rx,) = session.prescriptions.select_related("exercise")
        assert rx.exercise.slug == EXTENDER
        assert rx.volume_text() == "3 x 12"  # the injured leg only, so not per side
        assert rx.band is None
        assert "pain-free" in session.notes


def test_every_stage_keeps_the_extender_twice_a_day(program):
    for stage in (1, 2, 3):
        extender = days_with(program, stage, EXTENDER)
        assert list(extender) == EVERY_DAY
        assert all(
            len(titles) == 2 and titles[1] == "Extender, evening" for titles in extender.values()
        )
    assert volumes(program, EXTENDER) == {"3 x 12"}


def test_the_diver_comes_in_at_stage_two_every_other_day_in_the_morning(program):
    assert days_with(program, 1, DIVER) == {}
    for stage in (2, 3):
        diver = days_with(program, stage, DIVER)
        assert list(diver) == [1, 3, 5]
        assert all(len(titles) == 1 and titles[0].endswith("morning") for titles in diver.values())
    assert volumes(program, DIVER) == {"3 x 6"}
    monday = Workout.objects.get(
        week__program=program, week__number=2, day=1, title__contains="Diver"
    )
    assert monday.title == "Extender and Diver, morning"
    assert "two days off" in monday.notes


def test_the_glider_comes_in_at_stage_three_about_every_third_day(program):
    assert days_with(program, 1, GLIDER) == days_with(program, 2, GLIDER) == {}
    glider = days_with(program, 3, GLIDER)
    assert glider == {
        1: ["Extender, Diver and Glider, morning"],
        4: ["Extender and Glider, morning"],
    }
    assert volumes(program, GLIDER) == {"3 x 4"}
    thursday = Workout.objects.get(
        week__program=program, week__number=3, day=4, title__contains="Glider"
    )
    assert "about every third day" in thursday.notes


def test_no_band_and_no_band_rules(program):
    prescriptions = Prescription.objects.filter(workout__week__program=program)
    assert prescriptions.count() == 3 * 14 + 2 * 3 + 2  # Extenders, Divers, Gliders
    assert not prescriptions.filter(band__isnull=False).exists()
    assert not BandRule.objects.filter(program=program).exists()


def test_the_text_is_honest_about_the_trials_and_the_defaults(program):
    assert "L-protocol" in program.summary and "2/10" in program.summary
    goal = program.goal
    assert "28 days" in goal and "51" in goal  # footballers, 2013
    assert "49 days" in goal and "86" in goal  # sprinters and jumpers, 2014
    assert "not a number from the trials" in goal
    assert "coach's call" in goal and "not the app's" in goal
    assert "H-test" in goal and "no insecurity" in goal
    assert "as your physio or coach sets it" in goal


def test_loading_twice_duplicates_no_stage_and_no_gate(program):
    models = (Program, ProgramWeek, StageGate, Workout, Prescription)
    counts = [model.objects.count() for model in models]

    load_library()

    assert [model.objects.count() for model in models] == counts
    assert StageGate.objects.filter(week__program__slug=SLUG).count() == 4


def test_a_deleted_program_comes_back_with_its_gates(program):
    program.delete()
    assert not StageGate.objects.filter(week__program__slug=SLUG).exists()

    load_library()

    gates = StageGate.objects.filter(week__program__slug=SLUG, week__program__owner=None)
    assert sorted(gates.values_list("week__number", flat=True)) == [1, 2, 3, 4]


def test_only_the_return_to_play_program_has_gates(library):
    gated = set(StageGate.objects.values_list("week__program__slug", flat=True))
    assert gated == {SLUG}
    assert [spec["slug"] for spec in LIBRARY if any(w["gate"] for w in spec["weeks"])] == [SLUG]


def test_a_week_spec_takes_a_gate_and_sessions_of_their_own():
    own = workout(2, "Own session", {"exercise": EXTENDER}, notes="Read me")
    spec = week(1, "Stage", [(1, "Shared"), own], {"exercise": DIVER}, gate={"pain_max": 1})
    assert spec["gate"] == {"pain_max": 1}
    shared, mine = spec["workouts"]
    assert (shared["day"], shared["prescriptions"], shared["notes"]) == (
        1,
        ({"exercise": DIVER},),
        "",
    )
    assert (mine["day"], mine["prescriptions"], mine["notes"]) == (
        2,
        ({"exercise": EXTENDER},),
        "Read me",
    )


# Range first, then speed (Askling 2013): the Diver and the Glider


@pytest.mark.parametrize(("slug", "movement"), [(DIVER, "dive"), (GLIDER, "slide")])
def test_the_diver_and_glider_cues_widen_the_range_before_the_speed(catalogue, slug, movement):
    """The athlete first goes further, slowly; faster only once the whole range is pain-free."""
    exercise = Exercise.objects.get(slug=slug)
    cues = exercise.cues.splitlines()
    range_first = next(i for i, cue in enumerate(cues) if cue.startswith("Range first"))
    speed_after = next(i for i, cue in enumerate(cues) if cue.startswith("Speed after"))
    assert range_first < speed_after
    assert "slowly" in cues[range_first]
    assert f"once the full range is pain-free, {movement} a little faster" in cues[speed_after]
    assert "before the full range is pain-free" in exercise.mistakes


@pytest.mark.parametrize(
    ("slug", "field"),
    [(DIVER, "cues"), (DIVER, "mistakes"), (GLIDER, "cues"), (GLIDER, "mistakes")],
)
def test_a_database_seeded_with_the_old_cues_gets_range_then_speed(catalogue, slug, field):
    """A row seeded before `seeded` was kept holds the earlier wording: the load corrects it."""
    Exercise.objects.filter(slug=slug).update(seeded={}, **{field: seed.PREVIOUS[slug][field]})
    load_catalogue()
    [fields] = [fields for fields in seed.EXERCISES if fields["slug"] == slug]
    assert getattr(Exercise.objects.get(slug=slug), field) == fields[field]
    assert "full range is pain-free" in fields[field]


def test_the_stage_notes_say_range_first_then_speed(program):
    for slug in (DIVER, GLIDER):
        notes = {
            rx.notes
            for rx in Prescription.objects.filter(
                workout__week__program=program, exercise__slug=slug
            )
        }
        assert len(notes) == 1, slug
        (note,) = notes
        assert "Range first" in note and "full range is pain-free" in note, slug
        assert note.index("slowly") < note.index("faster")

"""The library programs: the published Nordic table, schedules, band rules, and the loader."""

from collections import defaultdict

import pytest

from catalogue.models import Band, Exercise
from programs.library import LIBRARY
from programs.library_load import load_library
from programs.models import BandRule, Prescription, Program, ProgramWeek, Workout

NORDIC = "band-assisted-nordic-curl"

# Petersen et al. (2011), the Nordic volume the 10-week program follows.
# week: (sessions that week, lowest reps of the range or None for per-set reps, reps per set)
PUBLISHED_NORDIC_TABLE = {
    1: (1, 5, [5, 5]),
    2: (2, 6, [6, 6]),
    3: (3, 6, [8, 8, 8]),
    4: (3, 8, [10, 10, 10]),
    5: (3, None, [12, 10, 8]),
    6: (3, None, [12, 10, 8]),
    7: (3, None, [12, 10, 8]),
    8: (3, None, [12, 10, 8]),
    9: (3, None, [12, 10, 8]),
    10: (3, None, [12, 10, 8]),
    11: (1, None, [12, 10, 8]),  # maintenance: once a week until the coach ends it
}

EXPECTED_RULES = {
    "band-assisted-nordic": {(NORDIC, "Green")},
    "leg-day-primer": {
        ("banded-prone-leg-curl", "Black"),
        ("band-resisted-romanian-deadlift", "Purple"),
    },
    "desk-worker-reset": {("banded-pull-through", "Black")},
    "runners-resilience": {
        ("standing-single-leg-band-curl", "Red"),
        ("banded-good-morning", "Purple"),
        (NORDIC, "Blue"),
    },
    "in-season-nordic-maintenance": {(NORDIC, "Green")},
}


@pytest.fixture
def nothing_seeded(no_library):
    """Without the catalogue either."""
    Exercise.objects.all().delete()
    Band.objects.all().delete()


def prescriptions_of(slug: str):
    return Prescription.objects.filter(
        workout__week__program__owner__isnull=True, workout__week__program__slug=slug
    ).select_related("exercise", "band", "workout__week")


def volume_by_week(program_slug: str, exercise_slug: str) -> dict[int, str]:
    """'3 x 8-10' for each week; every session of a week must prescribe the same."""
    volumes = defaultdict(set)
    for rx in prescriptions_of(program_slug).filter(exercise__slug=exercise_slug):
        volumes[rx.workout.week.number].add(rx.volume_text())
    assert all(len(texts) == 1 for texts in volumes.values()), volumes
    return {number: texts.pop() for number, texts in sorted(volumes.items())}


def test_the_nordic_program_matches_the_published_table(library):
    program = Program.objects.library().get(slug="band-assisted-nordic")
    session_days = {1: [1], 2: [1, 4], 3: [1, 3, 5]}
    table = {}
    for week in program.weeks.prefetch_related("workouts__prescriptions__exercise"):
        workouts = list(week.workouts.all())
        assert [workout.day for workout in workouts] == session_days[len(workouts)]
        sessions = set()
        for workout in workouts:
            (rx,) = workout.prescriptions.all()
            assert rx.exercise.slug == NORDIC
            assert rx.band.name == "Green"
            assert rx.rpe_target == (8 if week.number >= 3 else None)
            per_set = [rx.target_for_set(number) for number in range(1, rx.sets + 1)]
            sessions.add((rx.reps_min, tuple(per_set)))
        (session,) = sessions  # every session of a week is the same
        table[week.number] = (len(workouts), session[0], list(session[1]))

    assert table == PUBLISHED_NORDIC_TABLE


def test_the_nordic_program_says_how_to_keep_the_gain(library):
    program = Program.objects.library().get(slug="band-assisted-nordic")
    assert "Petersen" in program.summary
    assert "one session a week of 3 x 12/10/8" in program.goal


def test_it_loads_six_library_templates_with_their_weeks(library):
    programs = Program.objects.library()
    assert {program.slug: program.weeks.count() for program in programs} == {
        "band-assisted-nordic": 11,  # 10 weeks, then maintenance
        "leg-day-primer": 4,
        "desk-worker-reset": 4,
        "runners-resilience": 6,
        "in-season-nordic-maintenance": 1,
        "return-to-play-l-protocol": 4,  # three L-protocol stages, then running
    }
    for program in programs:
        assert program.owner is None and program.is_template
        numbers = list(program.weeks.values_list("number", flat=True))
        assert numbers == list(range(1, len(numbers) + 1)), program


def test_every_program_keeps_its_weekly_schedule(library):
    days_by_program = {
        "leg-day-primer": [1, 4],
        "desk-worker-reset": [1, 3, 5],
        "runners-resilience": [2, 5],
    }
    for slug, days in days_by_program.items():
        for week in ProgramWeek.objects.filter(program__slug=slug):
            assert list(week.workouts.values_list("day", flat=True)) == days, (slug, week)


def test_the_other_programs_progress_as_designed(library):
    assert volume_by_week("leg-day-primer", "banded-isometric-leg-curl-hold") == {
        1: "2 x 30 s",
        2: "2 x 30 s",
        3: "2 x 45 s",
        4: "2 x 60 s",
    }
    assert set(volume_by_week("leg-day-primer", "banded-prone-leg-curl").values()) == {"2 x 25"}
    assert volume_by_week("runners-resilience", NORDIC) == {
        1: "3 x 5",
        2: "3 x 5",
        3: "3 x 5",
        4: "3 x 6-8",
        5: "3 x 6-8",
        6: "3 x 6-8",
    }
    assert volume_by_week("desk-worker-reset", "glute-bridge-band-above-knees")[4] == "2 x 12-15"
    deload_weeks = ProgramWeek.objects.filter(program__slug="desk-worker-reset", is_deload=True)
    assert [week.number for week in deload_weeks] == [4]


def test_each_program_has_exactly_its_band_rules(library):
    rules = defaultdict(set)
    for band_rule in BandRule.objects.select_related("program", "exercise", "start_band"):
        rules[band_rule.program.slug].add((band_rule.exercise.slug, band_rule.start_band.name))
        assert band_rule.mode == "earned"
        assert (band_rule.sessions_to_advance, band_rule.min_days_on_band) == (3, 14)
        assert (band_rule.rpe_ceiling, band_rule.pain_stop) == (8, 5)
        # Only the band on a loaded bar waits for the coach's approval of each step on.
        loaded = band_rule.exercise.slug == "band-resisted-romanian-deadlift"
        assert band_rule.coach_approves == loaded
        ten_week_nordic = band_rule.program.slug == "band-assisted-nordic"
        assert band_rule.hold_until_week == (5 if ten_week_nordic else 0)
    assert rules == EXPECTED_RULES


def test_a_band_rule_starts_on_the_band_its_prescriptions_name(library):
    for band_rule in BandRule.objects.select_related("program", "exercise", "start_band"):
        same_exercise = prescriptions_of(band_rule.program.slug).filter(exercise=band_rule.exercise)
        bands = {rx.band for rx in same_exercise}
        assert bands == {band_rule.start_band}, band_rule


def test_only_mobility_drills_the_timed_hold_and_the_bridge_skip_a_band_rule(library):
    """The hold progresses by seconds, the drills and the mini-band bridge do not progress."""
    ruled = {(rule.program_id, rule.exercise_id) for rule in BandRule.objects.all()}
    unruled = {
        rx.exercise.slug
        for slug in EXPECTED_RULES
        for rx in prescriptions_of(slug)
        if rx.exercise.band_role != "none"
        and (rx.workout.week.program_id, rx.exercise_id) not in ruled
    }
    assert unruled == {
        "banded-isometric-leg-curl-hold",
        "supine-active-band-hamstring-stretch",
        "banded-leg-flings",
        "glute-bridge-band-above-knees",
    }


def test_every_prescription_fits_its_exercise(library):
    for slug in EXPECTED_RULES:
        for rx in prescriptions_of(slug):
            exercise = rx.exercise
            assert rx.is_hold == (exercise.dose == "seconds"), rx
            assert rx.per_side == exercise.unilateral, rx
            assert (rx.band is None) == (exercise.band_role == "none"), rx
            if rx.band is not None and rx.band.kind == "mini":
                assert exercise.slug == "glute-bridge-band-above-knees"


def test_prescriptions_are_numbered_in_order_within_each_workout(library):
    for workout in Workout.objects.prefetch_related("prescriptions"):
        orders = [rx.order for rx in workout.prescriptions.all()]
        assert orders == list(range(1, len(orders) + 1)), workout


def test_every_row_passes_full_clean(library):
    """The fields' validators; the database holds the constraints and uniqueness
    (tests/test_migrations_match.py), so asking it again per row and constraint adds nothing."""
    for model in (Program, ProgramWeek, Workout, Prescription, BandRule):
        for row in model.objects.all():
            row.full_clean(validate_unique=False, validate_constraints=False)


def test_loading_again_duplicates_nothing_and_keeps_admin_edits(library):
    Program.objects.filter(slug="leg-day-primer").update(title="Leg day, our way")
    ProgramWeek.objects.filter(program__slug="desk-worker-reset", number=4).delete()
    models = (Program, ProgramWeek, Workout, Prescription, BandRule)
    counts = [model.objects.count() for model in models]

    load_library()

    assert [model.objects.count() for model in models] == counts
    assert Program.objects.get(slug="leg-day-primer").title == "Leg day, our way"
    assert not ProgramWeek.objects.filter(program__slug="desk-worker-reset", number=4).exists()


def test_it_restores_a_deleted_library_program(library):
    Program.objects.filter(slug="runners-resilience").delete()

    load_library()

    assert Program.objects.library().get(slug="runners-resilience").weeks.count() == 6


def test_it_leaves_coach_programs_with_the_same_slug_alone(coach, no_library):
    Program.objects.create(owner=coach, slug="leg-day-primer", title="Cora's leg day")

    load_library()

    assert Program.objects.filter(slug="leg-day-primer").count() == 2
    assert Program.objects.library().get(slug="leg-day-primer").title == "Leg-day primer, 4 weeks"


def test_it_loads_the_catalogue_itself(nothing_seeded):
    load_library()

    assert Program.objects.library().count() == len(LIBRARY) == 6

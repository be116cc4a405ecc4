"""The catalogue and library text a sports scientist corrected (DESIGN.md, "Facts corrected this
round"): each test pins the corrected sentence's key claim and that the wrong one is gone."""

from datetime import date

import pytest

from catalogue import seed
from catalogue.models import Exercise
from catalogue.services import load_catalogue
from logbook.strength import LOW_STRENGTH, Method, Phase, Result, Sport, read
from programs.library import LIBRARY
from programs.models import Program

pytestmark = pytest.mark.usefixtures("catalogue")


def library_goal(slug: str) -> str:
    return next(spec for spec in LIBRARY if spec["slug"] == slug)["goal"]


def seed_fields(slug: str) -> dict:
    return next(fields for fields in seed.EXERCISES if fields["slug"] == slug)


# -- The library's programs ----------------------------------------------------------------------


def test_in_season_maintenance_cites_lacome_for_one_set_and_behan_for_high_then_low(library):
    program = Program.objects.library().get(slug="in-season-nordic-maintenance")
    goal = program.goal
    assert "1 set of 4 Nordics" in goal and "4 sets (Lacome 2020)" in goal
    assert "low volume from the start did not (Behan 2022)" in goal
    assert "Presland 2018" not in goal  # it stopped training: it tested no maintenance dose
    assert "Low volumes kept both" not in goal


def test_the_runners_program_promises_no_fewer_strains():
    goal = library_goal("runners-resilience")
    assert "fewer strains" not in goal
    assert "strain" not in goal.lower() and "injur" not in goal.lower()
    assert "brake the leg before each foot strike" in goal


def test_the_desk_workers_program_says_nothing_of_hamstrings_held_short_by_a_chair():
    spec = next(spec for spec in LIBRARY if spec["slug"] == "desk-worker-reset")
    text = f"{spec['summary']} {spec['goal']}"
    assert "held short" not in text and "chair" not in text and "low back" not in text
    assert "people who sit for much of the day" in spec["summary"]


# -- The catalogue ---------------------------------------------------------------------------------


def test_the_assisted_nordic_warns_that_a_thick_band_can_cancel_a_light_athletes_weight():
    nordic = Exercise.objects.get(slug="band-assisted-nordic-curl")
    cue = next(cue for cue in nordic.cue_list if "last third" in cue)
    assert cue.startswith("Keep braking through the last third")  # the cue stays
    assert "If you are light, a thick band can carry most or all of your weight there" in cue
    assert "5-20% of body mass (Burrows 2020)" in nordic.setup
    assert "helps most there" not in nordic.cues and "control stays yours" not in nordic.cues


def test_the_single_leg_curl_says_nothing_of_hamstrings_that_switch_off():
    curl = Exercise.objects.get(slug="standing-single-leg-band-curl")
    assert "switch off" not in curl.summary
    assert "warm-up" in curl.summary


def test_the_band_resisted_rdl_claims_no_harder_work_for_the_lats():
    rdl = Exercise.objects.get(slug="band-resisted-romanian-deadlift")
    assert "lats must work harder" not in rdl.summary
    assert "work harder" not in rdl.summary
    assert "pulling the bar forward, away from your legs" in rdl.summary


def test_a_row_recorded_with_the_earlier_nordic_cue_gets_the_correction():
    wrong = (
        "Keep braking through the last third: the band helps most there, but the control is yours."
    )
    nordic = Exercise.objects.get(slug="band-assisted-nordic-curl")
    Exercise.objects.filter(pk=nordic.pk).update(
        cues=wrong, seeded={**nordic.seeded, "cues": wrong}
    )
    load_catalogue()
    nordic.refresh_from_db()
    assert nordic.cues == seed_fields("band-assisted-nordic-curl")["cues"]


@pytest.mark.parametrize(
    ("slug", "name"),
    [
        ("standing-single-leg-band-curl", "summary"),
        ("band-resisted-romanian-deadlift", "summary"),
        ("band-assisted-nordic-curl", "cues"),
    ],
)
def test_a_database_seeded_with_the_wrong_text_gets_the_correction(slug, name):
    """A row seeded before `seeded` was kept holds the earlier wording (`seed.PREVIOUS`), and a
    recorded row follows the seed: either way the load writes the correction."""
    corrected = seed_fields(slug)[name]
    Exercise.objects.filter(slug=slug).update(seeded={}, **{name: seed.PREVIOUS[slug][name]})
    load_catalogue()
    assert getattr(Exercise.objects.get(slug=slug), name) == corrected


# -- Strength thresholds --------------------------------------------------------------------------


def test_337_n_applies_to_soccer_at_the_start_of_pre_season_only():
    """Timmins 2016 tested its cohort at the start of pre-season."""
    assert LOW_STRENGTH[(Sport.SOCCER, Phase.PRESEASON_START)].newtons == 337
    assert (Sport.SOCCER, Phase.PRESEASON_END) not in LOW_STRENGTH


@pytest.mark.parametrize("sport", [Sport.AUSTRALIAN_FOOTBALL, Sport.SOCCER])
def test_a_strength_flag_is_a_group_risk_factor_not_a_prediction(sport):
    test = Result(date(2025, 3, 10), Method.NORDBORD, Phase.PRESEASON_START, 200, 300)
    reading = read(test, earlier=[], sport=sport)
    assert [flag.kind for flag in reading.flags] == ["low_strength", "imbalance"]
    for flag in reading.flags:
        assert "a group risk factor, not a prediction for one athlete (Opar 2021)" in flag.detail
        assert "linked to more hamstring injuries" not in flag.detail
        assert "is a risk factor for hamstring injury" not in flag.detail


def test_no_exercise_blames_sitting_for_short_or_stiff_hamstrings():
    """No claim the seeds do not make: the stretch and the flings say what they do."""
    from catalogue.seed import EXERCISES

    for exercise in EXERCISES:
        text = " ".join(str(value) for value in exercise.values())
        assert "sitting" not in text and "in a chair" not in text, exercise["slug"]

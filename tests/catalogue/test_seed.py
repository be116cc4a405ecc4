from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue import seed
from catalogue.models import Band, Exercise
from catalogue.services import load_catalogue


def test_it_loads_the_ladder_and_at_least_fourteen_exercises(catalogue):
    assert list(Band.objects.ladder().values_list("name", "width_mm")) == [
        ("Red", 13),
        ("Black", 19),
        ("Purple", 32),
        ("Green", 44),
        ("Blue", 64),
    ]
    assert Band.objects.filter(kind="mini").count() == 1
    assert Exercise.objects.count() >= 14


def test_every_exercise_is_complete(catalogue):
    for exercise in Exercise.objects.all():
        assert exercise.summary and exercise.setup, exercise
        assert len(exercise.cue_list) >= 3, exercise
        assert exercise.mistake_list, exercise
        exercise.full_clean()


def test_the_assisted_nordic_progresses_to_the_nordic(catalogue):
    assisted = Exercise.objects.get(slug="band-assisted-nordic-curl")
    assert assisted.band_role == "assist"
    assert "armpit" in assisted.setup.lower()
    assert list(assisted.progressions.values_list("slug", flat=True)) == ["nordic-hamstring-curl"]


def test_loading_again_duplicates_nothing_and_keeps_admin_edits(catalogue):
    Band.objects.filter(name="Red").update(tension_max_kg=17)
    load_catalogue()
    assert Band.objects.count() == 6
    assert Exercise.objects.count() == 17
    assert Band.objects.get(name="Red").tension_max_kg == 17


# -- What a strength coach checks in the text ----------------------------------------------------

TEXT_FIELDS = ["name", "summary", "setup", "cues", "mistakes"]
WRONG = ["take over", "takes over", "pull yourself back", "loaded barbell", "well supported"]


def all_text(exercise) -> str:
    return " ".join(getattr(exercise, name) for name in TEXT_FIELDS).lower()


def test_no_exercise_says_what_a_coach_would_strike_out(catalogue):
    for exercise in Exercise.objects.all():
        for phrase in WRONG:
            assert phrase not in all_text(exercise), (exercise.slug, phrase)


def test_the_nordics_brake_to_the_end_of_the_range_and_push_back_up_with_the_hands(catalogue):
    for slug in ["band-assisted-nordic-curl", "nordic-hamstring-curl"]:
        nordic = Exercise.objects.get(slug=slug)
        cues = nordic.cues.lower()
        assert "last third" in cues, slug
        back_to_kneeling = next(cue.lower() for cue in nordic.cue_list if "kneeling" in cue)
        assert "push" in back_to_kneeling and "hands" in back_to_kneeling, slug
        assert "curling back up" in nordic.mistakes.lower(), slug
        assert "partner" in nordic.setup and "fixed pad that cannot lift or roll" in nordic.setup


def test_the_nordic_summary_calls_the_prevention_evidence_debated(catalogue):
    summary = Exercise.objects.get(slug="nordic-hamstring-curl").summary
    assert "debated" in summary
    assert "van Dyk 2019" in summary and "Impellizzeri 2021" in summary


def test_the_active_stretch_presses_the_leg_away_against_the_band(catalogue):
    stretch = Exercise.objects.get(slug="supine-active-band-hamstring-stretch")
    assert "press the leg away against the band" in stretch.summary
    assert "Press the straight leg away from you against the band" in stretch.cues


def test_every_previous_wording_names_a_seed_field_that_has_since_changed():
    by_slug = {fields["slug"]: fields for fields in seed.EXERCISES}
    for slug, fields in seed.PREVIOUS.items():
        for name, old in fields.items():
            assert by_slug[slug][name] != old, (slug, name)


# -- Updating what the seed wrote, keeping what an admin wrote ----------------------------------


def make_legacy(slug: str, **fields) -> None:
    """A row as an earlier loader left it: the old seed wording, and no record of it."""
    Exercise.objects.filter(slug=slug).update(seeded={}, **{**seed.PREVIOUS[slug], **fields})


def seed_fields(slug: str) -> dict:
    return next(fields for fields in seed.EXERCISES if fields["slug"] == slug)


def test_a_row_holding_the_old_wording_gets_the_correction(catalogue):
    make_legacy("band-assisted-nordic-curl")
    make_legacy("nordic-hamstring-curl")
    assert "take over" in Exercise.objects.get(slug="band-assisted-nordic-curl").cues

    load_catalogue()

    for slug in ["band-assisted-nordic-curl", "nordic-hamstring-curl"]:
        exercise = Exercise.objects.get(slug=slug)
        for name in ["summary", "setup", "cues", "mistakes"]:
            assert getattr(exercise, name) == seed_fields(slug)[name], (slug, name)
            assert exercise.seeded[name] == seed_fields(slug)[name], (slug, name)


def test_a_row_whose_record_holds_the_old_wording_gets_the_correction(catalogue):
    old = seed.PREVIOUS["nordic-hamstring-curl"]["setup"]
    nordic = Exercise.objects.get(slug="nordic-hamstring-curl")
    Exercise.objects.filter(pk=nordic.pk).update(setup=old, seeded={**nordic.seeded, "setup": old})

    load_catalogue()

    nordic.refresh_from_db()
    assert nordic.setup == seed_fields("nordic-hamstring-curl")["setup"]
    assert "loaded barbell" not in nordic.setup


def test_an_old_row_keeps_the_field_an_admin_rewrote_and_takes_the_rest(catalogue):
    admin_cues = "Brace.\nLower slowly with my coach watching.\nPush back up with the hands."
    make_legacy("nordic-hamstring-curl", cues=admin_cues)

    load_catalogue()

    nordic = Exercise.objects.get(slug="nordic-hamstring-curl")
    assert nordic.cues == admin_cues
    assert nordic.summary == seed_fields("nordic-hamstring-curl")["summary"]
    assert nordic.setup == seed_fields("nordic-hamstring-curl")["setup"]
    assert nordic.mistakes == seed_fields("nordic-hamstring-curl")["mistakes"]


def test_a_recorded_row_keeps_the_field_an_admin_rewrote_and_takes_the_rest(catalogue):
    squat = Exercise.objects.get(slug="banded-squat")
    # As if an earlier seed had written a different set-up, and an admin then edited the summary.
    seeded = {**squat.seeded, "setup": "An older set-up."}
    Exercise.objects.filter(pk=squat.pk).update(
        setup="An older set-up.", summary="Our squat, our words.", seeded=seeded
    )

    load_catalogue()

    squat.refresh_from_db()
    assert squat.summary == "Our squat, our words."
    assert squat.setup == seed_fields("banded-squat")["setup"]
    assert squat.seeded["setup"] == seed_fields("banded-squat")["setup"]


def test_a_textarea_saved_unchanged_still_follows_the_seed(catalogue):
    # A browser sends textarea lines with CRLF: an admin who saved without editing edited nothing.
    old = seed.PREVIOUS["band-assisted-nordic-curl"]["cues"].replace("\n", "\r\n")
    make_legacy("band-assisted-nordic-curl", cues=old)

    load_catalogue()

    cues = Exercise.objects.get(slug="band-assisted-nordic-curl").cues
    assert cues == seed_fields("band-assisted-nordic-curl")["cues"]


def test_a_band_follows_the_seed_until_an_admin_changes_it(catalogue):
    Band.objects.filter(name="Black").update(width_mm=18, seeded={})
    Band.objects.filter(name="Red").update(tension_min_kg=4)

    load_catalogue()

    assert Band.objects.get(name="Black").width_mm == 18  # not the seed's, so an admin's
    assert Band.objects.get(name="Red").tension_min_kg == 4
    green = Band.objects.get(name="Green")
    assert green.seeded["tension_max_kg"] == "57.0" and green.seeded["rank"] == 4


def test_loading_twice_changes_nothing_the_second_time(catalogue):
    make_legacy("nordic-hamstring-curl", cues="An admin's cues.")
    make_legacy("band-assisted-nordic-curl")
    Band.objects.filter(name="Blue").update(seeded={})
    load_catalogue()
    before = snapshot()

    with CaptureQueriesContext(connection) as queries:
        load_catalogue()

    assert snapshot() == before
    writes = [q["sql"] for q in queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []
    assert Exercise.objects.count() == len(seed.EXERCISES)
    assert Band.objects.count() == len(seed.BANDS)


def snapshot() -> list:
    exercises = Exercise.objects.order_by("slug").values()
    bands = Band.objects.order_by("name").values()
    progressions = Exercise.progressions.through.objects.order_by("pk").values()
    return [list(exercises), list(bands), list(progressions)]

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
    assert Exercise.objects.count() == 14
    assert Band.objects.get(name="Red").tension_max_kg == 17

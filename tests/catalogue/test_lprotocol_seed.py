"""Askling's L-protocol in the catalogue: the Extender, the Diver and the Glider, band-free
lengthening exercises done only as far as they stay pain-free."""

import pytest

from catalogue.models import Exercise

L_PROTOCOL = {
    # slug: (name, pattern, the protocol's dose as the set-up states it)
    "the-extender": ("The Extender", "mobility", "3 sets of 12, twice a day"),
    "the-diver": ("The Diver", "hip_hinge", "3 sets of 6, every other day"),
    "the-glider": ("The Glider", "hip_hinge", "3 sets of 4, every third day"),
}


@pytest.mark.parametrize("slug", L_PROTOCOL)
def test_each_exercise_is_a_one_leg_band_free_rep_exercise(catalogue, slug):
    name, pattern, dose = L_PROTOCOL[slug]
    exercise = Exercise.objects.get(slug=slug)

    assert exercise.name == name
    assert exercise.pattern == pattern  # never "eccentric": that means a Nordic here
    assert (exercise.band_role, exercise.anchor, exercise.dose) == ("none", "none", "reps")
    assert exercise.unilateral and exercise.is_published
    assert "Askling" in exercise.summary
    assert dose in exercise.setup
    assert exercise.video_url == ""
    exercise.full_clean()


@pytest.mark.parametrize("slug", L_PROTOCOL)
def test_each_exercise_stops_short_of_pain(catalogue, slug):
    exercise = Exercise.objects.get(slug=slug)
    assert "pain-free: no pain, or at most a mild discomfort" in exercise.cues
    assert "into pain" in exercise.mistakes


def test_the_extender_holds_the_thigh_at_ninety_degrees_and_straightens_the_knee(catalogue):
    extender = Exercise.objects.get(slug="the-extender")
    assert "about 90 degrees" in extender.setup and "both hands" in extender.setup
    assert "Straighten the knee slowly, up to just before it starts to hurt." in extender.cue_list


def test_the_diver_keeps_a_slight_bend_in_the_standing_knee(catalogue):
    diver = Exercise.objects.get(slug="the-diver")
    assert "Stand on the injured leg" in diver.setup
    assert "10 to 20 degrees" in diver.setup
    assert any("arms forward" in cue and "leg stretches back" in cue for cue in diver.cue_list)


def test_the_glider_slides_on_a_sock_and_comes_back_with_the_arms(catalogue):
    glider = Exercise.objects.get(slug="the-glider")
    assert "sock" in glider.setup and "injured leg is in front" in glider.setup
    back = next(cue for cue in glider.cue_list if cue.startswith("Come back"))
    assert "arms" in back and "not with the front leg" in back


def test_the_protocol_reads_as_a_sequence(catalogue):
    def harder(slug):
        exercise = Exercise.objects.get(slug=slug)
        return list(exercise.progressions.values_list("slug", flat=True))

    assert harder("the-extender") == ["the-diver"]
    assert harder("the-diver") == ["the-glider"]
    assert harder("the-glider") == []


def test_the_catalogue_filters_find_them_among_the_band_free_exercises(client, catalogue):
    page = client.get("/exercises/", {"band_role": "none"}).text
    for name, _, _ in L_PROTOCOL.values():
        assert name in page
    assert "Banded squat" not in page  # a band exercise, filtered out

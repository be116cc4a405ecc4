"""Eccentric knee-flexor strength from a band-assisted Nordic's break-point angle
(programs/strength_estimate.py). The table's numbers are worked by hand in
docs/strength-estimate.md; the properties hold for any athlete, band and anchor. Pure: no
database."""

import ast
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from programs import strength_estimate
from programs.strength_estimate import (
    DEFAULT_ANCHOR,
    MIN_PAIRS_CHECKED,
    Agreement,
    Anchor,
    BandPull,
    Body,
    Estimate,
    agreement,
    band_help,
    estimate,
    smallest_real_change,
)

ATHLETE = Body(mass_kg=80, height_m=1.80)
# The seed's loop bands (catalogue/seed/bands.py), rated tension in kg.
RED = BandPull(5, 16)
BLACK = BandPull(11, 29)
PURPLE = BandPull(16, 39)
GREEN = BandPull(23, 57)
BLUE = BandPull(29, 79)


# -- The worked example (docs/strength-estimate.md) -------------------------------------------


def test_the_segment_tables_give_the_docs_proportions():
    """m_above, d, the band's reach and the strap lever: shares of body mass and of height."""
    proportions = (
        strength_estimate.MASS_ABOVE_KNEES,
        strength_estimate.COM_PER_HEIGHT,
        strength_estimate.BAND_PER_HEIGHT,
        strength_estimate.SHANK_PER_HEIGHT,
    )
    assert proportions == pytest.approx((0.886, 0.3486, 0.5386, 0.2493), abs=1e-4)


def test_the_default_anchor_is_high_and_behind_as_the_set_up_says():
    anchor = DEFAULT_ANCHOR
    assert (anchor.height_m, anchor.distance_m) == (1.5, 1.0)


def test_80_kg_180_m_unassisted_breaking_at_30_degrees():
    result = estimate(body=ATHLETE, break_angle=30, band=None)
    assert result.newtons == pytest.approx(421.1, abs=0.1)
    assert result.low == pytest.approx(366.5, abs=0.2)
    assert result.high == pytest.approx(471.1, abs=0.2)
    assert result.both_legs
    assert str(result) == "420 N (365-470)"


def test_the_same_athlete_on_the_red_band():
    result = estimate(body=ATHLETE, break_angle=30, band=RED)
    assert result.newtons == pytest.approx(303.7, abs=0.1)
    assert str(result) == "305 N (245-390)"


@pytest.mark.parametrize(
    ("band", "newtons", "shown"),
    [
        (RED, 303.7, "305 N (245-390)"),
        (BLACK, 203.4, "205 N (135-330)"),
        (PURPLE, 125.3, "125 N (50-285)"),
        # On green and blue the rated tension carries all 80 kg at 30 degrees: nothing is left
        # to estimate, and only the low end of the tension leaves a force.
        (GREEN, 0.0, "0 N (0-215)"),
        (BLUE, 0.0, "0 N (0-160)"),
    ],
)
def test_each_seed_band_at_30_degrees(band, newtons, shown):
    result = estimate(body=ATHLETE, break_angle=30, band=band)
    assert result.newtons == pytest.approx(newtons, abs=0.1)
    assert str(result) == shown


def test_a_band_whose_pull_outgrows_the_weight_reads_the_peak_held_higher_up():
    """A stretchy band from a high anchor on a light athlete: the flexors' load peaks near 60
    degrees (61.5 N m) and falls to 24.7 N m at 20. A break at 20 reads that peak, held on the
    way down, not the 31 N the break angle alone would give."""
    body, band, anchor = Body(mass_kg=60, height_m=1.6), BandPull(0, 40), Anchor(2.0, 0.5)
    at_20 = estimate(body=body, break_angle=20, band=band, anchor=anchor)
    at_60 = estimate(body=body, break_angle=60, band=band, anchor=anchor)
    assert at_20.newtons == pytest.approx(at_60.newtons, abs=0.05)
    assert at_20.newtons == pytest.approx(77.1, abs=0.1)


def test_eight_degrees_at_a_30_degree_break_is_38_n():
    """The larger of 421.1 - 383.1 (at 38 degrees) and 450.8 - 421.1 (at 22)."""
    change = smallest_real_change(body=ATHLETE, break_angle=30, band=None)
    assert change == pytest.approx(37.9, abs=0.1)


def test_the_red_and_green_bands_help_as_the_docs_work_out():
    assert band_help(body=ATHLETE, band=RED) == pytest.approx((0.066, 0.211), abs=1e-3)
    assert band_help(body=ATHLETE, band=GREEN) == pytest.approx((0.304, 0.753), abs=1e-3)


def test_a_band_that_outpulls_the_weight_helps_at_most_all_of_it():
    light = Body(mass_kg=40, height_m=1.5)
    assert band_help(body=light, band=BLUE) == (pytest.approx(0.807, abs=1e-3), 1.0)


def test_a_measured_shank_and_a_measured_band_narrow_the_range():
    rated = estimate(body=ATHLETE, break_angle=30, band=RED)
    measured = estimate(
        body=Body(mass_kg=80, height_m=1.80, shank_m=0.4487),
        break_angle=30,
        band=BandPull(12.9, 12.9),
    )
    assert measured.newtons == pytest.approx(
        rated.newtons, abs=0.5
    )  # red pulls 12.9 kg at 30 degrees
    assert measured.high - measured.low < rated.high - rated.low


def test_the_estimate_rounds_to_the_nearest_5_n_halves_up():
    assert str(Estimate(newtons=302.5, low=247.4, high=392.6, both_legs=True)) == "305 N (245-395)"
    assert strength_estimate.nearest_5(302.4) == 300


@pytest.mark.parametrize("angle", [-1, 90.5, float("nan")])
def test_a_break_angle_outside_0_to_90_is_refused(angle):
    with pytest.raises(ValueError, match="break angle"):
        estimate(body=ATHLETE, break_angle=angle, band=None)


@pytest.mark.parametrize(
    "make",
    [
        lambda: Body(mass_kg=0, height_m=1.8),
        lambda: Body(mass_kg=80, height_m=-1),
        lambda: Body(mass_kg=80, height_m=1.8, shank_m=0),
        lambda: BandPull(20, 10),
        lambda: BandPull(-1, 10),
        lambda: Anchor(height_m=1.5, distance_m=0),
    ],
)
def test_impossible_bodies_bands_and_anchors_are_refused(make):
    with pytest.raises(ValueError):
        make()


# -- Agreement with a club's NordBord ---------------------------------------------------------


def test_agreement_of_known_pairs():
    """Differences -10, 10, 30, 50: mean 20, SD 25.82, limits 20 +- 50.61."""
    pairs = [(290, 300), (310, 300), (330, 300), (350, 300)]
    result = agreement(pairs)
    assert result.n == 4
    assert result.mean_difference == pytest.approx(20)
    assert result.lower == pytest.approx(-30.61, abs=0.01)
    assert result.upper == pytest.approx(70.61, abs=0.01)


def test_agreement_needs_two_pairs_and_trust_needs_ten():
    assert agreement([]) is None
    assert agreement([(300, 280)]) is None
    assert agreement([(300, 280), (300, 280)]) == Agreement(
        n=2, mean_difference=20, lower=20, upper=20
    )
    assert MIN_PAIRS_CHECKED == 10


def test_the_module_imports_only_the_standard_library():
    tree = ast.parse(Path(strength_estimate.__file__).read_text())
    imported = {
        (node.module or "").split(".")[0] if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert imported <= {"math", "dataclasses", "functools", "statistics"}


# -- Properties -------------------------------------------------------------------------------

bodies = st.builds(
    Body,
    mass_kg=st.floats(30, 160),
    height_m=st.floats(1.3, 2.1),
    shank_m=st.none() | st.floats(0.3, 0.6),
)
anchors = st.builds(Anchor, height_m=st.floats(0, 2.5), distance_m=st.floats(0.3, 3))
angles = st.floats(0, 90)


@st.composite
def bands(draw):
    low = draw(st.floats(0, 80))
    return BandPull(low, draw(st.floats(low, 100)))


# The way down from kneeling is read every half degree for its peak, so two breaks a fraction
# of a degree apart may differ by a few thousandths of a newton the wrong way.
GRID_SLACK = 0.05


@given(bodies, st.none() | bands(), anchors, angles, angles)
def test_the_estimate_rises_as_the_break_angle_falls(body, band, anchor, first, second):
    lower, higher = sorted((first, second))
    at_lower = estimate(body=body, break_angle=lower, band=band, anchor=anchor)
    at_higher = estimate(body=body, break_angle=higher, band=band, anchor=anchor)
    assert at_lower.newtons >= at_higher.newtons - GRID_SLACK


@given(bodies, bands(), anchors, angles, st.floats(0, 1), st.floats(0, 1))
def test_the_estimate_rises_as_the_band_helps_less(body, band, anchor, angle, cut_min, cut_max):
    weaker_max = band.tension_max_kg * cut_max
    weaker = BandPull(min(band.tension_min_kg * cut_min, weaker_max), weaker_max)
    stronger_result = estimate(body=body, break_angle=angle, band=band, anchor=anchor)
    weaker_result = estimate(body=body, break_angle=angle, band=weaker, anchor=anchor)
    unassisted = estimate(body=body, break_angle=angle, band=None, anchor=anchor)
    assert unassisted.newtons >= weaker_result.newtons >= stronger_result.newtons


@given(bodies, st.none() | bands(), anchors, angles)
def test_the_range_always_contains_the_point(body, band, anchor, angle):
    result = estimate(body=body, break_angle=angle, band=band, anchor=anchor)
    assert 0 <= result.low <= result.newtons <= result.high
    shown = str(result).replace(" N (", " ").replace("-", " ").rstrip(")").split()
    low, point, high = int(shown[1]), int(shown[0]), int(shown[2])
    assert low <= point <= high


@given(bodies, anchors, st.floats(0, 100), st.floats(0, 100))
def test_band_help_rises_with_tension(body, anchor, first, second):
    lighter, heavier = sorted((first, second))
    assume(heavier > 0)
    light = band_help(body=body, band=BandPull(lighter, lighter), anchor=anchor)
    heavy = band_help(body=body, band=BandPull(heavier, heavier), anchor=anchor)
    assert 0 <= light[0] <= heavy[0] <= 1
    low, high = band_help(body=body, band=BandPull(lighter, heavier), anchor=anchor)
    assert (low, high) == (light[0], heavy[1])


@given(bodies, st.none() | bands(), anchors, angles)
def test_the_smallest_real_change_is_what_8_degrees_move(body, band, anchor, angle):
    change = smallest_real_change(body=body, break_angle=angle, band=band, anchor=anchor)
    point = estimate(body=body, break_angle=angle, band=band, anchor=anchor).newtons
    steps = [max(0, angle - 8), min(90, angle + 8)]
    moved = [estimate(body=body, break_angle=step, band=band, anchor=anchor) for step in steps]
    assert change == pytest.approx(max(abs(result.newtons - point) for result in moved))


differences_pairs = st.lists(st.tuples(st.floats(0, 1000), st.floats(0, 1000)), min_size=2)


@given(differences_pairs, st.floats(-200, 200))
def test_agreement_moves_with_a_constant_bias_and_keeps_its_width(pairs, bias):
    plain = agreement(pairs)
    biased = agreement([(estimated + bias, measured) for estimated, measured in pairs])
    assert plain.lower <= plain.mean_difference <= plain.upper
    assert biased.mean_difference == pytest.approx(plain.mean_difference + bias, abs=1e-6)
    assert biased.upper - biased.lower == pytest.approx(plain.upper - plain.lower, abs=1e-6)

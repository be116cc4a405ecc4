"""Finding the start band in session 1 (programs/start_band.py): realistic trials, band by band
as the athlete taps them, and the rule's properties under Hypothesis. Pure: no database."""

import ast
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from programs import start_band
from programs.ladder import Band, Control
from programs.start_band import bands_to_try, find, share_of_body_mass

RED, BLACK, PURPLE, GREEN, BLUE = 1, 2, 3, 4, 5
# The seed's loop bands, thinnest first.
LADDER = [
    Band(RED, "Red"),
    Band(BLACK, "Black"),
    Band(PURPLE, "Purple"),
    Band(GREEN, "Green"),
    Band(BLUE, "Blue"),
]
NAMES = {band.id: band.name for band in LADDER}

EARLY, MID, LATE, FULL = Control.EARLY, Control.MID, Control.LATE, Control.FULL
EVERY_BAND = frozenset()  # no bands recorded: the whole ladder is there to try


def run(athlete: dict[int, tuple[Control, Control]], owned=EVERY_BAND):
    """Drive the finder as the page does: ask for the next band, record that band's two reps
    (`athlete` says how they went on each band), until it answers. Returns the bands tried, in
    order, and the finding."""
    trials, tried = {}, []
    while not (finding := find(ladder=LADDER, owned_band_ids=owned, trials=trials)).found:
        band = finding.next_band
        assert band is not None, finding.reason
        tried.append(NAMES[band.id])
        trials[band.id] = athlete[band.id]
    return tried, finding


def test_a_typical_athlete_starts_one_step_thicker_than_the_thinnest_band_they_controlled():
    tried, finding = run(
        {BLUE: (FULL, FULL), GREEN: (FULL, LATE), PURPLE: (LATE, LATE), BLACK: (LATE, MID)}
    )
    assert tried == ["Blue", "Green", "Purple", "Black"]  # thickest first, then thinner
    assert finding.start_band.id == GREEN and not finding.flag_coach
    assert finding.reason == (
        "Both reps controlled near the floor on purple, not on black: starts on green, "
        "one step thicker."
    )


def test_a_weak_athlete_whose_reps_break_on_the_thickest_band_starts_on_it_and_the_coach_is_told():
    tried, finding = run({BLUE: (MID, EARLY)})
    assert tried == ["Blue"]
    assert finding.start_band.id == BLUE and finding.flag_coach
    assert finding.reason.startswith("A rep broke before near the floor even on blue")
    assert "your coach is told" in finding.reason


def test_one_rep_short_of_near_the_floor_fails_the_band():
    """Both reps must reach near the floor: a late rep and a halfway rep do not pass."""
    _, finding = run({BLUE: (FULL, FULL), GREEN: (FULL, FULL), PURPLE: (LATE, MID)})
    assert finding.start_band.id == BLUE
    assert "on green, not on purple: starts on blue" in finding.reason


def test_passing_only_the_thickest_band_starts_on_it_there_is_nothing_thicker():
    _, finding = run({BLUE: (LATE, FULL), GREEN: (EARLY, MID)})
    assert finding.start_band.id == BLUE and not finding.flag_coach
    assert finding.reason == (
        "Both reps controlled near the floor on blue, not on green: starts on blue, "
        "the thickest band."
    )


def test_a_strong_athlete_who_controls_every_band_starts_on_the_thinnest_not_unassisted():
    tried, finding = run({band.id: (FULL, FULL) for band in LADDER})
    assert tried == ["Blue", "Green", "Purple", "Black", "Red"]
    assert finding.start_band.id == RED
    assert "down to red, the thinnest band: starts on red" in finding.reason
    assert "Going without a band is your coach's call." in finding.reason


def test_only_the_bands_the_athlete_owns_are_tried_and_a_step_skips_to_the_next_owned():
    owned = frozenset({BLUE, PURPLE, BLACK})  # no green, no red
    tried, finding = run(
        {BLUE: (FULL, FULL), PURPLE: (FULL, LATE), BLACK: (EARLY, EARLY)}, owned=owned
    )
    assert tried == ["Blue", "Purple", "Black"]
    assert finding.start_band.id == BLUE  # one owned step thicker than purple
    assert "on purple, not on black: starts on blue, one step thicker" in finding.reason


def test_passing_the_thinnest_band_owned_starts_on_it():
    owned = frozenset({BLUE, GREEN})
    _, finding = run({BLUE: (FULL, FULL), GREEN: (LATE, LATE)}, owned=owned)
    assert finding.start_band.id == GREEN
    assert "down to green, the thinnest band you own: starts on green" in finding.reason


def test_failing_the_thickest_band_owned_says_so():
    owned = frozenset({PURPLE, BLACK, RED})
    _, finding = run({PURPLE: (MID, LATE)}, owned=owned)
    assert finding.start_band.id == PURPLE and finding.flag_coach
    assert "even on purple, the thickest band you own" in finding.reason


def test_no_loop_band_owned_leaves_nothing_to_try():
    finding = find(ladder=LADDER, owned_band_ids=frozenset({99}), trials={})
    assert finding.next_band is None and not finding.found
    assert "no loop band to try" in finding.reason


def test_trials_the_finder_never_asked_for_are_not_read():
    trials = {BLUE: (FULL, FULL), GREEN: (EARLY, EARLY), RED: (FULL, FULL)}  # red: after a fail
    finding = find(ladder=LADDER, owned_band_ids=EVERY_BAND, trials=trials)
    assert finding.start_band.id == BLUE


def test_bands_to_try_runs_thickest_first():
    assert [band.id for band in bands_to_try(LADDER, EVERY_BAND)] == [
        BLUE,
        GREEN,
        PURPLE,
        BLACK,
        RED,
    ]
    assert [band.id for band in bands_to_try(LADDER, {RED, GREEN})] == [GREEN, RED]


def test_a_bands_help_as_a_share_of_body_mass():
    # The seed's green band, 23-57 kg: most of a 60 kg athlete's body mass at its top end.
    assert share_of_body_mass(Decimal("23.0"), Decimal("57.0"), Decimal("60.0")) == (38, 95)
    assert share_of_body_mass(Decimal("23.0"), Decimal("57.0"), Decimal("90.0")) == (26, 63)
    assert share_of_body_mass(Decimal("5.0"), Decimal("16.0"), Decimal("80.0")) == (6, 20)
    assert share_of_body_mass(Decimal("5.0"), Decimal("16.0"), None) is None


def test_the_finder_imports_only_the_standard_library_and_the_engine():
    tree = ast.parse(Path(start_band.__file__).read_text())
    imported = {
        (node.module or "").split(".")[0] if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert imported <= {"collections", "dataclasses", "decimal", "programs"}


# -- Properties -------------------------------------------------------------------------------

BANDS = [band.id for band in LADDER]
RANK = {band_id: index for index, band_id in enumerate(BANDS)}  # thinnest first
reps = st.tuples(st.sampled_from(Control), st.sampled_from(Control))


@st.composite
def finder_states(draw):
    """Bands owned (none recorded, or some) and trials on any of them."""
    owned = draw(st.frozensets(st.sampled_from([*BANDS, 99])))  # 99: a mini band, off the ladder
    offered = [band for band in BANDS if not owned or band in owned]
    trials = draw(st.dictionaries(st.sampled_from(offered), reps) if offered else st.just({}))
    return owned, trials


@given(finder_states())
def test_the_start_band_is_owned_and_never_thinner_than_a_band_that_failed(state):
    owned, trials = state
    finding = find(ladder=LADDER, owned_band_ids=owned, trials=trials)
    if not finding.found:
        return
    start = finding.start_band.id
    assert not owned or start in owned
    failed = [band for band, done in trials.items() if not start_band.passed(done)]
    assert all(RANK[start] >= RANK[band] for band in failed)


@given(st.frozensets(st.sampled_from(BANDS)), st.dictionaries(st.sampled_from(BANDS), reps))
def test_the_finder_answers_within_one_trial_per_band_and_asks_only_for_owned_bands(owned, ability):
    """Whatever the athlete does, the finder asks for each owned band at most once and has its
    answer by then."""
    athlete = {band: ability.get(band, (FULL, FULL)) for band in BANDS}
    trials = {}
    for _ in range(len(BANDS) + 1):
        finding = find(ladder=LADDER, owned_band_ids=owned, trials=trials)
        if finding.found:
            break
        band = finding.next_band.id
        assert band not in trials and (not owned or band in owned)
        trials[band] = athlete[band]
    assert finding.found

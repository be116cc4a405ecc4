"""A break-point test's strength estimate: the force per leg at the ankle strap a NordBord
would read, worked out from the break angle, the band the test was done on, and the athlete's
body mass and height at the time (`programs.strength_estimate`, explained with its
assumptions in docs/strength-estimate.md). Both legs are filmed together from one side, so the
estimate is the same for each. Until a club has checked it against its own NordBord tests it is
labelled so, and the NordBord thresholds are never applied to it. A squad's estimates are
checked against its own NordBord tests by `squad_agreement`."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from catalogue.tensions import tensions
from logbook.charts import signed_newtons
from logbook.models import StrengthTest, TestMethod
from programs.strength_estimate import (
    MIN_PAIRS_CHECKED,
    Agreement,
    BandPull,
    Body,
    Estimate,
    agreement,
    estimate,
    nearest_5,
)

NOT_CHECKED = "not yet checked against a NordBord here"
WHY_NONE = "No strength estimate: it needs the athlete's body mass and height at the test."
# A thick band's rated tension can out-pull the athlete's weight down to the break (the ratings
# are taken at more stretch than a Nordic gives): then only the club's own measurement helps.
WHOLE_WEIGHT = (
    "No strength estimate: by its rated tension the {band} band holds all of the athlete's "
    "weight down to this angle, so the rating says nothing of their strength here. Test on a "
    "thinner band or unassisted, or have the coach measure this band (the bands page)."
)
# A break at or near kneeling upright leaves the hamstrings almost no load to read.
NO_LOAD = "No strength estimate: a break this near upright puts almost no load on the hamstrings."
# What the model takes for granted (docs/strength-estimate.md), said beside every estimate.
ASSUMED = (
    "a model of the moments at the break: the body straight and rigid from the knees up, "
    "arms folded, still at the break, the band at the chest from an anchor about 1.5 m up and "
    "1 m behind"
)


def measured_tensions(tests, *, coach_id: int | None) -> None:
    """Give each break-point test done on a band the coach's own measurement of that band, if
    they made one (`measured_kg`): its estimate then reads that pull instead of the band's
    rated range (`catalogue.tensions`). One query; none without a band or a coach."""
    banded = [test for test in tests if test.method == TestMethod.BREAKPOINT and test.band_id]
    if coach_id is None or not banded:
        return
    found = tensions(coach_ids=[coach_id], bands=[test.band for test in banded])
    for test in banded:
        tension = found.of(test.band, coach_id=coach_id)
        test.measured_kg = tension.min_kg if tension.measured else None


def band_pull(test: StrengthTest) -> BandPull | None:
    """The pull of the band the test was done on: the coach's measurement when
    `measured_tensions` found one, else the band's rating (None: unassisted)."""
    if test.band is None:
        return None
    measured = getattr(test, "measured_kg", None)
    if measured is not None:
        return BandPull(float(measured), float(measured))
    return BandPull(float(test.band.tension_min_kg), float(test.band.tension_max_kg))


def body_of(test: StrengthTest) -> Body:
    return Body(mass_kg=float(test.body_mass_kg), height_m=test.height_cm / 100)


def estimate_of(test: StrengthTest) -> Estimate | None:
    """The test's estimate, or None for another method or without body mass and height.
    `test.band` read with the test (no query then)."""
    if test.method != TestMethod.BREAKPOINT or test.body_mass_kg is None or not test.height_cm:
        return None
    return estimate(body=body_of(test), break_angle=float(test.left), band=band_pull(test))


def estimate_words(test: StrengthTest, checked: "SquadAgreement | None" = None) -> str:
    """The estimate in a sentence, or why there is none (a break-point test only; empty for
    the other methods). With the agreement of the athlete's squad (`checked`), once it has
    enough pairs the label says how the estimates compared with the squad's NordBord."""
    if test.method != TestMethod.BREAKPOINT:
        return ""
    found = estimate_of(test)
    if found is None:
        return WHY_NONE
    on = f"on the {test.band.name.lower()} band" if test.band else "unassisted"
    if getattr(test, "measured_kg", None) is not None:
        on += ", as the coach measured it"
    checked_words = checked.words() if checked is not None and checked.checked else NOT_CHECKED
    if nearest_5(found.newtons) == 0:
        return WHOLE_WEIGHT.format(band=test.band.name.lower()) if test.band else NO_LOAD
    return (
        f"Estimated strength {found} per leg ({on}, both legs from one side-on video): "
        f"{ASSUMED}; {checked_words}."
    )


# A break-point test and a NordBord test this close are taken to measure the same strength.
PAIR_WINDOW_DAYS = 14


@dataclass(frozen=True)
class Pair:
    """A break-point test's estimate and the same athlete's nearest NordBord test."""

    breakpoint: StrengthTest
    nordbord: StrengthTest
    estimated: float  # N per leg: both legs' mean, from one side-on video
    measured: float  # N: the NordBord's left and right, averaged to match

    @property
    def difference(self) -> float:
        return self.estimated - self.measured

    @property
    def mean(self) -> float:
        return (self.estimated + self.measured) / 2


@dataclass(frozen=True)
class SquadAgreement:
    """A squad's pairs and their Bland-Altman agreement (None below 2 pairs)."""

    pairs: list[Pair]
    agreement: Agreement | None

    @property
    def checked(self) -> bool:
        """Enough pairs for the limits to mean something (docs/strength-estimate.md)."""
        return len(self.pairs) >= MIN_PAIRS_CHECKED

    def words(self) -> str:
        if not self.checked or self.agreement is None:
            return f"{NOT_CHECKED} ({len(self.pairs)} of {MIN_PAIRS_CHECKED} pairs)"
        found = self.agreement
        return (
            f"checked against {found.n} pairs with NordBord tests here: mean difference "
            f"{signed_newtons(found.mean_difference)} N (limits {signed_newtons(found.lower)} "
            f"to {signed_newtons(found.upper)} N)"
        )


def squad_agreement(tests: Iterable[StrengthTest]) -> SquadAgreement:
    """Each break-point test with an estimate, paired with the same athlete's nearest NordBord
    test within 14 days (the earlier of two as near), and the agreement of those pairs. A
    NordBord test may pair with more than one break-point test. `tests`: a squad's, with
    their bands read (no query here). An estimate of 0 N (the band's rating held the whole
    weight) says nothing about strength and makes no pair."""
    by_athlete = defaultdict(list)
    for test in tests:
        by_athlete[test.athlete_id].append(test)
    pairs = []
    for own in by_athlete.values():
        nordbords = [test for test in own if test.method == TestMethod.NORDBORD]
        for test in own:
            found = estimate_of(test)
            if found is None or nearest_5(found.newtons) == 0:
                continue

            def apart(nordbord: StrengthTest, test=test) -> int:
                return abs((nordbord.on_date - test.on_date).days)

            near = [nordbord for nordbord in nordbords if apart(nordbord) <= PAIR_WINDOW_DAYS]
            if near:
                nordbord = min(near, key=lambda nordbord: (apart(nordbord), nordbord.on_date))
                measured = (float(nordbord.left) + float(nordbord.right)) / 2
                pairs.append(Pair(test, nordbord, found.newtons, measured))
    pairs.sort(key=lambda pair: (pair.breakpoint.on_date, pair.breakpoint.pk))
    return SquadAgreement(pairs, agreement([(pair.estimated, pair.measured) for pair in pairs]))

"""A break-point test's strength estimate: the force per leg at the ankle strap a NordBord
would read, worked out from the break angle, the band the test was done on, and the athlete's
body mass and height at the time (`programs.strength_estimate`, explained with its
assumptions in docs/strength-estimate.md). Both legs are filmed together from one side, so the
estimate is the same for each. Until a club has checked it against its own NordBord tests it is
labelled so, and the NordBord thresholds are never applied to it."""

from logbook.models import StrengthTest, TestMethod
from programs.strength_estimate import BandPull, Body, Estimate, estimate, nearest_5

NOT_CHECKED = "not yet checked against a NordBord here"
WHY_NONE = "No strength estimate: it needs the athlete's body mass and height at the test."
# A thick band's rated tension can out-pull the athlete's weight down to the break (the ratings
# are taken at more stretch than a Nordic gives): then only the club's own measurement helps.
WHOLE_WEIGHT = (
    "No strength estimate: by its rated tension the {band} band holds all of the athlete's "
    "weight down to this angle. Measure the club's own band to estimate on it."
)


def estimate_of(test: StrengthTest) -> Estimate | None:
    """The test's estimate, or None for another method or without body mass and height.
    `test.band` read with the test (no query then)."""
    if test.method != TestMethod.BREAKPOINT or test.body_mass_kg is None or not test.height_cm:
        return None
    band = None
    if test.band is not None:
        band = BandPull(float(test.band.tension_min_kg), float(test.band.tension_max_kg))
    body = Body(mass_kg=float(test.body_mass_kg), height_m=test.height_cm / 100)
    return estimate(body=body, break_angle=float(test.left), band=band)


def estimate_words(test: StrengthTest) -> str:
    """The estimate in a sentence for the athlete page, or why there is none (a break-point
    test only; empty for the other methods)."""
    if test.method != TestMethod.BREAKPOINT:
        return ""
    found = estimate_of(test)
    if found is None:
        return WHY_NONE
    on = f"on the {test.band.name.lower()} band" if test.band else "unassisted"
    if nearest_5(found.newtons) == 0:
        return WHOLE_WEIGHT.format(band=test.band.name.lower())
    return (
        f"Estimated strength {found} per leg ({on}, both legs from one side-on video): a model"
        f" of the moments at the break, {NOT_CHECKED}."
    )

"""Finding an athlete's start band in session 1 of the band-assisted Nordic (DESIGN.md, "Band
progression, round 3": start band). Pure: no Django, so the rule can be read and table-tested
on its own.

The athlete does two reps per band, from the thickest band they own toward thinner ones, and
says for each rep how far down they kept control. The start band is one step thicker than the
thinnest band on which both reps were controlled at least to "near the floor": two good reps
are a test, not a session of 12/10/8, so the athlete starts with a step in hand. The finder
stops at the first band that fails. If even the thickest band fails, the athlete starts on it
and the coach is told; if the thinnest band passes, the athlete starts on it (going without a
band stays the coach's graduation decision).
"""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from programs.ladder import CONTROLLED, Band, Control

REPS_PER_BAND = 2

# Assisted Nordics in research used bands giving about 5-20% of body mass (Burrows 2020).
RESEARCH_SHARE = (5, 20)


@dataclass(frozen=True)
class Finding:
    """Where the finder stands: the band to try next, or the start band once found."""

    next_band: Band | None = None
    start_band: Band | None = None
    reason: str = ""
    flag_coach: bool = False  # even the thickest band failed: the coach should look

    @property
    def found(self) -> bool:
        return self.start_band is not None


def bands_to_try(ladder: Sequence[Band], owned_band_ids: Collection[int]) -> list[Band]:
    """The ladder's bands the athlete owns, thickest first; the whole ladder when they have
    recorded no bands (as the engine reads it)."""
    owned = [band for band in ladder if not owned_band_ids or band.id in owned_band_ids]
    return owned[::-1]


def passed(reps: Sequence[Control]) -> bool:
    """Both reps controlled at least to near the floor."""
    return len(reps) == REPS_PER_BAND and all(rep in CONTROLLED for rep in reps)


def find(
    *,
    ladder: Sequence[Band],
    owned_band_ids: Collection[int],
    trials: Mapping[int, Sequence[Control]],
) -> Finding:
    """The next band to try, or the start band, from the trials so far (band id -> the two
    reps' control). Trials on bands the finder would not offer (not owned, or thinner than a
    band that failed) are not read."""
    order = bands_to_try(ladder, owned_band_ids)
    owned = " you own" if owned_band_ids else ""
    if not order:
        return Finding(reason="There is no loop band to try: ask your coach which band to use.")
    for index, band in enumerate(order):
        reps = trials.get(band.id)
        if reps is None:
            return Finding(next_band=band)
        if passed(reps):
            continue
        if index == 0:
            return Finding(
                start_band=band,
                reason=f"A rep broke before near the floor even on {name(band)}, the thickest "
                f"band{owned}: starts on {name(band)}, and your coach is told.",
                flag_coach=True,
            )
        thinnest_passed = order[index - 1]
        if index == 1:
            return Finding(
                start_band=thinnest_passed,
                reason=f"Both reps controlled near the floor on {name(thinnest_passed)}, not on "
                f"{name(band)}: starts on {name(thinnest_passed)}, the thickest band{owned}.",
            )
        start = order[index - 2]
        return Finding(
            start_band=start,
            reason=f"Both reps controlled near the floor on {name(thinnest_passed)}, not on "
            f"{name(band)}: starts on {name(start)}, one step thicker.",
        )
    thinnest = order[-1]
    which = "" if thinnest == ladder[0] else owned
    return Finding(
        start_band=thinnest,
        reason=f"Both reps controlled near the floor on every band down to {name(thinnest)}, "
        f"the thinnest band{which}: starts on {name(thinnest)}. Going without a band is your "
        "coach's call.",
    )


def name(band: Band) -> str:
    return band.name.lower()


def share_of_body_mass(
    tension_min_kg: Decimal, tension_max_kg: Decimal, body_mass_kg: Decimal | None
) -> tuple[int, int] | None:
    """A band's help as whole percent of the athlete's body mass, low and high end of its
    tension range; None without a body mass."""
    if not body_mass_kg:
        return None

    def percent(kg: Decimal) -> int:
        share = Decimal(kg) * 100 / Decimal(body_mass_kg)
        return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))

    return percent(tension_min_kg), percent(tension_max_kg)

"""How much a band helps one athlete on the band-assisted Nordic, in words: the band's moment at
the horizontal as a share of their body-weight knee moment there (`programs.strength_estimate`,
`band_help`), from the tension that applies to them (`catalogue.tensions`: their coach's own
measurement, else the band's rated range). Read on the workout page and the coach's ladder."""

import math
from dataclasses import dataclass

from catalogue.models import Band
from catalogue.tensions import Tension
from programs.strength_estimate import BandPull, Body, band_help


def body_of(person) -> Body | None:
    """The athlete's body for the model, once their settings hold body mass and height."""
    if person.body_mass_kg is None or not person.height_cm:
        return None
    return Body(mass_kg=float(person.body_mass_kg), height_m=person.height_cm / 100)


def nearest_5_percent(share: float) -> int:
    """A share in whole %, to the nearest 5, halves up: the model is not finer than that."""
    return 5 * math.floor(share * 100 / 5 + 0.5)


@dataclass(frozen=True)
class BandHelp:
    band: Band
    low: int  # % of the body-weight pull at the horizontal, at the low end of the tension
    high: int  # ... and at its high end (the same when measured)
    measured: bool  # the coach's own measurement, not the rating

    @property
    def share(self) -> str:
        """'about 45%', or 'about 30-75%' from a rated range."""
        if self.low == self.high:
            return f"about {self.low}%"
        return f"about {self.low}-{self.high}%"

    def words(self, whose: str = "your") -> str:
        """'Green: about 30-75% of your weight's pull at the horizontal'."""
        return f"{self.band.name}: {self.share} of {whose} weight's pull at the horizontal"


def help_of(band: Band, tension: Tension, body: Body) -> BandHelp:
    low, high = band_help(
        body=body,
        band=BandPull(tension_min_kg=float(tension.min_kg), tension_max_kg=float(tension.max_kg)),
    )
    return BandHelp(band, nearest_5_percent(low), nearest_5_percent(high), tension.measured)

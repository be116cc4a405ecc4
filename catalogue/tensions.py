"""Which tension of a band applies to an athlete: their coach's own measurement of it, else the
band's rated range. The one place that choice is made; the pages above the catalogue (the
workout page, the coach's band ladder) read it and do the physics (`programs.strength_estimate`).
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from catalogue.models import Band, BandMeasurement


@dataclass(frozen=True)
class Tension:
    """A band's pull in kg as the app reads it: a range from the rating, or one measured value
    (min = max) with the day it was measured."""

    min_kg: Decimal
    max_kg: Decimal
    measured_on: date | None = None

    @property
    def measured(self) -> bool:
        return self.measured_on is not None


@dataclass(frozen=True)
class Tensions:
    """The measurements that apply to some coaches' athletes, read once."""

    measured: dict[tuple[int, int], BandMeasurement]

    def of(self, band: Band, *, coach_id: int | None) -> Tension:
        """The tension of `band` for an athlete of `coach_id` (None: no coach, the rating)."""
        measurement = self.measured.get((coach_id, band.pk))
        if measurement is None:
            return Tension(band.tension_min_kg, band.tension_max_kg)
        value = measurement.tension_kg
        return Tension(value, value, measured_on=measurement.measured_on)


def tensions(*, coach_ids: Collection[int | None], bands: Iterable[Band]) -> Tensions:
    """The measurements of `bands` by the coaches `coach_ids`: one query, none when there is no
    coach or no band to read."""
    owners = {coach_id for coach_id in coach_ids if coach_id is not None}
    band_ids = {band.pk for band in bands if band is not None}
    if not owners or not band_ids:
        return Tensions({})
    rows = BandMeasurement.objects.filter(owner_id__in=owners, band_id__in=band_ids)
    return Tensions({(row.owner_id, row.band_id): row for row in rows})

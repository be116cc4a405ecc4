"""A person's units for their body mass (stored in kg, read and typed in kg or lb). Pure: no
Django. Band tensions, which the catalogue owns, are converted in `catalogue.units`."""

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

KG_PER_LB = Decimal("0.45359237")  # the international pound, exactly
TENTH = Decimal("0.1")

# A person's body mass, in kg: wide enough for any athlete, narrow enough to catch a typo
# (or kg typed as lb).
BODY_MASS_MIN_KG = Decimal(20)
BODY_MASS_MAX_KG = Decimal(300)
# A person's height, in whole cm (band help and a break-point test's estimate read it): any
# athlete fits, and a height typed in inches or metres does not.
HEIGHT_MIN_CM, HEIGHT_MAX_CM = 100, 230


def mass_from_kg(kg: Decimal, units: str) -> Decimal:
    """A mass stored in kg, in `units`, to a tenth."""
    value = Decimal(kg) / KG_PER_LB if units == "lb" else Decimal(kg)
    return value.quantize(TENTH, rounding=ROUND_HALF_UP)


def mass_to_kg(value: Decimal, units: str) -> Decimal:
    """A mass typed in `units`, in kg to a tenth (as stored)."""
    kg = Decimal(value) * KG_PER_LB if units == "lb" else Decimal(value)
    return kg.quantize(TENTH, rounding=ROUND_HALF_UP)


def body_mass_limits(units: str) -> tuple[Decimal, Decimal]:
    """The accepted body masses, in `units`, rounded inwards to whole units."""
    low = mass_from_kg(BODY_MASS_MIN_KG, units).to_integral_value(rounding=ROUND_CEILING)
    high = mass_from_kg(BODY_MASS_MAX_KG, units).to_integral_value(rounding=ROUND_FLOOR)
    return low, high

"""Unit conversion for display. Tensions are stored in kg; a user may read them in lb."""

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

KG_PER_LB = Decimal("0.45359237")
TENTH = Decimal("0.1")


def tension_range(min_kg: Decimal, max_kg: Decimal, units: str) -> str:
    """'5-16 kg' or '11-35 lb', rounded to whole units: band tensions are approximate."""
    if units == "lb":
        low, high = (round(Decimal(value) / KG_PER_LB) for value in (min_kg, max_kg))
    else:
        low, high = (round(Decimal(value)) for value in (min_kg, max_kg))
    return f"{low}-{high} {units}"


def tension_from_kg(kg: Decimal, units: str) -> Decimal:
    """A pull stored in kg, in `units`, to a tenth."""
    value = Decimal(kg) / KG_PER_LB if units == "lb" else Decimal(kg)
    return value.quantize(TENTH, rounding=ROUND_HALF_UP)


def tension_to_kg(value: Decimal, units: str) -> Decimal:
    """A pull typed in `units` (a luggage scale reads either), in kg to a tenth, as stored."""
    kg = Decimal(value) * KG_PER_LB if units == "lb" else Decimal(value)
    return kg.quantize(TENTH, rounding=ROUND_HALF_UP)


def tension_limits(low_kg: int, high_kg: int, units: str) -> tuple[Decimal, Decimal]:
    """The accepted pulls, in `units`, rounded inwards to whole units."""
    low = tension_from_kg(Decimal(low_kg), units).to_integral_value(rounding=ROUND_CEILING)
    high = tension_from_kg(Decimal(high_kg), units).to_integral_value(rounding=ROUND_FLOOR)
    return low, high

"""Unit conversion for display. Tensions are stored in kg; a user may read them in lb."""

from decimal import Decimal

KG_PER_LB = Decimal("0.45359237")


def tension_range(min_kg: Decimal, max_kg: Decimal, units: str) -> str:
    """'5-16 kg' or '11-35 lb', rounded to whole units: band tensions are approximate."""
    if units == "lb":
        low, high = (round(Decimal(value) / KG_PER_LB) for value in (min_kg, max_kg))
    else:
        low, high = (round(Decimal(value)) for value in (min_kg, max_kg))
    return f"{low}-{high} {units}"

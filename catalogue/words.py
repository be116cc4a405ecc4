"""How a band reads in a sentence, decided once. Pure, no Django: pages, forms and the charts
share it. No band means "unassisted" for an assisted exercise and "no band" for the rest."""


def no_band_label(band_role: str) -> str:
    return "Unassisted" if band_role == "assist" else "No band"


def band_words(band_name: str | None, band_role: str) -> str:
    """'green band', 'unassisted' or 'no band'."""
    return f"{band_name.lower()} band" if band_name else no_band_label(band_role).lower()


def on_band(band_name: str | None) -> str:
    """Where a coach put an athlete: 'on the green band' or 'without a band'."""
    return f"on the {band_name.lower()} band" if band_name else "without a band"

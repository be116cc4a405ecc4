"""Seed content for the catalogue: the default band ladder (`bands`) and the starter
exercises (`knee`, `hip`), with the earlier wording of what was corrected (`previous`).

Pure data (no Django, no models) so a data migration and the tests can both import it.
Text fields that hold several items (cues, mistakes) keep one item per line.
Choice values match catalogue.models: Pattern, BandRole, Anchor, Dose, Difficulty, BandKind.
"""

from catalogue.seed.bands import BANDS
from catalogue.seed.hip import EXERCISES as HIP_EXERCISES
from catalogue.seed.knee import EXERCISES as KNEE_EXERCISES
from catalogue.seed.previous import PREVIOUS

EXERCISES = [*KNEE_EXERCISES, *HIP_EXERCISES]

__all__ = ["BANDS", "EXERCISES", "PREVIOUS"]

"""`{% load units %}`: band tensions in the reader's units, so no template does arithmetic.

`{{ band|tension:user }}` gives "23-57 kg", or "51-126 lb" for someone who reads lb; anonymous
visitors read kg. `{{ kg|pull:user }}` gives one measured pull ("21.5 kg"). `{{ user|units }}`
names the unit."""

from django import template

from catalogue.units import tension_from_kg, tension_range

register = template.Library()


@register.filter
def units(user) -> str:
    """ "lb" for a signed-in person who chose lb, "kg" for everyone else."""
    return "lb" if getattr(user, "units", "kg") == "lb" else "kg"


@register.filter
def tension(band, user) -> str:
    if band is None:
        return ""
    return tension_range(band.tension_min_kg, band.tension_max_kg, units(user))


@register.filter
def pull(kg, user) -> str:
    """One measured pull in the reader's units: "21.5 kg" or "47.4 lb"."""
    shown = units(user)
    return f"{tension_from_kg(kg, shown).normalize():f} {shown}"

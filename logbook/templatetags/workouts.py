from django import template
from django.utils import timezone
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe

from logbook.links import occurrence_query

register = template.Library()

register.filter("occurrence_query", occurrence_query)


@register.simple_tag
def scale(field):
    """A choice field as the one-tap scale: each radio button inside its label, written as
    `{{ choice.tag }}` writes it but here, with plain strings: the workout page has dozens of
    them (soreness, readiness, a pain stop per exercise, the finish form), and a widget
    template each, or `format_html` per attribute, cost more than the rest of the page's logic."""
    options = "".join(radio(choice) for choice in field)
    return mark_safe(f'<div class="scale">{options}</div>')


def radio(choice) -> str:
    """One of a scale's radio buttons in its label."""
    data = choice.data
    value = "" if data["value"] is None else f' value="{escape(data["value"])}"'
    return (
        f'<label class="scale-option"><input type="{data["type"]}" name="{escape(data["name"])}"'
        f"{value}{attributes(data['attrs'])}><span>{escape(choice.choice_label)}</span></label>"
    )


@register.simple_tag
def band_options(bands, chosen):
    """A set row's band options (`logbook.pages.workout.BandMenu`), the chosen one selected."""
    return bands.options(chosen)


@register.simple_tag
def minutes_input(field, log):
    """The finish form's minutes box. Until the athlete has typed (an unbound form), it holds
    the clock's minutes since the log began (its first set), and `data-clock-seconds` the
    seconds then, so the workout page's script can keep it current while sets are logged
    without a page load. Before the first set there is no clock yet: it stays empty. What the
    athlete typed (a bound form) is shown as typed."""
    attrs = {}
    if log and log.completed_at is None and not field.form.is_bound:
        attrs["data-clock-seconds"] = int((timezone.now() - log.started_at).total_seconds())
        field.initial = log.clock_minutes  # the bound field's value() reads it
    return field.as_widget(attrs=attrs)


def attributes(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html writes them: True as the name alone, False left out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )

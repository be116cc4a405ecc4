from django import template
from django.utils import timezone
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe

from logbook.links import occurrence_query
from logbook.pages import today_card as cards
from logbook.pages.set_row import set_row as set_row_html

register = template.Library()

register.filter("occurrence_query", occurrence_query)


@register.simple_tag
def workout_day(day):
    """The day a workout is shown on (`logbook.pages.today_card.workout_day`): pass a
    `programs.schedule.WorkoutDay`."""
    return cards.workout_day(day, this_year=timezone.localdate().year)


@register.simple_tag(takes_context=True)
def today_card(context, item):
    """A workout due on today's page (`logbook.pages.today_card.today_card`)."""
    year = timezone.localdate().year
    return cards.today_card(item, today=context["today"], this_year=year)


@register.simple_tag
def scale(field):
    """A choice field as the one-tap scale: each radio button inside its label, written as
    `{{ choice.tag }}` writes it but here, with plain strings: the workout page has dozens of
    them (soreness, readiness, a pain stop per exercise, the finish form), and a widget
    template each, or `format_html` per attribute, cost more than the rest of the page's logic.
    A scale is written once per process for all it is written from (`scale_key`): most are
    the same blank questions on every page."""
    key = scale_key(field)
    written = WRITTEN_SCALES.get(key) if key is not None else None
    if written is None:
        options = "".join(radio(choice) for choice in field)
        written = mark_safe(f'<div class="scale">{options}</div>')
        if key is not None:
            if len(WRITTEN_SCALES) >= WRITTEN_SCALES_MAX:
                WRITTEN_SCALES.clear()
            WRITTEN_SCALES[key] = written
    return written


WRITTEN_SCALES: dict[tuple, str] = {}
WRITTEN_SCALES_MAX = 500  # a few forms' questions, blank or answered each way


def scale_key(field) -> tuple | None:
    """Everything a radio field's buttons are written from (`BoundField.subwidgets`): the
    widget, the name, the value, the attributes (id, required, aria-invalid) and the choices.
    None for choices read from the database, or anything that is not a plain value."""
    widget = field.field.widget
    if not isinstance(widget.choices, list | tuple):
        return None
    id_ = widget.attrs.get("id") or field.auto_id
    attrs = field.build_widget_attrs({"id": id_} if id_ else {})
    try:
        key = (
            type(widget),
            field.html_name,
            tuple(widget.format_value(field.value())),
            tuple(attrs.items()),
            tuple(widget.attrs.items()),
            tuple(widget.choices),
        )
        hash(key)
    except TypeError:
        return None
    return key


def radio(choice) -> str:
    """One of a scale's radio buttons in its label."""
    data = choice.data
    value = "" if data["value"] is None else f' value="{escape(data["value"])}"'
    return (
        f'<label class="scale-option"><input type="{data["type"]}" name="{escape(data["name"])}"'
        f"{value}{attributes(data['attrs'])}><span>{escape(choice.choice_label)}</span></label>"
    )


@register.simple_tag(takes_context=True)
def set_row(context):
    """The context's set row (`row`), written by `logbook.pages.set_row`."""
    return set_row_html(
        context["row"],
        create_url=context["create_url"],
        bands=context["bands"],
        csrf_token=context.get("csrf_token"),
    )


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
    return widget(field, attrs)


@register.simple_tag(name="widget")
def widget(field, attrs=None):
    """A text box or number box as `{{ field }}` writes it (`BoundField.as_widget`), in plain
    strings rather than Django's widget templates (~0.3 ms each); other widgets as Django
    writes them."""
    box = field.field.widget
    template = PLAIN_WIDGETS.get(box.template_name)
    if template is None or field.field.show_hidden_initial or field.field.localize:
        return field.as_widget(attrs=attrs)
    attrs = field.build_widget_attrs(attrs or {}, box)
    if field.auto_id and "id" not in box.attrs:
        attrs.setdefault("id", field.auto_id)
    data = box.get_context(field.html_name, field.value(), attrs)["widget"]
    return mark_safe(template(data, box))


def input_html(data: dict, box) -> str:
    value = "" if data["value"] is None else f' value="{escape(data["value"])}"'
    return (
        f'<input type="{box.input_type}" name="{escape(data["name"])}"{value}'
        f"{attributes(data['attrs'])}>"
    )


def textarea_html(data: dict, box) -> str:
    value = escape(data["value"]) if data["value"] else ""
    return (
        f'<textarea name="{escape(data["name"])}"{attributes(data["attrs"])}>\n{value}</textarea>'
    )


PLAIN_WIDGETS = {
    "django/forms/widgets/number.html": input_html,
    "django/forms/widgets/text.html": input_html,
    "django/forms/widgets/textarea.html": textarea_html,
}


def attributes(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html writes them: True as the name alone, False left out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )

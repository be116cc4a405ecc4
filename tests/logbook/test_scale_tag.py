"""`{% scale field %}` writes a choice field's radio buttons as Django's own widget templates
would (`{{ choice.tag }}` inside its label), for every radio field the athlete's pages show:
blank, bound with a choice, and bound with an error."""

import pytest
from django.template import Context, Template

from logbook.set_forms import CheckInForm, FinishForm, PainStopForm

BY_TEMPLATES = Template(
    '<div class="scale">{% for choice in field %}<label class="scale-option">{{ choice.tag }}'
    "<span>{{ choice.choice_label }}</span></label>{% endfor %}</div>"
)
BY_TAG = Template("{% load workouts %}{% scale field %}")

BOUND = {"soreness": "3", "sleep": "x", "side": "left", "kind": "", "rpe": "11"}


def radio_fields(form):
    return [field for field in form if field.widget_type == "radioselect"]


@pytest.mark.parametrize("form_class", [CheckInForm, FinishForm, PainStopForm])
@pytest.mark.parametrize("data", [None, BOUND])
def test_it_writes_what_the_widget_templates_write(form_class, data):
    form = form_class(data=data)
    if data:
        form.is_valid()
    fields = radio_fields(form)
    assert fields
    for field in fields:
        expected = BY_TEMPLATES.render(Context({"field": field}))
        assert 'type="radio"' in expected
        assert BY_TAG.render(Context({"field": field})) == expected


def test_a_chosen_value_stays_checked():
    form = CheckInForm(data={"soreness": "3"})
    html = BY_TAG.render(Context({"field": form["soreness"]}))
    assert (
        '<input type="radio" name="soreness" value="3" id="id_soreness_3" required checked>' in html
    )
    assert html.count("checked") == 1

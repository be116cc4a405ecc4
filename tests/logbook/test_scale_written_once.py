"""`{% scale %}` writes each scale once per process for everything it is written from: the same
field blank, answered, answered otherwise, refused and blank again is each time what Django's
widget templates write, never a copy of another state."""

import pytest
from django.template import Context, Template

from logbook.set_forms import CheckInForm, FinishForm
from logbook.templatetags.workouts import WRITTEN_SCALES, scale_key

BY_TEMPLATES = Template(
    '<div class="scale">{% for choice in field %}<label class="scale-option">{{ choice.tag }}'
    "<span>{{ choice.choice_label }}</span></label>{% endfor %}</div>"
)
BY_TAG = Template("{% load workouts %}{% scale field %}")


def written(form, name):
    field = form[name]
    by_tag = BY_TAG.render(Context({"field": field}))
    assert by_tag == BY_TEMPLATES.render(Context({"field": field}))
    return by_tag


def bound(data):
    form = CheckInForm(data=data)
    form.is_valid()
    return form


def test_each_state_of_a_field_is_written_as_its_own():
    states = [
        written(CheckInForm(), "soreness"),
        written(bound({"soreness": "3"}), "soreness"),
        written(bound({"soreness": "7"}), "soreness"),
        written(bound({"soreness": "11"}), "soreness"),  # refused: aria-invalid
        written(CheckInForm(auto_id=False), "soreness"),
        written(CheckInForm(prefix="again"), "soreness"),
    ]
    assert len(set(states)) == len(states)
    assert written(CheckInForm(), "soreness") == states[0]
    assert 'value="3" id="id_soreness_3" required checked' in states[1]
    assert 'aria-invalid="true"' in states[3]


@pytest.mark.parametrize("form", [CheckInForm(), FinishForm()], ids=["check-in", "finish"])
def test_a_blank_question_is_written_once(form):
    WRITTEN_SCALES.clear()
    for _ in range(3):
        for field in form:
            if field.widget_type == "radioselect":
                written(form, field.name)
    radios = [field for field in form if field.widget_type == "radioselect"]
    assert set(WRITTEN_SCALES) == {scale_key(field) for field in radios}

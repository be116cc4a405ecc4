"""`{% widget field %}` writes a text, number or text area box as `{{ field }}` (Django's widget
templates) writes it, for the finish form's boxes: blank, typed, and refused."""

import pytest
from django.template import Context, Template

from logbook.set_forms import FinishForm

BY_TEMPLATES = Template("{{ field }}")
BY_TAG = Template("{% load workouts %}{% widget field %}")


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"minutes": "42", "notes": 'Felt <strong> & "quick"'},
        {"minutes": "0", "notes": ""},
        {"minutes": "many", "notes": "x" * 2001},
    ],
    ids=["blank", "typed", "zero", "refused"],
)
@pytest.mark.parametrize("auto_id", ["id_%s", False])
def test_it_writes_what_the_widget_templates_write(data, auto_id):
    form = FinishForm(data=data, auto_id=auto_id)
    if data:
        form.is_valid()
    for name in ("minutes", "notes"):
        field = form[name]
        expected = BY_TEMPLATES.render(Context({"field": field}))
        assert BY_TAG.render(Context({"field": field})) == expected
        if data and name in form.errors:
            assert 'aria-invalid="true"' in expected


def test_other_widgets_are_left_to_django():
    form = FinishForm()
    field = form["rpe"]  # radio buttons
    assert BY_TAG.render(Context({"field": field})) == BY_TEMPLATES.render(
        Context({"field": field})
    )

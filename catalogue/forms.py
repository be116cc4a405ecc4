from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from catalogue.models import (
    MEASURED_LENGTH_MAX_CM,
    MEASURED_LENGTH_MIN_CM,
    MEASURED_TENSION_MAX_KG,
    MEASURED_TENSION_MIN_KG,
    Anchor,
    Band,
    BandRole,
    Pattern,
)
from catalogue.units import tension_limits, tension_to_kg
from web.params import YEAR, DateWindow


def with_any(choices, label="Any"):
    return [("", label), *choices]


class ExerciseFilterForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Nordic, bridge, hinge..."}),
    )
    pattern = forms.ChoiceField(label="Pattern", choices=with_any(Pattern.choices), required=False)
    band_role = forms.ChoiceField(label="Band", choices=with_any(BandRole.choices), required=False)
    anchor = forms.ChoiceField(label="Anchor", choices=with_any(Anchor.choices), required=False)

    def filter(self, exercises):
        """Apply the valid filters; an invalid one is reported by the form and ignored."""
        self.is_valid()
        data = self.cleaned_data
        if query := data.get("q", "").strip():
            exercises = exercises.filter(Q(name__icontains=query) | Q(summary__icontains=query))
        for field in ("pattern", "band_role", "anchor"):
            if value := data.get(field):
                exercises = exercises.filter(**{field: value})
        return exercises


class OwnedBandsForm(forms.Form):
    bands = forms.ModelMultipleChoiceField(
        queryset=Band.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Bands you own",
        error_messages={
            "invalid_choice": "%(value)s is not one of the bands in the catalogue.",
            "invalid_pk_value": "“%(pk)s” is not a band.",
        },
    )


# A band is measured, then used for seasons: a reading older than this is past re-measuring.
MEASURED_DATES = DateWindow(back=5 * YEAR, ahead=timedelta(0))


class BandMeasurementForm(forms.Form):
    """A coach's reading of one band: the pull on a scale in their units, the length it was
    stretched to, and the day. Its cleaned `tension` is in kg, as stored."""

    tension = forms.DecimalField(
        max_digits=5,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.1"}),
        error_messages={
            "required": "Enter the pull the scale read.",
            "invalid": "Enter the pull as a number, such as 21.5.",
        },
    )
    length_cm = forms.IntegerField(
        label="Stretched to (cm)",
        min_value=MEASURED_LENGTH_MIN_CM,
        max_value=MEASURED_LENGTH_MAX_CM,
        help_text="From the anchor to the chest, as at a typical break.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter how far the band was stretched, in cm.",
            "invalid": "Enter the length in whole centimetres, such as 180.",
            "min_value": f"Enter a length between {MEASURED_LENGTH_MIN_CM} and "
            f"{MEASURED_LENGTH_MAX_CM} cm.",
            "max_value": f"Enter a length between {MEASURED_LENGTH_MIN_CM} and "
            f"{MEASURED_LENGTH_MAX_CM} cm.",
        },
    )
    measured_on = forms.DateField(
        label="Measured on",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": "Enter the day you measured it.",
            "invalid": "Enter a date such as 2026-11-03.",
        },
    )

    def __init__(self, *args, units: str, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.units, self.today = units, today
        self.fields["tension"].label = f"Pull on the scale ({units})"

    def clean_tension(self):
        value = self.cleaned_data["tension"]
        low, high = tension_limits(MEASURED_TENSION_MIN_KG, MEASURED_TENSION_MAX_KG, self.units)
        if not low <= value <= high:
            raise ValidationError(f"Enter a pull between {low} and {high} {self.units}.")
        return tension_to_kg(value, self.units)

    def clean_measured_on(self):
        day = self.cleaned_data["measured_on"]
        if problem := MEASURED_DATES.problem(day, self.today):
            raise ValidationError(problem)
        return day

"""The athlete's own Nordic break-point test, on their progress page: the day, the phase, the
band it was done on, the angle (the video tool beside it fills it), and their body mass and
height at the time, for the strength estimate. The coach's form for any method is in
`coaching.forms`; the bounds here are the same (the database holds them too)."""

from decimal import Decimal

from django import forms
from django.utils import timezone

from accounts.units import HEIGHT_MAX_CM, HEIGHT_MIN_CM, body_mass_limits, mass_to_kg
from catalogue.models import Band
from logbook.models import BREAK_ANGLE_MAX, TestPhase
from web.params import STRENGTH_TEST_DATES


class SelfTestForm(forms.Form):
    on_date = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    phase = forms.ChoiceField(
        choices=TestPhase.choices, error_messages={"invalid_choice": "Choose a phase in the list."}
    )
    band = forms.ChoiceField(
        required=False,
        label="Band you did it on",
        error_messages={"invalid_choice": "Choose one of the bands in the list."},
    )
    left = forms.DecimalField(
        label="Break angle (degrees: 90 kneeling, 0 flat)",
        max_digits=4,
        decimal_places=1,
        min_value=0,
        max_value=BREAK_ANGLE_MAX,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "1"}),
        error_messages={
            "required": "Enter the angle, or measure it from the video.",
            "min_value": "An angle cannot be negative.",
            "max_value": "The knee angle is 0 (flat on the floor) to 90 (kneeling).",
            "invalid": "Enter the angle as a number of degrees, such as 40.",
        },
    )
    body_mass = forms.DecimalField(
        max_digits=5,
        decimal_places=1,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.1"}),
        error_messages={"invalid": "Enter the body mass as a number, such as 72.5."},
    )
    height_cm = forms.IntegerField(
        label="Height (cm)",
        min_value=HEIGHT_MIN_CM,
        max_value=HEIGHT_MAX_CM,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, units: str, bands: list[Band], **kwargs):
        """`units`: the athlete's (kg or lb), in which the body mass is typed and shown.
        `bands`: the loop bands of the ladder (a Nordic is done on one), as the page read them."""
        super().__init__(*args, **kwargs)
        self.bands = {str(band.pk): band for band in bands}
        self.fields["band"].choices = [
            ("", "No band (unassisted)"),
            *((pk, f"{band.name} band") for pk, band in self.bands.items()),
        ]
        self.units, self.mass_limits = units, body_mass_limits(units)
        low, high = self.mass_limits
        self.fields["body_mass"].label = f"Body mass ({units})"
        self.fields["body_mass"].widget.attrs.update(min=low, max=high)
        self.fields[
            "body_mass"
        ].help_text = "Today's, for the estimate: your settings stay as they are."

    def clean_band(self) -> Band | None:
        return self.bands.get(self.cleaned_data["band"])  # "" -> None: unassisted

    def clean_on_date(self):
        day = self.cleaned_data["on_date"]
        if problem := STRENGTH_TEST_DATES.problem(day, timezone.localdate()):
            raise forms.ValidationError(problem)
        return day

    def clean_body_mass(self) -> Decimal | None:
        """In kg, as stored: the bounds are a person's (accounts.units), in the athlete's units."""
        value = self.cleaned_data["body_mass"]
        if value is None:
            return None
        low, high = self.mass_limits
        if not low <= value <= high:
            raise forms.ValidationError(
                f"Enter a body mass between {low} and {high} {self.units}, or leave it empty."
            )
        return mass_to_kg(value, self.units)

    def recorded(self) -> dict:
        """The cleaned fields as `actions.strength_test_self_record` takes them."""
        fields = dict(self.cleaned_data)
        fields["body_mass_kg"] = fields.pop("body_mass")
        return fields

"""The athlete's own Nordic break-point test, on their progress page: the day, the phase, the
band it was done on, the angle (the video tool beside it fills it), and their body mass and
height at the time, for the strength estimate. The coach's form for any method is in
`coaching.forms`; the bounds here are the same (the database holds them too)."""

from django import forms
from django.utils import timezone

from accounts.forms import BodyMassForm
from accounts.units import HEIGHT_MAX_CM, HEIGHT_MIN_CM
from catalogue.models import Band
from logbook.models import BREAK_ANGLE_MAX, TestPhase
from web.params import STRENGTH_TEST_DATES


class SelfTestForm(BodyMassForm):
    field_order = ["on_date", "phase", "band", "left", "body_mass", "height_cm"]

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
        super().__init__(*args, units=units, **kwargs)
        self.bands = {str(band.pk): band for band in bands}
        self.fields["band"].choices = [
            ("", "No band (unassisted)"),
            *((pk, f"{band.name} band") for pk, band in self.bands.items()),
        ]
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

    def recorded(self) -> dict:
        """The cleaned fields as `actions.strength_test_self_record` takes them."""
        fields = dict(self.cleaned_data)
        fields["body_mass_kg"] = fields.pop("body_mass")
        return fields

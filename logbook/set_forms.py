"""Forms the athlete fills in a workout: one set, and the finish."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from catalogue.models import Band, Dose, Exercise, Pattern
from logbook.models import (
    BREAK_ANGLE_MAX,
    SET_NUMBER_MAX,
    SORENESS_MAX,
    Control,
    PainKind,
    PainWhere,
    Side,
)
from logbook.models.session import MINUTES_MAX
from logbook.workout_reads import band_by_id
from programs.models import PAIN_MAX, REPS_MAX, RPE_MAX, SECONDS_MAX

MINUTES_MESSAGE = f"Enter the minutes the session took: a whole number from 1 to {MINUTES_MAX}."


class BandField(forms.ModelChoiceField):
    """A band of the catalogue by its id, read by a query compiled once per process: the set
    POST, one tap, reads it every time."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            pk = int(value)
        except (TypeError, ValueError):
            pk = 0
        band = next(iter(band_by_id(someone=pk)), None) if 0 < pk < 2**31 else None
        if band is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return band


class SetForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput)
    prescription = forms.IntegerField(widget=forms.HiddenInput)
    set_number = forms.IntegerField(min_value=1, max_value=SET_NUMBER_MAX, widget=forms.HiddenInput)
    side = forms.ChoiceField(choices=Side.choices, initial=Side.BOTH, widget=forms.HiddenInput)
    reps = forms.IntegerField(
        required=False,
        validators=[MinValueValidator(0), MaxValueValidator(REPS_MAX)],
        error_messages={"invalid": "Reps are a whole number."},
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": REPS_MAX}),
    )
    seconds = forms.IntegerField(
        required=False,
        validators=[MinValueValidator(0), MaxValueValidator(SECONDS_MAX)],
        error_messages={"invalid": "Seconds are a whole number."},
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": SECONDS_MAX}),
    )
    band = BandField(
        queryset=Band.objects.all(),
        required=False,
        empty_label="No band",
        error_messages={"invalid_choice": "That band is not in the catalogue."},
    )
    rpe = forms.IntegerField(
        label="RPE", required=False, validators=[MinValueValidator(1), MaxValueValidator(RPE_MAX)]
    )
    control = forms.ChoiceField(
        label="How far down did you control it?", choices=Control.choices, required=False
    )
    break_angle = forms.IntegerField(
        label="Break angle (degrees, from a video)",
        required=False,
        validators=[MinValueValidator(0), MaxValueValidator(BREAK_ANGLE_MAX)],
        error_messages={"invalid": "The angle is a whole number of degrees, 0 to 90."},
    )

    def __init__(self, *args, prescription=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.prescription = prescription

    def clean(self):
        cleaned = super().clean()
        if self.prescription is not None:
            hold = self.prescription.is_hold
            measure = "seconds" if hold else "reps"
            missing = "Enter the seconds held." if hold else "Enter the reps done."
            require_one_measure(self, cleaned, measure, missing)
            eccentric = self.prescription.exercise.pattern == Pattern.ECCENTRIC
            if eccentric and not cleaned.get("control") and "control" not in self.errors:
                self.add_error("control", "Tap how far down you controlled the set.")
            if not eccentric and (cleaned.get("control") or cleaned.get("break_angle") is not None):
                raise forms.ValidationError("Control is only logged on eccentric work.")
            if cleaned.get("side") and cleaned["side"] not in self.prescription.sides:
                both = self.prescription.sides == ["both"]
                raise forms.ValidationError(
                    "Log this exercise for both legs at once."
                    if both
                    else "Log this exercise one side at a time."
                )
        return cleaned


def require_one_measure(form: forms.Form, cleaned: dict, measure: str, missing: str) -> None:
    """A set of a reps exercise holds reps only, a hold seconds only (the database checks the
    same); the message sits next to the field that is wrong."""
    other = "reps" if measure == "seconds" else "seconds"
    if cleaned.get(measure) is None and measure not in form.errors:
        form.add_error(measure, missing)
    if cleaned.get(other) is not None:
        kind = "a hold: log the seconds held" if measure == "seconds" else "done in reps"
        form.add_error(other, f"This exercise is {kind}, not {other}.")


class FinishForm(forms.Form):
    rpe = forms.TypedChoiceField(
        label="How hard was it? (RPE 1-10)",
        choices=[(value, value) for value in range(1, RPE_MAX + 1)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how hard the session felt."},
    )
    pain = forms.TypedChoiceField(
        label="Any pain during the session? (0 none - 10 worst; not the usual soreness)",
        choices=[(value, value) for value in range(0, PAIN_MAX + 1)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose 0 if nothing hurt."},
    )
    # Prefilled from the clock (logbook/templatetags: minutes_input); the athlete confirms or
    # corrects it, since a page left open runs the clock on. Empty: the load uses the clock.
    minutes = forms.IntegerField(
        label="How many minutes did the session take?",
        required=False,
        min_value=1,
        max_value=MINUTES_MAX,
        help_text="From your first set until now; change it if that is not right.",
        error_messages={
            "invalid": MINUTES_MESSAGE,
            "min_value": MINUTES_MESSAGE,
            "max_value": MINUTES_MESSAGE,
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    notes = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class FreeSetForm(forms.Form):
    """A set in a free session: any published exercise, reps or seconds by its dose."""

    token = forms.UUIDField(widget=forms.HiddenInput)
    exercise = forms.ModelChoiceField(queryset=Exercise.objects.filter(is_published=True))
    reps = SetForm.base_fields["reps"]
    seconds = SetForm.base_fields["seconds"]
    band = SetForm.base_fields["band"]

    def clean(self):
        cleaned = super().clean()
        exercise = cleaned.get("exercise")
        if exercise is not None:
            measure = "seconds" if exercise.dose == Dose.SECONDS else "reps"
            missing = f"Enter the {measure} for {exercise.name}."
            require_one_measure(self, cleaned, measure, missing)
        return cleaned


class PainStopForm(forms.Form):
    """Stop: it hurts. Where, which side, what kind; every answer optional but the tap."""

    prescription = forms.IntegerField(widget=forms.HiddenInput)
    side = forms.ChoiceField(choices=Side.choices, initial=Side.BOTH, widget=forms.RadioSelect)
    where = forms.ChoiceField(
        choices=[("", "Not sure"), *PainWhere.choices], required=False, label="Where"
    )
    kind = forms.ChoiceField(
        choices=PainKind.choices, required=False, widget=forms.RadioSelect, label="What kind"
    )


READINESS = [(value, value) for value in range(1, 6)]


class CheckInForm(forms.Form):
    soreness = forms.TypedChoiceField(
        label="How sore are your hamstrings? (0 not at all - 10 very)",
        choices=[(value, value) for value in range(0, SORENESS_MAX + 1)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose 0 if they are not sore, or skip."},
    )
    # Readiness, optional: 1 (poor) to 5 (great), the way athletes answer it.
    sleep = forms.TypedChoiceField(
        label="Sleep",
        required=False,
        coerce=int,
        empty_value=None,
        choices=READINESS,
        widget=forms.RadioSelect,
    )
    fatigue = forms.TypedChoiceField(
        label="Fresh (not tired)",
        required=False,
        coerce=int,
        empty_value=None,
        choices=READINESS,
        widget=forms.RadioSelect,
    )
    stress = forms.TypedChoiceField(
        label="Calm (not stressed)",
        required=False,
        coerce=int,
        empty_value=None,
        choices=READINESS,
        widget=forms.RadioSelect,
    )
    mood = forms.TypedChoiceField(
        label="Mood",
        required=False,
        coerce=int,
        empty_value=None,
        choices=READINESS,
        widget=forms.RadioSelect,
    )

    READINESS_ITEMS = ("sleep", "fatigue", "stress", "mood")

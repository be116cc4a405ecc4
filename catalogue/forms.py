from django import forms
from django.db.models import Q

from catalogue.models import Anchor, Band, BandRole, Pattern


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

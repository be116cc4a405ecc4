from django import forms

from catalogue.models import Band, BandRole
from logbook.models import Comment
from programs.models import BandTrack

NO_BAND = "none"
REASON_MAX = 300  # BandChange.reason


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["body"]
        labels = {"body": "Comment"}
        widgets = {"body": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "body": {
                "required": "Write a comment first.",
                "max_length": "Keep a comment to %(limit_value)d characters "
                "(this one has %(show_value)d).",
            }
        }


class BandSetForm(forms.Form):
    """The coach moves a track to any band of the ladder, or off the band, and says why."""

    band = forms.ChoiceField(
        error_messages={"invalid_choice": "Choose one of the bands in the list."}
    )
    reason = forms.CharField(
        max_length=REASON_MAX,
        help_text="The athlete sees this.",
        error_messages={
            "required": "Say why you are moving the band.",
            "max_length": "Keep the reason to %(limit_value)d characters "
            "(this one has %(show_value)d).",
        },
    )

    def __init__(self, *args, track: BandTrack, ladder: list[Band], **kwargs):
        super().__init__(*args, **kwargs)
        self.track, self.bands = track, {str(band.pk): band for band in ladder}
        no_band = (NO_BAND, track.exercise.no_band_label)
        choices = [(pk, f"{band.name} band") for pk, band in self.bands.items()]
        # In the order the athlete climbs: thick to thin, then unassisted (assist); no band,
        # then thin to thick (resist).
        self.fields["band"].choices = (
            [*reversed(choices), no_band] if self.is_assist else [no_band, *choices]
        )
        self.initial.setdefault("band", str(track.band_id) if track.band_id else NO_BAND)

    @property
    def is_assist(self) -> bool:
        return self.track.exercise.band_role == BandRole.ASSIST

    def clean_band(self) -> Band | None:
        return self.bands.get(self.cleaned_data["band"])  # NO_BAND -> None

    def clean(self):
        cleaned = super().clean()
        if not self.track.assignment.is_open:
            raise forms.ValidationError("This program has ended: its bands no longer change.")
        if "band" in cleaned and cleaned["band"] == self.track.band:
            self.add_error("band", "The athlete is already on this band.")
        return cleaned

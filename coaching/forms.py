from django import forms
from django.utils import timezone

from accounts.forms import BodyMassForm, no_control_characters
from catalogue.models import Band, BandRole
from logbook.models import (
    BREAK_ANGLE_MAX,
    DISTANCE_MAX_CM,
    FORCE_MAX_N,
    HEIGHT_MAX_CM,
    HEIGHT_MIN_CM,
    Message,
    TestMethod,
    TestPhase,
)
from programs.fixtures import LABEL_MAX, PASTE_MAX_LINES, PasteRefused, parse_fixture_lines
from programs.models import BandTrack
from web.params import FIXTURE_DATES, PROGRAM_START_DATES, STRENGTH_TEST_DATES, DateWindow

NO_BAND = "none"
REASON_MAX = 300  # BandChange.reason


class CommentForm(forms.ModelForm):
    """A comment on a workout: a message in the athlete's thread, tied to the log."""

    class Meta:
        model = Message
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


# Strength tests: one athlete's on their page, or a squad's in one form.


class StrengthValuesForm(BodyMassForm):
    """The values of one test, checked against its method: force per leg in N, a break-point
    angle 0-90 degrees, a distance in cm; the body mass in the coach's units."""

    field_order = ["method", "left", "right", "body_mass"]

    method = forms.ChoiceField(choices=TestMethod.choices, initial=TestMethod.NORDBORD)
    left = forms.DecimalField(
        label="Left (or the value)",
        max_digits=6,
        decimal_places=1,
        min_value=0,
        error_messages={"min_value": "A test value cannot be negative."},
    )
    right = forms.DecimalField(
        label="Right",
        max_digits=6,
        decimal_places=1,
        min_value=0,
        required=False,
        error_messages={"min_value": "A test value cannot be negative."},
    )

    def clean(self):
        cleaned = super().clean()
        if "body_mass" in cleaned:
            cleaned["body_mass_kg"] = cleaned.pop("body_mass")
        method, left, right = cleaned.get("method"), cleaned.get("left"), cleaned.get("right")
        if method == TestMethod.NORDBORD:
            if right is None and "right" not in self.errors:
                self.add_error("right", "A NordBord test has a force for each leg.")
            for side in ("left", "right"):
                if (cleaned.get(side) or 0) > FORCE_MAX_N:
                    self.add_error(side, f"No hamstring pulls more than {FORCE_MAX_N} N.")
        elif right is not None:
            self.add_error("right", "Leave right empty: this method has one value.")
        if method == TestMethod.BREAKPOINT and left is not None and left > BREAK_ANGLE_MAX:
            self.add_error("left", "The knee angle is 0 (flat on the floor) to 90 (kneeling).")
        if method == TestMethod.DISTANCE and left is not None and left > DISTANCE_MAX_CM:
            self.add_error("left", f"A forward distance is at most {DISTANCE_MAX_CM} cm.")
        return cleaned


def date_in(window: DateWindow, day, *, unchanged=None):
    """`day` if it falls in the window around today (or is the date already saved)."""
    if day != unchanged and (problem := window.problem(day, timezone.localdate())):
        raise forms.ValidationError(problem)
    return day


class StrengthTestForm(StrengthValuesForm):
    """One athlete's test, on their page. A break-point test may say the band it was done on
    and the athlete's height: with the body mass, they give its strength estimate."""

    band = forms.ModelChoiceField(
        queryset=Band.objects.ladder(),
        required=False,
        empty_label="No band (unassisted)",
        label="Band (break-point test)",
    )
    height_cm = forms.IntegerField(
        min_value=HEIGHT_MIN_CM,
        max_value=HEIGHT_MAX_CM,
        required=False,
        label="Height (cm, break-point test)",
    )
    on_date = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    phase = forms.ChoiceField(choices=TestPhase.choices)
    note = forms.CharField(max_length=200, required=False)

    def clean_on_date(self):
        return date_in(STRENGTH_TEST_DATES, self.cleaned_data["on_date"])

    def clean(self):
        cleaned = super().clean()
        setup_refused_off_breakpoint(self, cleaned)
        return cleaned


def setup_refused_off_breakpoint(form: forms.Form, cleaned: dict) -> None:
    """A band and a height belong to a break-point test only (as the database holds it)."""
    if cleaned.get("method") != TestMethod.BREAKPOINT:
        for field in ("band", "height_cm"):
            if cleaned.get(field) is not None:
                form.add_error(field, "Only a break-point test has a band and a height.")


class SquadTestForm(forms.Form):
    """What a squad's tests share: the day and the phase."""

    on_date = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    phase = forms.ChoiceField(choices=TestPhase.choices)

    def clean_on_date(self):
        return date_in(STRENGTH_TEST_DATES, self.cleaned_data["on_date"])


class SquadRowForm(StrengthValuesForm):
    """One athlete's row; a row left empty is skipped. A break-point row may say its band and
    the athlete's height, for its strength estimate."""

    athlete = forms.IntegerField(widget=forms.HiddenInput)
    band = forms.ChoiceField(
        required=False,
        label="Band (break-point)",
        error_messages={"invalid_choice": "Choose one of the bands in the list."},
    )
    height_cm = forms.IntegerField(
        min_value=HEIGHT_MIN_CM,
        max_value=HEIGHT_MAX_CM,
        required=False,
        label="Height (cm, break-point)",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, athletes: dict, bands: list[Band], **kwargs):
        """`bands`: read once for the whole form, not once a row."""
        super().__init__(*args, **kwargs)
        self.athletes, self.bands = athletes, {str(band.pk): band for band in bands}
        no_band = ("", "No band (unassisted)")
        self.fields["band"].choices = [
            no_band,
            *((pk, band.name) for pk, band in self.bands.items()),
        ]
        # On a phone the row is a card without its column headings: the boxes say what they hold.
        hints = {
            "left": "Left or value",
            "right": "Right",
            "body_mass": f"Body mass ({self.units})",
            "height_cm": "Height (cm)",
        }
        for name, hint in hints.items():
            self.fields[name].widget.attrs["placeholder"] = hint

    def clean_band(self) -> Band | None:
        return self.bands.get(self.cleaned_data["band"])  # "" -> None: unassisted

    def clean(self):
        cleaned = super().clean()
        setup_refused_off_breakpoint(self, cleaned)
        return cleaned

    def has_changed(self) -> bool:
        return any(self.data.get(self.add_prefix(name)) for name in ("left", "right"))

    def clean_athlete(self):
        if self.cleaned_data["athlete"] not in self.athletes:
            raise forms.ValidationError("This athlete is not in the team.")
        return self.athletes[self.cleaned_data["athlete"]]


class SquadRows(forms.BaseFormSet):
    """A row per athlete of the team, and no more: a post claiming more rows than the team has
    athletes (row-TOTAL_FORMS=100000) is refused before any row is built."""

    def __init__(self, *args, form_kwargs, **kwargs):
        self.max_num = self.absolute_max = max(1, len(form_kwargs["athletes"]))
        super().__init__(*args, form_kwargs=form_kwargs, **kwargs)
        self.error_messages["too_many_forms"] = (
            f"The team has {self.max_num} athlete{'s' if self.max_num != 1 else ''}: reload "
            "the page and enter the tests again."
        )

    def get_form_kwargs(self, index):
        # Every row may stay empty (the athlete was not tested), not only the extra ones.
        return {**super().get_form_kwargs(index), "empty_permitted": True}

    def clean(self):
        if not any(form.has_changed() for form in self.forms):
            raise forms.ValidationError("Enter at least one athlete's result.")

    def entered(self) -> list[dict]:
        return [form.cleaned_data for form in self.forms if form.has_changed()]


SquadRowFormSet = forms.formset_factory(SquadRowForm, formset=SquadRows, extra=0, validate_max=True)


# Fixtures: one match at a time, or a pasted list. Dates day first (coaches in Europe and
# Australia write 5/12/2026 for 5 December), or ISO.

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"]


class FixtureForm(forms.Form):
    """A match: its day and, if the coach likes, a label (the opponent, home or away)."""

    date = forms.DateField(
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Give the day of the match.",
            "invalid": "Give a date such as 2026-12-05 or 5/12/2026 (day first).",
        },
    )
    label = forms.CharField(
        max_length=LABEL_MAX,
        required=False,
        help_text="Optional: the opponent, home or away.",
        error_messages={
            "max_length": "Keep the label to %(limit_value)d characters "
            "(this one has %(show_value)d).",
        },
        validators=[no_control_characters],
    )

    def clean_date(self):
        # A match already in the list keeps its day when only its label changes.
        return date_in(FIXTURE_DATES, self.cleaned_data["date"], unchanged=self.initial.get("date"))


class FixturePasteForm(forms.Form):
    """A season's matches at once, one a line; every line is read before any is added."""

    lines = forms.CharField(
        label="Paste a list",
        strip=False,  # keep the blank lines at the top: line numbers are the coach's
        max_length=PASTE_MAX_LINES * (LABEL_MAX + 40),
        help_text="One match a line: its date, then a label if you like, such as "
        '"5/12/2026 v Rovers (away)". Dates are day first (5/12/2026 is 5 December) or '
        f"written 2026-12-05. Up to {PASTE_MAX_LINES} lines at a time.",
        error_messages={
            "required": "Paste at least one match.",
            "max_length": f"That is too long for {PASTE_MAX_LINES} matches: paste it in parts.",
        },
        widget=forms.Textarea(
            attrs={
                "rows": 6,
                "spellcheck": "false",
                "placeholder": "2026-12-05 v Rovers (away)\n12/12/2026 v City",
            }
        ),
    )

    def clean_lines(self):
        try:
            matches = parse_fixture_lines(self.cleaned_data["lines"], today=timezone.localdate())
        except PasteRefused as refused:
            raise forms.ValidationError([*refused.problems, "Nothing was added."]) from None
        if not matches:
            raise forms.ValidationError("Paste at least one match.")
        return matches


class LaterStartForm(forms.Form):
    """One athlete starting a squad's plan later than the squad: on the squad's day or after it
    (the squad's own day takes them back to its plan)."""

    start_date = forms.DateField(
        label="Starts on",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Give a date such as 2026-11-16."},
    )

    def __init__(self, *args, squad_start, **kwargs):
        super().__init__(*args, **kwargs)
        self.squad_start = squad_start

    def clean_start_date(self):
        day = self.cleaned_data["start_date"]
        if problem := PROGRAM_START_DATES.problem(day, timezone.localdate()):
            raise forms.ValidationError(problem)
        if day < self.squad_start:
            raise forms.ValidationError(
                f"A later start only: the squad starts on {self.squad_start:%-d %b %Y}."
            )
        return day


class PauseClearForm(forms.Form):
    note = forms.CharField(
        max_length=300,
        strip=True,
        validators=[no_control_characters],
        label="What you and the athlete agreed",
        error_messages={"required": "Write a note: what was checked, and who cleared it."},
    )

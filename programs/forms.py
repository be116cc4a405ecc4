import re

from django import forms
from django.core.exceptions import ValidationError

from catalogue.models import Band, BandRole, Dose, Exercise
from programs.models import (
    PAIN_MAX,
    REPS_MAX,
    SECONDS_MAX,
    BandRule,
    Prescription,
    Program,
    ProgramWeek,
    Workout,
)
from programs.sharing import MAX_BYTES, ImportRefused, read_program_file

TARGET_HELP = "Reps as 8, a range 8-10, per set 12/10/8, or a hold in seconds: 45 s."


class ProgramForm(forms.ModelForm):
    class Meta:
        model = Program
        fields = ["title", "summary", "goal"]
        widgets = {"goal": forms.Textarea(attrs={"rows": 3})}


class WeekForm(forms.ModelForm):
    """The week, and its gate when it is a return-to-play stage (it then repeats week after
    week until the gate holds and the coach signs it off)."""

    is_stage = forms.BooleanField(
        required=False,
        label="A return-to-play stage",
        help_text="It repeats every week until its gate holds and you sign it off.",
    )
    min_sessions = forms.IntegerField(
        min_value=1,
        max_value=60,
        initial=6,
        required=False,
        label="Sessions before it can open the next",
    )
    pain_max = forms.IntegerField(
        min_value=0,
        max_value=PAIN_MAX,
        initial=2,
        required=False,
        label="Highest pain allowed (0-10)",
        help_text="In each of the stage's last 3 sessions; 2 by default.",
    )
    test_min_symmetry = forms.IntegerField(
        min_value=50,
        max_value=100,
        required=False,
        label="Strength test: weaker leg at least (%)",
        help_text="Of the stronger leg, in a test during the stage; empty for no test.",
    )
    requires_h_test = forms.BooleanField(
        required=False,
        label="The athlete reports the Askling H-test with no insecurity",
        help_text="For the last stage, back to running.",
    )

    class Meta:
        model = ProgramWeek
        fields = ["focus", "is_deload"]
        labels = {"is_deload": "Deload week (lighter)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        gate = getattr(self.instance, "gate", None) if self.instance.pk else None
        if gate is not None:
            self.initial.update(
                is_stage=True,
                min_sessions=gate.min_sessions,
                pain_max=gate.pain_max,
                test_min_symmetry=gate.test_min_symmetry,
                requires_h_test=gate.requires_h_test,
            )

    def clean(self):
        data = super().clean()
        if data.get("is_stage") and self.instance.is_maintenance:
            self.add_error(
                "is_stage",
                "The maintenance phase repeats until the program ends: it cannot also be a stage.",
            )
        return data

    @property
    def gate(self) -> dict | None:
        """The gate's numbers, or None: not a stage."""
        data = self.cleaned_data
        if not data.get("is_stage"):
            return None
        gate = {name: data.get(name) for name in ("min_sessions", "pain_max", "test_min_symmetry")}
        gate["requires_h_test"] = bool(data.get("requires_h_test"))
        for name in ("min_sessions", "pain_max"):  # left empty: the usual gate
            if gate[name] is None:
                gate[name] = self.fields[name].initial
        return gate


DAYS_IN_WORDS = ["", "the day", "two days", "three days", "four days", "five days", "six days"]


def placement_label(match_day: int) -> str:
    """'MD-4: four days before a match', 'MD+1: the day after a match'."""
    side = "before" if match_day < 0 else "after"
    return f"MD{match_day:+d}: {DAYS_IN_WORDS[abs(match_day)]} {side} a match"


PLACEMENTS = [("", "On its day of the week")] + [
    (match_day, placement_label(match_day)) for match_day in [*range(-6, 0), *range(1, 7)]
]


class WorkoutForm(forms.ModelForm):
    match_day = forms.TypedChoiceField(
        label="Placement",
        choices=PLACEMENTS,
        coerce=int,
        required=False,
        empty_value=None,
        help_text="Placed relative to match day, the workout follows the team's fixtures; in a "
        "week without a match it stays on its day.",
        error_messages={
            "invalid_choice": "Choose a placement from the list: MD-6 to MD-1, MD+1 to MD+6, "
            "or its day of the week."
        },
    )

    class Meta:
        model = Workout
        fields = ["day", "match_day", "title", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


def parse_target(text: str) -> dict:
    """Coach notation to model fields: '45 s', '12/10/8', '8-10' or '10'."""
    text = text.strip().lower().replace(" ", "")
    if match := re.fullmatch(r"(\d{1,4})(s|sec|secs|seconds)", text):
        seconds = int(match[1])
        if seconds > SECONDS_MAX:
            raise ValidationError(f"A hold can last at most {SECONDS_MAX} seconds.")
        return {"seconds": seconds}
    if re.fullmatch(r"\d{1,3}(/\d{1,3})+", text):
        set_reps = [int(reps) for reps in text.split("/")]
        if max(set_reps) > REPS_MAX:
            raise ValidationError(f"A set can have at most {REPS_MAX} reps.")
        return {"set_reps": set_reps}
    if match := re.fullmatch(r"(\d{1,3})(?:-(\d{1,3}))?", text):
        low, high = int(match[1]), int(match[2]) if match[2] else None
        if max(low, high or 0) > REPS_MAX:
            raise ValidationError(f"A set can have at most {REPS_MAX} reps.")
        if high is not None and high < low:
            raise ValidationError("Write the range low to high, such as 8-10.")
        return {"reps_min": low, "reps_max": high if high != low else None}
    raise ValidationError(f"Could not read “{text}”. {TARGET_HELP}")


class PrescriptionForm(forms.ModelForm):
    target = forms.CharField(max_length=40, help_text=TARGET_HELP)

    class Meta:
        model = Prescription
        fields = [
            "exercise",
            "sets",
            "target",
            "per_side",
            "tempo",
            "rest_seconds",
            "rpe_target",
            "band",
            "notes",
        ]
        labels = {"rest_seconds": "Rest (seconds)", "per_side": "Per side"}
        help_texts = {"tempo": "As you write it: 3-0-1 or 30X0.", "band": ""}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exercise"].queryset = Exercise.objects.filter(is_published=True)
        self.fields["band"].queryset = Band.objects.order_by("kind", "rank")
        self.fields["band"].empty_label = "No band"
        if self.instance.pk:
            self.initial.setdefault("target", self.instance.target_text())

    def clean_tempo(self):
        return self.cleaned_data["tempo"].upper()

    def clean(self):
        cleaned = super().clean()
        exercise, text = cleaned.get("exercise"), cleaned.get("target")
        if not text:
            return cleaned
        try:
            target = parse_target(text)
        except ValidationError as error:
            self.add_error("target", error)
            return cleaned
        if exercise is not None:
            is_hold = "seconds" in target
            if exercise.dose == Dose.SECONDS and not is_hold:
                self.add_error("target", "This exercise is a hold: give seconds, such as 30 s.")
            elif exercise.dose == Dose.REPS and is_hold:
                self.add_error("target", "This exercise is counted in reps, not seconds.")
        sets = cleaned.get("sets")
        if "set_reps" in target and sets and len(target["set_reps"]) != sets:
            self.add_error(
                "target",
                f"{len(target['set_reps'])} per-set targets for {sets} sets: give one per set.",
            )
        for field in ("reps_min", "reps_max", "set_reps", "seconds"):
            setattr(self.instance, field, target.get(field, [] if field == "set_reps" else None))
        return cleaned


class BandRuleForm(forms.ModelForm):
    class Meta:
        model = BandRule
        fields = [
            "exercise",
            "mode",
            "start_band",
            "step_weeks",
            "sessions_to_advance",
            "min_days_on_band",
            "hold_until_week",
            "rpe_ceiling",
            "pain_stop",
            "coach_approves",
        ]
        labels = {
            "step_weeks": "Scheduled: weeks per step",
            "sessions_to_advance": "Earned: good sessions in a row to move",
            "pain_stop": "Pain that moves it back (1-10)",
            "min_days_on_band": "Earned: least days on a band",
            "hold_until_week": "Earned: no step before the end of week",
            "coach_approves": "I approve each step on (loaded exercises)",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exercise"].queryset = Exercise.objects.exclude(band_role=BandRole.NONE)
        self.fields["start_band"].queryset = Band.objects.ladder()
        self.fields["start_band"].empty_label = "No band (unassisted)"
        # Left blank, these take the model's defaults (two weeks on a band, no held weeks).
        for name in ("min_days_on_band", "hold_until_week"):
            self.fields[name].required = False

    def clean_min_days_on_band(self):
        return self._or_default("min_days_on_band")

    def clean_hold_until_week(self):
        return self._or_default("hold_until_week")

    def _or_default(self, name: str) -> int:
        value = self.cleaned_data.get(name)
        return BandRule._meta.get_field(name).default if value is None else value


class ProgramImportForm(forms.Form):
    """A program file exported from Hamstrings: read here (size, UTF-8, JSON), checked against
    the models' rules when it is imported."""

    file = forms.FileField(
        label="Program file",
        help_text="A .json file exported from a program page, up to 1 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(f"The file is over {MAX_BYTES // 1_000_000} MB: too big.")
        try:
            return read_program_file(upload.read(MAX_BYTES + 1))
        except ImportRefused as refused:
            raise ValidationError(refused.problems) from None

"""The forms of one athlete's own plan (`programs.overrides`): each offers only the athlete's
plan's own prescriptions and workouts, so another plan's ids are refused next to the field."""

from django import forms

from accounts.forms import no_control_characters
from catalogue.models import Exercise
from programs.forms import PLACEMENTS
from programs.models import REPS_MAX, SETS_MAX, Assignment, Prescription, Workout

DAYS = [(day, f"Day {day}") for day in range(1, 8)]


class PrescriptionChoice(forms.ModelChoiceField):
    def label_from_instance(self, prescription: Prescription) -> str:
        workout = prescription.workout
        return f"Week {workout.week.number}, {workout.title}: {prescription.exercise.name}"


class WorkoutChoice(forms.ModelChoiceField):
    def label_from_instance(self, workout: Workout) -> str:
        return f"Week {workout.week.number}: {workout.title} (day {workout.day})"


def plan_prescriptions(assignment: Assignment):
    return (
        Prescription.objects.filter(workout__week__program=assignment.program_id)
        .select_related("exercise", "workout__week")
        .order_by("workout__week__number", "workout__day", "workout_id", "order", "pk")
    )


class DoseForm(forms.Form):
    prescription = PrescriptionChoice(queryset=Prescription.objects.none(), label="Exercise")
    sets = forms.IntegerField(min_value=1, max_value=SETS_MAX)
    reps = forms.IntegerField(min_value=1, max_value=REPS_MAX, label="Reps a set")

    def __init__(self, *args, assignment: Assignment, **kwargs):
        super().__init__(*args, **kwargs)
        # Holds are timed: a dose of sets x reps is for the rep-counted ones.
        self.fields["prescription"].queryset = plan_prescriptions(assignment).filter(
            seconds__isnull=True
        )


class LeaveOutForm(forms.Form):
    prescription = PrescriptionChoice(queryset=Prescription.objects.none(), label="Exercise")
    substitute = forms.ModelChoiceField(
        queryset=Exercise.objects.filter(is_published=True).order_by("name"),
        required=False,
        empty_label="Nothing in its place",
        label="In its place",
    )
    note = forms.CharField(
        max_length=200,
        required=False,
        strip=True,
        validators=[no_control_characters],
        label="Why (the athlete sees it)",
    )

    def __init__(self, *args, assignment: Assignment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prescription"].queryset = plan_prescriptions(assignment)

    def clean(self):
        data = super().clean()
        prescription, substitute = data.get("prescription"), data.get("substitute")
        if prescription and substitute and substitute.pk == prescription.exercise_id:
            self.add_error("substitute", "Choose another exercise, or nothing in its place.")
        return data


class MoveForm(forms.Form):
    workout = WorkoutChoice(queryset=Workout.objects.none())
    day = forms.TypedChoiceField(choices=DAYS, coerce=int, label="To day")
    match_day = forms.TypedChoiceField(
        choices=PLACEMENTS,
        coerce=int,
        empty_value=None,
        required=False,
        label="Or from match day",
    )

    def __init__(self, *args, assignment: Assignment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workout"].queryset = (
            Workout.objects.filter(week__program=assignment.program_id)
            .select_related("week")
            .order_by("week__number", "day", "pk")
        )

from django import forms

from logbook.models import BODY_MAX, WorkoutLog


class MessageForm(forms.Form):
    """A message into an athlete's thread, optionally about one of their workouts."""

    body = forms.CharField(
        label="Message",
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Write something first.",
            "max_length": "Keep a message to %(limit_value)d characters "
            "(this one has %(show_value)d).",
        },
    )
    workout_log = forms.ModelChoiceField(
        queryset=WorkoutLog.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "That workout is not in this thread."},
    )

    def __init__(self, *args, athlete, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workout_log"].queryset = WorkoutLog.objects.for_athlete(athlete)

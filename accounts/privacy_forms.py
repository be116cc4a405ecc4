"""The confirmation a person gives before their account is erased."""

from django import forms

from accounts.models import User


class ErasureConfirmForm(forms.Form):
    """Typing one's own username, so an erasure is never one stray tap."""

    username = forms.CharField(
        label="Type your username to confirm",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["username"].help_text = f"Your username is {user.username}."

    def clean_username(self) -> str:
        typed = self.cleaned_data["username"].strip()
        if typed != self.user.username:
            raise forms.ValidationError(
                f"That is not your username. Type {self.user.username} to erase your account."
            )
        return typed

"""The coach's sign-up form (`accounts.signup`): it validates, the link mailed creates."""

from django import forms
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.forms import UserCreationForm
from django.core.exceptions import ValidationError

from accounts.clubs import Club
from accounts.forms import no_control_characters
from accounts.models import User
from accounts.signup import address_taken


class CoachSignUpForm(UserCreationForm):
    """A club's name and its head's account, with Django's username rules (a username taken
    in any case is refused) and the password validators of the settings. Saving is not this
    form's: `accounts.signup.sign_up_request` mails a link instead."""

    club_name = forms.CharField(
        label="Club name",
        max_length=Club._meta.get_field("name").max_length,
        help_text="The club, school or squad you coach: your teams belong to it.",
        validators=[no_control_characters],
        error_messages={"required": "Give your club a name."},
    )
    field_order = ["club_name", "first_name", "username", "email", "password1", "password2"]

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("first_name", "username", "email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].label = "Your first name"
        self.fields["first_name"].required = True
        self.fields["first_name"].validators.append(no_control_characters)
        self.fields["email"].required = True
        self.fields["email"].help_text = "We mail you a link to confirm it."
        self.fields["username"].widget.attrs.pop("autofocus", None)
        self.fields["club_name"].widget.attrs["autofocus"] = True

    def clean_email(self) -> str:
        email = BaseUserManager.normalize_email(self.cleaned_data["email"])
        if address_taken(email):
            raise ValidationError(
                "An account already has this address: log in, or set a new password from the "
                "login page."
            )
        return email

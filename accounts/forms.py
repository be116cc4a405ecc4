from django import forms
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.forms import PasswordResetForm, UserCreationForm
from django.core.exceptions import ValidationError
from django.template import loader

from accounts.mail import mail_queue
from accounts.models import Team, User


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, with its mail rendered now and sent by the worker."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        mail_queue(to=to_email, subject=subject, body=body)


class TeamForm(forms.Form):
    name = forms.CharField(label="Team name", max_length=100)

    def __init__(self, *args, coach: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.coach = coach

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        # Stricter than accounts_team_unique_name: "squad" next to "Squad" is a mistake too.
        if existing := Team.objects.filter(coach=self.coach, name__iexact=name).first():
            raise ValidationError(f"You already have a team called {existing.name}.")
        return name


class InviteForm(forms.Form):
    email = forms.EmailField(
        label="Athlete's email",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "placeholder": "name@example.com"}),
    )

    def __init__(self, *args, team: Team, **kwargs):
        super().__init__(*args, **kwargs)
        self.team = team

    def clean_email(self) -> str:
        email = BaseUserManager.normalize_email(self.cleaned_data["email"])
        members = self.team.memberships.filter(is_active=True, athlete__email__iexact=email)
        if members.exists():
            raise ValidationError(f"{email} is already a member of {self.team}.")
        return email


class InviteSignUpForm(UserCreationForm):
    """Validates a new athlete's account (Django's username and password rules); the
    `invite_sign_up` action creates it. The address is the one the invite went to: shown,
    never taken from the post."""

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "email")

    def __init__(self, *args, invite, **kwargs):
        super().__init__(*args, initial={"email": invite.email}, **kwargs)
        self.fields["first_name"].required = True
        self.fields["email"].disabled = True
        # Arriving from a mail on a phone, the keyboard should not hide the invite's text.
        self.fields["username"].widget.attrs.pop("autofocus", None)

    def clean_email(self) -> str:
        email = BaseUserManager.normalize_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(
                "An account with this email already exists. Log in to join with it."
            )
        return email

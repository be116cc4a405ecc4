"""The forms of the club's page (`/club/`): its settings, a staff invite, a member of staff's
role, and a team's coaches. They check what people type; the rules that need the club's rows
under a lock (the last head, a pending invite, who leads a team) are the actions'
(`accounts.club_actions`, `accounts.club_invite_actions`), whose refusals come back next to
the field."""

from django import forms
from django.contrib.auth.base_user import BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import DomainNameValidator

from accounts.clubs import Club, StaffRole
from accounts.forms import no_control_characters
from accounts.models import User

ROLE_ERRORS = {
    "required": "Choose a role.",
    "invalid_choice": "Choose a role from the list.",
}


def club_field(name: str):
    return Club._meta.get_field(name)


class ClubSettingsForm(forms.Form):
    name = forms.CharField(
        label="Club name",
        max_length=club_field("name").max_length,
        validators=[no_control_characters],
        error_messages={"required": "Give the club a name."},
    )
    sso_domain = forms.CharField(
        label="Single sign-on domain",
        required=False,
        max_length=club_field("sso_domain").max_length,
        help_text=club_field("sso_domain").help_text + " Leave empty for none.",
        widget=forms.TextInput(
            attrs={"placeholder": "example.org", "autocomplete": "off", "spellcheck": "false"}
        ),
    )
    sign_off_physio_only = forms.BooleanField(
        required=False, label=club_field("sign_off_physio_only").verbose_name.capitalize()
    )
    keep_anonymised_records = forms.BooleanField(
        required=False,
        label=club_field("keep_anonymised_records").verbose_name.capitalize(),
        help_text=club_field("keep_anonymised_records").help_text,
    )

    def __init__(self, *args, club: Club, **kwargs):
        initial = {field: getattr(club, field) for field in self.base_fields}
        super().__init__(*args, initial=initial, **kwargs)
        self.club = club

    def clean_sso_domain(self) -> str:
        """A domain as people write it after the @ of an address, lower case; one club's
        (`accounts_club_sso_domain_unique` holds it, should two heads save at once)."""
        domain = self.cleaned_data["sso_domain"].strip().removeprefix("@").lower()
        if not domain:
            return ""
        try:
            DomainNameValidator(accept_idna=False)(domain)
        except ValidationError as error:
            raise ValidationError(
                f"{domain} is not a domain: write what follows the @ of your staff's "
                "addresses, such as example.org.",
                code="invalid",
            ) from error
        if Club.objects.filter(sso_domain=domain).exclude(pk=self.club.pk).exists():
            raise ValidationError(
                f"Another club signs in with {domain}: a domain belongs to one club. If it is "
                "your organisation's, ask the Hamstrings admins.",
                code="taken",
            )
        return domain


class StaffInviteForm(forms.Form):
    email = forms.EmailField(
        label="Email",
        max_length=254,
        error_messages={
            "required": "Enter the address to invite.",
            "invalid": "Enter a valid email address, such as sam@example.org.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    role = forms.ChoiceField(
        label="Role", choices=StaffRole.choices, initial=StaffRole.COACH, error_messages=ROLE_ERRORS
    )

    def clean_email(self) -> str:
        return BaseUserManager.normalize_email(self.cleaned_data["email"])


class StaffRoleForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=StaffRole.choices, error_messages=ROLE_ERRORS)


class TeamCoachForm(forms.Form):
    """A coach of the club for a team: the one to hand it to, or to give it to. The choices are
    the page's, read once for every team (`candidates`: the people offered)."""

    coach = forms.ChoiceField(
        error_messages={
            "required": "Choose a coach.",
            "invalid_choice": "Choose a coach from the list.",
        }
    )

    def __init__(self, *args, candidates: list[User], label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_id = {str(person.pk): person for person in candidates}
        field = self.fields["coach"]
        field.label = label
        field.choices = [("", "Choose…"), *((pk, str(p)) for pk, p in self.by_id.items())]

    def clean_coach(self) -> User:
        return self.by_id[self.cleaned_data["coach"]]

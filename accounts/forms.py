import re
from decimal import Decimal

from django import forms
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.forms import PasswordResetForm, UserCreationForm
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.template import loader
from django.utils.text import Truncator

from accounts.clubs import club_of
from accounts.mail import mail_queue
from accounts.models import (
    NO_CONTROL_CHARACTERS,
    NO_CONTROL_CHARACTERS_MESSAGE,
    TIMEZONE_CHOICES,
    SquadGroup,
    Team,
    Units,
    User,
)
from accounts.units import (
    HEIGHT_MAX_CM,
    HEIGHT_MIN_CM,
    body_mass_limits,
    mass_from_kg,
    mass_to_kg,
)


class BodyMassForm(forms.Form):
    """A body mass typed in the person's units (`units`: kg or lb) and cleaned to kg, as
    stored, within a person's bounds (`accounts.units`): the strength tests' forms, the
    coach's and the athlete's, share it."""

    body_mass = forms.DecimalField(
        max_digits=5,
        decimal_places=1,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.1"}),
        error_messages={"invalid": "Enter the body mass as a number, such as 72.5."},
    )

    def __init__(self, *args, units: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.units, self.mass_limits = units, body_mass_limits(units)
        low, high = self.mass_limits
        self.fields["body_mass"].label = f"Body mass ({units})"
        self.fields["body_mass"].widget.attrs.update(min=low, max=high)

    def clean_body_mass(self) -> Decimal | None:
        value = self.cleaned_data["body_mass"]
        if value is None:
            return None
        low, high = self.mass_limits
        if not low <= value <= high:
            raise forms.ValidationError(
                f"Enter a body mass between {low} and {high} {self.units}, or leave it empty."
            )
        return mass_to_kg(value, self.units)


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


def no_control_characters(value: str) -> None:
    """For names and labels, which mails carry in their headers: a line break there makes
    every mail that names them fail (the database refuses them too)."""
    if not re.fullmatch(NO_CONTROL_CHARACTERS, value):
        raise ValidationError(NO_CONTROL_CHARACTERS_MESSAGE, code="control_characters")


class TeamForm(forms.Form):
    name = forms.CharField(label="Team name", max_length=100, validators=[no_control_characters])

    def __init__(self, *args, coach: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.coach = coach

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        # Stricter than accounts_team_unique_name (one name per club): "squad" next to "Squad"
        # is a mistake too.
        teams = Team.objects.filter(club=club_of(self.coach), name__iexact=name)
        if existing := teams.first():
            raise ValidationError(f"Your club already has a team called {existing.name}.")
        return name


INVITES_PER_POST = 50
ADDRESS_SEPARATORS = re.compile(r"[\s,;]+")


def invalid_address(address: str) -> bool:
    try:
        validate_email(address)
    except ValidationError:
        return True
    return len(address) > 254


class InviteForm(forms.Form):
    """One or more addresses, separated by commas, spaces or new lines. A mistyped address
    stops the whole list (named, so the coach can fix it and send again, nobody mailed twice);
    members and pending invites are the action's to leave out (`services.invites_send`)."""

    emails = forms.CharField(
        label="Athletes' emails",
        help_text=f"One or several (up to {INVITES_PER_POST}), separated by commas, spaces or "
        "new lines.",
        max_length=INVITES_PER_POST * 256,
        error_messages={
            "required": "Enter at least one email address.",
            "max_length": f"That is more than {INVITES_PER_POST} addresses: send them in parts.",
        },
        widget=forms.Textarea(
            attrs={
                "rows": 3,
                "autocomplete": "off",
                "spellcheck": "false",
                "placeholder": "nia@example.com, sam@example.com",
            }
        ),
    )

    def clean_emails(self) -> list[str]:
        addresses = [part for part in ADDRESS_SEPARATORS.split(self.cleaned_data["emails"]) if part]
        if not addresses:
            raise ValidationError("Enter at least one email address.")
        if len(addresses) > INVITES_PER_POST:
            raise ValidationError(
                f"You entered {len(addresses)} addresses; invite at most {INVITES_PER_POST} "
                "at a time. Nothing was sent."
            )
        if bad := [address for address in addresses if invalid_address(address)]:
            named = ", ".join(Truncator(address).chars(60) for address in bad)
            these = (
                "This is not a valid email address"
                if len(bad) == 1
                else "These are not valid email addresses"
            )
            raise ValidationError(
                f"{these}: {named}. Nothing was sent: correct the list and send it again."
            )
        unique = {}  # each address once, as typed first
        for address in map(BaseUserManager.normalize_email, addresses):
            unique.setdefault(address.lower(), address)
        return list(unique.values())


class SquadGroupForm(forms.Form):
    """A group's name, new or changed: unique in the team whatever its case, and, as a team's,
    without control characters."""

    name = forms.CharField(
        max_length=60,
        validators=[no_control_characters],
        error_messages={"required": "Give the group a name."},
        widget=forms.TextInput(attrs={"placeholder": "Backs"}),
    )

    def __init__(self, *args, team: Team, group: SquadGroup | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.team, self.group = team, group
        self.fields["name"].label = "Name" if group else "New group"

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        others = self.team.squad_groups.all()
        if self.group:  # renaming "backs" to "Backs" is not a clash with itself
            others = others.exclude(pk=self.group.pk)
        if existing := others.filter(name__iexact=name).first():
            raise ValidationError(f"{self.team} already has a group called {existing.name}.")
        return name


class GroupMembersForm(forms.Form):
    """The group's athletes, ticked among the team's active members (`memberships`, read once
    for every group on the page)."""

    athletes = forms.MultipleChoiceField(
        label="Athletes",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Tick athletes of the team only."},
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_id = {str(member.athlete_id): member.athlete for member in memberships}
        self.fields["athletes"].choices = [(pk, str(user)) for pk, user in self.by_id.items()]

    def clean_athletes(self) -> list[User]:
        return [self.by_id[pk] for pk in self.cleaned_data["athletes"]]


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
        self.fields["first_name"].validators.append(no_control_characters)
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


# The zones most people here live in, listed first (the whole list follows).
COMMON_ZONES = [
    "Europe/London",
    "Europe/Dublin",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Amsterdam",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Toronto",
    "Australia/Sydney",
    "Australia/Melbourne",
    "Australia/Brisbane",
    "Australia/Adelaide",
    "Australia/Perth",
    "Pacific/Auckland",
    "Asia/Tokyo",
    "Africa/Johannesburg",
    "UTC",
]


def timezone_choices(*, current: str) -> list:
    """The common zones first, then every zone a person would look for (Europe/London,
    America/New_York, UTC), without the aliases and system names (GB, Etc/GMT+3, localtime);
    the person's own zone stays."""
    every = [
        (name, label)
        for name, label in TIMEZONE_CHOICES
        if name not in COMMON_ZONES
        and (name == current or ("/" in name and not name.startswith("Etc/")))
    ]
    return [("Common", [(name, name) for name in COMMON_ZONES]), ("Every zone", every)]


class SettingsForm(forms.Form):
    """A person's own settings. Its cleaned data (`settings()`) is keyed by the User fields
    that `services.settings_save` writes: a new setting joins by adding its field here and
    its name to `services.SETTINGS_FIELDS`. The body mass is read in the units its label
    names (`body_mass_units`, hidden): the saved units, or those chosen since, when the page's
    script (static/js/settings.js) relabels and converts it as the choice changes; left as
    shown, in either units, it keeps the stored kg."""

    units = forms.ChoiceField(
        label="Units for loads and band tensions",
        choices=Units.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose kg or lb.", "required": "Choose kg or lb."},
    )
    timezone = forms.ChoiceField(
        label="Time zone",
        choices=TIMEZONE_CHOICES,
        help_text="Sets when your day starts: today's workout and the dates of your sessions.",
        error_messages={
            "invalid_choice": "Choose your time zone from the list (such as Europe/London).",
            "required": "Choose your time zone from the list (such as Europe/London).",
        },
    )
    body_mass = forms.DecimalField(
        required=False,
        help_text="Optional, in the units chosen above. Strength tests are read per kilogram "
        "of body mass with it.",
        max_digits=5,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.1"}),
        error_messages={"invalid": "Enter your body mass as a number, such as 72.5."},
    )

    body_mass_units = forms.ChoiceField(
        required=False, choices=Units.choices, widget=forms.HiddenInput
    )
    # In cm whatever the units: a height is typed once, and the band help it gives is a share.
    height_cm = forms.IntegerField(
        label="Height (cm)",
        required=False,
        min_value=HEIGHT_MIN_CM,
        max_value=HEIGHT_MAX_CM,
        help_text="Optional, in centimetres (5 ft 10 in is 178 cm). With your body mass, the "
        "workout page shows how much of your weight each Nordic band takes.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": "Enter your height in whole centimetres, such as 178.",
            "min_value": f"Enter a height between {HEIGHT_MIN_CM} and {HEIGHT_MAX_CM} cm, or "
            "leave it empty.",
            "max_value": f"Enter a height between {HEIGHT_MIN_CM} and {HEIGHT_MAX_CM} cm, or "
            "leave it empty.",
        },
    )

    mail_messages = forms.BooleanField(required=False)
    mail_flag_digest = forms.BooleanField(required=False)
    mail_training_reminder = forms.BooleanField(required=False)
    MAIL_FIELDS = ("mail_messages", "mail_flag_digest", "mail_training_reminder")

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        self.shown_mass = (
            None if user.body_mass_kg is None else mass_from_kg(user.body_mass_kg, user.units)
        )
        initial = {
            "units": user.units,
            "timezone": user.timezone,
            "body_mass": self.shown_mass,
            "height_cm": user.height_cm,
        }
        initial |= {name: getattr(user, name) for name in self.MAIL_FIELDS}
        super().__init__(*args, initial=initial, **kwargs)
        for name in self.MAIL_FIELDS:  # labels and help from the model: one wording
            model_field = User._meta.get_field(name)
            self.fields[name].label = model_field.verbose_name
            self.fields[name].help_text = model_field.help_text
        # The digest is about athletes' flags, the reminder about one's own training.
        del self.fields["mail_training_reminder" if user.is_coach else "mail_flag_digest"]
        self.fields["timezone"].choices = timezone_choices(current=user.timezone)
        if user.timezone == "UTC" and not self.is_bound:  # the default: never chosen yet
            # static/js/settings.js then offers the browser's zone.
            self.fields["timezone"].widget.attrs["data-guess-zone"] = ""
        # The units the body mass was typed in: those its label named (a post made without the
        # page: the units chosen in it); sent back with errors, the label names them again.
        posted = (
            self.data.get("body_mass_units") or self.data.get("units") if self.is_bound else None
        )
        self.mass_units = posted if posted in Units.values else user.units
        self.initial["body_mass_units"] = self.mass_units
        low, high = body_mass_limits(self.mass_units)
        body_mass = self.fields["body_mass"]
        body_mass.label = f"Body mass ({self.mass_units})"
        body_mass.widget.attrs.update({"min": low, "max": high})
        for units in Units.values:  # for the script that follows the units chosen
            body_mass.widget.attrs[f"data-limits-{units}"] = "{} {}".format(
                *body_mass_limits(units)
            )

    def clean_body_mass(self) -> Decimal | None:
        value = self.cleaned_data["body_mass"]
        if value is None:
            return None
        units = self.mass_units
        stored = self.user.body_mass_kg
        # Unchanged, as shown in the saved units or as the script converted it: the stored kg,
        # with no rounding drift.
        if stored is not None and value in (self.shown_mass, mass_from_kg(stored, units)):
            return stored
        low, high = body_mass_limits(units)
        if not low <= value <= high:
            raise ValidationError(
                f"Enter a body mass between {low} and {high} {units}, or leave it empty."
            )
        return mass_to_kg(value, units)

    def settings(self) -> dict:
        """The cleaned values, named as the User's fields."""
        values = dict(self.cleaned_data)
        values["body_mass_kg"] = values.pop("body_mass")
        del values["body_mass_units"]
        return values

import secrets
import zoneinfo
from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.functional import cached_property

# The app's models kept in modules of their own, registered and importable from here.
from accounts.clubs import Club, Staff, club_of, teams_seen
from accounts.clubs import SsoIdentity as SsoIdentity
from accounts.clubs import StaffInvite as StaffInvite
from accounts.clubs import StaffRole as StaffRole
from accounts.clubs import TeamStaff as TeamStaff
from accounts.records import AuditAction as AuditAction
from accounts.records import AuditEvent as AuditEvent
from accounts.records import DataExport as DataExport
from accounts.records import Erasure as Erasure
from accounts.units import BODY_MASS_MAX_KG, BODY_MASS_MIN_KG, HEIGHT_MAX_CM, HEIGHT_MIN_CM

# Text that goes into a mail's headers (a subject names a person, a team, a workout): no
# control characters, CR and LF above all (Django refuses such a header: the mail would fail
# for good). The same pattern reads in Python's `re` and in PostgreSQL's regular expressions.
NO_CONTROL_CHARACTERS = r"^[^\x01-\x1f\x7f-\x9f\u2028\u2029]*$"
NO_CONTROL_CHARACTERS_MESSAGE = "No line breaks, tabs or other control characters."

# Dates people type (a match, a strength test, a program's start): the database keeps an
# absolute sanity window; the forms apply a tighter one around today.
TYPED_DATE_MIN = date(2000, 1, 1)
TYPED_DATE_MAX = date(2100, 12, 31)


def plain_text(field: str, name: str) -> models.CheckConstraint:
    """The constraint that keeps control characters out of `field`."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__regex": NO_CONTROL_CHARACTERS}),
        name=name,
        violation_error_message=NO_CONTROL_CHARACTERS_MESSAGE,
    )


def typed_date(field: str, name: str) -> models.CheckConstraint:
    """The constraint that keeps a typed date within the sanity window."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__range": (TYPED_DATE_MIN, TYPED_DATE_MAX)}),
        name=name,
        violation_error_message=f"Give a date from {TYPED_DATE_MIN.year} to {TYPED_DATE_MAX.year}.",
    )


def body_mass_range(name: str) -> models.CheckConstraint:
    """Body mass in kg, where stored: the bounds the forms apply (accounts.units)."""
    return models.CheckConstraint(
        condition=Q(body_mass_kg__isnull=True)
        | Q(body_mass_kg__gte=BODY_MASS_MIN_KG, body_mass_kg__lte=BODY_MASS_MAX_KG),
        name=name,
        violation_error_message=f"Body mass is {BODY_MASS_MIN_KG} to {BODY_MASS_MAX_KG} kg.",
    )


class Units(models.TextChoices):
    KG = "kg", "kg"
    LB = "lb", "lb"


TIMEZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones())]


class User(AbstractUser):
    units = models.CharField(max_length=2, choices=Units, default=Units.KG)
    timezone = models.CharField(max_length=64, choices=TIMEZONE_CHOICES, default="UTC")
    body_mass_kg = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    # With the body mass, the share of the weight's pull each band takes off a Nordic.
    height_cm = models.PositiveSmallIntegerField("height (cm)", null=True, blank=True)
    # Mail, each kind switched on or off in settings (the app shows everything either way).
    mail_messages = models.BooleanField(
        "Mail me new messages and notices",
        default=True,
        help_text="Your coach's messages, or your athletes' messages and pain stops.",
    )
    mail_flag_digest = models.BooleanField(
        "Mail me a daily digest of new flags",
        default=True,
        help_text="Coaches: one mail a day when athletes were flagged.",
    )
    mail_training_reminder = models.BooleanField(
        "Remind me on training days",
        default=False,
        help_text="Athletes: one mail in the morning of a day with a workout.",
    )
    # Sessions live in signed cookies, with no row to delete: one more than before ends every
    # cookie of the person's at once (accounts.session_epoch), as the session's hash holds it.
    session_epoch = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        constraints = [
            body_mass_range("accounts_user_body_mass_range"),
            models.CheckConstraint(
                condition=Q(height_cm__isnull=True)
                | Q(height_cm__gte=HEIGHT_MIN_CM, height_cm__lte=HEIGHT_MAX_CM),
                name="accounts_user_height_range",
                violation_error_message=f"Height is {HEIGHT_MIN_CM} to {HEIGHT_MAX_CM} cm.",
            ),
            models.CheckConstraint(
                condition=Q(units__in=Units.values), name="accounts_user_units_valid"
            ),
            plain_text("first_name", "accounts_user_first_name_no_control_characters"),
            plain_text("last_name", "accounts_user_last_name_no_control_characters"),
        ]

    def __str__(self) -> str:
        return display_name(self.first_name, self.last_name, self.username)

    def get_session_auth_hash(self) -> str:
        """Django's HMAC of the password hash, with the session epoch in it: a session signed
        in before a new password or before the epoch moved no longer matches its user, and
        `django.contrib.auth.get_user` signs it out. Both are columns of the user's one query."""
        return self.session_auth_hash()

    def get_session_auth_fallback_hash(self):
        for secret in settings.SECRET_KEY_FALLBACKS:
            yield self.session_auth_hash(secret)

    def session_auth_hash(self, secret: str | None = None) -> str:
        return salted_hmac(
            "accounts.User.session_auth_hash",
            f"{self.session_epoch}:{self.password}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def refresh_from_db(self, *args, **kwargs):
        self.__dict__.pop("seat", None)
        super().refresh_from_db(*args, **kwargs)

    @cached_property
    def seat(self) -> Staff | None:
        """The person's active seat in a club, if they are staff (read once; the request's
        user comes with it from the sign-in backend)."""
        return Staff.objects.filter(user=self, is_active=True).select_related("club").first()

    @property
    def is_coach(self) -> bool:
        """Staff of a club, in any role: the coach's side of the app (`/coach/`) is theirs."""
        return self.seat is not None

    @property
    def changes_training(self) -> bool:
        return self.seat is not None and self.seat.changes_training


def display_name(first_name: str, last_name: str, username: str) -> str:
    """What a person is called on every page: their full name, else their username."""
    return f"{first_name} {last_name}".strip() or username


def athletes_of(coach):
    """The athletes a member of staff may see: active members of the teams their seat shows."""
    return User.objects.filter(
        memberships__team__in=Team.objects.for_coach(coach), memberships__is_active=True
    ).distinct()


def coaches_of(athlete):
    """The coaches of an athlete's current teams (each team's lead and the coaches it was
    given), still active in its club: the people who read and are mailed their thread."""
    teams = Team.objects.filter(memberships__athlete=athlete, memberships__is_active=True)
    return User.objects.filter(
        Q(teams__in=teams) | Q(teams_given__team__in=teams),
        staff__is_active=True,
    ).distinct()


class Sport(models.TextChoices):
    """The team's sport sets the strength thresholds of its tests (DESIGN.md)."""

    AUSTRALIAN_FOOTBALL = "australian_football", "Australian football"
    SOCCER = "soccer", "Soccer"
    RUGBY_UNION = "rugby_union", "Rugby union"
    OTHER = "other", "Other"


class TeamQuerySet(models.QuerySet):
    def for_coach(self, coach):
        """The teams a member of staff may see: every team of their club for its owner,
        physios and viewers; the teams they lead or were given for a coach."""
        return self.filter(teams_seen(coach))


# History outlives people and teams: a user or a team that anything records or plans points
# at is protected (on_delete=PROTECT); a person leaves by being deactivated, a member by their
# membership going inactive.


class Team(models.Model):
    club = models.ForeignKey(Club, on_delete=models.PROTECT, related_name="teams")
    # The team's lead coach; other coaches are given it (`staff`). Handing the team to another
    # coach of the club changes this only: its members, plans and history stay.
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="teams"
    )
    name = models.CharField(max_length=100)
    sport = models.CharField(max_length=20, choices=Sport, default=Sport.OTHER)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["club", "name"], name="accounts_team_unique_name"),
            models.CheckConstraint(
                condition=Q(sport__in=Sport.values), name="accounts_team_sport_valid"
            ),
            plain_text("name", "accounts_team_name_no_control_characters"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if self.club_id is None and self.coach_id is not None:
            # A team made for a coach is their club's.
            self.club_id = club_of(self.coach)
        super().save(*args, **kwargs)


class Membership(models.Model):
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="memberships")
    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships"
    )
    joined_at = models.DateTimeField(auto_now_add=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["team", "athlete"], name="accounts_membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.athlete} in {self.team}"


class SquadGroupQuerySet(models.QuerySet):
    def for_coach(self, coach):
        """The groups of the teams a member of staff may see."""
        return self.filter(teams_seen(coach, prefix="team__"))


class SquadGroup(models.Model):
    """A named group inside a team (a position, "backs", "rehab"): the coach announces to it,
    assigns it a program and filters the board by it. Its athletes are active members of the
    team (`athletes`); an athlete may be in several groups. A group with members is kept
    (PROTECT): the coach unticks them first, so nobody's place in it goes by accident."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="squad_groups")
    name = models.CharField(max_length=60)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SquadGroupQuerySet.as_manager()

    class Meta:
        verbose_name = "group"
        ordering = ["name"]
        constraints = [
            # "Backs" beside "backs" is a mistake, not two groups.
            models.UniqueConstraint(
                Lower("name"),
                "team",
                name="accounts_squadgroup_unique_name",
                violation_error_message="The team already has a group of that name.",
            ),
            models.CheckConstraint(
                condition=~Q(name=""), name="accounts_squadgroup_name_not_blank"
            ),
            plain_text("name", "accounts_squadgroup_name_no_control_characters"),
        ]

    def __str__(self) -> str:
        return f"{self.team} · {self.name}"

    def athletes(self):
        """The group's athletes who are active members of its team: one who left the team is
        no longer sent, assigned or shown anything as one of the group."""
        return User.objects.filter(
            squad_group_memberships__group=self,
            memberships__team_id=self.team_id,
            memberships__is_active=True,
        )


class SquadGroupMember(models.Model):
    group = models.ForeignKey(SquadGroup, on_delete=models.PROTECT, related_name="members")
    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="squad_group_memberships"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "group member"
        constraints = [
            models.UniqueConstraint(
                fields=["group", "athlete"], name="accounts_squadgroupmember_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.athlete} in {self.group}"


def invite_token() -> str:
    return secrets.token_urlsafe(24)


class InviteQuerySet(models.QuerySet):
    def pending(self):
        """Neither accepted nor revoked: the invites a coach can still resend or revoke
        (expired ones included: a resend renews them)."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)


class Invite(models.Model):
    """A single-use link that signs an athlete up (or adds an existing one) to a team. A
    revoked invite keeps its row, for the team's history; an accepted one is never revoked."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="invites")
    email = models.EmailField()
    token = models.CharField(max_length=64, unique=True, default=invite_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(default=timezone.now, help_text="When it was last mailed.")
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InviteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(revoked_at__isnull=True),
                name="accounts_invite_accepted_or_revoked",
            ),
        ]

    def __str__(self) -> str:
        return f"Invite for {self.email} to {self.team}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

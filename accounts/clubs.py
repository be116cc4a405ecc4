"""Clubs and their staff: who may see which teams and athletes, and what each role may change.

A club (an organisation) owns its teams, programs and fixtures. Its people are staff, each
with one role, in one club at a time:

- **owner** (head of performance): every team and athlete of the club, every change, the staff;
- **coach**: the teams they lead or are given (`TeamStaff`), and every change to their training;
- **physio**: every athlete of the club, read-only for training; the health records are theirs
  to act on (clearing a pain pause, signing off a return-to-play stage);
- **viewer**: every athlete of the club, read-only.

A club may keep the health sign-offs to its physios (`sign_off_physio_only`).

The models live here and are imported by `accounts.models`, the app's models module.
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q


class StaffRole(models.TextChoices):
    OWNER = "owner", "Head of performance"
    COACH = "coach", "Coach"
    PHYSIO = "physio", "Physio"
    VIEWER = "viewer", "Viewer"


# Who reads every team of the club (a coach reads the teams they are given).
READS_WHOLE_CLUB = (StaffRole.OWNER, StaffRole.PHYSIO, StaffRole.VIEWER)
# Who changes training: programs, teams, bands, tests, fixtures, invites, messages.
CHANGES_TRAINING = (StaffRole.OWNER, StaffRole.COACH)
# Who may clear a pain pause or sign off a stage, unless the club keeps it to physios.
SIGNS_OFF_HEALTH = (StaffRole.OWNER, StaffRole.COACH, StaffRole.PHYSIO)


class Club(models.Model):
    name = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    # Single sign-on: staff whose verified address is at this domain sign in with the
    # club's identity provider (OpenID Connect); another domain is refused there.
    sso_domain = models.CharField(
        "single sign-on domain",
        max_length=253,
        blank=True,
        help_text="Staff addresses at this domain (example.org) may sign in with single sign-on.",
    )
    sign_off_physio_only = models.BooleanField(
        "only physios clear pain pauses and sign off stages",
        default=False,
    )
    keep_anonymised_records = models.BooleanField(
        "keep an erased athlete's training records, anonymised",
        default=False,
        help_text="Off: an erased athlete's sets, tests and notes go with them.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="accounts_club_name_not_blank"),
            models.CheckConstraint(
                condition=Q(name__regex=r"^[^\x01-\x1f\x7f-\x9f\u2028\u2029]*$"),
                name="accounts_club_name_no_control_characters",
                violation_error_message="No line breaks, tabs or other control characters.",
            ),
            models.UniqueConstraint(
                fields=["sso_domain"],
                condition=~Q(sso_domain=""),
                name="accounts_club_sso_domain_unique",
                violation_error_message="Another club signs in with that domain.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Staff(models.Model):
    """A person's seat in a club. One club at a time; someone who leaves keeps the row,
    inactive, so what they did stays attributed (and they see nothing of the club)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="staff"
    )
    club = models.ForeignKey(Club, on_delete=models.PROTECT, related_name="staff")
    role = models.CharField(max_length=10, choices=StaffRole, default=StaffRole.COACH)
    is_active = models.BooleanField(default=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "staff"
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=StaffRole.values), name="accounts_staff_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.club})"

    @property
    def changes_training(self) -> bool:
        return self.role in CHANGES_TRAINING

    @property
    def signs_off_health(self) -> bool:
        """Clears a pain pause, signs off a stage: a physio; a coach or the head too, unless
        the club keeps it to its physios."""
        if self.club.sign_off_physio_only:
            return self.role == StaffRole.PHYSIO
        return self.role in SIGNS_OFF_HEALTH

    @property
    def heads_club(self) -> bool:
        return self.role == StaffRole.OWNER


class TeamStaff(models.Model):
    """A coach given a team beside its lead coach (`Team.coach`): a squad has several staff."""

    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="staff")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="teams_given"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "team's coach"
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="accounts_teamstaff_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} coaches {self.team}"


def club_of(user) -> int:
    """The id of the club of a person with a seat (read once per person object: `User.seat`),
    even one who left it: what they made stays their club's."""
    if user.seat is not None:
        return user.seat.club_id
    return Staff.objects.values_list("club", flat=True).get(user=user)


def seats(user) -> models.QuerySet:
    """The user's active seat (none or one); `user` may be an OuterRef."""
    return Staff.objects.filter(user=user, is_active=True)


def teams_seen(user, prefix: str = "") -> Exists:
    """A condition on teams (or on what reaches a team through `prefix`, such as "team__"):
    the ones `user`'s seat shows them. One subquery, where `user` appears once (it may be an
    OuterRef, as in the sign-in backend's query); it costs no query of its own."""
    given = TeamStaff.objects.filter(team=OuterRef(OuterRef(f"{prefix}pk")), user=OuterRef("user"))
    return Exists(
        seats(user)
        .filter(club=OuterRef(f"{prefix}club"))
        .filter(
            Q(role__in=READS_WHOLE_CLUB)
            | Q(role=StaffRole.COACH) & (Q(user=OuterRef(f"{prefix}coach")) | Exists(given))
        )
    )


def clubs_of(user, roles=tuple(StaffRole)) -> models.QuerySet:
    """The club ids where `user` holds one of `roles` (a subquery)."""
    return seats(user).filter(role__in=roles).values("club")


class StaffInviteQuerySet(models.QuerySet):
    def pending(self):
        """Neither accepted nor revoked (expired ones included: a resend renews them)."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)


class StaffInvite(models.Model):
    """A single-use link that gives someone a seat in a club, in a role: as an athlete's
    invite, by address, expiring, revocable. A revoked invite keeps its row, for the club's
    history; an accepted one is never revoked."""

    club = models.ForeignKey(Club, on_delete=models.PROTECT, related_name="invites")
    email = models.EmailField()
    role = models.CharField(max_length=10, choices=StaffRole, default=StaffRole.COACH)
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = StaffInviteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(revoked_at__isnull=True),
                name="accounts_staffinvite_accepted_or_revoked",
            ),
            models.CheckConstraint(
                condition=Q(role__in=StaffRole.values), name="accounts_staffinvite_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Invite for {self.email} to {self.club} as {self.get_role_display()}"


class SsoIdentity(models.Model):
    """Who a person is at a club's identity provider (OpenID Connect): the issuer and the
    subject it gives them. The first sign-in creates or links the person; later ones find them
    here, even if their address changes."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sso_identities"
    )
    issuer = models.CharField(max_length=255)
    subject = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "single sign-on identities"
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"], name="accounts_ssoidentity_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.issuer}"

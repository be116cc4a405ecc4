"""What a club's head of performance does on `/club/`, one durable transaction each: the
club's settings; its staff's roles and seats; its teams handed from one coach to another,
given to a coach and taken back. Staff invites are `accounts.club_invite_actions`.

Every staff change writes an audit event (`AuditAction.STAFF_CHANGED`): the head who made it
(for an invite taken up, the head who sent it), the person it was about (`athlete`, the
event's "on whom"), and what changed in the app's words. The words never name a person or an
address: an erased person leaves no name in the club's history, and an invite's address stays
on the invite, named by its number.

Every action locks the club's row first, so two changes to one club's staff come one after
the other: two heads demoting each other cannot leave the club with none. Views check the
input and that the caller heads the club, and reach only the club's rows (another club's
answers 404 before this)."""

from django.db import IntegrityError, transaction

from accounts.clubs import Club, Staff, StaffRole, TeamStaff
from accounts.models import Team, User
from accounts.records import AuditAction, AuditEvent

DETAIL_MAX = AuditEvent._meta.get_field("detail").max_length
# Roles that lead or are given a team: they change its training.
COACHES_TEAMS = (StaffRole.OWNER, StaffRole.COACH)


class ClubRefused(Exception):
    """A change the club's rules refuse; the message says why, in words for the head."""


def club_locked(club_id: int) -> Club:
    return Club.objects.select_for_update().get(pk=club_id)


def audit(*, club: Club, by: User, about: User | None, detail: str) -> AuditEvent:
    return AuditEvent.objects.create(
        club=club,
        actor=by,
        athlete=about,
        action=AuditAction.STAFF_CHANGED,
        detail=detail[:DETAIL_MAX],
    )


def role_name(role: str) -> str:
    """A role as the audit and the mails say it, mid-sentence: "physio", "head of
    performance"."""
    return StaffRole(role).label.lower()


def forget_seat(user: User) -> None:
    """`User.seat` is read once per request: drop it after a change of seat."""
    user.__dict__.pop("seat", None)


# The club's settings

SETTING_WORDS = {
    "name": "name",
    "sso_domain": "single sign-on domain",
    "sign_off_physio_only": "sign-offs by physios only",
    "keep_anonymised_records": "anonymised records kept",
}


def setting_shown(value) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return value or "none"


@transaction.atomic(durable=True)
def club_settings_save(
    *,
    club: Club,
    by: User,
    name: str,
    sso_domain: str,
    sign_off_physio_only: bool,
    keep_anonymised_records: bool,
) -> Club:
    """Save the settings; the ones that changed are audited (who may sign off, who signs in
    with the club's provider, what an erasure keeps). A domain another club took meanwhile is
    refused (`accounts_club_sso_domain_unique`), not a 500."""
    club = club_locked(club.pk)
    values = {
        "name": name,
        "sso_domain": sso_domain,
        "sign_off_physio_only": sign_off_physio_only,
        "keep_anonymised_records": keep_anonymised_records,
    }
    changed = {field: value for field, value in values.items() if getattr(club, field) != value}
    if not changed:
        return club
    for field, value in changed.items():
        setattr(club, field, value)
    try:
        with transaction.atomic():
            club.save(update_fields=list(changed))
    except IntegrityError as error:  # accounts_club_sso_domain_unique
        raise ClubRefused(f"Another club signs in with {sso_domain}.") from error
    words = "; ".join(f"{SETTING_WORDS[field]}: {setting_shown(v)}" for field, v in changed.items())
    audit(club=club, by=by, about=None, detail=f"settings: {words}")
    return club


# The staff


def last_head(seat: Staff) -> bool:
    """Whether `seat` is the club's only active head (read under the club's lock)."""
    heads = Staff.objects.filter(club=seat.club_id, role=StaffRole.OWNER, is_active=True)
    return seat.role == StaffRole.OWNER and not heads.exclude(pk=seat.pk).exists()


def teams_led(seat: Staff) -> list[str]:
    return list(
        Team.objects.filter(club=seat.club_id, coach=seat.user_id)
        .order_by("name")
        .values_list("name", flat=True)
    )


def teams_given_dropped(seat: Staff) -> list[str]:
    """The person's given teams (`TeamStaff`) in the club, taken back: a physio, a viewer or
    someone who left coaches no team. The names, for the audit."""
    given = TeamStaff.objects.filter(user=seat.user_id, team__club=seat.club_id)
    names = sorted(given.values_list("team__name", flat=True))
    given.delete()
    return names


def still_leads(person: User, teams: list[str], what: str) -> ClubRefused:
    listed = ", ".join(teams)
    team_word = "it" if len(teams) == 1 else "them"
    return ClubRefused(f"{person} leads {listed}: hand {team_word} to another coach before {what}.")


@transaction.atomic(durable=True)
def staff_role_set(*, seat: Staff, role: str, by: User) -> Staff:
    """A new role for a member of staff. The club's last head keeps the role (a club needs
    one to manage it); whoever leads a team stays a coach or head (its training is theirs to
    change); a physio or viewer is given no team, so those go back."""
    club = club_locked(seat.club_id)
    seat = Staff.objects.select_related("user").get(pk=seat.pk)
    old = seat.role
    if role == old:
        return seat
    if last_head(seat):
        raise ClubRefused(
            f"{seat.user} is the club's only head of performance: make someone else head first."
        )
    if role not in COACHES_TEAMS and (led := teams_led(seat)):
        raise still_leads(seat.user, led, f"making them {role_name(role)}")
    seat.role = role
    seat.save(update_fields=["role"])
    detail = f"role changed from {role_name(old)} to {role_name(role)}"
    if role not in COACHES_TEAMS and (dropped := teams_given_dropped(seat)):
        detail += f"; no longer given {', '.join(dropped)}"
    audit(club=club, by=by, about=seat.user, detail=detail)
    forget_seat(seat.user)
    return seat


@transaction.atomic(durable=True)
def staff_remove(*, seat: Staff, by: User) -> Staff:
    """The person leaves the club: their seat goes inactive and stays, so what they did stays
    theirs; they see nothing of the club from now on. Refused for the last head, and for
    whoever leads a team (its athletes would have a coach who cannot see them)."""
    club = club_locked(seat.club_id)
    seat = Staff.objects.select_related("user").get(pk=seat.pk)
    if last_head(seat):
        raise ClubRefused(
            f"{seat.user} is the club's only head of performance: make someone else head first."
        )
    if led := teams_led(seat):
        raise still_leads(seat.user, led, "they leave")
    seat.is_active = False
    seat.save(update_fields=["is_active"])
    detail = f"removed from the staff (was {role_name(seat.role)})"
    if dropped := teams_given_dropped(seat):
        detail += f"; no longer given {', '.join(dropped)}"
    audit(club=club, by=by, about=seat.user, detail=detail)
    forget_seat(seat.user)
    return seat


# Teams: the lead coach (`Team.coach`) and the coaches a team was given (`TeamStaff`).


def coach_of_club(club: Club, user: User) -> Staff:
    """`user`'s active seat in `club`, as a coach or head; `ClubRefused` otherwise."""
    seat = Staff.objects.filter(club=club, user=user, is_active=True).first()
    if seat is None:
        raise ClubRefused(f"{user} is not on the staff of {club}.")
    if seat.role not in COACHES_TEAMS:
        raise ClubRefused(f"{user} is a {seat.get_role_display().lower()}: coaches lead teams.")
    return seat


@transaction.atomic(durable=True)
def team_hand_over(*, team: Team, to: User, by: User) -> Team:
    """`to` leads the team from now on. Only the lead changes: its athletes, groups, plans,
    fixtures, invites, messages and history stay the team's. The previous lead, if a coach,
    no longer sees it unless given it again; `to`'s own given row goes (they lead it now)."""
    club = club_locked(team.club_id)
    team = Team.objects.select_for_update().select_related("coach").get(pk=team.pk)
    coach_of_club(club, to)
    previous = team.coach
    if previous.pk == to.pk:
        raise ClubRefused(f"{to} already leads {team}.")
    team.coach = to
    team.save(update_fields=["coach"])
    TeamStaff.objects.filter(team=team, user=to).delete()
    audit(club=club, by=by, about=to, detail=f"now leads {team}")
    audit(club=club, by=by, about=previous, detail=f"no longer leads {team}")
    return team


@transaction.atomic(durable=True)
def team_give(*, team: Team, to: User, by: User) -> TeamStaff:
    """A coach of the club is given the team beside its lead: they see and coach it."""
    club = club_locked(team.club_id)
    seat = coach_of_club(club, to)
    if seat.role != StaffRole.COACH:
        raise ClubRefused(f"{to} heads the club: they see every team already.")
    if team.coach_id == to.pk:
        raise ClubRefused(f"{to} leads {team} already.")
    given, created = TeamStaff.objects.get_or_create(team=team, user=to)
    if not created:
        raise ClubRefused(f"{to} was given {team} already.")
    audit(club=club, by=by, about=to, detail=f"given {team}")
    return given


@transaction.atomic(durable=True)
def team_take_back(*, given: TeamStaff, by: User) -> None:
    """The coach no longer sees the team (unless they lead it); what they did there stays."""
    club = club_locked(given.team.club_id)
    deleted, _ = TeamStaff.objects.filter(pk=given.pk).delete()
    if deleted:
        audit(club=club, by=by, about=given.user, detail=f"no longer given {given.team}")

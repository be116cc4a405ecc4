"""A person's erasure (issue 29): an athlete, or a member of staff, asks for it on their data
page (or staff do it in the admin, by the same path); their account closes at once, and once the
grace period (`settings.ERASURE_GRACE_DAYS`) has passed the daily job (`privacy_daily`) erases
them: the personal fields of their account, their own records (single sign-on identities,
calendar feed, data exports, invites to their address, groups, the mails to them, their sign-in
records), and their training records, which their clubs keep anonymised or see deleted
(`accounts.erasure_records`). The account's row stays, named `erased-<id>`, so what others did
and the clubs' audit trail keep their keys; `AuditEvent` holds no free text. A club named after
them is renamed, and the admin's log of their club and teams names them by id.

Nobody in charge leaves that way: the only head of a club, or a team's lead, is refused until
the club or the team is someone else's (as the club page refuses them leaving).
"""

import json
import logging
import re
from datetime import datetime, timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.db.models.fields.json import KT
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.club_actions import last_head
from accounts.clubs import Club, SsoIdentity, Staff, StaffInvite, TeamStaff
from accounts.erasure_records import own_records_delete, records_anonymise, records_delete
from accounts.mail import mail_send
from accounts.models import (
    Invite,
    Membership,
    SquadGroup,
    SquadGroupMember,
    Team,
    Units,
    User,
    display_name,
)
from accounts.records import AuditAction, AuditEvent, DataExport, Erasure
from accounts.session_epoch import sessions_end

logger = logging.getLogger(__name__)


class ErasureWaits(Exception):
    """An erasure that is not carried out this time; the message says why."""


class ErasureRefused(Exception):
    """An erasure asked for that would leave a club or a team with nobody in charge; the
    message says what to do first."""


def clubs_of_person(user: User) -> list[int]:
    """The clubs someone belongs to now: those of the teams they train with, and their seat's."""
    return list(
        Club.objects.filter(
            Q(teams__memberships__athlete=user, teams__memberships__is_active=True)
            | Q(staff__user=user, staff__is_active=True)
        )
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@transaction.atomic(durable=True)
def erasure_request(*, user: User, by: User) -> Erasure:
    """The person asked to be erased (`by` themselves), or staff asked for them (`by` staff):
    the account is deactivated at once and its sessions end (for good), no mail goes to
    them any more, and each of their clubs' audit trails says who asked. Their data is erased
    after the grace period. Asking again answers the first erasure: the date does not move.
    The person's row is locked, so two asks at the same moment make one erasure."""
    User.objects.select_for_update().filter(pk=user.pk).values_list("pk").get()
    if refusals := in_charge(user):
        raise ErasureRefused(" ".join(refusals))
    if (erasure := Erasure.objects.filter(user=user).first()) is not None:
        return erasure
    closed = {
        "is_active": False,
        "mail_messages": False,
        "mail_flag_digest": False,
        "mail_training_reminder": False,
    }
    sessions_end(user, **closed)
    erasure = Erasure.objects.create(
        user=user,
        requested_by=by,
        erase_after=timezone.now() + timedelta(days=settings.ERASURE_GRACE_DAYS),
    )
    AuditEvent.objects.bulk_create(
        AuditEvent(club_id=club, actor=by, athlete=user, action=AuditAction.ERASURE_REQUESTED)
        for club in clubs_of_person(user)
    )
    # The seat closes with the account: a head left beside them stays the club's last, who
    # cannot step down, and no team is handed to them meanwhile.
    Staff.objects.filter(user=user).update(is_active=False)
    user.__dict__.pop("seat", None)
    return erasure


def in_charge(user: User) -> list[str]:
    """Why the person may not go yet: the only active head of their club (its row locked,
    as the club page's changes lock it), or the lead of a team. Empty when they may."""
    reasons = []
    seat = Staff.objects.select_related("club").filter(user=user, is_active=True).first()
    if seat is not None:
        Club.objects.select_for_update().filter(pk=seat.club_id).values_list("pk").get()
        if last_head(seat):
            reasons.append(
                f"Hand the club to another head first: {user} is the only head of "
                f"performance of {seat.club}."
            )
    led = list(Team.objects.filter(coach=user).order_by("name").values_list("name", flat=True))
    if led:
        reasons.append(
            f"Hand {', '.join(led)} to another coach first: {user} leads "
            f"{'it' if len(led) == 1 else 'them'}."
        )
    return reasons


def erasures_due(*, now: datetime) -> int:
    """Carry out every erasure whose grace period has ended by `now`, each in its own
    transaction: one that fails is logged, left to the next run, and the others go on. How
    many were carried out. Run daily."""
    due = Erasure.objects.filter(erased_at__isnull=True, erase_after__lte=now).order_by(
        "erase_after", "pk"
    )
    carried_out = 0
    for erasure_id in list(due.values_list("pk", flat=True)):
        try:
            if erasure_carry_out(erasure_id=erasure_id, now=now):
                carried_out += 1
        except ErasureWaits as waiting:
            logger.warning("Erasure %s waits: %s", erasure_id, waiting)
        except Exception:  # one person's failure must not keep the others' erasure waiting
            logger.exception("Erasure %s failed; the next run tries it again", erasure_id)
    return carried_out


@transaction.atomic(durable=True)
def erasure_carry_out(*, erasure_id: int, now: datetime) -> bool:
    """Erase one person whose grace period has ended; False when a run at the same moment
    did it first. An account active again (reactivated in the admin during the grace period)
    is refused (`ErasureWaits`): nobody is erased while they can sign in."""
    erasure = Erasure.objects.select_for_update().select_related("user").get(pk=erasure_id)
    if erasure.erased_at is not None:
        return False
    user = erasure.user
    if user.is_active:
        raise ErasureWaits(f"User {user.pk} is active again: it waits until they are deactivated.")
    keep = keeps_records(user)
    names_erase(user)
    own_records_erase(user)
    if keep:
        records_anonymise(user)
    else:
        records_delete(user)
    personal_fields_erase(user)
    erasure.erased_at = now
    erasure.save(update_fields=["erased_at"])
    return True


def keeps_records(user: User) -> bool:
    """Whether the person's training records are kept, anonymised: only when every club of
    every team they trained with (now or before) chose so. A record does not always say which
    club it was made for (a free session, a check-in, a pain pause and a message thread belong
    to the athlete, not to a team), so one club's choice cannot be applied to its rows alone;
    the erasure the person asked for is the rule, and keeping is each club's exception. Someone
    who trained with no team has no club that chose to keep anything."""
    clubs = Club.objects.filter(teams__memberships__athlete=user)
    return clubs.exists() and not clubs.filter(keep_anonymised_records=False).exists()


def own_records_erase(user: User) -> None:
    """What is the person's alone goes; their places in teams and clubs stay, inactive, so
    the kept history still belongs to its team and what they did stays attributed."""
    SsoIdentity.objects.filter(user=user).delete()
    DataExport.objects.filter(user=user).delete()
    to_them = Q(accepted_by=user) | (Q(email__iexact=user.email) if user.email else Q())
    Invite.objects.filter(to_them).delete()
    StaffInvite.objects.filter(to_them).delete()
    SquadGroupMember.objects.filter(athlete=user).delete()
    TeamStaff.objects.filter(user=user).delete()
    Membership.objects.filter(athlete=user).update(is_active=False)
    Staff.objects.filter(user=user).update(is_active=False)
    own_records_delete(user)
    if user.email:
        # The mails to them (a message, a notice, a reminder) still in the task queue's table;
        # one a worker holds right now is left to finish.
        DBTaskResult.objects.filter(task_path=mail_send.module_path).annotate(
            address=KT("args_kwargs__kwargs__to")
        ).filter(address=user.email).exclude(status=TaskResultStatus.RUNNING).delete()
    for sign_ins in (AccessAttempt, AccessFailureLog, AccessLog):
        sign_ins.objects.filter(username=user.username).delete()


def personal_fields_erase(user: User) -> None:
    """No name, address, body measure or preference left on the account (its choices back at
    their defaults); it can never sign in again (no usable password, inactive, no rights). The
    admin's log names it by its new name."""
    user.username = erased_name(user)
    user.first_name = user.last_name = user.email = ""
    user.set_unusable_password()
    user.body_mass_kg = user.height_cm = None
    user.timezone = "UTC"
    user.units = Units.KG
    user.mail_messages = user.mail_flag_digest = user.mail_training_reminder = False
    user.is_active = user.is_staff = user.is_superuser = False
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).update(object_repr=user.username)


def erased_name(user: User) -> str:
    return f"erased-{user.pk}"


def names_erase(user: User) -> None:
    """Their name where the app or the admin wrote it beside their records: a club named after
    them ("Jane Smith's club", as signing up and the migration to clubs name it) becomes
    "Club <id>", and the admin's log of their club, teams and groups (whose inline rows, staff
    and members, it names) says `erased-<id>`. Their name or username as a whole word, in any
    case, so "Jo" leaves "Jordan" alone. Run before their own records go: those say where."""
    names = {display_name(user.first_name, user.last_name, user.username), user.username}
    # The log's messages are JSON, with any letter outside ASCII escaped.
    names |= {json.dumps(name)[1:-1] for name in names}
    said = re.compile(
        "|".join(rf"(?<!\w){re.escape(name)}(?!\w)" for name in sorted(names, key=len)[::-1]),
        re.IGNORECASE,
    )
    seat = Staff.objects.select_related("club").filter(user=user).first()
    renamed = seat is not None and said.search(seat.club.name) is not None
    if renamed:
        Club.objects.filter(pk=seat.club_id).update(name=f"Club {seat.club_id}")
    places = {
        Club: {seat.club_id} if seat else set(),
        Team: set(Team.objects.filter(coach=user).values_list("pk", flat=True))
        | set(Membership.objects.filter(athlete=user).values_list("team", flat=True))
        | set(TeamStaff.objects.filter(user=user).values_list("team", flat=True)),
        SquadGroup: set(
            SquadGroupMember.objects.filter(athlete=user).values_list("group", flat=True)
        ),
    }
    for model, ids in places.items():
        entries = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(pk) for pk in ids],
        )
        for entry in entries:
            repr_now = said.sub(erased_name(user), entry.object_repr)
            if model is Club and renamed:
                repr_now = f"Club {seat.club_id}"
            message_now = said.sub(erased_name(user), entry.change_message)
            if (repr_now, message_now) != (entry.object_repr, entry.change_message):
                entry.object_repr, entry.change_message = repr_now, message_now
                entry.save(update_fields=["object_repr", "change_message"])

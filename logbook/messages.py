"""The thread between an athlete and their coaches: post, announce to a squad, read, count, and
the mail each new message queues for the other side (when they asked for it)."""

from datetime import datetime
from typing import NamedTuple

from django.conf import settings
from django.db import transaction
from django.db.models import Subquery
from django.db.models.functions import JSONObject
from django.urls import reverse
from django.utils import timezone

from accounts.mail import mail_queue
from accounts.models import coaches_of
from logbook.models import Message, MessageKind, WorkoutLog

PAGE_SIZE = 30


@transaction.atomic
def message_post(
    *,
    athlete,
    author,
    body: str,
    workout_log: WorkoutLog | None = None,
    kind: str = MessageKind.MESSAGE,
    subject: str = "",
) -> Message:
    """Write into an athlete's thread; the other side is mailed through the queue (under
    `subject`, or "New message from ...")."""
    message = Message.objects.create(
        athlete=athlete, author=author, body=body.strip(), workout_log=workout_log, kind=kind
    )
    _mail_the_other_side(message, subject)
    return message


def notice_post(
    *, athlete, author, body: str, subject: str, workout_log: WorkoutLog | None = None
) -> Message:
    """Something happened the other side should know: a pain stop, a band set by hand, an
    answer to a suggestion or a flag, a stage signed off. `subject` says what, for the mail
    ("Mia stopped the Nordic curl: it hurt"): "New notice" told nobody anything."""
    return message_post(
        athlete=athlete,
        author=author,
        body=body,
        workout_log=workout_log,
        kind=MessageKind.NOTICE,
        subject=subject,
    )


@transaction.atomic
def announcement_post(*, athletes, author, body: str) -> int:
    """One message from a coach into each athlete's own thread."""
    now = timezone.now()
    posted = Message.objects.bulk_create(
        Message(
            athlete=athlete,
            author=author,
            body=body.strip(),
            created_at=now,
            kind=MessageKind.ANNOUNCEMENT,
        )
        for athlete in athletes
    )
    for message in posted:
        _mail_the_other_side(message)
    return len(posted)


def thread_read(*, athlete, reader) -> int:
    """`reader` opened the thread: what the other side wrote is read now (a read receipt)."""
    return Message.objects.unread_by(reader).filter(athlete=athlete).update(read_at=timezone.now())


def thread_page(*, athlete, before: int | None = None) -> tuple[list[Message], int | None]:
    """The latest PAGE_SIZE messages (older than message `before`), oldest first, and the id
    to ask for the page before them (None at the start of the thread). One query."""
    messages = Message.objects.for_athlete(athlete).select_related("author", "workout_log")
    if before is not None:
        messages = messages.filter(id__lt=before)
    page = list(messages.order_by("-id")[: PAGE_SIZE + 1])
    earlier = page[PAGE_SIZE - 1].pk if len(page) > PAGE_SIZE else None
    return page[:PAGE_SIZE][::-1], earlier


def unread_count(user) -> int:
    return Message.objects.unread_by(user).count()


def _mail_the_other_side(message: Message, subject: str = "") -> None:
    athlete, author = message.athlete, message.author
    if message.by_athlete:
        recipients = coaches_of(athlete).filter(mail_messages=True)
        link = reverse("coaching:thread", args=[athlete.pk])
    else:
        recipients = [athlete] if athlete.mail_messages else []
        link = reverse("logbook:messages")
    what = message.get_kind_display().lower()
    for recipient in recipients:
        mail_queue(
            to=recipient.email,
            subject=subject or f"New {what} from {author or 'Hamstrings'}",
            body=f"{author or 'Hamstrings'} wrote:\n\n{message.body}\n\n"
            f"Answer on Hamstrings: {settings.SITE_URL}{link}\n\n"
            "You can turn these mails off in your settings.\n",
        )


def latest_from_coach_of(athlete) -> Subquery:
    """The coaches' latest message or notice to this athlete (their comment, a band reason, an
    announcement) as one JSON value, for today and the workout page."""
    latest = Message.objects.for_athlete(athlete).exclude(author=athlete).order_by("-id")
    return Subquery(
        latest.values(
            json=JSONObject(
                body="body",
                kind="kind",
                created_at="created_at",
                read_at="read_at",
                author="author__first_name",
                author_username="author__username",
            )
        )[:1]
    )


class FromCoach(NamedTuple):
    body: str
    kind: str
    author: str
    created_at: datetime
    is_new: bool


def from_coach(latest: dict | None) -> FromCoach | None:
    """The value `latest_from_coach_of` read, ready for the template."""
    if not latest:
        return None
    return FromCoach(
        body=latest["body"],
        kind=latest["kind"],
        author=latest["author"] or latest["author_username"] or "Your coach",
        created_at=datetime.fromisoformat(latest["created_at"]),
        is_new=latest["read_at"] is None,
    )

"""Mail leaves the request: every message is a background task, retried when sending fails.

A request only queues the task (in the same transaction as the data it reports), so a slow or
broken mail server never fails or slows a page. The worker (`manage.py worker`) sends it. A mail
that no retry can mend (the address refused, a header with a line break) is given up at once,
and the coach sees why on the team page: next to the invite (`last_failure`), or next to the
athlete whose last mail it was (`last_mail_given_up`).
"""

import logging
from datetime import timedelta
from smtplib import SMTPDataError, SMTPException, SMTPRecipientsRefused

from django.core.mail import send_mail
from django.db.models import Case, F, Func, OuterRef, Subquery, TextField, Value, When
from django.db.models.fields.json import KT
from django.tasks import TaskResultStatus, task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

ATTEMPTS = 5
FIRST_RETRY = timedelta(minutes=1)


class MailFailed(Exception):
    """A mail given up on; its message says why, in words for the coach."""


def retry_delay(attempt: int) -> timedelta:
    """1, 4, 16, 64 minutes: a mail server down for an hour still gets the message."""
    return FIRST_RETRY * 4 ** (attempt - 1)


def mail_queue(*, to: str, subject: str, body: str) -> None:
    """Queue one plain-text mail. Returns at once; the worker sends it."""
    if to:
        mail_send.enqueue(to=to, subject=subject, body=body, attempt=1)


def permanent_failure(error: Exception) -> str | None:
    """Why sending again cannot help, or None when it may (a server down, a 4xx answer)."""
    if isinstance(error, SMTPRecipientsRefused) and error.recipients:
        answers = error.recipients.values()
        if all(code >= 500 for code, _ in answers):
            code, text = next(iter(answers))
            return f"the mail server refused the address ({code} {text.decode(errors='replace')})"
    if isinstance(error, SMTPDataError) and error.smtp_code >= 500:
        text = error.smtp_error.decode(errors="replace")
        return f"the mail server refused the message ({error.smtp_code} {text})"
    if isinstance(error, ValueError):  # a header with a line break, an address it cannot encode
        return f"it could not be written ({error})"
    return None


@task
def mail_send(*, to: str, subject: str, body: str, attempt: int) -> None:
    try:
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[to])
    except (SMTPException, OSError, ValueError) as error:
        if reason := permanent_failure(error):
            logger.error("Mail to %s failed for good: %s", to, reason)
            raise MailFailed(" ".join(reason.split())) from error
        if attempt >= ATTEMPTS:
            logger.exception("Giving up on a mail to %s after %d attempts", to, attempt)
            reason = f"no mail server took it after {attempt} attempts ({error})"
            raise MailFailed(" ".join(reason.split())) from error
        logger.warning("Mail to %s failed (attempt %d); retrying", to, attempt)
        retry = mail_send
        if retry.get_backend().supports_defer:
            retry = retry.using(run_after=timezone.now() + retry_delay(attempt))
        retry.enqueue(to=to, subject=subject, body=body, attempt=attempt + 1)
        raise


def last_failure(*, to: OuterRef, since: OuterRef) -> Subquery:
    """Why the last mail to the address `to` queued since `since` was given up on, or None: a
    subquery to annotate rows with (an invite: its address, when it was last sent). Read from
    django-tasks-db's table, where a task that raised MailFailed ends with the line
    `accounts.mail.MailFailed: <why>` in its traceback; a retried attempt raised another."""
    given_up = (
        DBTaskResult.objects.failed()
        .filter(
            task_path=mail_send.module_path,
            exception_class_path=f"{MailFailed.__module__}.{MailFailed.__qualname__}",
            enqueued_at__gte=since,
        )
        .annotate(address=KT("args_kwargs__kwargs__to"))
        .filter(address=to)
        .order_by("-enqueued_at")
    )
    return Subquery(given_up.annotate(reason=given_up_reason()).values("reason")[:1])


def last_mail_given_up(*, to: OuterRef) -> Subquery:
    """Why the last mail queued to the address `to` was given up on, or None when it was sent
    or is still being tried: a subquery to annotate people with (an athlete's messages,
    notices and reminders, which no invite stands beside). A retry is queued while its attempt
    runs, so the last mail's last attempt is the latest task; a later mail that goes through
    clears it."""
    latest = (
        DBTaskResult.objects.filter(task_path=mail_send.module_path)
        .annotate(address=KT("args_kwargs__kwargs__to"))
        .filter(address=to)
        .order_by("-enqueued_at")
    )
    reason = Case(
        When(
            status=TaskResultStatus.FAILED,
            exception_class_path=f"{MailFailed.__module__}.{MailFailed.__qualname__}",
            then=given_up_reason(),
        ),
        default=None,
        output_field=TextField(),
    )
    return Subquery(latest.annotate(reason=reason).values("reason")[:1])


def given_up_reason() -> Func:
    """The reason a given-up task's traceback ends with: PostgreSQL's substring(text, pattern)
    gives the pattern's group, the last line's `accounts.mail.MailFailed: <why>`."""
    return Func(
        F("traceback"),
        Value(r"MailFailed: ([^\n]*)\n*$"),
        function="substring",
        output_field=TextField(),
    )

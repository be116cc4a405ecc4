"""Mail leaves the request: every message is a background task, retried when sending fails.

A request only queues the task (in the same transaction as the data it reports), so a slow or
broken mail server never fails or slows a page. The worker (`manage.py db_worker`) sends it.
"""

import logging
from datetime import timedelta
from smtplib import SMTPException

from django.core.mail import send_mail
from django.tasks import task
from django.utils import timezone

logger = logging.getLogger(__name__)

ATTEMPTS = 5
FIRST_RETRY = timedelta(minutes=1)


def retry_delay(attempt: int) -> timedelta:
    """1, 4, 16, 64 minutes: a mail server down for an hour still gets the message."""
    return FIRST_RETRY * 4 ** (attempt - 1)


def mail_queue(*, to: str, subject: str, body: str) -> None:
    """Queue one plain-text mail. Returns at once; the worker sends it."""
    if to:
        mail_send.enqueue(to=to, subject=subject, body=body, attempt=1)


@task
def mail_send(*, to: str, subject: str, body: str, attempt: int) -> None:
    try:
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[to])
    except (SMTPException, OSError):
        if attempt >= ATTEMPTS:
            logger.exception("Giving up on a mail to %s after %d attempts", to, attempt)
            raise
        logger.warning("Mail to %s failed (attempt %d); retrying", to, attempt)
        retry = mail_send
        if retry.get_backend().supports_defer:
            retry = retry.using(run_after=timezone.now() + retry_delay(attempt))
        retry.enqueue(to=to, subject=subject, body=body, attempt=attempt + 1)
        raise

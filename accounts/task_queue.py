"""The task queue's upkeep and health, read from django-tasks-db's table: tasks whose worker died
go back in the queue, and /healthz says how long the oldest ready task has waited."""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Case, Count, F, Min, When
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

logger = logging.getLogger(__name__)


def tasks_reclaim(*, timeout: timedelta) -> int:
    """Put tasks RUNNING for longer than `timeout` back in the queue, and return how many.

    A worker killed mid-run (kill -9, out of memory, a lost machine) leaves its task RUNNING
    forever. At least once is the choice: a mail whose worker died before the mail server
    accepted it is sent later, and one whose worker died after (before it could record the
    success) is sent twice. Losing an invite or a pain-stop notice is worse than a duplicate.
    The timeout is far above a mail's longest send, so a task still running is never taken."""
    stale = DBTaskResult.objects.running().filter(started_at__lt=timezone.now() - timeout)
    reclaimed = stale.update(status=TaskResultStatus.READY)
    if reclaimed:
        logger.warning(
            "Put %d task(s) RUNNING for over %s back in the queue: their worker died",
            reclaimed,
            timeout,
        )
    return reclaimed


@dataclass(frozen=True)
class QueueHealth:
    ready: int  # tasks a worker could take now
    oldest_ready_seconds: int | None  # how long the first of them has been waiting
    stuck: bool  # waiting longer than a live worker ever lets a task wait


def queue_health(*, stuck_after: timedelta) -> QueueHealth:
    # A task is ready from when it was queued, or, deferred (a mail's retry), from its time.
    ready_since = Case(
        When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after")
    )
    summary = DBTaskResult.objects.ready().aggregate(count=Count("pk"), oldest=Min(ready_since))
    if summary["oldest"] is None:
        return QueueHealth(ready=0, oldest_ready_seconds=None, stuck=False)
    waited = timezone.now() - summary["oldest"]
    return QueueHealth(
        ready=summary["count"],
        oldest_ready_seconds=max(0, int(waited.total_seconds())),
        stuck=waited > stuck_after,
    )

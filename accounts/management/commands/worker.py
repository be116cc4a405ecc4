"""`manage.py worker`: django-tasks-db's worker (`db_worker`, same options), kept alive.

`db_worker` exits at the first database error (PostgreSQL restarted, a failover, the tables not
migrated yet) and a task whose worker was killed stays RUNNING forever: mail then stops
silently. This one runs the same Worker but starts it again after a database error (1 s later,
then 2, 4, ... up to 30 s; each restart logged), and puts tasks RUNNING for longer than
TASKS_RUNNING_TIMEOUT back in the queue (accounts.task_queue), when it starts and every half
timeout. A crash of the process itself is its supervisor's: `make run`'s restart loop, compose's
`restart: unless-stopped`.
"""

import logging
import os
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.core.management.base import CommandError
from django.db import DatabaseError, InterfaceError, connection
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from accounts.task_queue import tasks_reclaim

logger = logging.getLogger(__name__)

FIRST_DELAY = 1  # seconds before starting again after a database error; doubled each time
LAST_DELAY = 30


class SupervisedWorker(db_worker.Worker):
    def __init__(self, *, running_timeout: timedelta, **options):
        super().__init__(**options)
        self.running_timeout = running_timeout

    def run(self) -> None:
        if not self.batch:
            threading.Thread(target=self.reclaim_periodically, name="reclaim", daemon=True).start()
        delay = FIRST_DELAY
        while True:
            started = time.monotonic()
            try:
                tasks_reclaim(timeout=self.running_timeout)
                super().run()
                return  # done: --batch or --max-tasks, or asked to stop (SIGTERM, Ctrl+C)
            except (DatabaseError, InterfaceError) as error:
                if time.monotonic() - started > LAST_DELAY:
                    delay = FIRST_DELAY  # it had been working: a new outage
                logger.warning(
                    "The task worker lost the database (%s): starting it again in %d s",
                    str(error).strip(),
                    delay,
                )
                connection.close()  # the next start connects afresh
            if not self.running:
                return
            time.sleep(delay)  # a SIGTERM here exits at once (the Worker's signal handler)
            delay = min(delay * 2, LAST_DELAY)

    def reclaim_periodically(self) -> None:
        """The Worker's loop has no hook between two polls, hence a thread (with a database
        connection of its own, opened for each look)."""
        period = self.running_timeout.total_seconds() / 2
        while True:
            time.sleep(period)
            try:
                tasks_reclaim(timeout=self.running_timeout)
            except (DatabaseError, InterfaceError) as error:
                logger.warning("Could not look for stuck tasks (%s)", str(error).strip())
            finally:
                connection.close()


class Command(db_worker.Command):
    help = (
        "Run the task worker (mail) as db_worker does, but start it again after a database "
        "error and put tasks stuck in RUNNING back in the queue."
    )

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        exclude_queues: str,
        reload: bool,
        batch: bool,
        **options,
    ) -> None:
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        if exclude_queues and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = SupervisedWorker(
            running_timeout=settings.TASKS_RUNNING_TIMEOUT,
            queue_names=queue_names,
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
            interval=options["interval"],
            batch=batch,
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":  # the reloaded process, only
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()

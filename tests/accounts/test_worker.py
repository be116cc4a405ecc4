"""The task worker (`manage.py worker`, the mail's) in a process of its own against a PostgreSQL
of its own: it survives a restart of the database, and a task whose worker was killed in the
middle of a send is sent once, after TASKS_RUNNING_TIMEOUT. The server is a throwaway pgserver
in a temporary folder, stopped and started by the tests: the shared test server is never
touched. The worker writes its mail to files (tests/accounts/worker_mailer.py)."""

import os
import subprocess
import sys
import tempfile
import time
import warnings
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.mail import mail_queue

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # platformdirs: XDG_RUNTIME_DIR unset, /tmp is fine
    import pgserver

ROOT = Path(__file__).resolve().parents[2]
WORKER = [sys.executable, "manage.py", "worker", "--no-reload", "--no-startup-delay"]
RUNNING_TIMEOUT = 2  # seconds, for these tests; minutes in production
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class Database:
    """A PostgreSQL server of the test's own."""

    def __init__(self, folder: Path):
        self.server = pgserver.get_server(folder, cleanup_mode="delete")  # deleted at exit
        self.server.psql("CREATE DATABASE worker_test;")
        self.socket_dir = str(self.server.get_postmaster_info().socket_dir)

    def stop(self) -> None:
        pgserver.pg_ctl(
            ["-w", "-m", "fast", "stop"], pgdata=self.server.pgdata, user=self.server.system_user
        )

    def start(self) -> None:
        self.server.ensure_postgres_running()


@pytest.fixture(scope="module")
def database(django_db_blocker):
    database = Database(Path(tempfile.mkdtemp(prefix="hamstrings-worker-pg-")))
    with connected_to(database, django_db_blocker):
        call_command("migrate", "django_tasks_database", verbosity=0)
    yield database
    database.stop()


@contextmanager
def connected_to(database: Database, django_db_blocker):
    """This process's Django connection, pointed at the test's server for a moment (as the
    worker's is, by DATABASE_URL): tasks are queued and read as the app does it."""
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(
        NAME="worker_test", USER="postgres", PASSWORD="", HOST=database.socket_dir, PORT=""
    )
    try:
        with django_db_blocker.unblock():
            yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


@pytest.fixture
def queue(database, django_db_blocker, settings):
    """Run the body of `with queue():` against the test's server, tasks going to the database."""
    settings.TASKS = DATABASE_TASKS
    with connected_to(database, django_db_blocker):
        DBTaskResult.objects.all().delete()
    return lambda: connected_to(database, django_db_blocker)


def environment(database: Database, mail_dir: Path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "EMAIL_", "TASKS_"))
    }
    socket_dir = database.socket_dir.replace("/", "%2F")
    return env | {
        "DATABASE_URL": f"postgres://postgres@{socket_dir}/worker_test",
        "SECRET_KEY": "worker-test",
        "DEBUG": "0",
        "EMAIL_BACKEND": "tests.accounts.worker_mailer.EmailBackend",
        "WORKER_TEST_MAIL_DIR": str(mail_dir),
        "TASKS_RUNNING_TIMEOUT": str(RUNNING_TIMEOUT),
        "PYTHONUNBUFFERED": "1",
    }


def statuses(queue) -> list[str]:
    with queue():
        return list(DBTaskResult.objects.values_list("status", flat=True))


class Worker:
    def __init__(self, database: Database, mail_dir: Path):
        """`manage.py worker`, started as compose starts it, looking for tasks every 0.2 s."""
        self.log = mail_dir / f"worker-{time.monotonic_ns()}.txt"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [*WORKER, "--interval", "0.2"],
                cwd=ROOT,
                env=environment(database, mail_dir),
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def output(self) -> str:
        return self.log.read_text()

    def wait_for(self, condition, *, seconds: float, what: str) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            if self.process.poll() is not None:
                pytest.fail(
                    f"The worker stopped (exit {self.process.returncode}) {what}:\n" + self.output()
                )
            if time.monotonic() > deadline:
                pytest.fail(f"Not {what} within {seconds} s. The worker said:\n{self.output()}")
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


@pytest.fixture
def workers():
    started: list[Worker] = []
    yield started
    for worker in started:
        worker.stop()


def sent_to(mail_dir: Path) -> list[str]:
    """The address of every mail the worker wrote, in the order sent."""
    return [
        line.removeprefix("To: ")
        for path in sorted(mail_dir.glob("*.log"), key=lambda path: path.stat().st_mtime_ns)
        for line in path.read_text().splitlines()
        if line.startswith("To: ")
    ]


def test_the_worker_survives_a_database_restart(database, queue, tmp_path, workers):
    worker = Worker(database, tmp_path)
    workers.append(worker)
    with queue():
        mail_queue(to="before@example.com", subject="Hi", body="Hello")
    worker.wait_for(lambda: sent_to(tmp_path), seconds=30, what="sent the first mail")

    database.stop()
    time.sleep(1.5)  # the worker looks for tasks every 0.2 s: it meets the outage
    database.start()
    with queue():
        mail_queue(to="after@example.com", subject="Hi", body="Hello")

    worker.wait_for(
        lambda: len(sent_to(tmp_path)) == 2, seconds=30, what="sent the mail queued after"
    )
    assert sent_to(tmp_path) == ["before@example.com", "after@example.com"]
    assert worker.process.poll() is None
    assert "starting it again in 1 s" in worker.output()


def test_a_task_killed_mid_send_is_sent_once_after_the_timeout(database, queue, tmp_path, workers):
    (tmp_path / "hold").touch()  # the mail server hangs
    first = Worker(database, tmp_path)
    workers.append(first)
    with queue():
        mail_queue(to="nia@example.com", subject="Hi", body="Hello")
    first.wait_for((tmp_path / "sending").exists, seconds=30, what="started the send")
    claimed_at = time.monotonic()
    first.process.kill()  # kill -9: no chance to record anything
    first.process.wait()
    (tmp_path / "hold").unlink()
    assert statuses(queue) == ["RUNNING"]

    second = Worker(database, tmp_path)
    workers.append(second)
    second.wait_for(lambda: sent_to(tmp_path), seconds=20, what="sent the mail again")

    assert time.monotonic() - claimed_at >= RUNNING_TIMEOUT
    second.wait_for(lambda: statuses(queue) == ["SUCCESSFUL"], seconds=10, what="recorded the send")
    assert sent_to(tmp_path) == ["nia@example.com"]  # once
    with queue():
        [worker_ids] = DBTaskResult.objects.values_list("worker_ids", flat=True)
    assert len(worker_ids) == 2  # the killed worker's claim, then the second worker's


def test_only_a_task_running_past_the_timeout_goes_back_in_the_queue(
    transactional_db, settings, mailoutbox
):
    settings.TASKS = DATABASE_TASKS
    settings.TASKS_RUNNING_TIMEOUT = timedelta(minutes=10)
    for to in ("stuck@example.com", "busy@example.com"):
        mail_queue(to=to, subject="Hi", body="Hello")
    for task in DBTaskResult.objects.all():
        task.claim("a worker that died")
    minutes = {"stuck@example.com": 11, "busy@example.com": 9}
    for task in DBTaskResult.objects.all():
        task.started_at = timezone.now() - timedelta(minutes=minutes[task.task_result.kwargs["to"]])
        task.save()

    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)

    assert [message.to for message in mailoutbox] == [["stuck@example.com"]]
    assert DBTaskResult.objects.running().get().task_result.kwargs["to"] == "busy@example.com"

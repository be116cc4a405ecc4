"""The zip built by the real task worker (`manage.py worker`, django-tasks-db's, run here in
one batch on the test database) rather than at once as other tests run tasks: the request
only queues it, the worker builds it, keeps it on the request and sends the mail it queues."""

import io
import threading
import zipfile

from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult

from accounts.data_export_actions import data_export_request
from accounts.models import DataExport

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_the_worker_builds_the_zip_and_mails_its_link(
    transactional_db, athlete, settings, mailoutbox
):
    settings.TASKS = DATABASE_TASKS
    export = data_export_request(user=athlete)
    assert DataExport.objects.get(pk=export.pk).ready_at is None  # queued, not built
    assert DBTaskResult.objects.ready().count() == 1
    assert not mailoutbox

    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)

    export.refresh_from_db()
    assert export.ready_at is not None and export.expires_at > export.ready_at
    names = zipfile.ZipFile(io.BytesIO(bytes(export.content))).namelist()
    assert "accounts.user.json" in names and "accounts.membership.json" in names
    assert [message.to for message in mailoutbox] == [["athlete@example.com"]]
    assert f"/accounts/data/{export.token}/" in mailoutbox[0].body
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


def test_two_requests_at_the_same_moment_queue_one_zip(transactional_db, athlete, settings):
    """The double tap on "Download everything": the person's row is locked, so the second
    request finds the first one being built and answers it."""
    settings.TASKS = DATABASE_TASKS
    answers, start = [], threading.Barrier(2)

    def ask():
        try:
            start.wait(5)
            answers.append(data_export_request(user=athlete).pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert len(answers) == 2 and answers[0] == answers[1]
    assert DataExport.objects.count() == 1
    assert DBTaskResult.objects.count() == 1

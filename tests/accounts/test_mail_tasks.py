"""Mail is a background task: a broken mail server never fails a request, and the worker
retries what could not be sent."""

from datetime import timedelta
from smtplib import SMTPServerDisconnected

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts import mail as queued_mail
from accounts.models import Invite
from logbook.models import Message

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queue(settings, transactional_db):
    """Tasks wait in the database for the worker, as in production. The worker closes the
    connection when done, so these tests commit."""
    settings.TASKS = DATABASE_TASKS


@pytest.fixture
def mail_server_down(monkeypatch):
    def refuse(**kwargs):
        raise SMTPServerDisconnected("no mail server")

    monkeypatch.setattr(queued_mail, "send_mail", refuse)


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_an_invite_is_queued_not_sent_in_the_request(queue, coach_client, team):
    response = coach_client.post(f"/coach/teams/{team.pk}/invite/", {"emails": "nia@example.com"})
    assert response.status_code == 302
    assert Invite.objects.get().email == "nia@example.com"
    assert mail.outbox == []
    assert DBTaskResult.objects.ready().count() == 1

    run_worker()

    assert [message.to for message in mail.outbox] == [["nia@example.com"]]
    assert "/accounts/invite/" in mail.outbox[0].body
    assert DBTaskResult.objects.successful().count() == 1


def test_a_broken_mail_server_never_fails_the_request(mail_server_down, coach_client, team):
    response = coach_client.post(f"/coach/teams/{team.pk}/invite/", {"emails": "nia@example.com"})
    assert response.status_code == 302
    assert Invite.objects.get().email == "nia@example.com"


def test_the_worker_retries_a_mail_later_then_sends_it(
    queue, mail_server_down, coach_client, team, monkeypatch
):
    coach_client.post(f"/coach/teams/{team.pk}/invite/", {"emails": "nia@example.com"})

    run_worker()

    assert DBTaskResult.objects.failed().count() == 1
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after > timezone.now() + timedelta(seconds=50)
    run_worker()  # too early: the retry waits for its time
    assert DBTaskResult.objects.get(status=TaskResultStatus.READY) == retry

    monkeypatch.undo()  # the mail server is back
    with time_machine.travel(retry.run_after + timedelta(seconds=1)):
        run_worker()
    assert [message.to for message in mail.outbox] == [["nia@example.com"]]
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()


def test_the_worker_gives_up_after_the_last_attempt(queue, mail_server_down):
    queued_mail.mail_send.enqueue(
        to="nia@example.com", subject="Hi", body="Hello", attempt=queued_mail.ATTEMPTS
    )
    run_worker()
    assert DBTaskResult.objects.failed().count() == 1
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()


def test_retries_wait_longer_each_time():
    delays = [queued_mail.retry_delay(attempt) for attempt in range(1, queued_mail.ATTEMPTS)]
    assert delays == sorted(delays)
    assert delays[0] == timedelta(minutes=1)
    assert sum(delays, timedelta()) > timedelta(hours=1)


def test_a_password_reset_mail_goes_through_the_queue(queue, client, athlete):
    response = client.post("/accounts/password-reset/", {"email": athlete.email})
    assert response.status_code == 302
    assert mail.outbox == []
    run_worker()
    assert [message.to for message in mail.outbox] == [[athlete.email]]
    assert "/accounts/password-reset/" in mail.outbox[0].body


def test_a_message_posted_while_mail_fails_is_saved_and_its_mail_retried(
    queue, mail_server_down, athlete_client, coach
):
    response = athlete_client.post("/messages/", {"body": "Hamstring tight after sprints"})
    assert response.status_code == 302
    assert Message.objects.get().body == "Hamstring tight after sprints"

    run_worker()

    assert DBTaskResult.objects.failed().count() == 1
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert retry.args_kwargs["kwargs"]["to"] == coach.email
    assert retry.args_kwargs["kwargs"]["attempt"] == 2

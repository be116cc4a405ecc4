"""/healthz: for a load balancer (HAProxy takes a replica out on anything but 2xx) and a
monitor, which reads the task queue's health in the JSON."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from accounts.mail import mail_queue, mail_send

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queue(settings):
    settings.TASKS = DATABASE_TASKS


def test_it_answers_200_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "database": "ok",
        "tasks": {"ready": 0, "oldest_ready_seconds": None, "stuck": False},
    }


def test_it_says_how_long_the_oldest_ready_task_has_waited(client, db, queue):
    queued_at = timezone.now()
    with time_machine.travel(queued_at, tick=False):
        mail_queue(to="nia@example.com", subject="Hi", body="Hello")
    with time_machine.travel(queued_at + timedelta(seconds=30), tick=False):
        mail_queue(to="sam@example.com", subject="Hi", body="Hello")
    # A retry due in an hour is not ready yet.
    mail_send.using(run_after=queued_at + timedelta(hours=1)).enqueue(
        to="lou@example.com", subject="Hi", body="Hello", attempt=2
    )

    with time_machine.travel(queued_at + timedelta(seconds=90), tick=False):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["tasks"] == {"ready": 2, "oldest_ready_seconds": 90, "stuck": False}


def test_a_retry_waits_from_its_time_not_from_when_it_was_queued(client, db, queue):
    due = timezone.now() + timedelta(minutes=16)
    mail_send.using(run_after=due).enqueue(
        to="lou@example.com", subject="Hi", body="Hello", attempt=3
    )
    with time_machine.travel(due + timedelta(seconds=5), tick=False):
        response = client.get("/healthz")
    assert response.json()["tasks"] == {"ready": 1, "oldest_ready_seconds": 5, "stuck": False}


def test_a_stuck_queue_is_said_but_still_answers_200(client, db, queue, settings):
    """A dead mail worker must not take every web replica out of the load balancer."""
    queued_at = timezone.now()
    with time_machine.travel(queued_at, tick=False):
        mail_queue(to="nia@example.com", subject="Hi", body="Hello")
    later = queued_at + settings.TASKS_STUCK_AFTER + timedelta(seconds=1)
    with time_machine.travel(later, tick=False):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["tasks"]["stuck"] is True


@pytest.mark.django_db(transaction=True)
def test_it_answers_503_with_retry_after_when_the_database_does_not(client, monkeypatch):
    # Point the connection at a port where no PostgreSQL listens: a real refused connection.
    connection.close()
    monkeypatch.setitem(connection.settings_dict, "HOST", "127.0.0.1")
    monkeypatch.setitem(connection.settings_dict, "PORT", "1")
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == {"database": "unavailable"}

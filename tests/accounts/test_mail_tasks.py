"""Mail is a background task: a broken mail server never fails a request, and the worker
retries what could not be sent."""

from datetime import timedelta
from smtplib import SMTPRecipientsRefused, SMTPServerDisconnected

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db.models import OuterRef
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts import mail as queued_mail
from accounts import services
from accounts.models import Invite, User
from logbook.messages import message_post
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
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


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


# A mail that fails for a reason no retry can mend is given up at once, and the coach sees why.


@pytest.fixture
def address_refused(monkeypatch):
    def refuse(*, recipient_list, **kwargs):
        raise SMTPRecipientsRefused({recipient_list[0]: (550, b"5.1.1 No such user")})

    monkeypatch.setattr(queued_mail, "send_mail", refuse)


def test_a_refused_address_is_not_retried(queue, address_refused):
    queued_mail.mail_queue(to="nia@example.com", subject="Hi", body="Hello")
    run_worker()
    assert DBTaskResult.objects.failed().count() == 1
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()


def test_an_address_refused_for_now_is_retried(queue, monkeypatch):
    def greylist(*, recipient_list, **kwargs):
        raise SMTPRecipientsRefused({recipient_list[0]: (450, b"4.2.0 Greylisted, come back")})

    monkeypatch.setattr(queued_mail, "send_mail", greylist)
    queued_mail.mail_queue(to="nia@example.com", subject="Hi", body="Hello")
    run_worker()
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert retry.args_kwargs["kwargs"]["attempt"] == 2


def test_the_team_page_shows_an_invite_whose_mail_was_refused(
    queue, address_refused, coach_client, team
):
    coach_client.post(f"/coach/teams/{team.pk}/invite/", {"emails": "nia@example.com"})
    run_worker()

    response = coach_client.get(f"/coach/teams/{team.pk}/")
    assert (
        "Mail to nia@example.com failed: the mail server refused the address "
        "(550 5.1.1 No such user)." in response.text
    )
    assert 'class="button">Resend</button>' in response.text


def test_the_team_page_shows_an_invite_whose_mail_could_not_be_written(
    queue, coach_client, coach, team
):
    services.invite_send(
        team=team, email="nia@example.com", invited_by=coach, base_url="http://testserver/"
    )
    # Queued before names were checked: a team name with a line break, in the subject.
    invite_mail = DBTaskResult.objects.get()
    invite_mail.args_kwargs["kwargs"]["subject"] = "Join Squad\r\nBcc: everyone@example.com"
    invite_mail.save()
    run_worker()

    assert mail.outbox == []
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
    response = coach_client.get(f"/coach/teams/{team.pk}/")
    assert "Mail to nia@example.com failed: it could not be written (" in response.text


def test_the_failure_goes_once_the_invite_is_sent_again(
    queue, address_refused, coach_client, team, monkeypatch
):
    coach_client.post(f"/coach/teams/{team.pk}/invite/", {"emails": "nia@example.com"})
    run_worker()
    monkeypatch.undo()  # the address was fixed at the other end
    invite = Invite.objects.get()
    coach_client.post(f"/coach/teams/{team.pk}/invites/{invite.pk}/resend/")
    run_worker()

    response = coach_client.get(f"/coach/teams/{team.pk}/")
    assert "nia@example.com" in response.text
    assert "Mail to nia@example.com failed" not in response.text
    assert [message.to for message in mail.outbox] == [["nia@example.com"]]


def test_a_mail_that_is_still_retried_is_not_shown_as_failed(
    queue, mail_server_down, coach_client, team
):
    coach_client.post(f"/coach/teams/{team.pk}/invite/", {"emails": "nia@example.com"})
    run_worker()
    assert DBTaskResult.objects.failed().count() == 1  # the first attempt; a retry is queued
    response = coach_client.get(f"/coach/teams/{team.pk}/")
    assert "nia@example.com" in response.text
    assert "Mail to nia@example.com failed" not in response.text


def test_the_team_page_shows_a_mail_given_up_after_the_last_attempt(
    queue, mail_server_down, coach_client, coach, team
):
    invite = services.invite_send(
        team=team, email="nia@example.com", invited_by=coach, base_url="http://testserver/"
    )
    last_attempt = DBTaskResult.objects.get()
    last_attempt.args_kwargs["kwargs"]["attempt"] = queued_mail.ATTEMPTS
    last_attempt.save()
    run_worker()
    response = coach_client.get(f"/coach/teams/{team.pk}/")
    assert f'id="invite-{invite.pk}"' in response.text
    assert (
        f"Mail to nia@example.com failed: no mail server took it after {queued_mail.ATTEMPTS} "
        "attempts (no mail server)." in response.text
    )


# A mail to an athlete (a message, a notice, a reminder) given up for good: the coach sees it
# beside the athlete, until a later mail to them goes through.


def given_up_to(person) -> str | None:
    return (
        User.objects.annotate(reason=queued_mail.last_mail_given_up(to=OuterRef("email")))
        .get(pk=person.pk)
        .reason
    )


def test_a_mail_to_an_athlete_refused_for_good_says_why(queue, address_refused, coach, athlete):
    message_post(athlete=athlete, author=coach, body="See you Tuesday.")
    run_worker()
    assert given_up_to(athlete) == ("the mail server refused the address (550 5.1.1 No such user)")
    assert given_up_to(coach) is None


def test_a_mail_to_an_athlete_still_retried_is_not_given_up(
    queue, mail_server_down, coach, athlete
):
    message_post(athlete=athlete, author=coach, body="See you Tuesday.")
    run_worker()
    assert DBTaskResult.objects.failed().count() == 1  # the first attempt; a retry waits
    assert given_up_to(athlete) is None


def test_a_later_mail_that_goes_through_clears_it(
    queue, address_refused, coach, athlete, monkeypatch
):
    message_post(athlete=athlete, author=coach, body="See you Tuesday.")
    run_worker()
    monkeypatch.undo()  # they mended their address at the other end
    message_post(athlete=athlete, author=coach, body="And Thursday.")
    run_worker()
    assert given_up_to(athlete) is None


def test_the_team_page_shows_an_athlete_whose_mail_was_refused(
    queue, address_refused, coach_client, coach, athlete, team
):
    message_post(athlete=athlete, author=coach, body="See you Tuesday.")
    run_worker()
    response = coach_client.get(f"/coach/teams/{team.pk}/")
    assert (
        "Mail to athlete@example.com failed: the mail server refused the address "
        "(550 5.1.1 No such user)." in response.text
    )


def test_the_team_page_shows_no_failure_for_an_athlete_whose_mail_went(
    queue, coach_client, coach, athlete, team
):
    message_post(athlete=athlete, author=coach, body="See you Tuesday.")
    run_worker()
    assert [message.to for message in mail.outbox] == [["athlete@example.com"]]
    assert "failed" not in coach_client.get(f"/coach/teams/{team.pk}/").text

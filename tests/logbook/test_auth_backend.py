"""The user read once per request from the session carries the unread count, from a query
compiled once per process (logbook.auth): the same counts as the messages' own read, one query."""

import pytest
from django.utils import timezone

from logbook.auth import UnreadCountingBackend
from logbook.messages import message_post
from logbook.models import Message

backend = UnreadCountingBackend()


@pytest.fixture
def thread(athlete, coach, outsider):
    message_post(athlete=athlete, author=coach, body="How did the Nordics go?")
    message_post(athlete=athlete, author=coach, body="And the soreness?")
    message_post(athlete=athlete, author=athlete, body="Fine, a 3 today.")
    message_post(athlete=outsider, author=outsider, body="Not in this coach's team.")


def test_each_side_gets_what_the_other_wrote_and_it_has_not_opened(thread, athlete, coach):
    for user in (athlete, coach):
        loaded = backend.get_user(user.pk)
        assert loaded == user
        assert loaded.unread_count == Message.objects.unread_by(user).count()
    assert (backend.get_user(athlete.pk).unread_count, backend.get_user(coach.pk).unread_count) == (
        2,
        1,
    )
    Message.objects.filter(author=coach).update(read_at=timezone.now())
    assert backend.get_user(athlete.pk).unread_count == 0


def test_it_is_one_query_every_time(thread, athlete, django_assert_num_queries):
    backend.get_user(athlete.pk)
    with django_assert_num_queries(1):
        backend.get_user(athlete.pk)
    with django_assert_num_queries(1):
        backend.get_user(athlete.pk + 1000)


@pytest.mark.parametrize("user_id", ["nobody", None, "", "1.5"])
def test_an_id_no_user_could_have_is_nobody(athlete, user_id):
    assert backend.get_user(user_id) is None


def test_an_inactive_account_is_not_signed_in(athlete):
    athlete.is_active = False
    athlete.save(update_fields=["is_active"])
    assert backend.get_user(athlete.pk) is None
    assert backend.get_user(str(athlete.pk)) is None

"""The user read once per request from the session carries the unread count, from a query
compiled once per process (logbook.auth): the same counts as the messages' own read, one query."""

import pytest
from django.db import connection
from django.utils import timezone

from accounts.models import User
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


def test_the_user_is_read_as_the_orm_reads_it(athlete, coach):
    """The backend builds the user from the row itself: every field as `User.objects.get`
    gives it (which holds only while no field of User needs a converter from the database)."""
    assert not [
        field
        for field in User._meta.concrete_fields
        if field.get_db_converters(connection) + connection.ops.get_db_converters(field)
    ]
    for user in (athlete, coach):
        loaded, fetched = backend.get_user(user.pk), User.objects.get(pk=user.pk)
        for field in User._meta.concrete_fields:
            assert getattr(loaded, field.attname) == getattr(fetched, field.attname), field
        assert loaded._state.adding is False and loaded._state.db == "default"
    assert backend.get_user(coach.pk).seat.role == coach.seat.role

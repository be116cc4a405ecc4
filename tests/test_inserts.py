"""`insert_unless_taken`: one INSERT, no savepoint; a row a unique constraint refuses writes
nothing and leaves the transaction usable."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from web.inserts import insert_unless_taken


def test_a_new_row_is_inserted_with_what_the_database_made(db):
    person = User(username="ada", password="x")
    with CaptureQueriesContext(connection) as queries:
        assert insert_unless_taken(person) is True
    [insert] = [query["sql"] for query in queries.captured_queries]
    assert insert.startswith('INSERT INTO "accounts_user"')
    assert "ON CONFLICT DO NOTHING" in insert and "RETURNING" in insert
    assert person.pk is not None and not person._state.adding
    stored = User.objects.get(pk=person.pk)
    assert (stored.username, stored.date_joined) == ("ada", person.date_joined)


def test_a_taken_value_writes_nothing_and_the_transaction_goes_on(db):
    User.objects.create_user("ada", password="x")
    again = User(username="ada", password="y", first_name="Second")
    with CaptureQueriesContext(connection) as queries:
        assert insert_unless_taken(again) is False
    assert len(queries.captured_queries) == 1  # no savepoint around it
    assert again.pk is None and again._state.adding
    # A refused plain INSERT would have aborted the test's transaction: this query would fail.
    assert list(User.objects.values_list("username", "first_name")) == [("ada", "")]

"""`AnyOf`: a filter on a long list of ids as one array parameter, the same rows as `__in`."""

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from psycopg.adapt import PyFormat
from psycopg.types.array import ListBinaryDumper

from accounts.models import User
from web.lookups import AnyOf, Ids


@pytest.fixture
def people(db):
    return [User.objects.create_user(f"person-{n}", password="x") for n in range(5)]


def test_it_finds_what_in_finds(people):
    wanted = [people[1].pk, people[3].pk, 10**12]  # one id nobody has, past any int4
    found = set(User.objects.filter(AnyOf(F("pk"), wanted)))
    assert found == set(User.objects.filter(pk__in=wanted)) == {people[1], people[3]}


def test_an_empty_list_finds_nothing(people):
    assert not User.objects.filter(AnyOf(F("pk"), [])).exists()


def test_it_takes_sets_and_sends_one_parameter_however_long(people):
    with CaptureQueriesContext(connection) as queries:
        list(User.objects.filter(AnyOf(F("pk"), set(range(1, 5001)))))
    sql = queries.captured_queries[0]["sql"]
    assert "= ANY(" in sql
    assert sql.count(",") > 4000  # the array, written out by psycopg in the log
    assert " IN (" not in sql


def test_the_ids_go_as_a_binary_array(people):
    connection.ensure_connection()
    dumper = connection.connection.adapters.get_dumper(Ids, PyFormat.AUTO)
    assert dumper is ListBinaryDumper  # psycopg writes a list's text in Python, slowly
    _, params = AnyOf(F("pk"), [people[0].pk]).get_db_prep_lookup([people[0].pk], connection)
    assert type(params[0]) is Ids

"""`compiled`: a query built once with stand-ins, run with each request's values, finds what the
ORM query built with those values finds."""

from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import F

from accounts.models import User
from web.compiled import SOME_DAY, SOME_IDS, SOMEONE, compiled
from web.lookups import AnyOf


@pytest.fixture
def people(db):
    return [User.objects.create_user(f"person-{n}", password="x") for n in range(3)]


def test_it_runs_with_other_values(people):
    query = compiled(
        User.objects.filter(pk=SOMEONE, date_joined__date__gt=SOME_DAY).values_list("username"),
        someone=SOMEONE,
        day=SOME_DAY,
    )
    for person in people:
        params = query.params_with(someone=person.pk, day=date(2000, 1, 1))
        assert [
            u.username
            for u in User.objects.raw(query.sql.replace("SELECT", "SELECT id,", 1), params)
        ] == [person.username]
    later = query.params_with(someone=people[0].pk, day=date(2999, 1, 1))
    assert list(User.objects.raw(query.sql.replace("SELECT", "SELECT id,", 1), later)) == []


def test_a_stand_in_the_query_lacks_is_refused(db):
    with pytest.raises(ImproperlyConfigured):
        compiled(User.objects.filter(pk=SOMEONE), someone=SOMEONE, day=SOME_DAY)


def test_a_constant_equal_to_a_stand_in_of_another_type_is_left_alone(db):
    query = compiled(User.objects.filter(pk=SOMEONE, username=str(SOMEONE)), someone=SOMEONE)
    assert query.params_with(someone=5) == (5, str(SOMEONE))


def test_a_list_of_ids_goes_as_one_array(people):
    query = compiled(
        User.objects.filter(AnyOf(F("pk"), SOME_IDS)).order_by("pk").values_list("username"),
        ids=SOME_IDS,
    )
    with connection.cursor() as cursor:
        for chosen in ([], people[:1], people[1:]):
            cursor.execute(query.sql, query.params_with(ids=[person.pk for person in chosen]))
            assert [row[0] for row in cursor.fetchall()] == [p.username for p in chosen]

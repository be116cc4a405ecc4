"""`compiled`: a query built once with stand-ins, run with each request's values, finds what the
ORM query built with those values finds."""

from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from accounts.clubs import Club, Staff
from accounts.models import User
from web.compiled import SOME_DAY, SOME_IDS, SOMEONE, Shape, compiled
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


# Shape: a queryset compiled once per process, run with each call's values.

everyone_of = Shape(
    lambda: User.objects.filter(AnyOf(F("pk"), SOME_IDS)).order_by("username"), ids=SOME_IDS
)


def test_a_shape_finds_what_the_orm_finds_with_those_values(people):
    for chosen in (people[:1], people[1:], people):
        ids = [person.pk for person in chosen]
        found = list(everyone_of(ids=ids))
        expected = list(User.objects.filter(pk__in=ids).order_by("username"))
        assert found == expected
        assert [vars(u) | {"_state": None} for u in found] == [
            vars(u) | {"_state": None} for u in expected
        ]


def test_a_shape_follows_select_related_as_the_orm_does(db):
    clubs = [Club.objects.create(name=f"Club {n}") for n in range(2)]
    staff = [
        Staff.objects.create(user=User.objects.create_user(f"s{n}"), club=club, role="coach")
        for n, club in enumerate(clubs)
    ]
    seats = Shape(
        lambda: Staff.objects.filter(user=SOMEONE).select_related("club"), someone=SOMEONE
    )
    for seat in staff:
        with CaptureQueriesContext(connection) as queries:
            [found] = seats(someone=seat.user_id)
            assert (found.pk, found.club.name) == (seat.pk, seat.club.name)  # no second query
        assert len(queries.captured_queries) == 1


def test_a_shape_is_built_and_compiled_once(people):
    built = []
    counted = Shape(lambda: built.append(1) or User.objects.filter(pk=SOMEONE), someone=SOMEONE)
    for person in people:
        assert list(counted(someone=person.pk)) == [person]
    assert built == [1]


def test_an_empty_list_finds_nothing_without_asking(people):
    with CaptureQueriesContext(connection) as queries:
        assert list(everyone_of(ids=[])) == []
    assert queries.captured_queries == []


def test_a_shapes_queryset_cannot_be_changed(people):
    with pytest.raises(TypeError, match="runs as built"):
        everyone_of(ids=[people[0].pk]).filter(username="someone else")
    with pytest.raises(TypeError, match="runs as built"):
        everyone_of(ids=[people[0].pk]).order_by("-pk")


def test_a_shape_of_values_gives_them_as_built(people):
    names = Shape(
        lambda: (
            User.objects.filter(AnyOf(F("pk"), SOME_IDS)).order_by("pk").values_list("username")
        ),
        ids=SOME_IDS,
    )
    assert list(names(ids=[people[0].pk])) == [(people[0].username,)]
    flat = Shape(
        lambda: User.objects.filter(pk=SOMEONE).values_list("username", flat=True), someone=SOMEONE
    )
    assert list(flat(someone=people[1].pk)) == [people[1].username]

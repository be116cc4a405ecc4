"""Django's ModelBackend, whose user (read once per request from the session) carries the
unread count for the navigation's badge: every page shows it, and it costs no query of its own.
"""

import functools

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import F, Func, OuterRef, Subquery
from django.db.models.functions import Coalesce

from accounts.clubs import Club, Staff, seats, teams_seen
from accounts.models import Membership, Team, User
from logbook.models import Message
from web.compiled import SOMEONE, Compiled, compiled


def counted(messages) -> Coalesce:
    # COUNT as a plain function, not an aggregate: no GROUP BY, one row.
    return Coalesce(
        Subquery(messages.order_by().annotate(n=Func("pk", function="COUNT")).values("n")[:1]), 0
    )


def users_with_unread():
    unread = Message.objects.filter(read_at__isnull=True)
    # The user, seen from inside the teams their seat shows (Staff < Team < Membership <
    # Message < User).
    me = OuterRef(OuterRef(OuterRef(OuterRef("pk"))))
    seen = Team.objects.filter(teams_seen(me))
    coached = Membership.objects.filter(team__in=seen, is_active=True)
    seat = seats(OuterRef("pk"))
    return User._default_manager.annotate(
        seat_pk=Subquery(seat.values("pk")[:1]),
        seat_role=Subquery(seat.values("role")[:1]),
        seat_club=Subquery(seat.values("club")[:1]),
        seat_physio_only=Subquery(seat.values("club__sign_off_physio_only")[:1]),
        unread_as_athlete=counted(
            unread.filter(athlete=OuterRef("pk")).exclude(author=OuterRef("pk"))
        ),
        unread_as_coach=counted(
            unread.filter(athlete__in=coached.values("athlete"), author=F("athlete"))
        ),
    )


@functools.cache
def user_query() -> Compiled:
    """The query above, compiled once per process: every request runs it with another id only,
    and building it from the ORM each time was most of a signed-in request's cost (2.6 ms of
    Python for a 0.4 ms query, measured on the bench database)."""
    query = compiled(users_with_unread().filter(pk=SOMEONE), someone=SOMEONE)
    if len(query.slots["someone"]) != 1:
        raise ImproperlyConfigured(f"The user query should take the user's id once: {query}.")
    return query


@functools.cache
def user_columns() -> tuple[list[str], list[str]]:
    """The names of the user query's columns: the user's fields, then the annotations. The
    user's fields need no converter from the database (a test checks it)."""
    annotations = list(users_with_unread().query.annotation_select)
    return [field.attname for field in User._meta.concrete_fields], annotations


class UnreadCountingBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None  # a session that names no user the database could hold
        query = user_query()
        with connection.cursor() as cursor:
            cursor.execute(query.sql, query.params_with(someone=user_id))
            row = cursor.fetchone()
        if row is None:
            return None
        # The row as `raw()` would read it, without its machinery (half the cost of the query):
        # the user's columns in the model's order, then the annotations in theirs.
        fields, annotations = user_columns()
        user = User.from_db(DEFAULT_DB_ALIAS, fields, row[: len(fields)])
        for name, value in zip(annotations, row[len(fields) :], strict=True):
            setattr(user, name, value)
        if not self.user_can_authenticate(user):
            return None
        user.seat = None
        if user.seat_pk:
            # The seat and the one setting of its club that pages read (the rest of the club
            # loads on first use).
            user.seat = Staff(
                pk=user.seat_pk, user=user, club_id=user.seat_club, role=user.seat_role
            )
            user.seat.club = Club.from_db(
                "default", ["id", "sign_off_physio_only"], [user.seat_club, user.seat_physio_only]
            )
        user.unread_count = user.unread_as_coach if user.is_coach else user.unread_as_athlete
        return user

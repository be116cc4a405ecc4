"""Prepared statements (settings.py, DATABASES): a query a connection runs again and again is
planned once there. Planning was most of what PostgreSQL spent on a hot page's queries."""

import pytest
from django.db import connection

from tests.test_compose_scale import SERVICES

pytestmark = pytest.mark.urls("tests.bench.urls")


def prepared() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_the_signed_in_users_query_is_planned_once_per_connection(client, athlete, coach):
    for user in (athlete, coach, athlete):  # other users: the same statement, other values
        client.force_login(user)
        for _ in range(2):
            client.get("/bench/bare/")
    [statement] = [sql for sql in prepared() if 'FROM "accounts_user"' in sql]
    assert "$1" in statement  # bound on the server, so one statement serves every user


def test_pgbouncer_keeps_more_prepared_statements_than_a_connection_makes():
    # psycopg keeps at most `prepared_max` (100) per connection; PgBouncer, in transaction mode,
    # must track as many per server connection or it drops them under load.
    assert int(SERVICES["pgbouncer"]["environment"]["MAX_PREPARED_STATEMENTS"]) >= 100

"""Snapshots of the test database: every Django table copied into a PostgreSQL schema of its
own, and copied back in well under a second.

The demo (`manage.py demo`) replays weeks of sessions through the app's actions and takes
about 15 s; the browser tests that start from it restore a snapshot taken once per session
instead. A snapshot is a schema inside the test database rather than a database made with
`CREATE DATABASE ... TEMPLATE`: a template copy needs every other connection to the database
closed, and the live server's thread holds one for the whole session.

Ids never go back: after a restore each table's id sequence stands at the larger of where it
was and the snapshot's highest id. `programs.places` keeps, per process, a program's workouts by
its id and structure version, so an id must never name two programs' contents; the versions
come from their own sequence, which a restore leaves alone (the snapshot's were drawn from it).
"""

import io

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

_taken: dict[str, "Snapshot"] = {}  # schema -> what it holds, for this process's session


class Snapshot:
    """The tables copied into one schema: their columns (generated ones aside: PostgreSQL
    computes those) and their id sequences."""

    def __init__(self, schema: str, tables: dict[str, list[str]], sequences: list[tuple]):
        self.schema = schema
        self.tables = tables
        self.sequences = sequences  # (sequence, table, column)
        self.counts: dict[str, int] = {}  # each table's rows when it was taken


def demo_restore() -> Snapshot:
    """The demo's data as a fresh `manage.py demo` leaves it today, by the clock as it stands
    (its dates follow today): the first call of a session for a day replays the demo and takes
    its snapshot, the others restore that. Commits: for transactional tests."""
    schema = f"demo_snapshot_{timezone.localdate():%Y%m%d}"
    snapshot = _taken.get(schema)
    if snapshot is None:
        call_command("demo", stdout=io.StringIO())
        return snapshot_take(schema)
    snapshot_restore(snapshot)
    return snapshot


def django_tables() -> list[str]:
    """Every table of an installed app's model (contenttypes and auth included), but the
    database cache's, whose entries are no test's data."""
    caches = {
        cache["LOCATION"]
        for cache in settings.CACHES.values()
        if cache["BACKEND"].endswith("DatabaseCache")
    }
    return sorted(set(connection.introspection.django_table_names(only_existing=True)) - caches)


def snapshot_take(schema: str, tables: list[str] | None = None) -> Snapshot:
    """Copy these tables (every Django table by default), as the database holds them now, into
    `schema`, dropped and made again (a kept test database may hold one from an earlier run,
    dated another day). A restore empties and fills only the tables copied."""
    tables = tables or django_tables()
    quoted = connection.ops.quote_name(schema)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {quoted} CASCADE")
        cursor.execute(f"CREATE SCHEMA {quoted}")
        for table in tables:
            cursor.execute(f"CREATE TABLE {quoted}.{_q(table)} AS TABLE {_q(table)}")
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND is_generated = 'NEVER'"
            " AND table_name = ANY(%s) ORDER BY table_name, ordinal_position",
            [tables],
        )
        columns: dict[str, list[str]] = {table: [] for table in tables}
        for table, column in cursor.fetchall():
            columns[table].append(column)
        sequences = [
            (sequence["name"], table, sequence["column"])
            for table in tables
            for sequence in connection.introspection.get_sequences(cursor, table)
        ]
    snapshot = _taken[schema] = Snapshot(schema, columns, sequences)
    snapshot.counts = {table: count for table, count in row_counts().items() if table in columns}
    return snapshot


def snapshot_restore(snapshot: Snapshot) -> None:
    """Make the snapshot's tables (every Django table, for the demo's) hold exactly what it
    holds.

    The copy runs as a replica (`session_replication_role`), which skips the foreign key checks
    and the app's triggers (the structure version's: its table is copied with the rest), and
    is set back before the block ends. Then each id sequence moves up to the highest restored
    id, never down."""
    schema = connection.ops.quote_name(snapshot.schema)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        if set(snapshot.tables) == set(django_tables()):
            cursor.execute("TRUNCATE " + ", ".join(_q(table) for table in snapshot.tables))
        else:  # TRUNCATE would need the tables referring to these too; no checks as a replica
            for table in snapshot.tables:
                cursor.execute(f"DELETE FROM {_q(table)}")
        for table, columns in snapshot.tables.items():
            names = ", ".join(_q(column) for column in columns)
            cursor.execute(
                f"INSERT INTO {_q(table)} ({names}) SELECT {names} FROM {schema}.{_q(table)}"
            )
        cursor.execute("SET LOCAL session_replication_role = origin")
        if snapshot.sequences:
            moves = ", ".join(
                f"setval('{_q(sequence)}', GREATEST((SELECT last_value FROM {_q(sequence)}),"
                f" (SELECT COALESCE(MAX({_q(column)}), 0) FROM {_q(table)})))"
                for sequence, table, column in snapshot.sequences
            )
            cursor.execute(f"SELECT {moves}")


def row_counts() -> dict[str, int]:
    """Each Django table's number of rows."""
    tables = django_tables()
    with connection.cursor() as cursor:
        cursor.execute(
            " UNION ALL ".join(f"SELECT '{table}', COUNT(*) FROM {_q(table)}" for table in tables)
        )
        return dict(cursor.fetchall())


def _q(name: str) -> str:
    return connection.ops.quote_name(name)

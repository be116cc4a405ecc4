"""Reads that may go to a read replica (DATABASE_REPLICA_URL, the `replica` database): the
coach's board, the calendars and the exports, which read much and write nothing anyone reads
back at once.

A view opts in with `@replica_reads` (or a block with `replica_reading()`); everywhere else every
query goes to the primary, as before. Inside, the router sends a read to the replica only when
all of these hold, else to the primary:
- the request is a GET or HEAD, and nothing in the marked stretch has written yet: once it
  writes (any `db_for_write`), the rest of its reads must see that write;
- the model is one of the project's apps' (never the session, the cache, sign-in throttling
  or the task queue: they hold the request's own state);
- the primary's connection is in no transaction (a read inside one belongs with its writes);
- a replica is configured, it is a standby (in recovery) and it is at most REPLICA_MAX_LAG
  seconds behind. That is asked of the replica at most once a second per process; while it
  cannot be reached, every REPLICA_DOWN_RETRY seconds.
Writes always go to the primary.

In tests the replica is a mirror of default (TEST MIRROR, settings.py): not a standby, so the
router leaves every read on default; a test that does not declare the replica is refused the
query that asks, which counts as "cannot be reached". tests/test_replica.py runs a real standby.
"""

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from functools import wraps

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, Error, connections
from django.test.testcases import DatabaseOperationForbidden

REPLICA = "replica"
REPLICA_APPS = frozenset({"accounts", "catalogue", "programs", "logbook", "coaching"})
READING_METHODS = frozenset({"GET", "HEAD"})
CHECK_EVERY = 1.0  # seconds between two questions to a replica that answered
REPLICA_DOWN_RETRY = 10.0  # ... and to one that did not (a connect timeout must not repeat)
LAG_SQL = """
    SELECT CASE
        WHEN NOT pg_is_in_recovery() THEN NULL
        WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
        ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())
    END
"""


class Stretch:
    """One marked stretch of reading; `wrote` once anything in it asked to write."""

    wrote = False


_stretch: ContextVar[Stretch | None] = ContextVar("replica_stretch", default=None)


@contextmanager
def replica_reading():
    """The reads inside may go to the replica (see the module's docstring)."""
    token = _stretch.set(Stretch())
    try:
        yield
    finally:
        _stretch.reset(token)


def replica_reads(view):
    """A GET or HEAD view whose reads may go to the replica. Put it under the access
    decorators (next to the function): who is signed in is read first, from the primary."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in READING_METHODS:
            return view(request, *args, **kwargs)
        with replica_reading():
            return view(request, *args, **kwargs)

    return wrapped


def replica_streamed(chunks: Iterable) -> Iterator:
    """A streamed body read from the replica: it is produced after its view returned, so each
    chunk is made inside a stretch of its own. Only for rows the request did not write itself
    (the exports stream sets and tests; their one write is the audit row)."""
    chunks, stretch, done = iter(chunks), Stretch(), object()
    while True:
        token = _stretch.set(stretch)
        try:
            chunk = next(chunks, done)
        finally:
            _stretch.reset(token)
        if chunk is done:
            return
        yield chunk


class ReplicaRouter:
    """DATABASE_ROUTERS: the replica for the reads of a marked stretch, the primary for the rest."""

    def db_for_read(self, model, **hints):
        stretch = _stretch.get()
        if (
            stretch is None
            or stretch.wrote
            or model._meta.app_label not in REPLICA_APPS
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
            or not replica_usable()
        ):
            # Explicitly the primary: an object read from the replica must not pull its
            # related rows from there outside a stretch.
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints):
        stretch = _stretch.get()
        if stretch is not None:
            stretch.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        """The replica holds the primary's rows: an object read from either may point at one
        read from the other."""
        both = {DEFAULT_DB_ALIAS, REPLICA}
        return True if {obj1._state.db, obj2._state.db} <= both else None

    def allow_migrate(self, db, app_label, **hints):
        return False if db == REPLICA else None  # a standby takes its tables from the primary


class _Health:
    usable = False
    asked_at = -float("inf")
    wait = 0.0


_health = _Health()


def replica_usable() -> bool:
    """Whether a replica is configured, a standby, and at most REPLICA_MAX_LAG seconds behind;
    remembered for CHECK_EVERY seconds (REPLICA_DOWN_RETRY after it could not be reached)."""
    if REPLICA not in connections.settings:
        return False
    now = time.monotonic()
    if now - _health.asked_at >= _health.wait:
        reached, lag = replica_lag()
        _health.usable = lag is not None and lag <= settings.REPLICA_MAX_LAG
        _health.wait = CHECK_EVERY if reached else REPLICA_DOWN_RETRY
        _health.asked_at = now
    return _health.usable


def replica_lag() -> tuple[bool, float | None]:
    """Whether the replica answered, and the seconds its replay is behind what it received:
    0 when it has replayed all it received (an idle primary sends nothing, however old its
    last transaction), None when it is no standby or did not answer."""
    connection = connections[REPLICA]
    try:
        with connection.cursor() as cursor:
            cursor.execute(LAG_SQL)
            (lag,) = cursor.fetchone()
    except (Error, DatabaseOperationForbidden):
        with suppress(Error):
            connection.close()  # a broken connection is made again on the next question
        return False, None
    return True, None if lag is None else float(lag)


def forget_replica_health() -> None:
    """The next read asks the replica again (tests, after they stop or pause it)."""
    _health.asked_at = -float("inf")

"""The bench's replica run: a streaming hot standby of the bench's PostgreSQL server, made with
pg_basebackup from the same binaries (tests/standby.py), and a gunicorn on REPLICA_PORT whose
DATABASE_REPLICA_URL points at it, so the board, the calendars and the exports read the standby
(web/replica.py) while every other page and every write stays on the primary. The standby's own
count of rows returned, before and after the load, shows that it answered."""

import tempfile
import urllib.parse
from contextlib import contextmanager
from pathlib import Path

from tests import standby
from tests.bench import servers
from tests.bench.servers import REPLICA_PORT


def source_of(server: urllib.parse.SplitResult) -> tuple[str, str, str]:
    """Where pg_basebackup connects: the host (or the embedded server's socket folder), the
    port and the role (the embedded server trusts `postgres` for replication)."""
    query = urllib.parse.parse_qs(server.query)
    host = server.hostname or query.get("host", [""])[0]
    port = str(server.port or query.get("port", ["5432"])[0])
    return host, port, server.username or "postgres"


@contextmanager
def replica_server(server: urllib.parse.SplitResult, name: str, log_path: Path):
    """A standby of `server` and a gunicorn reading database `name` through it; yields the
    standby (None, with the reason printed, when no standby can be made here)."""
    reason = standby.unavailable()
    if reason:
        print(f"Replica run: skipped ({reason}).")
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="bench-replica-") as folder:
        print("Copying the bench's server for a streaming replica (pg_basebackup)")
        try:
            replica = standby.start_standby(Path(folder), *source_of(server))
        except RuntimeError as error:
            print(f"Replica run: skipped (no standby could be made: {error}).")
            yield None
            return
        url = f"postgresql://postgres@{standby.HOST}:{replica.port}/{name}"
        try:
            env = {"DATABASE_REPLICA_URL": url}
            gunicorn = servers.start_gunicorn(REPLICA_PORT, log_path, env=env)
            try:
                yield replica
            finally:
                servers.stop(gunicorn)
        finally:
            replica.stop("fast")


def rows_returned(replica: standby.Server, name: str) -> int:
    """Rows the standby has returned to queries in database `name` since it started."""
    return int(replica.sql(f"SELECT tup_returned FROM pg_stat_database WHERE datname = '{name}'"))

"""A streaming standby, from the PostgreSQL binaries pgserver ships, for the replica test and the
bench: a primary of its own (initdb in a folder, wal_level=replica, a replication role and its
pg_hba.conf line) or an existing server, then `pg_basebackup -R` into another folder and that
folder started as a hot standby on another port. Everything listens on 127.0.0.1 only. As root,
the servers run as pgserver's own system user, as pgserver runs the embedded one."""

import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
REPLICATOR = "replicator"


def binaries() -> Path:
    import pgserver

    return Path(pgserver.__file__).parent / "pginstall" / "bin"


def system_user() -> str | None:
    """PostgreSQL refuses to run as root: pgserver's user then (pgserver made it)."""
    return "pgserver" if os.geteuid() == 0 else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def run(tool: str, *args: str, as_owner: bool = True, **kwargs) -> str:
    """One of the binaries; the server-side ones as the system user that owns the folders."""
    user = system_user() if as_owner else None
    done = subprocess.run(
        [str(binaries() / tool), *args],
        capture_output=True,
        text=True,
        user=user,
        timeout=kwargs.pop("timeout", 120),
        **kwargs,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{tool} {' '.join(args)} failed: {done.stderr or done.stdout}")
    return done.stdout


def owned_folder(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    if system_user():
        shutil.chown(path, system_user(), system_user())
    return path


@dataclass
class Server:
    data: Path
    port: int
    extra: tuple = ()  # more options for `postgres`

    @property
    def log(self) -> Path:
        return self.data.parent / f"{self.data.name}.log"

    def start(self) -> "Server":
        options = f"-p {self.port} -h {HOST} -k {self.data} {' '.join(self.extra)}"
        data, log = str(self.data), str(self.log)
        run("pg_ctl", "-D", data, "-l", log, "-o", options, "-w", "-t", "600", "start")
        return self

    def stop(self, mode: str = "fast") -> None:
        if (self.data / "postmaster.pid").exists():
            run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def sql(self, statement: str, database: str = "postgres") -> str:
        return run(
            "psql",
            *("-h", HOST, "-p", str(self.port), "-U", "postgres", "-d", database),
            *("-v", "ON_ERROR_STOP=1", "-Atc", statement),
            as_owner=False,
        ).strip()

    def database(self, name: str) -> dict:
        """Django's settings for one of its databases."""
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": "postgres",
            "PASSWORD": "",
            "HOST": HOST,
            "PORT": str(self.port),
        }


def start_primary(folder: Path) -> Server:
    """A new cluster in `folder`, ready to be copied by pg_basebackup (fsync off: a test's)."""
    data = owned_folder(folder) / "primary"
    run("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "--encoding=utf8", "-N")
    with (data / "postgresql.conf").open("a") as conf:
        conf.write("wal_level = replica\nmax_wal_senders = 4\nfsync = off\n")
    with (data / "pg_hba.conf").open("a") as hba:
        hba.write(f"host replication {REPLICATOR} {HOST}/32 trust\n")
    primary = Server(data, free_port()).start()
    primary.sql(f"CREATE ROLE {REPLICATOR} REPLICATION LOGIN")
    return primary


def start_standby(folder: Path, source_host: str, source_port: int | str, user: str) -> Server:
    """A hot standby of the server at source_host (a host or a socket folder), streaming from
    it as `user` (a role with REPLICATION). A throwaway one: nothing is synced to disk (else it
    syncs the whole copy again when it starts, a minute for the bench's gigabyte)."""
    data = owned_folder(folder) / "standby"
    run(
        "pg_basebackup",
        *("-h", source_host, "-p", str(source_port), "-U", user),
        *("-D", str(data), "-R", "-X", "stream", "-c", "fast", "--no-sync"),
        timeout=3600,
    )
    return Server(data, free_port(), ("-c hot_standby=on", "-c fsync=off")).start()


def replay_pause(standby: Server) -> None:
    standby.sql("SELECT pg_wal_replay_pause()")
    while standby.sql("SELECT pg_get_wal_replay_pause_state()") != "paused":
        time.sleep(0.02)


def replay_resume(standby: Server) -> None:
    standby.sql("SELECT pg_wal_replay_resume()")


def caught_up(standby: Server, primary: Server, timeout: float = 10) -> None:
    """Waits until the standby has replayed everything the primary has written so far."""
    target = primary.sql("SELECT pg_current_wal_lsn()")
    deadline = time.monotonic() + timeout
    while standby.sql(f"SELECT pg_last_wal_replay_lsn() >= '{target}'") != "t":
        if time.monotonic() > deadline:
            raise RuntimeError(f"The standby did not replay up to {target} in {timeout} s")
        time.sleep(0.02)


def unavailable() -> str | None:
    """Why no standby can be run here, or None."""
    try:
        folder = binaries()
    except ImportError:
        return "pgserver (the PostgreSQL binaries) is not installed"
    for tool in ("initdb", "pg_ctl", "pg_basebackup", "pg_dump", "pg_restore", "psql"):
        if not (folder / tool).exists():
            return f"pgserver ships no {tool}"
    if system_user():
        try:
            import pwd

            pwd.getpwnam(system_user())
        except KeyError:
            return f"running as root, and there is no {system_user()} user to run PostgreSQL as"
    return None

"""The read replica against a real one (web/replica.py): a primary and a streaming hot standby
started from pgserver's PostgreSQL binaries for this module (tests/standby.py), the test
database copied onto the primary, `default` pointed at the primary and `replica` at the standby.
Skipped, saying why, where the binaries cannot run a standby; under CI (`CI` set) it must run."""

import os
import re
import tempfile
import time
import uuid
from datetime import timedelta
from functools import partial
from pathlib import Path

import pytest
from django.db import connections
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Membership, Team, User
from catalogue.models import Band
from logbook.models import CalendarFeed, SetLog
from tests import standby
from tests.coaching.athletes import assign, workouts_of
from tests.conftest import make_user
from web.replica import LAG_SQL, ReplicaRouter, forget_replica_health, replica_reading

DATABASE = "hamstrings_replica_test"
ATHLETES = 3


def uses_the_database(item) -> bool:
    fixtures = {"db", "transactional_db", "django_db_reset_sequences"}
    return bool(item.get_closest_marker("django_db") or fixtures & set(item.fixturenames))


@pytest.fixture(scope="module")
def servers(request, django_db_blocker):
    """The primary (with the test database's tables and seed) and its standby; `default` and
    `replica` point at them for the module, the router installed, and back after."""
    reason = standby.unavailable()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"A replica must be tested under CI: {reason}")
        pytest.skip(reason)
    # pytest-django makes the test database only when a selected test asks for one (this
    # module's mirror test does): without it `default` is the real database, never copied.
    if not any(uses_the_database(item) for item in request.session.items):
        pytest.skip("no selected test asks for the test database: select the mirror test too")
    request.getfixturevalue("django_db_setup")
    default = connections["default"].settings_dict
    kept, kept_replica = dict(default), connections.settings.get("replica")
    with tempfile.TemporaryDirectory(prefix="replica-") as folder:
        folder = Path(folder)
        primary = standby.start_primary(folder)
        replica = None
        try:
            copy_test_database(default, primary, folder / "test.dump")
            replica = standby.start_standby(folder, standby.HOST, primary.port, standby.REPLICATOR)
            with django_db_blocker.unblock():
                connections["default"].close()
                forget_connection("replica")
                default.update(primary.database(DATABASE))
                connections.settings["replica"] = connections.configure_settings(
                    {"default": default, "replica": replica.database(DATABASE)}
                )["replica"]
                with override_settings(DATABASE_ROUTERS=["web.replica.ReplicaRouter"]):
                    yield primary, replica
        finally:
            with django_db_blocker.unblock():
                connections["default"].close()
                forget_connection("replica")
                restore_replica(kept_replica)
                default.clear()
                default.update(kept)
            for server in (replica, primary):
                if server:
                    server.stop("immediate")


def forget_connection(alias: str) -> None:
    """Closes the alias's connection and drops it, so the next use connects afresh."""
    if alias in connections.settings:
        connections[alias].close()
        del connections[alias]


def restore_replica(settings_dict: dict | None) -> None:
    """The replica alias as it was before a test changed it (DATABASE_REPLICA_URL's, or none)."""
    if settings_dict is None:
        connections.settings.pop("replica", None)
    else:
        connections.settings["replica"] = settings_dict
    forget_replica_health()


def copy_test_database(source: dict, primary: standby.Server, dump: Path) -> None:
    """The test database as the suite's session left it (tables, catalogue, library), onto the
    primary: seconds, where migrating a new one takes most of a minute."""
    where = ["-h", source["HOST"], "-U", source["USER"] or "postgres"]
    if source["PORT"]:
        where += ["-p", str(source["PORT"])]
    environment = {**os.environ, "PGPASSWORD": source["PASSWORD"] or ""}
    standby.run(
        "pg_dump", *where, "-Fc", "-f", str(dump), source["NAME"], as_owner=False, env=environment
    )
    primary.sql(f"CREATE DATABASE {DATABASE}")
    standby.run(
        "pg_restore",
        *("-h", standby.HOST, "-p", str(primary.port), "-U", "postgres"),
        *("-d", DATABASE, "--no-owner", str(dump)),
        as_owner=False,
    )


@pytest.fixture(scope="module")
def squad(servers):
    """A coach with a team of athletes on the Nordic program, committed on the primary and
    replayed on the standby; the first athlete has a calendar feed."""
    primary, replica = servers
    coach = make_user("replica-coach", first_name="Rhea", is_coach=True)
    team = Team.objects.create(coach=coach, name="Replicas")
    athletes = []
    for number in range(ATHLETES):
        athlete = make_user(f"replica-athlete-{number}", first_name=f"Athlete{number}")
        Membership.objects.create(team=team, athlete=athlete)
        assign(athlete, coach, start=timezone.localdate() - timedelta(days=3))
        athletes.append(athlete)
    feed = CalendarFeed.objects.create(user=athletes[0], token="t" * 32)
    standby.caught_up(replica, primary)
    return {"coach": coach, "team": team, "athletes": athletes, "feed": feed}


@pytest.fixture
def fresh(servers, squad):
    """Each test asks the replica how far behind it is again, its replay running."""
    primary, replica = servers
    standby.replay_resume(replica)
    standby.caught_up(replica, primary)
    forget_replica_health()
    yield servers
    forget_replica_health()


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def queries_on_each(request):
    """Runs `request()`; returns its response and the SQL it ran on the primary and on the
    replica (the replica's lag question left out)."""
    with (
        CaptureQueriesContext(connections["default"]) as on_primary,
        CaptureQueriesContext(connections["replica"]) as on_replica,
    ):
        response = request()
        if response.streaming:  # its rows are read as it is sent
            response.body = b"".join(response.streaming_content)
        else:
            response.body = response.content
    asked = [query["sql"] for query in on_replica.captured_queries]
    return response, [q["sql"] for q in on_primary.captured_queries], asked


def tables_read(queries: list[str]) -> set[str]:
    """The table each query reads from (its last FROM: the outer one)."""
    return {re.findall(r'FROM "(\w+)"', sql)[-1] for sql in queries if "FROM" in sql}


def without_lag(queries: list[str]) -> list[str]:
    return [sql for sql in queries if "pg_last_wal_replay_lsn" not in sql]


def test_the_boards_reads_go_to_the_replica_and_who_is_signed_in_to_the_primary(fresh, squad):
    client = signed_in(squad["coach"])
    response, primary, replica = queries_on_each(lambda: client.get("/coach/"))

    assert response.status_code == 200
    assert "Athlete2" in response.body.decode()
    assert len(without_lag(replica)) >= 3  # the team, the rows, their flags and plans
    assert any("programs_assignment" in sql for sql in replica)
    # The primary reads who is signed in (the session, the user) and nothing of the board.
    assert tables_read(primary) <= {"django_session", "accounts_user"}, primary


def test_the_calendars_and_exports_read_the_replica(fresh, squad):
    """Each reads its rows from the replica; the primary only who asks (and the calendars' one
    raw query of logs and skips, which runs on the primary's connection)."""
    coach, team, feed = squad["coach"], squad["team"], squad["feed"]
    client = signed_in(coach)
    athlete_id = squad["athletes"][0].pk
    pages = {
        f"/coach/teams/{team.pk}/calendar/": (client, "accounts_membership"),
        f"/coach/teams/{team.pk}/export.csv": (client, "logbook_setlog"),
        f"/coach/athletes/{athlete_id}/export.csv": (client, "logbook_setlog"),
        f"/calendar.ics?token={feed.token}": (Client(), "programs_assignment"),
    }
    for path, (asker, table) in pages.items():
        response, primary, replica = queries_on_each(partial(asker.get, path))
        assert response.status_code == 200, path
        assert any(f'"{table}"' in sql for sql in without_lag(replica)), (path, replica)
        assert table not in tables_read(primary), (path, primary)


def test_a_post_and_today_read_only_the_primary(fresh, squad):
    athlete = squad["athletes"][1]
    client = signed_in(athlete)
    assignment = athlete.assignments.get()
    workout = workouts_of(assignment)[0]
    prescription = workout.prescriptions.select_related("exercise").first()
    data = {
        "token": str(uuid.uuid4()),
        "prescription": prescription.pk,
        "set_number": 1,
        "side": "both",
        "band": prescription.band_id or "",
        "seconds" if prescription.is_hold else "reps": 5,
    }
    if prescription.exercise.pattern == "eccentric":
        data["control"] = "full"

    posted, _, replica = queries_on_each(
        lambda: client.post(f"/workouts/{workout.pk}/sets/", data, headers={"HX-Request": "true"})
    )
    assert posted.status_code == 200
    assert SetLog.objects.filter(token=data["token"]).exists()
    assert replica == []
    today, _, replica = queries_on_each(lambda: client.get("/today/"))
    assert today.status_code == 200
    assert replica == []
    # The coach's band change from the board is a POST: all of it on the primary too.
    track = assignment.tracks.get()
    coach = signed_in(squad["coach"])
    coach_post, _, replica = queries_on_each(
        lambda: coach.post(
            f"/coach/board/tracks/{track.pk}/band/",
            {"band": Band.objects.get(name="Red").pk, "reason": "Easier for a week"},
        )
    )
    assert coach_post.status_code == 302
    assert replica == []
    track.refresh_from_db()
    assert track.band.name == "Red"


def test_a_marked_read_after_a_write_goes_to_the_primary(fresh, squad):
    router = ReplicaRouter()
    with replica_reading():
        assert router.db_for_read(Team) == "replica"
        squad["team"].save(update_fields=["name"])
        assert router.db_for_read(Team) == "default"
    with replica_reading():
        assert router.db_for_read(User) == "replica"
        assert router.db_for_read(CalendarFeed) == "replica"
        from django.contrib.sessions.models import Session

        assert router.db_for_read(Session) == "default"  # the request's own state
    assert router.db_for_read(Team) == "default"  # outside a marked view


def test_the_lag_is_asked_at_most_once_a_second(fresh, squad):
    client = signed_in(squad["coach"])
    started = time.monotonic()
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        for _ in range(5):
            assert client.get("/coach/").status_code == 200
    seconds = time.monotonic() - started
    asked = [query for query in on_replica.captured_queries if query["sql"] == LAG_SQL]
    assert 1 <= len(asked) <= 1 + int(seconds)
    assert len(asked) < 5
    time.sleep(1.05)
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        client.get("/coach/")
    assert [query["sql"] for query in on_replica.captured_queries].count(LAG_SQL) == 1


def test_a_replica_behind_by_more_than_the_limit_is_passed_over_until_it_catches_up(fresh, squad):
    primary, replica = fresh
    coach, athlete = squad["coach"], squad["athletes"][1]
    client = signed_in(coach)
    standby.replay_pause(replica)
    User.objects.filter(pk=athlete.pk).update(first_name="Renamed")  # not replayed yet
    time.sleep(0.6)  # the standby's last replayed write is now over 0.5 s old

    with override_settings(REPLICA_MAX_LAG=60):  # behind, but within the limit: the replica
        forget_replica_health()
        page, _, on_replica = queries_on_each(lambda: client.get("/coach/"))
    assert without_lag(on_replica)
    assert "Athlete1" in page.body.decode() and "Renamed" not in page.body.decode()

    with override_settings(REPLICA_MAX_LAG=0.5):  # beyond it: the primary
        forget_replica_health()
        page, _, on_replica = queries_on_each(lambda: client.get("/coach/"))
    assert without_lag(on_replica) == []
    assert "Renamed" in page.body.decode()

    standby.replay_resume(replica)
    standby.caught_up(replica, primary)
    with override_settings(REPLICA_MAX_LAG=0.5):  # caught up: the replica again
        forget_replica_health()
        page, _, on_replica = queries_on_each(lambda: client.get("/coach/"))
    assert without_lag(on_replica)
    assert "Renamed" in page.body.decode()


def test_a_replica_that_is_down_leaves_every_read_on_the_primary(fresh, squad):
    _, replica = fresh
    client = signed_in(squad["coach"])
    client.get("/coach/")  # a connection to the replica is open
    replica.stop("immediate")
    try:
        forget_replica_health()
        page, on_primary, on_replica = queries_on_each(lambda: client.get("/coach/"))
        assert page.status_code == 200
        assert "Athlete2" in page.body.decode()
        assert without_lag(on_replica) == []
        assert any("programs_assignment" in sql for sql in on_primary)
    finally:
        replica.start()
        connections["replica"].close()


@pytest.mark.django_db
def test_a_replica_that_mirrors_default_in_tests_leaves_the_board_on_default(coach, athlete):
    """The normal suite with DATABASE_REPLICA_URL set: the replica is a TEST MIRROR of default,
    which a test does not declare; the board reads default, inside the test's transaction."""
    kept = connections.settings.get("replica")
    forget_connection("replica")
    connections.settings["replica"] = {
        **connections["default"].settings_dict,
        "TEST": {"MIRROR": "default"},
    }
    forget_replica_health()
    try:
        with override_settings(DATABASE_ROUTERS=["web.replica.ReplicaRouter"]):
            page = signed_in(coach).get("/coach/")
        assert page.status_code == 200
        assert "Alex" in page.content.decode()  # the athlete, written in this transaction
        assert connections["replica"].connection is None  # never connected
    finally:
        forget_connection("replica")
        restore_replica(kept)


def test_the_standby_is_a_real_one(servers):
    """What the rest stands on: the replica is in recovery and refuses writes."""
    _, replica = servers
    assert replica.sql("SELECT pg_is_in_recovery()") == "t"
    with pytest.raises(RuntimeError, match="read-only"):
        replica.sql("CREATE TABLE nope (id int)", database=DATABASE)

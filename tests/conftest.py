"""Personas shared by the whole suite: a coach, their athlete, another coach's athlete, staff."""

import os

import pytest
from asgiref.local import Local
from django.core.cache import cache
from django.core.management import call_command
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.tasks import task_backends
from hypothesis import settings as hypothesis_settings
from whitenoise.base import WhiteNoise

from accounts.models import Membership, Team, User
from accounts.services import club_found
from catalogue.models import Band
from catalogue.services import load_catalogue
from programs.library_load import load_library
from programs.models import Program
from tests.snapshots import Snapshot, demo_restore, row_counts, snapshot_restore, snapshot_take

PASSWORD = "correct horse battery"

# Hypothesis: every property's full number of examples under CI (`.ci/run` sets CI), a third of
# it in the edit loop. A property that wants more asks for a multiple of the profile's.
hypothesis_settings.register_profile("ci", deadline=None)
hypothesis_settings.register_profile("dev", max_examples=30, deadline=None)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """A slow password hash buys tests nothing and costs most of a second per user."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def static_files_read_once():
    """WhiteNoise reads every collected static file (its stat, headers and compressed
    variants) when a middleware chain is built, and the test client builds one per client:
    about 80 ms at the first request of every test. Read once per session, here, for the
    same folder and headers; each chain still gets the files as WhiteNoise made them."""
    read = WhiteNoise.update_files_dictionary
    made: dict[tuple, dict] = {}

    def read_once(self, root, prefix):
        key = (root, prefix, self.max_age, self.charset, self.allow_all_origins, self.index_file)
        if key not in made:
            files, self.files = self.files, {}
            read(self, root, prefix)
            made[key], self.files = self.files, files
        self.files.update(made[key])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(WhiteNoise, "update_files_dictionary", read_once)
        yield


IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@receiver(setting_changed)
def forget_task_backends(*, setting, **kwargs):
    """Django caches the TASKS backends and resets them on no setting change: do it here."""
    if setting == "TASKS":
        task_backends._settings = None
        task_backends._connections = Local(task_backends.thread_critical)


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    """Background tasks run inside the request in tests; tests of the queue itself ask for it."""
    settings.TASKS = IMMEDIATE_TASKS


def make_user(username: str, *, is_coach: bool = False, **fields) -> User:
    """A person; `is_coach` makes them the head of a club of their own (as signing up as a
    coach does)."""
    user = User(username=username, email=f"{username}@example.com", **fields)
    user.set_password(PASSWORD)
    user.save()
    if is_coach:
        club_found(user=user)
    return user


@pytest.fixture
def coach(db) -> User:
    return make_user("coach", first_name="Cora", is_coach=True)


@pytest.fixture
def team(coach) -> Team:
    return Team.objects.create(coach=coach, name="Squad")


@pytest.fixture
def athlete(team) -> User:
    athlete = make_user("athlete", first_name="Alex")
    Membership.objects.create(team=team, athlete=athlete)
    return athlete


@pytest.fixture
def other_coach(db) -> User:
    return make_user("othercoach", is_coach=True)


@pytest.fixture
def outsider(other_coach) -> User:
    """An athlete of another coach's team."""
    outsider = make_user("outsider")
    other_team = Team.objects.create(coach=other_coach, name="Elsewhere")
    Membership.objects.create(team=other_team, athlete=outsider)
    return outsider


@pytest.fixture
def staff(db) -> User:
    return make_user("staff", is_staff=True, is_superuser=True)


@pytest.fixture
def athlete_client(client, athlete):
    client.force_login(athlete)
    return client


@pytest.fixture
def coach_client(client, coach):
    client.force_login(coach)
    return client


def seed_load() -> None:
    """What `make run` loads before anything else: the seed catalogue and the program library."""
    load_catalogue()
    load_library()


def pytest_collection_modifyitems(items):
    """The long sweeps first: each worker runs a file at a time (--dist loadfile), in the
    order collected, and a sweep collected late kept one worker busy for a minute after the
    other had finished."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


DB_BLOCKER = pytest.StashKey[object]()
SEED = pytest.StashKey[Snapshot]()
FLUSH_MAKES_AGAIN = {"django_content_type", "auth_permission"}  # post_migrate writes them


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    """The seed catalogue and the program library are loaded once per test database, not once
    per test: each test's transaction rolls back to them. The database is kept between runs
    (--reuse-db), so each run first empties it: an interrupted run's rows and a library older
    than the code go."""
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
        seed_load()
        cache.clear()  # the database cache's counts (resets) outlive a kept test database
        # What the seed wrote, but the content types and permissions a flush makes again.
        written = [table for table, rows in row_counts().items() if rows]
        tables = [table for table in written if table not in FLUSH_MAKES_AGAIN]
        request.config.stash[SEED] = snapshot_take("seed_snapshot", tables)
    request.config.stash[DB_BLOCKER] = django_db_blocker


def empties_the_tables(item) -> bool:
    """Whether pytest-django runs the test as a TransactionTestCase, which commits and empties
    every table after it."""
    marker = item.get_closest_marker("django_db")
    options = marker.kwargs if marker else {}
    fixtures = {"transactional_db", "live_server", "django_db_reset_sequences"}
    return bool(
        fixtures & set(getattr(item, "fixturenames", ()))
        or options.get("transaction")
        or options.get("reset_sequences")
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test emptied the tables, the seed goes back in, committed, before
    the next test: the tests after a browser test find the catalogue and library as the others
    do, instead of each loading them again inside its own transaction. It is copied back from
    the session's snapshot of it (0.05 s; loading it again takes 0.3)."""
    try:
        return (yield)
    finally:
        blocker = item.config.stash.get(DB_BLOCKER, None)
        if blocker is not None and nextitem is not None and empties_the_tables(item):
            with blocker.unblock():
                snapshot_restore(item.config.stash[SEED])


@pytest.fixture
def catalogue(db):
    """The seed bands and exercises, as `make run` loads them: there for every test."""
    if not Band.objects.exists():
        load_catalogue()


@pytest.fixture
def library(catalogue):
    """The library programs, as `make run` loads them: there for every test."""
    if not Program.objects.library().exists():
        load_library()


@pytest.fixture
def no_library(db):
    """No library programs: for a test that counts every program there is, or loads the
    library itself (every other test starts with it)."""
    Program.objects.library().delete()


@pytest.fixture
def demo(transactional_db):
    """The demo's data (`manage.py demo`) for today by the clock as it stands (a test that moves
    the clock does so first), committed: replayed once per session and day, then restored from
    its snapshot in a fraction of a second (tests/snapshots.py)."""
    return demo_restore()

"""Personas shared by the whole suite: a coach, their athlete, another coach's athlete, staff."""

import os

import pytest
from asgiref.local import Local
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.tasks import task_backends
from hypothesis import settings as hypothesis_settings

from accounts.models import Membership, Team, User
from catalogue.models import Band
from catalogue.services import load_catalogue
from tests.snapshots import demo_restore

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


def make_user(username: str, **fields) -> User:
    user = User(username=username, email=f"{username}@example.com", **fields)
    user.set_password(PASSWORD)
    user.save()
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


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The seed catalogue is loaded once per test database, not once per test: each test's
    transaction rolls back to it."""
    with django_db_blocker.unblock():
        load_catalogue()
        cache.clear()  # the database cache's counts (resets) outlive a kept test database


@pytest.fixture
def catalogue(db):
    """The seed bands and exercises, as `make run` loads them. Already there for ordinary
    tests; a transactional test (the browser's) empties the tables after it, so the next one
    loads them again."""
    if not Band.objects.exists():
        load_catalogue()


@pytest.fixture
def demo(transactional_db):
    """The demo's data (`manage.py demo`) for today by the clock as it stands (a test that moves
    the clock does so first), committed: replayed once per session and day, then restored from
    its snapshot in a fraction of a second (tests/snapshots.py)."""
    return demo_restore()

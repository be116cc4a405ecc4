"""The page chrome (top bar, athletes' tab bar) written by `accounts.templatetags.chrome`
writes the same HTML the templates it replaced wrote: the old templates' text is kept in
tests/chrome_before/ and rendered against the same request for each kind of person, and the two
pages compared (only the whitespace between tags, and the CSRF token, which is masked afresh each
time, set aside)."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.template.loader import get_template
from django.test import RequestFactory
from django.urls import resolve

from accounts.clubs import StaffRole
from tests.accounts.club import club_of, seat_in
from tests.conftest import make_user

BEFORE = Path(__file__).parent / "chrome_before"  # the templates as they were, verbatim
OLD_BASE = (
    (BEFORE / "base.html")
    .read_text()
    .replace('{% include "components/nav.html" %}', (BEFORE / "nav.html").read_text())
    .replace('{% include "components/tab_bar.html" %}', (BEFORE / "tab_bar.html").read_text())
)


ATHLETE_PAGES = ["/today/", "/calendar/", "/history/", "/progress/", "/messages/", "/workouts/1/"]
OTHER_PAGES = ["/free/1/", "/logs/1/", "/exercises/", "/bands/", "/accounts/settings/", "/coach/"]


def page(html: str) -> str:
    """The page as compared: whitespace between tags and the masked CSRF token set aside."""
    html = re.sub(r">\s+<", "><", html.strip())
    return re.sub(r"[A-Za-z0-9]{64}", "TOKEN", html)


def both(user, path: str) -> tuple[str, str]:
    """The empty page `path` as the old templates wrote it and as base.html writes it now."""
    request = RequestFactory().get(path)
    request.user = user
    request.resolver_match = resolve(path)
    old = engines["django"].from_string(OLD_BASE).render({}, request)
    new = get_template("base.html").render({}, request)
    return page(old), page(new)


def unread(user, count):
    """As the signed-in request's user carries its unread count (`logbook.auth`); None leaves
    the context processor to count it."""
    if count is not None:
        user.unread_count = count
    return user


def test_signed_out():
    for path in ["/", "/exercises/", "/bands/", "/accounts/login/"]:
        old, new = both(AnonymousUser(), path)
        assert "Log in" in old
        assert new == old


@pytest.mark.parametrize("count", [None, 0, 3])
@pytest.mark.parametrize("path", ATHLETE_PAGES + OTHER_PAGES)
def test_athlete(athlete, path, count):
    old, new = both(unread(athlete, count), path)
    assert 'class="tabbar"' in old
    assert new == old


@pytest.mark.parametrize("count", [None, 0, 2])
@pytest.mark.parametrize(
    "path", ["/coach/", "/exercises/", "/bands/", "/accounts/settings/", "/today/"]
)
def test_club_head(coach, path, count):
    old, new = both(unread(coach, count), path)
    assert ">Club</a>" in old
    assert new == old


@pytest.mark.parametrize("role", [StaffRole.COACH, StaffRole.PHYSIO, StaffRole.VIEWER])
@pytest.mark.parametrize("count", [0, 5])
def test_staff_in_each_role(coach, role, count):
    person = seat_in(club_of(coach), f"staff-{role}", role)
    for path in ["/coach/", "/exercises/", "/accounts/settings/"]:
        old, new = both(unread(person, count), path)
        assert ">Athletes</a>" in old and ">Club</a>" not in old
        assert new == old


@pytest.mark.parametrize("path", ["/today/", "/exercises/", "/bands/"])
def test_staff_who_coach_nobody(db, path):
    admin = make_user("admin", is_staff=True)
    old, new = both(admin, path)
    assert ">Admin</a>" in old and 'class="tabbar"' not in old
    assert new == old


@pytest.mark.parametrize("path", ATHLETE_PAGES)
def test_athlete_who_is_staff(athlete, path):
    athlete.is_staff = True
    athlete.save()
    old, new = both(unread(athlete, 4), path)
    assert ">Today</a>" in old and 'class="tabbar"' not in old
    assert new == old


def test_a_name_with_markup(db):
    odd = make_user("odd", first_name='<b>"Jo" & co</b>')
    old, new = both(odd, "/today/")
    assert new == old

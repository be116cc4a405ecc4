"""Reads never write (issue 26): every page a person reaches by following links from their home
page, on the demo's data, is fetched and no INSERT, UPDATE or DELETE reaches an app's table. Two
named exceptions: the read receipt (opening a message thread marks the other side's messages
read), and the club's audit trail of health data (the coach's athlete page showing pain, and a
CSV export, each INSERT one row of it: no other write, on no other page). Sessions, the cache
and the sign-in throttle keep their own bookkeeping."""

import io
import re
from collections import Counter
from datetime import UTC, datetime
from urllib.parse import urldefrag, urlsplit

import time_machine
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core.management import call_command
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from accounts.records import AuditEvent
from tests.conftest import IMMEDIATE_TASKS

MD5 = f"{MD5PasswordHasher.__module__}.{MD5PasswordHasher.__name__}"
WRITE = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?', re.IGNORECASE)
BOOKKEEPING = ("django_session", "hamstrings_cache", "axes_")
READ_RECEIPT = ("logbook_message", {"/messages/", "/coach/messages/"})
# The reads the club's audit trail records: the athlete page (its pain) and the CSV exports.
AUDITED = (
    "accounts_auditevent",
    re.compile(r"/coach/(athletes/\d+/|(athletes|teams)/\d+/.+\.csv)"),
)
NOT_FOLLOWED = ("/accounts/logout/", "/admin/", "/static/", "/sw.js", "/calendar.ics")
PAGES_EACH = 150
SAME_KIND = 3  # pages of one shape (ids and slugs aside) fetched at most: every kind is reached
HREF = re.compile(r'(?:href|hx-get)="([^"]+)"')


def writes(queries, path: str) -> list[str]:
    """The app-table writes among `queries`, but the read receipt of a thread page and the
    audit row of an audited read."""
    found = []
    for query in queries:
        match = WRITE.match(query["sql"])
        if match is None or match.group(2).startswith(BOOKKEEPING):
            continue
        table, threads = READ_RECEIPT
        if match.group(2) == table and (path in threads or path.endswith("/messages/")):
            continue
        table, audited = AUDITED
        inserted = match.group(1).upper() == "INSERT INTO"
        if match.group(2) == table and inserted and audited.fullmatch(path):
            continue
        found.append(query["sql"][:160])
    return found


@time_machine.travel(datetime(2026, 11, 23, 9, tzinfo=UTC), tick=False)
class GetsNeverWrite(TestCase):
    @classmethod
    def setUpTestData(cls):
        with override_settings(TASKS=IMMEDIATE_TASKS, PASSWORD_HASHERS=[MD5]):
            call_command("demo", stdout=io.StringIO())

    def crawl(self, username: str) -> dict[str, list[str]]:
        """Follow same-site links breadth-first from "/"; each page's writes, by path."""
        self.client.force_login(User.objects.get(username=username))
        queue, seen, written, kinds = ["/"], set(), {}, Counter()
        while queue and len(seen) < PAGES_EACH:
            url = urldefrag(queue.pop(0)).url
            path = urlsplit(url).path
            kind = re.sub(r"/[^/]*\d[^/]*/|/exercises/[^/]+/|/using/[^/]+/", "/*/", path)
            if url in seen or path.startswith(NOT_FOLLOWED) or urlsplit(url).netloc:
                continue
            if kinds[kind] >= SAME_KIND:
                continue
            kinds[kind] += 1
            seen.add(url)
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(url)
            assert response.status_code < 500, url
            if found := writes(queries.captured_queries, path):
                written[url] = found
            if response.status_code in (301, 302):
                queue.append(response["Location"])
            elif "html" in response.get("Content-Type", ""):
                queue += [link.replace("&amp;", "&") for link in HREF.findall(response.text)]
        self.kinds = set(kinds)
        return written

    def test_the_athletes_pages(self):
        for username in ("athlete", "athlete2"):
            assert self.crawl(username) == {}, username
            assert {"/today/", "/workouts/*/", "/logs/*/", "/messages/", "/calendar/"} <= self.kinds

    def test_the_coachs_pages(self):
        audited = AuditEvent.objects.count()
        assert self.crawl("coach") == {}
        assert AuditEvent.objects.count() > audited  # the exception is used, and allowed
        assert {
            "/coach/",
            "/coach/athletes/*/",
            "/coach/athletes/*/flags/",
            "/coach/teams/*/calendar/",
            "/coach/teams/*/fixtures/",
            "/programs/*/edit/",
        } <= self.kinds

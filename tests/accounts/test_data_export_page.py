"""The page "Your data" (/accounts/data/): asking for everything as a zip, the mailed link, the
list of one's exports and their state, and the download (the signed-in owner only, before it
expires). The zip's contents are tests/accounts/test_data_export.py's."""

import io
import re
import zipfile
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.data_export import exports_expire
from accounts.data_export_actions import data_export_request
from accounts.models import DataExport
from tests.conftest import make_user

URL = "/accounts/data/"
HTMX = {"HX-Request": "true"}
WRITE = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?', re.IGNORECASE)
QUEUED_ONLY = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # no worker runs it


def mailed_path(message) -> str:
    """The download link's path, as the mail gives it."""
    [link] = re.findall(r"https?://\S+/accounts/data/\S+/", message.body)
    return link[link.index("/accounts/") :]


def app_writes(queries) -> list[str]:
    """The writes among these queries to an app's table (the session's bookkeeping aside)."""
    return [
        query["sql"][:120]
        for query in queries
        if (match := WRITE.match(query["sql"])) and not match.group(2).startswith("django_session")
    ]


def test_it_works_for_an_athlete(athlete_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = athlete_client.get(URL)
    assert response.status_code == 200
    assert "<h1>Your data</h1>" in response.text
    assert "Download everything" in response.text
    assert "athlete@example.com" in response.text
    assert "Erase my account" in response.text
    assert "After 30 days" in response.text
    assert "Your downloads" not in response.text  # none asked for yet


def test_it_works_for_a_coach(coach_client):
    response = coach_client.get(URL)
    assert response.status_code == 200
    assert "Download everything" in response.text


def test_the_settings_page_links_to_it(athlete_client):
    assert f'href="{URL}"' in athlete_client.get("/accounts/settings/").text


def test_it_requires_login(client, athlete):
    for response in (client.get(URL), client.post(URL)):
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={URL}"
    assert not DataExport.objects.exists()


def test_asking_mails_a_link_to_the_zip(athlete_client, athlete):
    response = athlete_client.post(URL, follow=True)

    export = DataExport.objects.get(user=athlete)
    assert export.ready_at is not None
    assert export.expires_at == export.ready_at + timedelta(days=7)
    assert "We will mail you a link to athlete@example.com" in response.text
    [message] = mail.outbox
    assert message.to == ["athlete@example.com"]
    assert message.subject == "Your Hamstrings data is ready"
    assert mailed_path(message) == f"/accounts/data/{export.token}/"
    assert "Sign in as athlete" in message.body
    # The page lists it, ready, with its link.
    assert f'href="/accounts/data/{export.token}/"' in response.text

    download = athlete_client.get(mailed_path(message))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    assert download["Content-Disposition"].startswith("attachment; filename=")
    assert "no-store" in download["Cache-Control"]
    names = zipfile.ZipFile(io.BytesIO(download.content)).namelist()
    assert "accounts.user.json" in names and "README.txt" in names


def test_htmx_gets_the_section_with_the_notice(athlete_client, athlete):
    response = athlete_client.post(URL, headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section class="card" id="data-exports"')
    assert "<h1>" not in response.text
    assert "We will mail you a link" in response.text
    assert "Erase my account" not in response.text


def test_a_second_request_while_one_is_built_is_that_one(athlete_client, athlete, settings):
    settings.TASKS = QUEUED_ONLY
    first = data_export_request(user=athlete)
    page = athlete_client.post(URL, follow=True).text

    assert data_export_request(user=athlete) == first
    assert DataExport.objects.filter(user=athlete).count() == 1
    assert "Being prepared" in page
    assert not mail.outbox


def test_a_request_not_built_within_an_hour_is_failed_and_asked_again(
    athlete_client, athlete, settings
):
    settings.TASKS = QUEUED_ONLY
    with time_machine.travel(timezone.now() - timedelta(minutes=61)):
        stuck = data_export_request(user=athlete)
    assert "Not prepared: ask again" in athlete_client.get(URL).text

    again = data_export_request(user=athlete)
    assert again != stuck
    assert DataExport.objects.filter(user=athlete).count() == 2


def test_a_person_with_no_address_is_told_to_look_here(client, db):
    loner = make_user("loner")
    loner.email = ""
    loner.save()
    client.force_login(loner)
    response = client.post(URL, follow=True)
    assert "It is listed below when it is ready." in response.text
    assert not mail.outbox
    export = DataExport.objects.get(user=loner)
    assert f'href="/accounts/data/{export.token}/"' in response.text


@pytest.fixture
def ready(athlete) -> DataExport:
    data_export_request(user=athlete)
    mail.outbox.clear()
    return DataExport.objects.get(user=athlete)


def test_another_persons_link_answers_404(client, ready, outsider, coach):
    for someone in (outsider, coach):  # their coach too
        client.force_login(someone)
        assert client.get(f"/accounts/data/{ready.token}/").status_code == 404


def test_a_made_up_link_answers_404(athlete_client, ready):
    assert athlete_client.get(f"/accounts/data/{ready.token[:-1]}x/").status_code == 404


def test_signed_out_the_link_asks_to_sign_in_first(client, ready):
    path = f"/accounts/data/{ready.token}/"
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={path}"


def test_an_expired_link_answers_404_and_is_listed_expired(athlete_client, ready):
    path = f"/accounts/data/{ready.token}/"
    with time_machine.travel(ready.expires_at + timedelta(seconds=1)):
        assert athlete_client.get(path).status_code == 404
        page = athlete_client.get(URL).text
    assert "Expired" in page and f'href="{path}"' not in page


def test_expiring_drops_the_zip_and_keeps_the_row(ready):
    later = DataExport.objects.get(pk=data_export_request(user=make_user("later")).pk)
    assert exports_expire(now=ready.expires_at - timedelta(seconds=1)) == 0

    assert exports_expire(now=ready.expires_at) == 1
    assert exports_expire(now=later.expires_at) == 1
    assert exports_expire(now=later.expires_at + timedelta(days=1)) == 0
    assert not DataExport.objects.filter(content__isnull=False).exists()
    assert DataExport.objects.count() == 2


def test_only_post_asks(athlete_client, ready):
    assert athlete_client.put(URL).status_code == 405
    assert athlete_client.post(f"/accounts/data/{ready.token}/").status_code == 405


def test_gets_never_write(athlete_client, ready):
    for path in (URL, f"/accounts/data/{ready.token}/", URL + "?x=1"):
        with CaptureQueriesContext(connection) as queries:
            assert athlete_client.get(path).status_code == 200
        assert app_writes(queries) == [], path


def test_the_page_reads_no_zip(athlete_client, ready):
    for _ in range(3):
        data_export_request(user=ready.user)
    with CaptureQueriesContext(connection) as queries:
        page = athlete_client.get(URL).text
    assert page.count("Download the zip") == 4
    fetched = re.compile(r'"content"(,| FROM)')
    assert not any(fetched.search(query["sql"]) for query in queries)

"""A database outage says so plainly (finding 9 of the hardening issue): 503 with Retry-After
and a page that says nothing was saved, never a bare 500. The outage is real: the connection
is pointed at a server that does not exist, so psycopg fails to connect."""

import uuid

import pytest
from django.db import connection
from django.test import Client

from tests.conftest import make_user


@pytest.fixture
def database_down(client, transactional_db):
    """An athlete signed in; then every new connection goes to a socket directory with no
    server in it."""
    client.force_login(make_user("athlete"))
    client.raise_request_exception = False
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["HOST"] = "/nonexistent-postgres-socket-dir"
    connection.settings_dict["PORT"] = ""
    yield
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)


def test_a_set_post_during_an_outage_answers_503_with_retry_after(client, database_down):
    response = client.post(
        "/workouts/1/sets/", {"token": str(uuid.uuid4()), "prescription": 1, "reps": 10}
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "nothing was saved" in response.text


def test_a_page_during_an_outage_answers_503(client, database_down):
    for url in ("/today/", "/history/", "/exercises/"):
        response = client.get(url)
        assert response.status_code == 503, url
        assert response["Retry-After"] == "30"


def test_an_anonymous_catalogue_visit_answers_503(database_down):
    anonymous = Client(raise_request_exception=False)
    response = anonymous.get("/exercises/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"


def test_other_errors_stay_500(rf):
    from accounts.views import server_error

    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert not response.has_header("Retry-After")

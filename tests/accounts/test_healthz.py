import pytest
from django.db import connection


def test_it_answers_200_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.text == "ok\n"


@pytest.mark.django_db(transaction=True)
def test_it_answers_503_when_the_database_does_not(client, monkeypatch):
    # Point the connection at a port where no PostgreSQL listens: a real refused connection.
    connection.close()
    monkeypatch.setitem(connection.settings_dict, "HOST", "127.0.0.1")
    monkeypatch.setitem(connection.settings_dict, "PORT", "1")
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
    assert response.status_code == 503
    assert response.text == "database unavailable\n"

"""Browsers ask for /favicon.ico whatever the page links: they get the site's icon, not a 404."""

import pytest

pytestmark = pytest.mark.django_db


def test_it_sends_the_browser_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].startswith("/static/favicon.")
    assert response["Location"].endswith(".svg")
    assert "max-age=86400" in response["Cache-Control"]


def test_the_icon_it_points_to_is_served(client):
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"

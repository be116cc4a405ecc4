import pytest

from tests.conftest import PASSWORD

PRIVATE_PAGES = ["/today/", "/coach/"]


def test_it_shows_the_login_form(client, db):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert b'name="username"' in response.content
    assert b'name="password"' in response.content


def test_the_athlete_logs_in_and_lands_on_today(client, athlete):
    response = client.post("/accounts/login/", {"username": "athlete", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == "/today/"


def test_the_coach_logs_in_and_lands_on_the_dashboard(client, coach):
    response = client.post(
        "/accounts/login/", {"username": "coach", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/coach/"
    assert response.status_code == 200


def test_it_rejects_a_wrong_password_with_a_message(client, athlete):
    response = client.post("/accounts/login/", {"username": "athlete", "password": "nope"})
    assert response.status_code == 200
    assert b"enter a correct username and password" in response.content
    assert "_auth_user_id" not in client.session


def test_logout_ends_the_session(athlete_client):
    response = athlete_client.post("/accounts/logout/")
    assert response["Location"] == "/accounts/login/"
    assert athlete_client.get("/today/").status_code == 302


@pytest.mark.parametrize("url", PRIVATE_PAGES)
def test_private_pages_require_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_the_dashboard_is_for_coaches_only(athlete_client):
    assert athlete_client.get("/coach/").status_code == 403


def test_the_dashboard_lists_the_coachs_athletes_only(coach_client, athlete, outsider):
    response = coach_client.get("/coach/")
    assert response.status_code == 200
    assert "Alex" in response.text
    assert "outsider" not in response.text

"""Sign-in throttling and password reset (finding 8 of the hardening issue): django-axes locks
a username after five wrong passwords from one address, on the site and the admin alike."""

import re

import pytest
from django.core import mail

from tests.conftest import PASSWORD

WRONG = "not the password"


@pytest.fixture(autouse=True)
def locmem_mail(settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


def log_in(client, username, password, url="/accounts/login/"):
    return client.post(url, {"username": username, "password": password})


def test_five_wrong_passwords_lock_the_right_one_out(client, athlete):
    for _ in range(4):
        assert log_in(client, "athlete", WRONG).status_code == 200
    assert log_in(client, "athlete", WRONG).status_code == 429  # the fifth locks
    response = log_in(client, "athlete", PASSWORD)
    assert response.status_code == 429
    assert "Too many tries" in response.text
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_still_let_the_right_one_in(client, athlete):
    for _ in range(4):
        log_in(client, "athlete", WRONG)
    response = log_in(client, "athlete", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(athlete.pk)


def test_the_admin_login_is_throttled_too(client, staff):
    for _ in range(5):
        log_in(client, "staff", WRONG, url="/admin/login/")
    response = log_in(client, "staff", PASSWORD, url="/admin/login/")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_another_athlete_is_not_locked_out_by_someone_elses_failures(client, athlete, coach):
    for _ in range(6):
        log_in(client, "athlete", WRONG)
    assert log_in(client, "coach", PASSWORD).status_code == 302


def test_a_new_password_by_mail(client, athlete):
    login_page = client.get("/accounts/login/").text
    assert 'href="/accounts/password-reset/"' in login_page
    response = client.post("/accounts/password-reset/", {"email": athlete.email})
    assert response["Location"] == "/accounts/password-reset/sent/"
    [message] = mail.outbox
    assert message.to == [athlete.email]
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/\S+/)", message.body)[1]
    form_url = client.get(link)["Location"]  # Django swaps the token for a session marker
    new = "a fresh resistance band 23"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response["Location"] == "/accounts/password-reset/done/"
    athlete.refresh_from_db()
    assert athlete.check_password(new)
    assert "This link has been used or has expired." in client.get(link, follow=True).text


def test_an_unknown_address_is_not_revealed(client, athlete):
    response = client.post("/accounts/password-reset/", {"email": "nobody@example.com"})
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert mail.outbox == []


def test_behind_a_proxy_each_client_address_has_its_own_count(client, athlete, settings):
    """With the proxy's address in REMOTE_ADDR, the client's comes from X-Forwarded-For
    (django-ipware): one phone's wrong passwords do not lock the username for everyone."""
    settings.AXES_IPWARE_PROXY_COUNT = 1
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    proxy = {"REMOTE_ADDR": "10.0.0.2"}

    def through_proxy(client_address, password):
        return client.post(
            "/accounts/login/", {"username": "athlete", "password": password},
            headers={"X-Forwarded-For": f"{client_address}, 10.0.0.2"}, **proxy,
        )  # fmt: skip

    for _ in range(5):
        through_proxy("203.0.113.5", WRONG)
    assert through_proxy("203.0.113.5", PASSWORD).status_code == 429
    assert through_proxy("198.51.100.7", PASSWORD).status_code == 302

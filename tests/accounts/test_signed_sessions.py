"""The session lives in a signed cookie, so a signed-in request reads only the user (one query,
with their seat and unread counts). What the database no longer holds, the user's session epoch
does: signing out, a new password, deactivation and erasure end every copy of the cookie."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.erasure import erasure_request
from accounts.models import User
from accounts.services import user_deactivate, user_reactivate
from accounts.session_epoch import sessions_end
from tests.conftest import PASSWORD

BARE = "/bench/bare/"
PAGE = "/accounts/settings/"
SIGNED_OUT = f"/accounts/login/?next={PAGE}"
pytestmark = pytest.mark.urls("tests.bench.urls")


def signed_in(user) -> Client:
    """A browser that signed in with the password, as a person does."""
    browser = Client()
    response = browser.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, "the sign-in failed"
    return browser


def cookie_copy(browser) -> Client:
    """Another browser holding the same session cookie (copied off the phone, say)."""
    thief = Client()
    thief.cookies[settings.SESSION_COOKIE_NAME] = browser.cookies[
        settings.SESSION_COOKIE_NAME
    ].value
    return thief


def is_signed_in(browser) -> bool:
    response = browser.get(PAGE)
    assert response.status_code == 200 or response["Location"] == SIGNED_OUT
    return response.status_code == 200


def test_a_signed_in_bare_request_runs_one_query_the_users(client, athlete):
    client.force_login(athlete)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(BARE).status_code == 200
    assert len(queries.captured_queries) == 1, queries.captured_queries
    assert 'FROM "accounts_user"' in queries.captured_queries[0]["sql"]
    assert settings.SESSION_COOKIE_NAME not in client.get(BARE).cookies  # nothing to save


def test_a_signed_out_bare_request_runs_none(client, db):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(BARE).status_code == 200
    assert queries.captured_queries == []


def test_signing_out_ends_a_copy_of_the_cookie(athlete):
    phone = signed_in(athlete)
    copy = cookie_copy(phone)
    kept = cookie_copy(phone)
    assert is_signed_in(copy)
    assert phone.post("/accounts/logout/").status_code == 302
    assert not is_signed_in(phone)
    assert not is_signed_in(copy)
    assert not is_signed_in(kept)  # replayed after the sign-out, never used before it


def test_signing_out_ends_the_persons_other_sessions_too(athlete, coach):
    phone, laptop = signed_in(athlete), signed_in(athlete)
    coach_phone = signed_in(coach)
    phone.post("/accounts/logout/")
    assert not is_signed_in(laptop)
    assert is_signed_in(coach_phone)  # one person's epoch, nobody else's
    assert is_signed_in(signed_in(athlete))  # and they can sign in again


def test_a_new_password_ends_the_other_sessions(athlete):
    phone = signed_in(athlete)
    athlete.refresh_from_db()  # the token is made from the sign-in's time
    reset = Client()
    uid = urlsafe_base64_encode(force_bytes(athlete.pk))
    link = f"/accounts/password-reset/{uid}/{default_token_generator.make_token(athlete)}/"
    form = reset.get(link, follow=True).redirect_chain[-1][0]
    new = "a brand new password 42"
    response = reset.post(form, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302 and response["Location"].endswith("/done/")
    assert not is_signed_in(phone)


def test_deactivation_ends_the_session_and_reactivation_does_not_revive_it(athlete, coach):
    phone = signed_in(athlete)
    user_deactivate(user=athlete, by=coach)
    assert not is_signed_in(phone)
    user_reactivate(user=athlete)
    assert not is_signed_in(phone)


def test_an_erasure_ends_the_session_for_good(athlete, coach):
    phone = signed_in(athlete)
    copy = cookie_copy(phone)
    erasure_request(user=athlete, by=coach)
    assert not is_signed_in(phone)
    user_reactivate(user=athlete)  # staff reopen the account during the grace period
    assert not is_signed_in(copy)


def test_single_sign_on_started_again_and_again_keeps_the_cookie_small(client, settings, db):
    """Its state, nonce and PKCE verifier wait in the session (so in the cookie) until the
    provider sends the browser back: a browser keeps no cookie over 4 KB, so only the latest
    few starts are kept (settings.OIDC_MAX_STATES), the last always among them."""
    settings.OIDC_RP_CLIENT_ID = "hamstrings"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://id.club.example/authorize"
    for _ in range(60):
        start = client.get("/oidc/authenticate/")
        assert start.status_code == 302
    state = dict(parse_qsl(urlsplit(start["Location"]).query))["state"]
    states = client.session["oidc_states"]
    assert len(states) == settings.OIDC_MAX_STATES and state in states
    assert len(client.cookies[settings.SESSION_COOKIE_NAME].value) < 4096 - 200


@pytest.mark.parametrize("where", [10, -10])
def test_a_tampered_cookie_is_signed_out(athlete, where):
    phone = signed_in(athlete)
    value = phone.cookies[settings.SESSION_COOKIE_NAME].value
    changed = "A" if value[where] != "A" else "B"
    phone.cookies[settings.SESSION_COOKIE_NAME] = value[:where] + changed + value[where + 1 :]
    assert not is_signed_in(phone)


def test_ending_the_sessions_is_one_update(athlete):
    with CaptureQueriesContext(connection) as queries:
        sessions_end(athlete)
    assert [query["sql"].split()[0] for query in queries.captured_queries] == ["UPDATE"]
    assert User.objects.get(pk=athlete.pk).session_epoch == athlete.session_epoch == 1

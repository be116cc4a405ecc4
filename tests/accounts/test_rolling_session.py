"""Stay signed in on one's own phone: the session lasts 8 weeks from its last use, and is
renewed at most once a day (its cookie signed afresh), never on every request."""

from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext

URL = "/accounts/settings/"
SIGNED_IN_AT = datetime(2026, 1, 5, 8, tzinfo=UTC)
LIFETIME = timedelta(weeks=8)


@pytest.fixture
def phone(client, athlete, time_machine):
    """The athlete signs in on their phone at 8:00 on 5 January."""
    time_machine.move_to(SIGNED_IN_AT, tick=False)
    client.force_login(athlete)
    return client


def session_expiry(client) -> datetime:
    """When the server stops taking the phone's session cookie: SESSION_COOKIE_AGE after it was
    signed (the signature carries its time; a renewal signs it again)."""
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    signed_at = signing.b62_decode(value.split(signing.Signer().sep)[-2])
    return datetime.fromtimestamp(signed_at, UTC) + LIFETIME


def sessions_sent(*responses) -> int:
    """How many of the responses send the phone a new session cookie."""
    return sum(settings.SESSION_COOKIE_NAME in response.cookies for response in responses)


def session_queries(queries) -> list[str]:
    return [query["sql"] for query in queries if "django_session" in query["sql"]]


def test_sessions_last_weeks_and_are_not_saved_on_every_request():
    assert timedelta(seconds=settings.SESSION_COOKIE_AGE) == LIFETIME
    assert settings.SESSION_SAVE_EVERY_REQUEST is False
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is False
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.signed_cookies"


def test_an_athlete_training_every_three_days_stays_signed_in_past_fourteen_days(
    phone, time_machine
):
    for day in range(3, 70, 3):  # past the old 14 days and past 8 weeks from the sign-in
        time_machine.move_to(SIGNED_IN_AT + timedelta(days=day), tick=False)
        response = phone.get(URL)
        assert response.status_code == 200, f"signed out on day {day}"
    assert session_expiry(phone) == SIGNED_IN_AT + timedelta(days=69) + LIFETIME


def test_an_idle_athlete_is_signed_out_once_the_lifetime_has_passed(phone, time_machine):
    time_machine.move_to(SIGNED_IN_AT + LIFETIME + timedelta(minutes=1), tick=False)
    response = phone.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={URL}"


def test_an_idle_athlete_is_still_signed_in_just_before_the_lifetime_ends(phone, time_machine):
    time_machine.move_to(SIGNED_IN_AT + LIFETIME - timedelta(minutes=1), tick=False)
    assert phone.get(URL).status_code == 200


def test_a_request_within_the_day_sends_no_new_session(phone, time_machine):
    expiry = session_expiry(phone)
    assert expiry == SIGNED_IN_AT + LIFETIME  # the sign-in signed it, stamped
    time_machine.move_to(SIGNED_IN_AT + timedelta(hours=20), tick=False)
    with CaptureQueriesContext(connection) as queries:
        responses = phone.get(URL), phone.get("/bands/")
    assert [response.status_code for response in responses] == [200, 200]
    assert sessions_sent(*responses) == 0
    assert session_queries(queries.captured_queries) == []
    assert session_expiry(phone) == expiry


def test_the_first_request_a_day_later_pushes_the_expiry_once(phone, time_machine):
    renewed_at = SIGNED_IN_AT + timedelta(days=1, minutes=5)
    time_machine.move_to(renewed_at, tick=False)
    with CaptureQueriesContext(connection) as queries:
        response = phone.get(URL)
    assert sessions_sent(response) == 1
    assert session_queries(queries.captured_queries) == []
    assert session_expiry(phone) == renewed_at + LIFETIME
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == settings.SESSION_COOKIE_AGE  # the phone keeps it 8 more weeks
    time_machine.move_to(renewed_at + timedelta(hours=3), tick=False)
    assert sessions_sent(phone.get(URL)) == 0


def test_a_session_from_before_the_renewals_is_renewed_on_its_next_request(phone, time_machine):
    store = phone.session
    del store["renewed_at"]
    store.save()
    phone.cookies[settings.SESSION_COOKIE_NAME] = store.session_key
    time_machine.move_to(SIGNED_IN_AT + timedelta(hours=1), tick=False)
    assert sessions_sent(phone.get(URL)) == 1
    assert session_expiry(phone) == SIGNED_IN_AT + timedelta(hours=1) + LIFETIME


def test_an_anonymous_visit_makes_no_session(client, db):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/bands/").status_code == 200
    assert session_queries(queries.captured_queries) == []
    assert settings.SESSION_COOKIE_NAME not in client.cookies

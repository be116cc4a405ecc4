"""Single sign-on (OpenID Connect) against a provider started by the test on 127.0.0.1: our
side is driven with Django's test client, the browser's visit to the provider goes over real
HTTP, and our callback then talks to the provider's token, keys and user-info endpoints."""

import threading
from datetime import timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.utils import timezone

from accounts import sso_actions
from accounts.clubs import Club, SsoIdentity, Staff, StaffInvite, StaffRole
from accounts.models import AuditAction, AuditEvent, User
from accounts.services import club_found
from accounts.sso import SsoBackend
from tests.accounts.oidc_provider import OidcProvider
from tests.conftest import PASSWORD, make_user

JO = {
    "sub": "jo-0001",
    "email": "Jo.Smith@Club.Example",
    "email_verified": True,
    "given_name": "Jo",
    "family_name": "Smith",
}


@pytest.fixture(scope="module")
def provider():
    provider = OidcProvider()
    provider.start()
    yield provider
    provider.stop()


@pytest.fixture
def sso(settings, provider) -> OidcProvider:
    """Single sign-on on, with the test's provider, as a deployment's environment sets it."""
    for name, value in provider.settings().items():
        setattr(settings, name, value)
    provider.audience = provider.settings()["OIDC_RP_CLIENT_ID"]
    return provider


@pytest.fixture
def club(coach) -> Club:
    """The coach's club, whose staff sign in with addresses at club.example."""
    club = coach.seat.club
    club.sso_domain = "club.example"
    club.save()
    return club


def invite_to(club, email: str, role: str, **fields) -> StaffInvite:
    now = timezone.now()
    return StaffInvite.objects.create(
        club=club,
        email=email,
        role=role,
        token=f"token-{email}",
        invited_by=Staff.objects.get(club=club, role=StaffRole.OWNER).user,
        sent_at=now,
        expires_at=now + timedelta(days=7),
        **fields,
    )


@pytest.fixture
def invited(club) -> StaffInvite:
    """Jo's invite to the club, as a coach: what a first sign-in needs."""
    return invite_to(club, "jo.smith@club.example", StaffRole.COACH)


def sign_in(client, provider: OidcProvider, next_page: str = "", **claims):
    """The whole round trip: our start page, the provider's sign-in page, our callback. The
    callback's answer (a redirect) is returned."""
    provider.person = {**JO, **claims}
    start = client.get("/oidc/authenticate/", {"next": next_page} if next_page else {})
    assert start.status_code == 302
    back = urlsplit(provider.authorize(start["Location"]))
    assert (back.scheme, back.netloc, back.path) == ("http", "testserver", "/oidc/callback/")
    return client.get(back.path, dict(parse_qsl(back.query)))


def at_address(user: User, email: str) -> User:
    user.email = email
    user.save(update_fields=["email"])
    return user


def signed_in_as(client) -> User | None:
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def refusal(client, response) -> str:
    """The login page the refused person is sent back to, as they read it."""
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert signed_in_as(client) is None
    return client.get(response["Location"]).text


def test_a_first_sign_in_with_an_invite_creates_the_user(client, sso, club, invited):
    response = sign_in(client, sso)

    assert response.status_code == 302 and response["Location"] == "/"
    user = signed_in_as(client)
    assert (user.username, user.email, user.first_name, user.last_name) == (
        "jo.smith",
        "Jo.Smith@Club.Example",
        "Jo",
        "Smith",
    )
    assert not user.has_usable_password()
    assert Staff.objects.filter(user=user, club=club, role=StaffRole.COACH, is_active=True)
    identity = SsoIdentity.objects.get(user=user)
    assert (identity.issuer, identity.subject) == (sso.issuer, "jo-0001")
    # The invite is taken up as through its link: the club's head reads it in the trail.
    joined = AuditEvent.objects.get(club=club, athlete=user, action=AuditAction.STAFF_CHANGED)
    assert joined.detail.startswith("joined as coach")
    page = client.get("/coach/")
    assert page.status_code == 200


def test_a_second_sign_in_finds_the_same_user(client, sso, club, invited):
    sign_in(client, sso)
    first = signed_in_as(client)
    client.logout()
    counts = (User.objects.count(), SsoIdentity.objects.count(), Staff.objects.count())

    response = sign_in(client, sso, email="jo@club.example")  # their address changed

    assert response["Location"] == "/"
    assert signed_in_as(client) == first
    assert (User.objects.count(), SsoIdentity.objects.count(), Staff.objects.count()) == counts
    assert SsoIdentity.objects.get(user=first).last_used_at is not None


def test_it_goes_on_to_the_page_asked_for(client, sso, club, invited):
    response = sign_in(client, sso, next_page="/coach/")
    assert response["Location"] == "/coach/"


def test_it_makes_a_username_nobody_has(client, sso, club, invited):
    make_user("jo.smith")
    sign_in(client, sso)
    assert signed_in_as(client).username == "jo.smith2"


def test_an_existing_member_of_staff_is_linked(client, sso, club, coach):
    at_address(coach, "Cora@club.example")
    users = User.objects.count()

    response = sign_in(client, sso, sub="cora-7", email="cora@CLUB.example")

    assert response["Location"] == "/"
    assert signed_in_as(client) == coach
    assert User.objects.count() == users
    assert SsoIdentity.objects.get(subject="cora-7").user == coach
    assert Staff.objects.get(user=coach).role == StaffRole.OWNER  # their seat is untouched


def test_a_pending_invite_gives_its_role_to_a_new_user(client, sso, club):
    invite = invite_to(club, "jo.smith@club.example", StaffRole.PHYSIO)

    sign_in(client, sso)

    user = signed_in_as(client)
    assert Staff.objects.get(user=user).role == StaffRole.PHYSIO
    invite.refresh_from_db()
    assert invite.accepted_at is not None and invite.accepted_by == user


def test_a_pending_invite_seats_an_existing_user_and_links_them(client, sso, club):
    existing = at_address(make_user("jo"), "jo.smith@club.example")
    invite_to(club, "JO.SMITH@club.example", StaffRole.COACH)

    sign_in(client, sso)

    assert signed_in_as(client) == existing
    assert Staff.objects.get(user=existing).role == StaffRole.COACH
    assert SsoIdentity.objects.get(subject="jo-0001").user == existing


def test_an_address_at_the_domain_with_no_invite_is_refused(client, sso, club):
    """The domain alone seats nobody: a school's or club's domain has athletes' addresses
    too, and any seat reads every athlete's pain records."""
    users, seats = User.objects.count(), Staff.objects.count()

    response = sign_in(client, sso)

    page = refusal(client, response)
    assert "Ask your club&#x27;s head of performance for an invite, then sign in again." in page
    assert (User.objects.count(), Staff.objects.count()) == (users, seats)
    assert not User.objects.filter(email__iexact=JO["email"]).exists()
    assert not SsoIdentity.objects.exists()


def test_an_expired_or_revoked_invite_is_not_used(client, sso, club):
    invite_to(club, "jo.smith@club.example", StaffRole.COACH, revoked_at=timezone.now())
    lapsed = invite_to(club, "Jo.Smith@club.example", StaffRole.COACH)
    lapsed.expires_at = timezone.now() - timedelta(minutes=1)
    lapsed.save()
    users = User.objects.count()

    response = sign_in(client, sso)

    assert "Ask your club&#x27;s head of performance for an invite" in refusal(client, response)
    assert User.objects.count() == users


def test_an_unknown_domain_is_refused(client, sso, club):
    users = User.objects.count()

    response = sign_in(client, sso, email="jo@elsewhere.example")

    page = refusal(client, response)
    assert "elsewhere.example is not set up for single sign-on here" in page
    assert "sign in with your password" in page
    assert User.objects.count() == users
    assert not SsoIdentity.objects.exists()


def test_an_unverified_address_is_refused(client, sso, club, invited):
    users = User.objects.count()

    response = sign_in(client, sso, email_verified=False)

    assert "has not verified" in refusal(client, response)
    assert User.objects.count() == users


def test_a_deactivated_user_is_refused(client, sso, club, invited):
    sign_in(client, sso)
    user = signed_in_as(client)
    client.logout()
    User.objects.filter(pk=user.pk).update(is_active=False)

    response = sign_in(client, sso)

    assert "not active" in refusal(client, response)


def test_a_user_deactivated_while_signed_in_is_signed_out(client, sso, club, invited):
    sign_in(client, sso)
    User.objects.filter(username="jo.smith").update(is_active=False)
    assert client.get("/coach/").status_code == 302


def test_someone_with_a_seat_in_another_club_is_refused(client, sso, club, other_coach):
    at_address(other_coach, "jo.smith@club.example")

    response = sign_in(client, sso)

    assert "another club" in refusal(client, response)
    assert not SsoIdentity.objects.exists()


def test_an_account_with_the_address_but_no_seat_is_refused(client, sso, club, athlete):
    at_address(athlete, "jo.smith@club.example")

    response = sign_in(client, sso)

    assert "already has an account" in refusal(client, response)
    assert not Staff.objects.filter(user=athlete).exists()


def test_a_token_meant_for_another_site_is_refused(client, sso, club, invited):
    sso.audience = "another-site"
    users = User.objects.count()

    refusal(client, sign_in(client, sso))

    assert User.objects.count() == users


def test_password_sign_in_still_works_beside_it(client, sso, club, coach):
    response = client.post("/accounts/login/", {"username": "coach", "password": PASSWORD})

    assert response.status_code == 302
    assert signed_in_as(client) == coach


def test_a_linked_user_may_still_use_their_password(client, sso, club, coach):
    at_address(coach, "cora@club.example")
    sign_in(client, sso, sub="cora-7", email="cora@club.example")
    client.logout()

    client.post("/accounts/login/", {"username": "coach", "password": PASSWORD})

    assert signed_in_as(client) == coach


def test_it_is_off_without_a_client_id(client, club):
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/", {"code": "x", "state": "y"}).status_code == 404
    response = client.post("/accounts/login/", {"username": "coach", "password": PASSWORD})
    assert response.status_code == 302


def test_the_login_button_names_the_provider(rf, sso):
    button = render_to_string("accounts/sso_button.html", request=rf.get("/accounts/login/"))
    assert 'href="/oidc/authenticate/"' in button
    assert "Sign in with Test provider" in button


def test_there_is_no_login_button_when_it_is_off(rf, db):
    assert "oidc" not in render_to_string("accounts/sso_button.html", request=rf.get("/"))


def test_a_provider_that_does_not_answer_is_named(client, sso, club, settings):
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:1/token"  # nothing listens there

    page = refusal(client, sign_in(client, sso))

    assert "Test provider did not answer; try again, or sign in with your password" in page


def test_the_login_button_keeps_the_page_asked_for(rf, sso):
    request = rf.get("/accounts/login/")
    button = render_to_string("accounts/sso_button.html", {"next": "/coach/?a=1"}, request)
    assert 'href="/oidc/authenticate/?next=/coach/%3Fa%3D1"' in button


def test_two_first_sign_ins_at_once_make_one_person(transactional_db, sso, monkeypatch):
    """Two tabs back from the provider together: both find no identity; the second waits for
    the first on the invite, then finds the person it seated, and its identity (made by the
    first) sends it round once more, to find it."""
    club = club_found(user=make_user("head"))
    club.sso_domain = "club.example"
    club.save()
    invite_to(club, JO["email"], StaffRole.COACH)
    both_looked = threading.Barrier(2, timeout=10)
    staff_found_or_made = sso_actions.staff_found_or_made

    def after_both_looked(**person):
        both_looked.wait()
        return staff_found_or_made(**person)

    monkeypatch.setattr(sso_actions, "staff_found_or_made", after_both_looked)
    payload = {"iss": sso.issuer, "sub": JO["sub"], "aud": sso.audience}
    found = []

    def sign_in_once():
        try:
            found.append(SsoBackend().person(payload, JO))
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_in_once) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(found) == 2 and found[0] == found[1]
    assert User.objects.filter(email__iexact=JO["email"]).count() == 1
    assert SsoIdentity.objects.count() == 1

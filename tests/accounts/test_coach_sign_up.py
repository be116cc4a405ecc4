"""A newcomer signs up as a coach from the login page (issue 29): the form, a link mailed to
the address, and, once the link is followed within two days, their account, their club with
them as its head, signed in on the teams page. Nothing exists before the link; a link works
once; sign-ups are throttled like sign-in."""

import re
import threading
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.utils import timezone

from accounts import signup
from accounts.clubs import Club, Staff, StaffRole
from accounts.models import Team, User

SIGN_UP = "/accounts/sign-up/"
PASSWORD = "stretchy green band 44"
NOOR = {
    "club_name": "Riverside RFC",
    "first_name": "Noor",
    "username": "noor",
    "email": "noor@club.example",
    "password1": PASSWORD,
    "password2": PASSWORD,
}
GYM = "203.0.113.40"


@pytest.fixture(autouse=True)
def locmem_mail(settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


@pytest.fixture(autouse=True)
def no_counts_from_earlier_tests(db):
    """The sign-up counts live in the database cache: each test starts without them."""
    cache.clear()


def written() -> dict:
    """What a sign-up may write: people, clubs, seats, mails."""
    return {
        "users": User.objects.count(),
        "clubs": Club.objects.count(),
        "staff": Staff.objects.count(),
        "mails": len(mail.outbox),
    }


def sign_up(client, **changes):
    return client.post(SIGN_UP, {**NOOR, **changes})


def link_in(message) -> str:
    return re.search(r"http://testserver(/accounts/sign-up/confirm/\S+/)", message.body)[1]


def mailed_link(client, **changes) -> str:
    """Sign up; the path of the link mailed to the address."""
    assert sign_up(client, **changes)["Location"] == "/accounts/sign-up/sent/"
    return link_in(mail.outbox[-1])


def field_error(message: str) -> str:
    """A message as the page shows it next to its field."""
    return f'<small class="field-error" role="alert">{message}</small>'


# The whole path


def test_the_login_page_links_to_the_sign_up(client):
    page = client.get("/accounts/login/").text
    assert f'href="{SIGN_UP}">New coach? Create your club</a>' in page
    form = client.get(SIGN_UP)
    assert form.status_code == 200
    for name in ("club_name", "first_name", "username", "email", "password1", "password2"):
        assert f'name="{name}"' in form.text


def test_the_login_page_offers_single_sign_on_only_when_it_is_on(client, settings):
    assert "/oidc/" not in client.get("/accounts/login/").text
    settings.OIDC_RP_CLIENT_ID = "hamstrings"
    settings.OIDC_PROVIDER_NAME = "Google"
    page = client.get("/accounts/login/").text
    assert '<a class="button wide" href="/oidc/authenticate/">Sign in with Google</a>' in page


def test_a_newcomer_signs_up_confirms_and_creates_a_team_in_their_club(client):
    before = written()
    response = sign_up(client)
    assert response["Location"] == "/accounts/sign-up/sent/"
    sent = client.get(response["Location"]).text
    assert "We sent a link to noor@club.example." in sent
    assert "Check your mail" in sent
    # Nothing exists yet, and nobody is signed in; one mail, to the address.
    assert written() == {**before, "mails": 1}
    assert "_auth_user_id" not in client.session
    [message] = mail.outbox
    assert message.to == ["noor@club.example"]
    assert message.subject == "Confirm your club on Hamstrings"
    assert "Riverside RFC" in message.body
    assert "for 2 days" in message.body
    link = link_in(message)

    page = client.get(link)  # opening the link writes nothing: its button does
    assert page.status_code == 200
    assert "Riverside RFC" in page.text
    assert "noor@club.example" in page.text
    assert written() == {**before, "mails": 1}

    response = client.post(link)
    assert response["Location"] == "/coach/teams/"
    noor = User.objects.get(username="noor")
    assert noor.is_active
    assert (noor.first_name, noor.email) == ("Noor", "noor@club.example")
    assert noor.check_password(PASSWORD)
    seat = Staff.objects.get(user=noor)
    assert (seat.club.name, seat.role, seat.is_active) == ("Riverside RFC", StaffRole.OWNER, True)
    assert client.session["_auth_user_id"] == str(noor.pk)
    teams = client.get(response["Location"]).text
    assert "Welcome to Hamstrings: Riverside RFC is yours." in teams
    assert "New team" in teams

    response = client.post("/coach/teams/", {"name": "First XV"})
    assert response.status_code == 302
    team = Team.objects.get(name="First XV")
    assert (team.coach, team.club) == (noor, seat.club)


def test_the_password_works_after_the_link_and_not_before(client):
    link = mailed_link(client)
    login = {"username": "noor", "password": PASSWORD}
    assert Client().post("/accounts/login/", login).status_code == 200  # refused, form again
    client.post(link)
    assert Client().post("/accounts/login/", login)["Location"] == "/"


# Refusals, each next to its field, nothing written


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"username": "COACH"}, "username", "A user with that username already exists."),
        (
            {"email": "Coach@Example.com"},
            "email",
            "An account already has this address: log in, or set a new password from the "
            "login page.",
        ),
        ({"club_name": "   "}, "club_name", "Give your club a name."),
        (
            {"club_name": "Riverside\r\nBcc: all@example.com"},
            "club_name",
            "No line breaks, tabs or other control characters.",
        ),
        ({"club_name": "River\tside"}, "club_name", "No line breaks, tabs or other control "),
        ({"first_name": "Noor\nX"}, "first_name", "No line breaks, tabs or other control "),
        ({"first_name": ""}, "first_name", "This field is required."),
        ({"email": "noor@"}, "email", "Enter a valid email address."),
        ({"email": ""}, "email", "This field is required."),
        (
            {"password2": "another band 45"},
            "password2",
            "The two password fields didn\u2019t match.",
        ),
        ({"password1": "password", "password2": "password"}, "password2", "too common"),
        (
            {"password1": "noorclub.example", "password2": "noorclub.example"},
            "password2",
            "The password is too similar to the email address.",
        ),
    ],
)
def test_a_refused_sign_up_says_why_next_to_the_field(client, coach, changes, field, message):
    before = written()
    response = sign_up(client, **changes)
    assert response.status_code == 200
    shown = re.search(
        rf'<div class="field has-error">\s*<label for="id_{field}">.*?</div>', response.text, re.S
    )
    assert message in shown[0]
    assert written() == before


def test_a_username_is_not_held_until_a_link_is_followed(client):
    """Nothing is reserved before a link is followed: two sign-ups may ask for one username,
    and the second link to be followed is refused with the reason."""
    first = mailed_link(client)
    second = mailed_link(client, username="NOOR", email="other@club.example")
    client.post(first)
    before = written()
    response = Client().post(second)
    assert response.status_code == 410
    assert "Someone took the username NOOR since you signed up" in response.text
    assert written() == before


# The link: once, signed here, for two days


def test_the_link_works_once(client):
    link = mailed_link(client)
    client.post(link)
    before = written()
    for again in (client.post(link), Client().get(link), Client().post(link)):
        assert again.status_code == 410
        assert "This link has already been used: noor@club.example has an account." in again.text
    assert written() == before
    assert User.objects.filter(email="noor@club.example").count() == 1


def test_two_sign_ups_to_one_address_make_one_account(client):
    first = mailed_link(client)
    second = mailed_link(client, username="noor2", club_name="Riverside Juniors")
    client.post(second)
    response = Client().post(first)
    assert response.status_code == 410
    assert "This link has already been used" in response.text
    assert list(
        Club.objects.filter(staff__user__email="noor@club.example").values_list("name")
    ) == [("Riverside Juniors",)]


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_or_cut_link_is_a_clear_not_found(client, method):
    link = mailed_link(client)
    forged = link[:-2] + ("A" if link[-2] != "A" else "B") + "/"  # the signature's last letter
    before = written()
    for path in (
        forged,
        link[:40] + "/",
        "/accounts/sign-up/confirm/x/",
        f"{link[:-1]}{'a' * 10_000}/",
    ):
        response = getattr(Client(), method)(path)
        assert response.status_code == 404
        assert "This link is not valid" in response.text
    assert written() == before


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_link_expires_after_two_days(client, method):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        link = mailed_link(client)
        before = written()
        traveller.move_to(start + timedelta(days=2, minutes=1))
        response = getattr(Client(), method)(link)
    assert response.status_code == 410
    assert "This link expired: links work for 2 days. Sign up again." in response.text
    assert written() == before


def test_a_day_later_the_link_still_works(client):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        link = mailed_link(client)
        traveller.move_to(start + timedelta(days=1, hours=23))
        assert client.post(link)["Location"] == "/coach/teams/"


def test_someone_signed_in_cannot_use_a_link(coach_client):
    link = mailed_link(Client())
    before = written()
    response = coach_client.post(link)
    assert response.status_code == 403
    assert "You are signed in as Cora. Log out, then open the link again." in response.text
    assert written() == before


def test_two_confirmations_at_the_same_moment_make_one_account(transactional_db):
    """Two taps on the link's button (two web processes): the address is locked first, so the
    second waits, then finds the link used."""
    link = mailed_link(Client())
    token = link.removeprefix("/accounts/sign-up/confirm/").removesuffix("/")
    outcomes, start = [], threading.Barrier(2)

    def confirm():
        try:
            start.wait(5)
            outcomes.append(signup.sign_up_confirm(token=token).username)
        except signup.SignUpLinkUnusable as error:
            outcomes.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(10)
        assert sorted(outcomes) == [
            "This link has already been used: noor@club.example has an account.",
            "noor",
        ]
        assert User.objects.filter(email="noor@club.example").count() == 1
        assert Club.objects.filter(name="Riverside RFC").count() == 1
    finally:
        cache.clear()  # committed: the next test starts without these counts


def test_a_confirmation_that_fails_at_its_last_write_leaves_nothing(client, monkeypatch):
    """One durable transaction: the account does not outlive a club that failed."""
    link = mailed_link(client)
    before = written()

    def fail(**kwargs):
        raise RuntimeError("planted")

    monkeypatch.setattr(signup, "club_found", fail)
    with pytest.raises(RuntimeError):
        signup.sign_up_confirm(token=link.split("/")[-2])
    assert written() == before


# Throttling, as sign-in


def test_one_address_gets_three_links_an_hour(client):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        for number in range(3):
            mailed_link(client, username=f"noor{number}")
        before = written()
        response = sign_up(client, email="NOOR@club.example", username="noor9")
        assert response.status_code == 200
        assert (
            field_error(
                "We sent 3 links to this address in the last hour: open the latest, or try again "
                "in an hour."
            )
            in response.text
        )
        assert written() == before
        traveller.move_to(start + timedelta(minutes=61))
        mailed_link(client, username="noor9")


def test_one_network_address_gets_twenty_sign_ups_an_hour(client):
    """Every post counts, refused ones too: the form cannot test thousands of usernames."""
    for number in range(20):
        mistyped = {"password2": "another band 45"} if number % 2 else {}
        sign_up(client, username=f"n{number}", email=f"{number}@x.io", **mistyped)
    before = written()
    response = sign_up(client)
    assert response.status_code == 429
    assert "Too many sign-ups from this network" in response.text
    assert written() == before
    assert sign_up(Client(REMOTE_ADDR=GYM))["Location"] == "/accounts/sign-up/sent/"


def test_an_address_locked_out_of_signing_in_cannot_sign_up(client):
    for number in range(30):
        client.post(
            "/accounts/login/",
            {"username": f"guess{number % 10}", "password": "wrong"},
            REMOTE_ADDR=GYM,
        )
    before = written()
    response = client.post(SIGN_UP, NOOR, REMOTE_ADDR=GYM)
    assert response.status_code == 429
    assert "Too many tries" in response.text
    assert written() == before


# Who sees the form; bad input


def test_someone_signed_in_goes_home(coach_client):
    before = written()
    assert coach_client.get(SIGN_UP)["Location"] == "/"
    assert coach_client.post(SIGN_UP, NOOR)["Location"] == "/"
    assert coach_client.get("/accounts/sign-up/sent/")["Location"] == "/"
    assert written() == before


@pytest.mark.parametrize("field", list(NOOR))
@pytest.mark.parametrize(
    "value", ["x" * 10_000, "a\x00b", "a\r\nBcc: x@example.com", "a\x85b", "\u2028", "\x7f\x01"]
)
def test_bad_input_is_refused_never_a_500(client, field, value):
    before = written()
    response = sign_up(client, **{field: value})
    assert response.status_code == 200
    assert 'class="field-error"' in response.text
    assert written() == before


def test_a_10_kb_password_typed_twice_is_taken(client):
    """The link carries its hash, never the password: its length does not grow the link."""
    long = "stretchy green band " * 500
    link = mailed_link(client, password1=long, password2=long)
    assert len(link) < 1000
    client.post(link)
    assert User.objects.get(username="noor").check_password(long)


def test_the_session_a_link_starts_ends_when_the_account_is_switched_off(client, settings):
    """The sign-up link signs the coach in with the backend every session is read back with,
    which signs out an account switched off (it was the single sign-on's, which did not)."""
    client.post(mailed_link(client))
    assert client.session["_auth_user_backend"] == settings.SIGN_IN_BACKEND
    assert client.get("/coach/teams/").status_code == 200
    User.objects.filter(username="noor").update(is_active=False)
    assert client.get("/coach/teams/")["Location"].startswith("/accounts/login/")

"""Coach invites (issue 24, point 18): staff invite a club's coach by address from the admin;
the link signs them up as a coach, once, within a week."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.models import User
from tests.conftest import PASSWORD

INVITE_PAGE = "/admin/accounts/user/invite-coach/"
NEW_COACH = {"username": "noor", "first_name": "Noor", "password1": PASSWORD, "password2": PASSWORD}


@pytest.fixture(autouse=True)
def locmem_mail(settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


@pytest.fixture
def staff_client(staff):
    browser = Client()
    browser.force_login(staff)
    return browser


def invite(staff_client, email="noor@club.example") -> str:
    """Send the invite from the admin; the path of the link in its mail."""
    response = staff_client.post(INVITE_PAGE, {"email": email}, follow=True)
    assert f"Invite sent to {email}" in response.text
    [message] = mail.outbox
    assert message.to == [email]
    return re.search(r"http://testserver(/accounts/coach-invite/\S+/)", message.body)[1]


def test_the_user_list_links_to_the_coach_invite(staff_client):
    assert 'href="invite-coach/"' in staff_client.get("/admin/accounts/user/").text
    assert staff_client.get(INVITE_PAGE).status_code == 200


def test_the_link_signs_a_coach_up_who_lands_on_the_board(staff_client, client):
    link = invite(staff_client)
    page = client.get(link)
    assert "Coach on Hamstrings" in page.text
    assert "noor@club.example" in page.text
    response = client.post(link, NEW_COACH)
    assert response["Location"] == "/coach/"
    noor = User.objects.get(username="noor")
    assert noor.is_coach
    assert noor.email == "noor@club.example"
    assert client.get("/coach/").status_code == 200


def test_the_link_works_once(staff_client, client):
    link = invite(staff_client)
    client.post(link, NEW_COACH)
    client.logout()
    response = Client().get(link)
    assert response.status_code == 410
    assert "This invite has already been used." in response.text
    assert User.objects.filter(email="noor@club.example").count() == 1


def test_the_link_expires_after_a_week(staff_client):
    link = invite(staff_client)
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        response = Client().get(link)
    assert response.status_code == 410
    assert "This invite expired: ask for a new one." in response.text


def test_a_tampered_link_is_not_found(staff_client):
    link = invite(staff_client)
    tampered = link[:-2] + ("A" if link[-2] != "A" else "B") + "/"  # the signature's last letter
    assert Client().get(tampered).status_code == 404


def test_an_address_with_an_account_is_refused_with_the_way_forward(staff_client, athlete):
    response = staff_client.post(INVITE_PAGE, {"email": "ATHLETE@example.com"})
    assert response.status_code == 200
    assert "ATHLETE@example.com already has an account: use Make coach on it." in response.text
    assert mail.outbox == []


def test_a_mistyped_address_is_refused_next_to_the_field(staff_client):
    response = staff_client.post(INVITE_PAGE, {"email": "noor@"})
    assert response.status_code == 200
    assert "Enter a valid email address." in response.text
    assert mail.outbox == []


def test_a_bad_username_is_refused_next_to_the_field(staff_client, client, coach):
    link = invite(staff_client)
    response = client.post(link, {**NEW_COACH, "username": "coach"})
    assert response.status_code == 200
    assert "A user with that username already exists." in response.text
    assert not User.objects.filter(email="noor@club.example").exists()


def test_a_first_name_with_a_line_break_is_refused_next_to_the_field(staff_client, client):
    """A name goes into mail headers: CR/LF there made every mail naming it fail."""
    link = invite(staff_client)
    response = client.post(link, {**NEW_COACH, "first_name": "Noor\r\nBcc: all@example.com"})
    assert response.status_code == 200
    assert "No line breaks, tabs or other control characters." in response.text
    assert not User.objects.filter(email="noor@club.example").exists()


def test_only_staff_invite_coaches(coach_client):
    response = coach_client.get(INVITE_PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    coach_client.post(INVITE_PAGE, {"email": "noor@club.example"})
    assert mail.outbox == []

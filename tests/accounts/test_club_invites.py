"""Staff invites, as athletes' invites: the head invites an address in a role (mailed, single
use, 7 days, a link to copy), resends and revokes; the link signs a newcomer up into the seat or
gives it to a signed-in person without one, and refuses anyone else with the reason: a used,
revoked or expired link, another address, a seat in another club. Never a second seat."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection, transaction

from accounts import club_invite_actions
from accounts.clubs import Staff, StaffInvite, StaffRole, TeamStaff
from accounts.models import Team, User
from tests.accounts.club import (
    CLUB,
    HTMX,
    NEW_PASSWORD,
    SENT_AT,
    accept_url,
    audited,
    browser,
    club_of,
    invite_url,
    messages_of,
    seat_in,
    seat_of,
    staff_invite,
)
from tests.conftest import make_user

A_DAY_LATER = SENT_AT + timedelta(days=1)
pytestmark = pytest.mark.usefixtures("a_day_after_sending")


@pytest.fixture
def a_day_after_sending():
    with time_machine.travel(A_DAY_LATER) as traveller:
        yield traveller


@pytest.fixture
def club(coach):
    return club_of(coach)


@pytest.fixture
def invite(club) -> StaffInvite:
    sent = staff_invite(club, "pia@example.com", StaffRole.PHYSIO)
    mail.outbox.clear()
    return sent


def sign_up_data(**changes) -> dict:
    return {
        "username": "pia",
        "first_name": "Pia",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **changes,
    }


def assert_unused(invite: StaffInvite):
    invite.refresh_from_db()
    assert invite.accepted_at is None and invite.accepted_by is None


# Sending


def test_the_head_invites_an_address_in_a_role(coach_client, club):
    response = coach_client.post("/club/invites/", {"email": "Pia@Example.COM", "role": "physio"})
    assert response.status_code == 302
    assert response["Location"] == "/club/#invites"
    assert messages_of(response) == ["Invite sent to Pia@example.com, to join as physio."]
    invite = StaffInvite.objects.get(club=club)
    assert (invite.email, invite.role, invite.invited_by.username) == (
        "Pia@example.com",
        "physio",
        "coach",
    )
    assert len(invite.token) >= 32
    assert invite.expires_at - invite.sent_at == timedelta(days=7)
    (sent,) = mail.outbox
    assert sent.to == ["Pia@example.com"]
    assert sent.subject == f"Cora invited you to {club} on Hamstrings"
    assert f"http://testserver/club/invite/{invite.token}/" in sent.body
    assert "as physio" in sent.body
    assert audited(club) == [("coach", None, f"invited a physio (invite {invite.pk})")]


def test_htmx_gets_the_invites_with_the_link_to_copy(coach_client, club):
    response = coach_client.post(
        "/club/invites/", {"email": "vic@example.com", "role": "viewer"}, headers=HTMX
    )
    invite = StaffInvite.objects.get(club=club)
    assert response.text.lstrip().startswith('<section id="invites"')
    assert f'value="http://testserver/club/invite/{invite.token}/"' in response.text
    assert 'data-copy="staff-invite-link-' in response.text
    assert "<h1>" not in response.text


def test_an_address_already_invited_is_not_mailed_twice(coach_client, club, invite):
    response = coach_client.post("/club/invites/", {"email": "PIA@example.com", "role": "coach"})
    assert response.status_code == 422
    assert "PIA@example.com was already invited: use Resend in the list below." in response.text
    assert StaffInvite.objects.filter(club=club).count() == 1
    assert mail.outbox == []


def test_someone_on_the_staff_is_not_invited(coach_client, club):
    seat_in(club, "sam", StaffRole.COACH)
    response = coach_client.post("/club/invites/", {"email": "sam@example.com", "role": "coach"})
    assert response.status_code == 422
    assert "sam@example.com is already on the staff of" in response.text
    assert not StaffInvite.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "not an address", "role": "coach"}, "Enter a valid email address"),
        ({"email": "pia@exam\nple.com", "role": "coach"}, "Enter a valid email address"),
        ({"email": "pia\x00@example.com", "role": "coach"}, "Null characters are not allowed."),
        ({"email": "a" * 250 + "@example.com", "role": "coach"}, "at most 254 characters"),
        ({"email": "", "role": "coach"}, "Enter the address to invite."),
        ({"email": "pia@example.com", "role": "king"}, "Choose a role from the list."),
    ],
)
def test_bad_input_is_refused_next_to_the_field(coach_client, data, message):
    response = coach_client.post("/club/invites/", data)
    assert response.status_code == 422
    assert message in response.text
    assert not StaffInvite.objects.exists()


# Resend, revoke


def test_resending_renews_an_expired_link(coach_client, invite, time_machine):
    time_machine.move_to(SENT_AT + timedelta(days=9))
    assert "expired" in coach_client.get(CLUB).text
    response = coach_client.post(invite_url(invite, "resend"))
    assert response["Location"] == "/club/#invites"
    invite.refresh_from_db()
    assert invite.expires_at > SENT_AT + timedelta(days=15)
    assert [sent.to for sent in mail.outbox] == [["pia@example.com"]]
    client = browser(make_user("pia"))
    assert client.get(accept_url(invite)).status_code == 200


def test_revoking_stops_the_link_and_is_audited(coach_client, club, invite, client):
    response = coach_client.post(invite_url(invite, "revoke"))
    assert messages_of(response) == ["Invite to pia@example.com revoked: its link no longer works."]
    invite.refresh_from_db()
    assert invite.revoked_at is not None
    answer = client.get(accept_url(invite))
    assert answer.status_code == 410
    assert "This invite is no longer valid" in answer.text
    assert audited(club)[-1] == (
        "coach",
        None,
        f"revoked the invite of a physio (invite {invite.pk})",
    )
    # A revoked invite is history: not resent, not revoked again.
    assert coach_client.post(invite_url(invite, "resend")).status_code == 404


def test_another_clubs_invite_answers_404(coach_client, other_coach):
    theirs = staff_invite(club_of(other_coach), "zed@example.com")
    for what in ("resend", "revoke"):
        assert coach_client.post(invite_url(theirs, what)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None and theirs.sent_at == SENT_AT


@pytest.mark.parametrize("pk", ["0", "99999999", "99999999999999999999999"])
def test_bogus_invite_ids_answer_404(coach_client, pk):
    assert coach_client.post(f"/club/invites/{pk}/revoke/").status_code == 404


# Accepting: a newcomer


def test_a_newcomer_sees_the_sign_up_form(client, invite):
    response = client.get(accept_url(invite))
    assert response.status_code == 200
    assert "Join the staff of" in response.text
    assert "Cora invited you as physio." in response.text
    assert 'value="pia@example.com"' in response.text
    assert f'href="/accounts/login/?next={accept_url(invite)}"' in response.text


def test_a_newcomer_signs_up_into_the_seat(client, club, invite, team, athlete):
    response = client.post(accept_url(invite), sign_up_data(email="other@example.com"))
    assert response.status_code == 302
    assert response["Location"] == "/coach/"
    assert messages_of(response) == [f"Welcome to {club}: you are on its staff as physio."]
    pia = User.objects.get(username="pia")
    assert (pia.first_name, pia.email) == ("Pia", "pia@example.com")
    assert pia.check_password(NEW_PASSWORD)
    seat = seat_of(pia)
    assert (seat.club, seat.role, seat.is_active) == (club, StaffRole.PHYSIO, True)
    invite.refresh_from_db()
    assert invite.accepted_by == pia
    assert audited(club)[-1] == ("coach", "pia", f"joined as physio (invite {invite.pk})")
    # Signed in, the physio reads the club's athletes.
    assert client.session["_auth_user_id"] == str(pia.pk)
    assert "Alex" in client.get("/coach/").text


def test_a_taken_username_is_refused_next_to_it(client, invite, athlete):
    response = client.post(accept_url(invite), sign_up_data(username="ATHLETE"))
    assert response.status_code == 200
    assert "A user with that username already exists." in response.text
    assert_unused(invite)


def test_an_address_with_an_account_is_asked_to_log_in(client, club):
    make_user("pia")
    invite = staff_invite(club, "pia@example.com")
    response = client.post(accept_url(invite), sign_up_data(username="another"))
    assert "An account with this email already exists. Log in to join with it." in response.text
    assert not User.objects.filter(username="another").exists()
    assert_unused(invite)


@pytest.mark.parametrize(
    "changes",
    [
        {"first_name": "Pia\r\nBcc: x"},
        {"first_name": "P" * 200},
        {"username": "pia\x00"},
        {"username": "has space"},
        {"password2": "different"},
    ],
)
def test_bad_sign_up_input_is_refused_never_a_500(client, invite, changes):
    response = client.post(accept_url(invite), sign_up_data(**changes))
    assert response.status_code == 200
    assert 'class="field-error"' in response.text
    assert not User.objects.filter(email="pia@example.com").exists()
    assert_unused(invite)


# Accepting: someone with an account


def test_a_signed_in_person_without_a_seat_takes_it(club, invite, team, athlete):
    pia = make_user("pia", first_name="Pia")
    client = browser(pia)
    page = client.get(accept_url(invite))
    assert "Join " in page.text and "as physio</button>" in page.text
    response = client.post(accept_url(invite))
    assert response["Location"] == "/coach/"
    assert (seat_of(pia).club, seat_of(pia).role) == (club, StaffRole.PHYSIO)
    assert "Alex" in client.get("/coach/").text


def test_an_athlete_keeps_their_teams_when_taking_a_seat(club, team, athlete):
    invite = staff_invite(club, "athlete@example.com", StaffRole.COACH)
    browser(athlete).post(accept_url(invite))
    assert seat_of(athlete).role == StaffRole.COACH
    assert athlete.memberships.filter(team=team, is_active=True).exists()


def test_someone_on_another_clubs_staff_is_refused(club, other_coach):
    invite = staff_invite(club, "othercoach@example.com", StaffRole.COACH)
    client = browser(other_coach)
    for response in (client.get(accept_url(invite)), client.post(accept_url(invite))):
        assert response.status_code == 403
        assert "You are on the staff of" in response.text
        assert "a person is on one club&#x27;s staff at a time" in response.text
    assert seat_of(other_coach).club == club_of(other_coach)
    assert Staff.objects.filter(user=other_coach).count() == 1
    assert_unused(invite)


def test_someone_already_on_the_staff_is_told_so(club):
    invite = staff_invite(club, "sam@example.com", StaffRole.VIEWER)
    sam = seat_in(club, "sam")  # since the invite went
    response = browser(sam).post(accept_url(invite))
    assert response.status_code == 403
    assert "You are already on the staff of" in response.text
    assert seat_of(sam).role == StaffRole.COACH


def test_someone_who_left_another_club_takes_the_seat(club, other_coach):
    """One row per person: their inactive seat moves to this club, and the teams they were
    given over there go."""
    other_club = club_of(other_coach)
    leaver = seat_in(other_club, "leaver")
    TeamStaff.objects.create(team=Team.objects.create(coach=other_coach, name="Far"), user=leaver)
    Staff.objects.filter(user=leaver).update(is_active=False)
    invite = staff_invite(club, "leaver@example.com", StaffRole.COACH)
    browser(leaver).post(accept_url(invite))
    seat = seat_of(leaver)
    assert (seat.club, seat.role, seat.is_active) == (club, StaffRole.COACH, True)
    assert not TeamStaff.objects.filter(user=leaver).exists()


def test_an_invite_for_another_address_is_refused(club, invite):
    response = browser(make_user("someone")).post(accept_url(invite))
    assert response.status_code == 403
    assert "This invite was sent to pia@example.com." in response.text
    assert_unused(invite)


# Spent links


def test_a_used_link_says_so_and_never_gives_a_second_seat(client, club, invite):
    client.post(accept_url(invite), sign_up_data())
    late = make_user("late")
    User.objects.filter(pk=late.pk).update(email="pia@example.com")
    again = browser(late).post(accept_url(invite))
    assert again.status_code == 410
    assert "This invite has already been used." in again.text
    assert Staff.objects.filter(club=club, role=StaffRole.PHYSIO).count() == 1


def test_an_expired_link_says_when_it_expired(client, invite, time_machine):
    time_machine.move_to(SENT_AT + timedelta(days=8))
    response = client.get(accept_url(invite))
    assert response.status_code == 410
    assert "This invite expired on 28 November 2026." in response.text
    assert client.post(accept_url(invite), sign_up_data()).status_code == 410
    assert not User.objects.filter(username="pia").exists()


@pytest.mark.parametrize("token", ["nope", "a" * 300, "..", "%00", "x y"])
def test_an_unknown_token_answers_404(db, client, token):
    assert client.get(f"/club/invite/{token}/").status_code == 404


def test_a_sign_up_that_loses_the_race_keeps_no_account(club, invite):
    club_invite_actions.staff_invite_accept(invite=invite, user=make_user("pia"))
    with pytest.raises(club_invite_actions.StaffInviteUnusable, match="already been used"):
        club_invite_actions.staff_invite_sign_up(
            invite=invite, username="late", first_name="Late", password=NEW_PASSWORD
        )
    assert not User.objects.filter(username="late").exists()


def test_two_accepts_at_once_give_one_seat(transactional_db, time_machine):
    """The invite's row is locked: the second accept waits, then finds it used."""
    time_machine.move_to(SENT_AT, tick=True)
    head = make_user("head", is_coach=True)
    club = club_of(head)
    invite = club_invite_actions.staff_invite_send(
        club=club, email="pia@example.com", role="coach", by=head, base_url="/"
    )
    first, second = make_user("pia"), make_user("pia2")
    User.objects.filter(pk=second.pk).update(email="pia@example.com")
    second.email = "pia@example.com"
    holds_the_lock, release = threading.Event(), threading.Event()
    outcomes = {}

    def accept_and_wait():
        try:
            with transaction.atomic():
                club_invite_actions.seat_take(club_invite_actions.invite_locked(invite), first)
                holds_the_lock.set()
                release.wait(10)
        finally:
            connection.close()

    def accept():
        try:
            club_invite_actions.staff_invite_accept(invite=invite, user=second)
            outcomes["second"] = "joined"
        except club_invite_actions.StaffInviteUnusable as error:
            outcomes["second"] = str(error)
        finally:
            connection.close()

    one = threading.Thread(target=accept_and_wait)
    one.start()
    assert holds_the_lock.wait(10)
    two = threading.Thread(target=accept)
    two.start()
    two.join(0.5)
    assert two.is_alive(), "the second accept should wait for the first one's row lock"
    release.set()
    one.join(10)
    two.join(10)
    assert outcomes == {"second": "This invite has already been used."}
    assert list(
        Staff.objects.filter(club=club).values_list("user__username", flat=True).order_by("pk")
    ) == ["head", "pia"]

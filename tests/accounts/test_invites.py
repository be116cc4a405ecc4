import threading
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection, transaction

from accounts import services
from accounts.models import NO_CONTROL_CHARACTERS_MESSAGE, Invite, Membership, Team, User
from tests.conftest import PASSWORD, make_user

SENT_AT = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)
NEW_PASSWORD = "stretchy green band 44"


def invite_url(invite: Invite) -> str:
    return f"/accounts/invite/{invite.token}/"


@pytest.fixture
def invite(coach, team) -> Invite:
    with time_machine.travel(SENT_AT, tick=False):
        return services.invite_send(
            team=team, email="newbie@example.com", invited_by=coach, base_url="http://testserver/"
        )


def invite_to(user) -> Invite:
    """An invite to the squad sent to `user`'s own address: the only account that may use it."""
    with time_machine.travel(SENT_AT, tick=False):
        team = Team.objects.get(name="Squad")
        return services.invite_send(
            team=team, email=user.email, invited_by=team.coach, base_url="http://testserver/"
        )


@pytest.fixture(autouse=True)
def a_day_after_sending():
    """The clock of every test here, unless a test travels elsewhere."""
    with time_machine.travel(SENT_AT + timedelta(days=1)) as traveller:
        yield traveller


def sign_up_data(**changes) -> dict:
    return {
        "username": "newbie",
        "first_name": "Nia",
        "email": "newbie@example.com",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **changes,
    }


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def assert_unused(invite: Invite):
    invite.refresh_from_db()
    assert invite.accepted_at is None
    assert invite.accepted_by is None


# Sending


def test_sending_creates_an_invite_and_mails_the_link(coach_client, team):
    with time_machine.travel(SENT_AT, tick=False):
        response = coach_client.post(
            f"/coach/teams/{team.pk}/invite/", {"emails": "nia@example.com"}
        )
    assert response.status_code == 302
    invite = Invite.objects.get()
    assert (invite.team, invite.email, invite.invited_by.username) == (
        team,
        "nia@example.com",
        "coach",
    )
    assert invite.expires_at == SENT_AT + timedelta(days=services.INVITE_DAYS)
    assert invite.accepted_at is None
    [message] = mail.outbox
    assert message.to == ["nia@example.com"]
    assert message.subject == "Cora invited you to Squad on Hamstrings"
    assert f"http://testserver/accounts/invite/{invite.token}/" in message.body
    assert "expires on 28 November 2026" in message.body


def test_the_mailed_link_opens_the_sign_up_form(client, invite):
    [message] = mail.outbox
    link = next(line for line in message.body.splitlines() if "/accounts/invite/" in line)
    response = client.get(link.removeprefix("http://testserver"))
    assert response.status_code == 200
    assert 'name="password1"' in response.text


def test_each_invite_has_its_own_unguessable_token(coach, team):
    first, second = (
        services.invite_send(team=team, email="a@example.com", invited_by=coach, base_url="/")
        for _ in range(2)
    )
    assert first.token != second.token
    assert len(first.token) >= 32


def test_a_bad_email_is_refused_next_to_the_field(coach_client, team):
    response = coach_client.post(f"/coach/teams/{team.pk}/invite/", {"emails": "nia@"})
    assert response.status_code == 200
    assert (
        '<small class="field-error" role="alert">This is not a valid email address: nia@. '
        "Nothing was sent: correct the list and send it again.</small>"
    ) in response.text
    assert not Invite.objects.exists()
    assert mail.outbox == []


def test_an_active_members_email_is_refused(coach_client, team, athlete):
    response = coach_client.post(
        f"/coach/teams/{team.pk}/invite/", {"emails": "Athlete@Example.com"}
    )
    assert "Nothing was sent. Athlete@example.com is already a member of Squad." in response.text
    assert not Invite.objects.exists()
    assert mail.outbox == []


def test_a_removed_member_can_be_invited_again(coach_client, team, athlete):
    Membership.objects.filter(athlete=athlete).update(is_active=False)
    coach_client.post(f"/coach/teams/{team.pk}/invite/", {"emails": "athlete@example.com"})
    assert Invite.objects.get().email == "athlete@example.com"


# Accepting as a new athlete


def test_an_anonymous_visitor_sees_the_sign_up_form_with_the_email_filled_in(client, invite):
    response = client.get(invite_url(invite))
    assert response.status_code == 200
    assert "Join Squad" in response.text
    assert 'value="newbie@example.com"' in response.text
    for field in ("username", "first_name", "email", "password1", "password2"):
        assert f'name="{field}"' in response.text
    assert f'href="/accounts/login/?next={invite_url(invite)}"' in response.text
    assert "Already have an account? Log in" in response.text


BANDS_PROMPT = "/bands/mine/?next=%2Ftoday%2F"


def test_a_new_athlete_signs_up_joins_and_is_asked_for_their_bands(client, invite):
    response = client.post(invite_url(invite), sign_up_data())
    assert response.status_code == 302
    assert response["Location"] == BANDS_PROMPT
    athlete = User.objects.get(username="newbie")
    assert (athlete.first_name, athlete.email, athlete.is_coach) == (
        "Nia",
        "newbie@example.com",
        False,
    )
    assert athlete.check_password(NEW_PASSWORD)
    assert Membership.objects.get(athlete=athlete).team == invite.team
    invite.refresh_from_db()
    assert invite.accepted_by == athlete
    assert invite.accepted_at is not None
    assert client.session["_auth_user_id"] == str(athlete.pk)
    assert messages_of(response) == ["Welcome to Squad."]


def test_an_existing_athlete_logs_in_through_the_link_and_comes_back_to_it(
    client, invite, outsider
):
    response = client.post(
        "/accounts/login/",
        {"username": "outsider", "password": PASSWORD, "next": invite_url(invite)},
    )
    assert response["Location"] == invite_url(invite)


def test_a_logged_in_athlete_sees_a_join_button(client, team, outsider):
    invite = invite_to(outsider)
    client.force_login(outsider)
    response = client.get(invite_url(invite))
    assert response.status_code == 200
    assert "<h1>Join Squad (coach Cora)</h1>" in response.text
    assert 'name="password1"' not in response.text
    assert ">Join Squad</button>" in response.text


def test_a_logged_in_athlete_joins_and_keeps_their_other_teams(client, team, outsider):
    invite = invite_to(outsider)
    client.force_login(outsider)
    response = client.post(invite_url(invite))
    assert response["Location"] == "/today/"
    assert set(outsider.memberships.values_list("team__name", flat=True)) == {
        "Squad",
        "Elsewhere",
    }
    invite.refresh_from_db()
    assert invite.accepted_by == outsider
    assert messages_of(response) == ["Welcome to Squad."]


def test_a_removed_athlete_rejoins_through_a_new_invite(client, athlete):
    invite = invite_to(athlete)
    Membership.objects.filter(athlete=athlete).update(is_active=False)
    client.force_login(athlete)
    client.post(invite_url(invite))
    membership = Membership.objects.get(athlete=athlete)
    assert membership.is_active
    assert membership.joined_at >= SENT_AT + timedelta(days=1)


def test_another_coach_may_join_as_an_athlete(client, team, other_coach):
    # Coaches can also train, so an invite works for them like for anyone else.
    invite = invite_to(other_coach)
    client.force_login(other_coach)
    client.post(invite_url(invite))
    assert Membership.objects.get(athlete=other_coach).team == invite.team


def test_the_teams_own_coach_cannot_use_the_invite(client, invite, coach):
    client.force_login(coach)
    for response in (client.get(invite_url(invite)), client.post(invite_url(invite))):
        assert response.status_code == 403
        assert "You coach Squad: this invite is for one of your athletes." in response.text
    assert not Membership.objects.filter(athlete=coach).exists()
    assert_unused(invite)


# Used, expired, unknown


def test_a_used_invite_says_so_and_changes_nothing(client, invite):
    client.post(invite_url(invite), sign_up_data())
    client.logout()
    invite.refresh_from_db()
    accepted = (invite.accepted_at, invite.accepted_by)

    response = client.get(invite_url(invite))
    assert response.status_code == 410
    assert "This invite has already been used." in response.text
    assert 'name="password1"' not in response.text

    response = client.post(invite_url(invite), sign_up_data(username="second"))
    assert response.status_code == 410
    assert not User.objects.filter(username="second").exists()
    invite.refresh_from_db()
    assert (invite.accepted_at, invite.accepted_by) == accepted
    assert Membership.objects.filter(team=invite.team).count() == 1


def test_a_used_invite_cannot_add_a_logged_in_athlete(client, athlete, outsider):
    invite = invite_to(athlete)
    services.invite_accept(invite=invite, athlete=athlete)
    client.force_login(outsider)
    response = client.post(invite_url(invite))
    assert response.status_code == 410
    assert "This invite has already been used." in response.text
    assert not Membership.objects.filter(athlete=outsider, team=invite.team).exists()


def test_an_expired_invite_says_when_it_expired(client, invite):
    with time_machine.travel(SENT_AT + timedelta(days=services.INVITE_DAYS, seconds=1)):
        response = client.get(invite_url(invite))
        assert response.status_code == 410
        assert (
            "This invite expired on 28 November 2026. Ask your coach for a new one."
            in response.text
        )
        assert 'name="password1"' not in response.text
        response = client.post(invite_url(invite), sign_up_data())
    assert response.status_code == 410
    assert not User.objects.filter(username="newbie").exists()
    assert_unused(invite)


def test_an_invite_still_works_just_before_it_expires(client, invite):
    with time_machine.travel(SENT_AT + timedelta(days=services.INVITE_DAYS, seconds=-1)):
        response = client.post(invite_url(invite), sign_up_data())
    assert response["Location"] == BANDS_PROMPT


def test_an_unknown_token_answers_404(client, invite):
    assert client.get("/accounts/invite/not-a-real-token/").status_code == 404
    assert client.post("/accounts/invite/not-a-real-token/", sign_up_data()).status_code == 404
    assert not User.objects.filter(username="newbie").exists()


# Bad sign-up input


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"password2": "something else entirely"}, "The two password fields didn’t match."),  # noqa: RUF001
        ({"username": "athlete"}, "A user with that username already exists."),
        ({"username": "ATHLETE"}, "A user with that username already exists."),
        ({"password1": "password", "password2": "password"}, "This password is too common."),
        ({"password1": "newbie123", "password2": "newbie123"}, "too similar to the username"),
        ({"first_name": ""}, "This field is required."),
    ],
)
def test_bad_sign_up_input_is_refused_and_the_invite_stays_unused(
    client, invite, athlete, changes, message
):
    users_before = User.objects.count()
    response = client.post(invite_url(invite), sign_up_data(**changes))
    assert response.status_code == 200
    assert message in response.text
    assert 'class="field-error"' in response.text
    assert User.objects.count() == users_before
    assert "_auth_user_id" not in client.session
    assert_unused(invite)


# Single use, under a lock


def test_accepting_twice_fails_the_second_time(invite, athlete):
    services.invite_accept(invite=invite, athlete=make_user("newbie"))
    with pytest.raises(services.InviteUnusable, match="has already been used"):
        services.invite_accept(invite=invite, athlete=make_user("late"))
    assert not Membership.objects.filter(athlete__username="late").exists()


def test_accept_rereads_the_invite_rather_than_trusting_a_stale_copy(invite):
    stale = Invite.objects.get(pk=invite.pk)
    services.invite_accept(invite=invite, athlete=make_user("newbie"))
    assert stale.accepted_at is None
    with pytest.raises(services.InviteUnusable):
        services.invite_accept(invite=stale, athlete=make_user("late"))


def test_a_sign_up_that_loses_the_race_keeps_no_account(invite):
    services.invite_accept(invite=invite, athlete=make_user("newbie"))
    with pytest.raises(services.InviteUnusable):
        services.invite_sign_up(
            invite=invite, username="late", first_name="Late", email="l@x.io", password="x"
        )
    assert not User.objects.filter(username="late").exists()


def test_two_concurrent_accepts_cannot_both_succeed(transactional_db, coach):
    team = Team.objects.create(coach=coach, name="Race")
    invite = services.invite_send(
        team=team, email="first@example.com", invited_by=coach, base_url="/"
    )
    first_athlete, second_athlete = make_user("first"), make_user("second")
    first_holds_the_lock, release_first = threading.Event(), threading.Event()
    outcomes = {}

    def accept_and_wait():
        try:
            with transaction.atomic():
                services.invite_accept(invite=invite, athlete=first_athlete)
                first_holds_the_lock.set()
                release_first.wait(10)
            outcomes["first"] = "joined"
        finally:
            connection.close()

    def accept():
        try:
            services.invite_accept(invite=invite, athlete=second_athlete)
            outcomes["second"] = "joined"
        except services.InviteUnusable as error:
            outcomes["second"] = str(error)
        finally:
            connection.close()

    first = threading.Thread(target=accept_and_wait)
    first.start()
    assert first_holds_the_lock.wait(10)
    second = threading.Thread(target=accept)
    second.start()
    second.join(0.5)
    assert second.is_alive(), "the second accept should wait for the first one's row lock"
    release_first.set()
    first.join(10)
    second.join(10)
    assert outcomes == {"first": "joined", "second": "This invite has already been used."}
    assert list(team.memberships.values_list("athlete__username", flat=True)) == ["first"]


# Whose invite it is (finding 7 of the hardening issue)


def test_an_invite_is_refused_to_an_account_with_another_address(client, invite, outsider):
    client.force_login(outsider)
    for response in (client.get(invite_url(invite)), client.post(invite_url(invite))):
        assert response.status_code == 403
        assert "This invite was sent to newbie@example.com." in response.text
    assert not Membership.objects.filter(athlete=outsider, team=invite.team).exists()
    assert_unused(invite)


def test_the_address_of_a_sign_up_is_the_invites_whatever_is_posted(client, invite):
    response = client.post(invite_url(invite), sign_up_data(email="someone.else@example.com"))
    assert response["Location"] == BANDS_PROMPT
    assert User.objects.get(username="newbie").email == "newbie@example.com"


def test_an_invite_to_an_existing_accounts_address_asks_to_log_in(client, team, athlete):
    invite = invite_to(athlete)
    response = client.post(invite_url(invite), sign_up_data(username="another"))
    assert response.status_code == 200
    assert "An account with this email already exists. Log in to join with it." in response.text
    assert not User.objects.filter(username="another").exists()
    assert_unused(invite)


# Hostile links and double submits (finding 6)


@pytest.mark.parametrize("token", ["abc%00def", "%00", "%C2%B2", "a" * 300])
def test_a_malformed_token_answers_404(client, invite, token):
    assert client.get(f"/accounts/invite/{token}/").status_code == 404
    assert client.post(f"/accounts/invite/{token}/", sign_up_data()).status_code == 404


def test_a_sign_up_sent_twice_makes_one_account_and_says_the_invite_is_used(client, invite):
    first = client.post(invite_url(invite), sign_up_data())
    assert first["Location"] == BANDS_PROMPT
    client.logout()
    second = client.post(invite_url(invite), sign_up_data())
    assert second.status_code == 410
    assert User.objects.filter(username="newbie").count() == 1


def test_two_concurrent_sign_ups_make_one_account(transactional_db, coach):
    """The double tap on "Sign up": both requests passed the form's checks before either
    created the account; the invite's lock makes the second one find it used."""
    team = Team.objects.create(coach=coach, name="Race")
    invite = services.invite_send(
        team=team, email="tap@example.com", invited_by=coach, base_url="/"
    )
    outcomes, start = [], threading.Barrier(2)

    def sign_up():
        try:
            start.wait(5)
            services.invite_sign_up(
                invite=invite,
                username="tap",
                first_name="Tap",
                email=invite.email,
                password=NEW_PASSWORD,
            )
            outcomes.append("created")
        except services.InviteUnusable as error:
            outcomes.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert sorted(outcomes) == ["This invite has already been used.", "created"]
    assert User.objects.filter(email="tap@example.com").count() == 1


@pytest.mark.parametrize("first_name", ["Nia\r\nBcc: x@example.com", "Ni\ta", "Ni\x85a"])
def test_a_first_name_with_a_line_break_is_refused_at_sign_up(client, invite, first_name):
    response = client.post(invite_url(invite), sign_up_data(first_name=first_name))
    assert response.status_code == 200
    assert NO_CONTROL_CHARACTERS_MESSAGE in response.text
    assert not User.objects.filter(username="newbie").exists()
    assert_unused(invite)

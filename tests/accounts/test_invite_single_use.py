"""An invite is used once, under a row lock: accepting twice, a stale copy, a sign-up that loses
the race, two accepts or two sign-ups at the same moment (threads, a real database) and a
double submit all leave one membership and one account."""

import threading

import pytest
from django.db import connection, transaction

from accounts import services
from accounts.models import Invite, Membership, Team, User
from tests.accounts.invites import BANDS_PROMPT, NEW_PASSWORD, invite_url, sign_up_data
from tests.conftest import make_user

pytestmark = pytest.mark.usefixtures("a_day_after_sending")


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

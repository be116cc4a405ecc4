"""Asking for an erasure (issue 29): the account closes at once and its session stops; the
erasure waits for the grace period; each club of the person hears who asked; asking twice
answers the first. Staff ask in the admin, by the same path, and read the list of erasures."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.utils import timezone

from accounts.club_actions import ClubRefused, staff_remove
from accounts.clubs import Staff, StaffRole
from accounts.erasure import ErasureRefused, erasure_request, erasures_due
from accounts.models import AuditEvent, Erasure, Membership, Team, User
from tests.conftest import make_user

NOW = datetime(2026, 3, 2, 9, tzinfo=UTC)
USERS = "/admin/accounts/user/"
ERASURES = "/admin/accounts/erasure/"


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(NOW, tick=False)
    return time_machine


@pytest.fixture
def staff_client(staff):
    browser = Client()
    browser.force_login(staff)
    return browser


def test_the_account_closes_at_once_and_its_session_stops(athlete_client, athlete):
    assert athlete_client.get("/today/").status_code == 200
    erasure = erasure_request(user=athlete, by=athlete)
    answer = athlete_client.get("/today/")
    assert answer.status_code == 302 and answer["Location"].startswith("/accounts/login/")
    closed = User.objects.get(pk=athlete.pk)
    assert not closed.is_active
    assert not (closed.mail_messages or closed.mail_flag_digest or closed.mail_training_reminder)
    assert closed.first_name == "Alex"  # erased later, not now
    assert erasure.erase_after == NOW + timedelta(days=30)
    assert (erasure.requested_by, erasure.erased_at) == (athlete, None)


def test_the_grace_period_is_a_setting(settings, athlete, clock):
    settings.ERASURE_GRACE_DAYS = 3
    erasure = erasure_request(user=athlete, by=athlete)
    assert erasure.erase_after == NOW + timedelta(days=3)
    clock.move_to(NOW + timedelta(days=3), tick=False)
    assert erasures_due(now=timezone.now()) == 1


def test_asking_twice_answers_the_first_erasure(athlete, clock):
    first = erasure_request(user=athlete, by=athlete)
    clock.move_to(NOW + timedelta(days=1), tick=False)
    again = erasure_request(user=athlete, by=athlete)
    assert (again.pk, again.erase_after) == (first.pk, first.erase_after)
    assert Erasure.objects.count() == 1
    assert AuditEvent.objects.filter(athlete=athlete).count() == 1


def test_each_club_the_athlete_trains_with_hears_who_asked(athlete, team, other_coach, coach):
    elsewhere = Team.objects.create(coach=other_coach, name="Elsewhere")
    Membership.objects.create(team=elsewhere, athlete=athlete)
    erasure_request(user=athlete, by=athlete)
    events = AuditEvent.objects.filter(athlete=athlete).order_by("club")
    assert [event.club for event in events] == [team.club, elsewhere.club]
    assert {(event.actor, event.action, event.detail) for event in events} == {
        (athlete, "erasure_requested", "")
    }


def test_a_club_the_athlete_left_is_not_told(athlete, team, other_coach):
    left = Team.objects.create(coach=other_coach, name="Elsewhere")
    Membership.objects.create(team=left, athlete=athlete, is_active=False)
    erasure_request(user=athlete, by=athlete)
    assert [event.club for event in AuditEvent.objects.filter(athlete=athlete)] == [team.club]


def test_a_staff_members_club_hears_who_asked(coach, staff):
    physio = User.objects.create_user("physio", email="physio@example.com")
    Staff.objects.create(user=physio, club=coach.staff.club, role=StaffRole.PHYSIO)
    erasure_request(user=physio, by=staff)
    [event] = AuditEvent.objects.filter(athlete=physio)
    assert (event.club, event.actor) == (coach.staff.club, staff)


def test_the_admin_erases_by_the_same_path(staff_client, staff, athlete, team, clock):
    answer = staff_client.post(
        USERS, {"action": "erase", ACTION_CHECKBOX_NAME: [athlete.pk]}, follow=True
    )
    assert "Alex is closed now; their data is erased on 1 Apr 2026." in answer.text
    erasure = Erasure.objects.get(user=athlete)
    assert (erasure.requested_by, erasure.erase_after) == (staff, NOW + timedelta(days=30))
    assert not User.objects.get(pk=athlete.pk).is_active
    [event] = AuditEvent.objects.filter(athlete=athlete)
    assert (event.club, event.actor) == (team.club, staff)
    clock.move_to(erasure.erase_after, tick=False)
    assert erasures_due(now=timezone.now()) == 1
    assert User.objects.get(pk=athlete.pk).username == f"erased-{athlete.pk}"


def test_the_admin_does_not_erase_the_person_using_it(staff_client, staff):
    answer = staff_client.post(
        USERS, {"action": "erase", ACTION_CHECKBOX_NAME: [staff.pk]}, follow=True
    )
    assert "You cannot erase yourself here." in answer.text
    assert not Erasure.objects.exists()
    assert User.objects.get(pk=staff.pk).is_active


def test_the_admin_lists_erasures_and_changes_none(staff_client, staff, athlete, clock):
    erasure = erasure_request(user=athlete, by=staff)
    page = staff_client.get(ERASURES).text
    assert ">Alex</a>" in page
    assert "March 2, 2026, 9 a.m." in page and "April 1, 2026, 9 a.m." in page
    detail = staff_client.get(f"{ERASURES}{erasure.pk}/change/").text
    assert 'name="_save"' not in detail
    assert staff_client.get(f"{ERASURES}add/").status_code == 403
    assert staff_client.post(f"{ERASURES}{erasure.pk}/delete/").status_code == 403
    assert Erasure.objects.filter(pk=erasure.pk).exists()


def nothing_written(user: User) -> None:
    assert User.objects.get(pk=user.pk).is_active
    assert not Erasure.objects.exists()
    assert not AuditEvent.objects.exists()
    assert Staff.objects.get(user=user).is_active


def test_the_only_head_of_a_club_is_refused(coach):
    with pytest.raises(ErasureRefused) as refused:
        erasure_request(user=coach, by=coach)
    assert str(refused.value) == (
        "Hand the club to another head first: Cora is the only head of performance of Cora's club."
    )
    nothing_written(coach)


def test_the_lead_of_a_team_is_refused(coach, team):
    second = make_user("second")
    Staff.objects.create(user=second, club=coach.seat.club, role=StaffRole.OWNER)
    with pytest.raises(ErasureRefused) as refused:
        erasure_request(user=coach, by=coach)
    assert str(refused.value) == "Hand Squad to another coach first: Cora leads it."
    nothing_written(coach)


def test_a_head_beside_another_goes_and_leaves_the_other_as_the_last(coach):
    """The seat closes with the account: the head left cannot step down or leave meanwhile,
    so the club always has a head who can sign in."""
    second = make_user("second")
    seat = Staff.objects.create(user=second, club=coach.seat.club, role=StaffRole.OWNER)
    erasure_request(user=coach, by=coach)
    assert not Staff.objects.get(user=coach).is_active
    with pytest.raises(ClubRefused, match="only head of performance"):
        staff_remove(seat=seat, by=second)


def test_the_admin_shows_a_refusal_as_an_error(staff_client, coach, team):
    answer = staff_client.post(
        USERS, {"action": "erase", ACTION_CHECKBOX_NAME: [coach.pk]}, follow=True
    )
    assert 'class="error"' in answer.text
    assert "Hand the club to another head first" in answer.text
    assert "Hand Squad to another coach first: Cora leads it." in answer.text
    nothing_written(coach)

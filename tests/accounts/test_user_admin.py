"""The accounts admin (issue 24, points 3 and 18): staff make and unmake coaches in one action;
people are deactivated, never deleted, and their history stays; a team with history is never
deleted (a clear refusal, never a 500)."""

import pytest
from django.apps import apps
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client

from accounts.clubs import Staff
from accounts.models import Team, User
from accounts.services import invite_send
from tests.conftest import PASSWORD, make_user

USERS = "/admin/accounts/user/"
TEAMS = "/admin/accounts/team/"


@pytest.fixture
def staff_client(staff):
    """A browser of its own: the tests sign the person acted on in and out with `client`."""
    browser = Client()
    browser.force_login(staff)
    return browser


def act(client, url, action, *objects, follow=False):
    return client.post(
        url, {"action": action, ACTION_CHECKBOX_NAME: [obj.pk for obj in objects]}, follow=follow
    )


def rows_everywhere() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_make_coach_turns_a_user_into_a_coach_who_lands_on_the_board(staff_client, client, db):
    newcomer = make_user("newcoach", first_name="Noor")
    response = act(staff_client, USERS, "make_coach", newcomer, follow=True)
    assert "Noor is now a coach." in response.text
    newcomer.refresh_from_db()
    assert newcomer.is_coach
    answer = client.post("/accounts/login/", {"username": "newcoach", "password": PASSWORD})
    assert client.get(answer["Location"])["Location"] == "/coach/"
    assert client.get("/coach/").status_code == 200


def test_remove_coach_takes_the_board_away(staff_client, other_coach):
    response = act(staff_client, USERS, "remove_coach", other_coach, follow=True)
    assert "Othercoach is no longer a coach." in response.text
    other_coach.refresh_from_db()
    assert not other_coach.is_coach


def test_a_coach_with_teams_keeps_the_role_with_the_reason(staff_client, coach, team):
    response = act(staff_client, USERS, "remove_coach", coach, follow=True)
    assert "Cora still coaches Squad: give the team to another coach first." in response.text
    coach.refresh_from_db()
    assert coach.is_coach


def test_the_club_role_sits_near_the_top_of_the_user_form(staff_client, coach):
    page = staff_client.get(f"{USERS}{coach.pk}/change/").text
    assert page.index("Head of performance, Cora&#x27;s club") < page.index('name="first_name"')
    assert "Make coach (a club of their own), Remove coach, Deactivate, Reactivate" in page


def test_a_new_user_has_no_seat_until_made_a_coach(staff_client):
    page = staff_client.get(f"{USERS}add/").text
    assert 'name="is_coach"' not in page
    staff_client.post(
        f"{USERS}add/",
        {
            "username": "cleo",
            "email": "cleo@example.com",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    cleo = User.objects.get(username="cleo")
    assert not cleo.is_coach
    act(staff_client, USERS, "make_coach", cleo)
    cleo.refresh_from_db()
    assert cleo.seat.role == "owner"


def test_the_user_list_shows_and_filters_by_club_role(staff_client, coach, athlete):
    page = staff_client.get(USERS).text
    assert "Club role" in page
    assert "?staff__role__exact=owner" in page
    coaches = staff_client.get(f"{USERS}?staff__role__exact=owner").text
    assert "coach@example.com" in coaches
    assert "athlete@example.com" not in coaches


def test_the_user_admin_offers_no_delete(staff_client, athlete):
    assert "delete_selected" not in staff_client.get(USERS).text
    change_page = staff_client.get(f"{USERS}{athlete.pk}/change/").text
    assert f"{USERS}{athlete.pk}/delete/" not in change_page
    assert staff_client.get(f"{USERS}{athlete.pk}/delete/").status_code == 403
    assert staff_client.post(f"{USERS}{athlete.pk}/delete/", {"post": "yes"}).status_code == 403
    assert User.objects.filter(pk=athlete.pk).exists()


def test_deactivate_keeps_every_row_and_ends_signing_in(staff_client, client, athlete, coach):
    invite_send(
        team=athlete.memberships.get().team,
        email="new@example.com",
        invited_by=coach,
        base_url="http://testserver",
    )
    before = rows_everywhere()
    response = act(staff_client, USERS, "deactivate", athlete, follow=True)
    assert "Alex is deactivated: they can no longer sign in; their history stays." in response.text
    assert rows_everywhere() == before
    athlete.refresh_from_db()
    assert not athlete.is_active
    answer = client.post("/accounts/login/", {"username": "athlete", "password": PASSWORD})
    assert answer.status_code == 200
    assert "enter a correct username and password" in answer.text


def test_a_deactivated_persons_open_session_stops_working(staff_client, athlete_client, athlete):
    act(staff_client, USERS, "deactivate", athlete)
    assert athlete_client.get("/today/")["Location"] == "/accounts/login/?next=/today/"


def test_reactivate_lets_them_sign_in_again(staff_client, client, athlete):
    act(staff_client, USERS, "deactivate", athlete)
    response = act(staff_client, USERS, "reactivate", athlete, follow=True)
    assert "Alex can sign in again." in response.text
    answer = client.post("/accounts/login/", {"username": "athlete", "password": PASSWORD})
    assert answer.status_code == 302


def test_staff_cannot_deactivate_themselves(staff_client, staff):
    response = act(staff_client, USERS, "deactivate", staff, follow=True)
    assert "You cannot deactivate yourself." in response.text
    staff.refresh_from_db()
    assert staff.is_active


def test_active_and_coach_are_set_by_the_actions_not_the_form(staff_client, athlete):
    page = staff_client.get(f"{USERS}{athlete.pk}/change/").text
    assert 'name="is_active"' not in page
    assert 'name="is_coach"' not in page
    assert "Deactivate (cannot sign in; history stays)" in staff_client.get(USERS).text


def test_deleting_a_team_with_history_is_refused_clearly(staff_client, team, athlete):
    before = rows_everywhere()
    page = staff_client.get(f"{TEAMS}{team.pk}/delete/")
    assert page.status_code == 200
    assert "would require deleting the following protected related objects" in page.text
    assert "1 membership" in page.text
    answer = staff_client.post(f"{TEAMS}{team.pk}/delete/", {"post": "yes"})
    assert answer.status_code == 200
    assert rows_everywhere() == before


def test_deleting_teams_with_history_from_the_list_is_refused_clearly(staff_client, team, athlete):
    before = rows_everywhere()
    response = act(staff_client, TEAMS, "delete_selected", team)
    assert response.status_code == 200
    assert "Cannot delete team" in response.text
    response = staff_client.post(
        TEAMS, {"action": "delete_selected", ACTION_CHECKBOX_NAME: [team.pk], "post": "yes"}
    )
    assert response.status_code == 200
    assert rows_everywhere() == before


def test_an_empty_team_made_by_mistake_can_be_deleted(staff_client, coach):
    mistake = Team.objects.create(coach=coach, name="Typo squad")
    response = staff_client.post(f"{TEAMS}{mistake.pk}/delete/", {"post": "yes"})
    assert response["Location"] == TEAMS
    assert not Team.objects.filter(pk=mistake.pk).exists()


def test_the_team_form_removes_no_membership(staff_client, team, athlete):
    page = staff_client.get(f"{TEAMS}{team.pk}/change/").text
    assert 'name="memberships-0-athlete"' in page
    assert "memberships-0-DELETE" not in page


def test_make_coach_gives_someone_who_left_a_club_one_of_their_own(staff_client, coach):
    """Staff do not put a person back into a club its head removed them from."""
    left = make_user("leaver")
    Staff.objects.create(user=left, club=coach.seat.club, role="coach", is_active=False)
    act(staff_client, USERS, "make_coach", left)
    left.refresh_from_db()
    assert left.seat.club != coach.seat.club
    assert (left.seat.club.name, left.seat.role) == ("leaver's club", "owner")

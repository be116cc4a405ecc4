import pytest
from django.core import mail

from accounts import services
from accounts.models import NO_CONTROL_CHARACTERS_MESSAGE, Invite, Membership, Team
from tests.conftest import make_user

LIST_URL = "/coach/teams/"


def detail_url(team: Team) -> str:
    return f"/coach/teams/{team.pk}/"


@pytest.fixture
def other_team(other_coach) -> Team:
    return Team.objects.create(coach=other_coach, name="Elsewhere")


# Team list and creation


def test_the_team_list_shows_the_coachs_teams_with_member_counts(
    coach_client, coach, athlete, outsider
):
    Team.objects.create(coach=coach, name="Empty")
    response = coach_client.get(LIST_URL)
    assert response.status_code == 200
    assert [(team.name, team.member_count) for team in response.context["teams"]] == [
        ("Empty", 0),
        ("Squad", 1),
    ]
    assert "1 athlete<" in response.text
    assert "Elsewhere" not in response.text
    assert 'name="name"' in response.text


def test_the_member_count_leaves_out_removed_athletes_and_counts_pending_invites(
    coach_client, coach, team, athlete
):
    gone = make_user("gone")
    Membership.objects.create(team=team, athlete=gone, is_active=False)
    services.invite_send(team=team, email="new@example.com", invited_by=coach, base_url="/")
    [listed] = coach_client.get(LIST_URL).context["teams"]
    assert (listed.member_count, listed.pending_count) == (1, 1)


def test_the_team_list_requires_login(client, db):
    response = client.get(LIST_URL)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={LIST_URL}"


def test_the_team_list_is_for_coaches_only(athlete_client):
    assert athlete_client.get(LIST_URL).status_code == 403
    assert athlete_client.post(LIST_URL, {"name": "Mine"}).status_code == 403
    assert not Team.objects.filter(name="Mine").exists()


def test_a_coach_creates_a_team_and_lands_on_it(coach_client, coach):
    response = coach_client.post(LIST_URL, {"name": "Demo squad"})
    team = Team.objects.get(name="Demo squad")
    assert team.coach == coach
    assert response.status_code == 302
    assert response["Location"] == f"/coach/teams/{team.pk}/#invites"


def test_a_duplicate_team_name_is_refused_with_a_message_and_nothing_is_saved(coach_client, team):
    response = coach_client.post(LIST_URL, {"name": "squad"})
    assert response.status_code == 200
    assert "Your club already has a team called Squad." in response.text
    assert Team.objects.count() == 1


def test_another_coach_may_use_the_same_team_name(client, team, other_coach):
    client.force_login(other_coach)
    client.post(LIST_URL, {"name": "Squad"})
    assert Team.objects.filter(name="Squad").count() == 2


def test_a_blank_team_name_is_refused(coach_client, coach):
    response = coach_client.post(LIST_URL, {"name": "  "})
    assert "This field is required." in response.text
    assert not Team.objects.exists()


def test_team_create_reports_a_name_taken_behind_the_forms_back(coach, team):
    # The database constraint (accounts_team_unique_name) backs the form's check.
    with pytest.raises(services.TeamNameTaken, match="Your club already has a team called Squad"):
        services.team_create(coach=coach, name="Squad")
    assert Team.objects.count() == 1


@pytest.mark.parametrize("extra", [2, 30])
def test_the_team_list_query_count_does_not_grow_with_teams(
    coach_client, coach, extra, django_assert_max_num_queries
):
    for number in range(extra):
        team = Team.objects.create(coach=coach, name=f"Team {number}")
        Membership.objects.create(team=team, athlete=make_user(f"athlete{number}"))
    # user, teams with their counts.
    with django_assert_max_num_queries(2):
        response = coach_client.get(LIST_URL)
    assert len(response.context["teams"]) == extra


# Team detail


def test_the_team_page_lists_active_members_and_pending_invites(coach_client, coach, team, athlete):
    Membership.objects.create(team=team, athlete=make_user("gone", first_name="Gone"))
    Membership.objects.filter(athlete__username="gone").update(is_active=False)
    services.invite_send(team=team, email="new@example.com", invited_by=coach, base_url="/")
    response = coach_client.get(detail_url(team))
    assert response.status_code == 200
    assert [m.athlete.username for m in response.context["members"]] == ["athlete"]
    assert "Alex" in response.text
    assert "Gone" not in response.text
    assert "new@example.com" in response.text
    assert 'id="id_emails"' in response.text


def test_the_team_page_hides_used_and_revoked_invites(coach_client, coach, team, athlete):
    used = services.invite_send(team=team, email=athlete.email, invited_by=coach, base_url="/")
    services.invite_accept(invite=used, athlete=athlete)
    revoked = services.invite_send(team=team, email="b@example.com", invited_by=coach, base_url="/")
    services.invite_revoke(invite=revoked)
    response = coach_client.get(detail_url(team))
    assert list(response.context["invites"]) == []
    assert "No pending invites." in response.text


def test_the_team_page_requires_a_coach(client, athlete_client, team):
    assert athlete_client.get(detail_url(team)).status_code == 403
    athlete_client.logout()
    assert client.get(detail_url(team))["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("extra", [1, 25])
def test_the_team_page_query_count_does_not_grow_with_members(
    coach_client, coach, team, extra, django_assert_max_num_queries
):
    for number in range(extra):
        Membership.objects.create(team=team, athlete=make_user(f"athlete{number}"))
        services.invite_send(
            team=team, email=f"new{number}@example.com", invited_by=coach, base_url="/"
        )
    # user, team, members, groups, invites.
    with django_assert_max_num_queries(5):
        response = coach_client.get(detail_url(team))
    assert len(response.context["members"]) == extra


# Another coach's team


def test_another_coachs_team_answers_404(coach_client, other_team):
    assert coach_client.get(detail_url(other_team)).status_code == 404


def test_another_coachs_team_cannot_be_invited_to(coach_client, other_team):
    response = coach_client.post(f"{detail_url(other_team)}invite/", {"emails": "x@example.com"})
    assert response.status_code == 404
    assert not Invite.objects.exists()
    assert mail.outbox == []


def test_another_coachs_member_cannot_be_removed(coach_client, outsider):
    membership = outsider.memberships.get()
    url = f"{detail_url(membership.team)}members/{membership.pk}/remove/"
    assert coach_client.post(url).status_code == 404
    membership.refresh_from_db()
    assert membership.is_active


def test_a_member_of_another_team_cannot_be_removed_through_my_team(coach_client, team, outsider):
    membership = outsider.memberships.get()
    url = f"{detail_url(team)}members/{membership.pk}/remove/"
    assert coach_client.post(url).status_code == 404
    membership.refresh_from_db()
    assert membership.is_active


# Invites and removals from the team page


def test_a_plain_invite_post_redirects_with_a_message(coach_client, team):
    response = coach_client.post(
        f"{detail_url(team)}invite/", {"emails": "new@example.com"}, follow=True
    )
    assert response.redirect_chain == [(f"{detail_url(team)}#invites", 302)]
    assert "Invite sent to new@example.com." in response.text
    assert Invite.objects.get().email == "new@example.com"


def test_htmx_invite_returns_only_the_invite_section(coach_client, team):
    response = coach_client.post(
        f"{detail_url(team)}invite/", {"emails": "new@example.com"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="invites"')
    assert "<html" not in response.text
    assert "Invite sent to new@example.com." in response.text
    assert "new@example.com" in response.text
    assert len(mail.outbox) == 1


def test_htmx_invite_with_a_bad_email_returns_the_section_with_the_message(coach_client, team):
    response = coach_client.post(
        f"{detail_url(team)}invite/", {"emails": "not-an-email"}, headers={"HX-Request": "true"}
    )
    assert response.text.lstrip().startswith('<section id="invites"')
    assert "This is not a valid email address: not-an-email." in response.text
    assert not Invite.objects.exists()


def test_the_invite_url_takes_only_posts(coach_client, team):
    assert coach_client.get(f"{detail_url(team)}invite/").status_code == 405


def test_removing_a_member_keeps_the_row_but_hides_them(coach_client, team, athlete):
    membership = athlete.memberships.get()
    url = f"{detail_url(team)}members/{membership.pk}/remove/"
    response = coach_client.post(url, follow=True)
    assert "Alex is no longer in Squad." in response.text
    membership.refresh_from_db()
    assert not membership.is_active
    assert list(response.context["members"]) == []


def test_htmx_remove_returns_only_the_member_section(coach_client, team, athlete):
    membership = athlete.memberships.get()
    response = coach_client.post(
        f"{detail_url(team)}members/{membership.pk}/remove/", headers={"HX-Request": "true"}
    )
    assert response.text.lstrip().startswith('<section id="members"')
    assert "No athletes yet." in response.text


def test_the_nav_shows_teams_to_coaches_only(coach_client, client, athlete):
    assert f'href="{LIST_URL}"' in coach_client.get(LIST_URL).text
    client.force_login(athlete)
    assert f'href="{LIST_URL}"' not in client.get("/exercises/").text


@pytest.mark.parametrize("name", ["Squad\r\nBcc: x@example.com", "Under\t18s", "First\x0bXV"])
def test_a_team_name_with_a_line_break_or_tab_is_refused(coach_client, coach, name):
    response = coach_client.post(LIST_URL, {"name": name})
    assert response.status_code == 200
    assert NO_CONTROL_CHARACTERS_MESSAGE in response.text
    assert not Team.objects.exists()

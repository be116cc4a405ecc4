"""Groups inside a squad (issue 27): the model's rules, the coach's actions on them, and the
team page where the coach adds a group, renames it, ticks its athletes and deletes an empty
one. Announcing, assigning and the board's filter by group are in test_squad_group_uses.py."""

import pytest
from django.db import IntegrityError
from django.db.models import ProtectedError
from django.test import Client

from accounts import actions, services
from accounts.models import (
    NO_CONTROL_CHARACTERS_MESSAGE,
    Membership,
    SquadGroup,
    SquadGroupMember,
    Team,
)
from tests.coaching.groups import group_url, make_group, member

HTMX = {"HX-Request": "true"}


def team_url(team: Team) -> str:
    return f"/coach/teams/{team.pk}/"


def add_url(team: Team) -> str:
    return f"/coach/teams/{team.pk}/groups/"


def names_in(group: SquadGroup) -> set[str]:
    return {athlete.username for athlete in group.athletes()}


@pytest.fixture
def teammate(team):
    return member(team, "Tam")


@pytest.fixture
def backs(team, athlete):
    return make_group(team, "Backs", athlete)


@pytest.fixture
def theirs(other_coach, outsider) -> SquadGroup:
    """A group of another coach's team."""
    return make_group(Team.objects.get(coach=other_coach), "Forwards", outsider)


# The model


def test_a_group_name_is_unique_in_its_team_whatever_its_case(team, other_coach, backs):
    with pytest.raises(IntegrityError):
        SquadGroup.objects.create(team=team, name="BACKS")


def test_another_team_may_have_a_group_of_the_same_name(coach, backs):
    second = Team.objects.create(coach=coach, name="Second")
    assert SquadGroup.objects.create(team=second, name="backs").pk


@pytest.mark.parametrize("name", ["Backs\nand wings", "Rehab\t", ""])
def test_the_database_refuses_a_blank_name_or_control_characters(team, name):
    with pytest.raises(IntegrityError):
        SquadGroup.objects.create(team=team, name=name)


def test_a_group_with_athletes_is_kept_and_its_team_too(team, backs):
    with pytest.raises(ProtectedError):
        backs.delete()
    with pytest.raises(services.RoleRefused, match=r"Squad has history \(.*1 group"):
        services.team_delete(team=team)


def test_an_athlete_who_left_the_team_is_no_longer_one_of_the_group(team, athlete, backs):
    Membership.objects.filter(athlete=athlete).update(is_active=False)  # as the admin's form
    assert SquadGroupMember.objects.filter(group=backs).exists()
    assert names_in(backs) == set()


def test_leaving_the_team_leaves_its_groups_and_no_other_teams(coach, team, athlete, backs):
    other = Team.objects.create(coach=coach, name="Sevens")
    Membership.objects.create(team=other, athlete=athlete)
    wings = make_group(other, "Wings", athlete)
    services.membership_remove(membership=athlete.memberships.get(team=team))
    assert not backs.members.exists()
    assert names_in(wings) == {"athlete"}


# The actions


def test_ticking_makes_the_group_exactly_the_athletes_ticked(team, athlete, teammate, backs):
    actions.squad_group_members_set(group=backs, athletes=[teammate])
    assert names_in(backs) == {"tam"}
    actions.squad_group_members_set(group=backs, athletes=[athlete, teammate])
    assert names_in(backs) == {"athlete", "tam"}
    actions.squad_group_members_set(group=backs, athletes=[])
    assert names_in(backs) == set()


def test_an_athlete_may_be_in_several_groups(team, athlete, backs):
    rehab = make_group(team, "Rehab", athlete)
    assert names_in(backs) == names_in(rehab) == {"athlete"}


def test_only_active_members_of_the_team_can_be_ticked(team, athlete, outsider, backs):
    gone = member(team, "Gone")
    Membership.objects.filter(athlete=gone).update(is_active=False)
    for stranger in (outsider, gone):
        with pytest.raises(actions.GroupRefused, match=f"Not in Squad: {stranger}"):
            actions.squad_group_members_set(group=backs, athletes=[athlete, stranger])
    assert names_in(backs) == {"athlete"}


def test_a_name_taken_behind_the_forms_back_is_refused_in_words(team, backs):
    with pytest.raises(actions.GroupRefused, match="Squad already has a group called backs"):
        actions.squad_group_create(team=team, name="backs")
    rehab = actions.squad_group_create(team=team, name="Rehab")
    with pytest.raises(actions.GroupRefused, match="Squad already has a group called BACKS"):
        actions.squad_group_rename(group=rehab, name="BACKS")
    assert SquadGroup.objects.get(pk=rehab.pk).name == "Rehab"


def test_only_an_empty_group_is_deleted(team, athlete, backs):
    with pytest.raises(actions.GroupRefused, match="Backs still has 1 athlete: untick them"):
        actions.squad_group_delete(group=backs)
    actions.squad_group_members_set(group=backs, athletes=[])
    actions.squad_group_delete(group=backs)
    assert not SquadGroup.objects.exists()


def test_ticking_is_all_or_nothing(monkeypatch, team, athlete, teammate, backs):
    """The failure is planted in the action's last write (adding the newly ticked): the
    unticking before it is undone too."""

    def fail(*args, **kwargs):
        raise RuntimeError("planted")

    monkeypatch.setattr(SquadGroupMember.objects, "bulk_create", fail)
    with pytest.raises(RuntimeError, match="planted"):
        actions.squad_group_members_set(group=backs, athletes=[teammate])
    assert names_in(backs) == {"athlete"}


# The team page


def test_the_team_page_shows_each_group_with_its_athletes(coach_client, team, teammate, backs):
    make_group(team, "Rehab")
    text = coach_client.get(team_url(team)).text
    assert '<section id="groups"' in text
    assert '<strong>Backs</strong> <span class="muted">1 athlete: Alex</span>' in text
    assert '<strong>Rehab</strong> <span class="muted">0 athletes</span>' in text
    panel = text.split(f'id="group-{backs.pk}"')[1].split("</details>")[0]
    boxes = [box.split(">")[0] for box in panel.split("<input")[1:] if 'type="checkbox"' in box]
    assert len(boxes) == 2  # one per athlete of the team, Alex's ticked
    assert [f'value="{teammate.pk}"' in box for box in boxes if "checked" in box] == [False]


@pytest.mark.parametrize("size", [1, 25])
def test_the_team_page_reads_the_groups_in_one_query(
    coach_client, team, size, django_assert_max_num_queries
):
    athletes = [member(team, f"Player{number}") for number in range(size)]
    for name in ("Backs", "Forwards", "Rehab"):
        make_group(team, name, *athletes)
    # user, team, members, groups (their athletes in the same query), invites.
    with django_assert_max_num_queries(5):
        response = coach_client.get(team_url(team))
    assert response.text.count(f"{size} athlete") >= 3


def test_a_coach_adds_a_group_and_lands_on_it(coach_client, team):
    response = coach_client.post(add_url(team), {"new-group-name": "Backs"}, follow=True)
    group = SquadGroup.objects.get()
    assert (group.team, group.name) == (team, "Backs")
    assert response.redirect_chain == [(f"{team_url(team)}?group={group.pk}#group-{group.pk}", 302)]
    assert "Group Backs added: tick its athletes." in response.text
    assert f'id="group-{group.pk}" open' in response.text


def test_htmx_gets_the_groups_section_only(coach_client, team):
    response = coach_client.post(add_url(team), {"new-group-name": "Rehab"}, headers=HTMX)
    assert response.text.lstrip().startswith('<section id="groups"')
    assert "Group Rehab added" in response.text
    assert "<html" not in response.text


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("", "Give the group a name."),
        ("backs", "Squad already has a group called Backs."),
        ("Backs\r\nWings", NO_CONTROL_CHARACTERS_MESSAGE),
        ("x" * 61, "Ensure this value has at most 60 characters"),
    ],
)
def test_a_bad_name_is_refused_next_to_the_field(coach_client, team, backs, name, error):
    response = coach_client.post(add_url(team), {"new-group-name": name})
    assert response.status_code == 422
    field = response.text.split('for="id_new-group-name"')[1].split("</div>")[0]
    assert error in field
    assert list(SquadGroup.objects.values_list("name", flat=True)) == ["Backs"]


def test_a_coach_renames_a_group(coach_client, team, backs):
    response = coach_client.post(group_url(backs, "rename"), {f"group-{backs.pk}-name": "BACKS"})
    assert response["Location"] == f"{team_url(team)}?group={backs.pk}#group-{backs.pk}"
    assert SquadGroup.objects.get().name == "BACKS"


def test_a_rename_to_another_groups_name_is_refused_on_that_group(coach_client, team, backs):
    rehab = make_group(team, "Rehab")
    response = coach_client.post(
        group_url(rehab, "rename"), {f"group-{rehab.pk}-name": "Backs"}, headers=HTMX
    )
    panel = response.text.split(f'id="group-{rehab.pk}" open')[1].split("</details>")[0]
    assert "Squad already has a group called Backs." in panel
    assert SquadGroup.objects.get(pk=rehab.pk).name == "Rehab"


def test_a_coach_ticks_a_groups_athletes(coach_client, team, athlete, teammate, backs):
    field = f"group-{backs.pk}-athletes"
    response = coach_client.post(group_url(backs, "athletes"), {field: [teammate.pk]}, follow=True)
    assert names_in(backs) == {"tam"}
    assert "Backs: 1 athlete." in response.text
    coach_client.post(group_url(backs, "athletes"), {})
    assert names_in(backs) == set()


def test_an_athlete_of_another_team_cannot_be_ticked(coach_client, team, athlete, outsider, backs):
    field = f"group-{backs.pk}-athletes"
    response = coach_client.post(group_url(backs, "athletes"), {field: [outsider.pk]})
    assert response.status_code == 422
    panel = response.text.split(f'id="group-{backs.pk}" open')[1].split("</details>")[0]
    assert "Tick athletes of the team only." in panel
    assert names_in(backs) == {"athlete"}


def test_an_empty_group_is_deleted_and_one_with_athletes_is_kept(coach_client, team, backs):
    rehab = make_group(team, "Rehab")
    page = coach_client.get(team_url(team)).text
    assert group_url(rehab, "delete") in page
    assert group_url(backs, "delete") not in page
    response = coach_client.post(group_url(backs, "delete"), follow=True)
    assert "Backs still has 1 athlete: untick them first." in response.text
    response = coach_client.post(group_url(rehab, "delete"), follow=True)
    assert "Group Rehab deleted." in response.text
    assert list(SquadGroup.objects.values_list("name", flat=True)) == ["Backs"]


@pytest.mark.parametrize("what", ["rename", "athletes", "delete"])
def test_another_coachs_group_answers_404(coach_client, team, backs, theirs, what):
    # Through their team, and through the coach's own team.
    assert coach_client.post(group_url(theirs, what)).status_code == 404
    sneaky = f"/coach/teams/{team.pk}/groups/{theirs.pk}/{what}/"
    assert coach_client.post(sneaky).status_code == 404
    assert SquadGroup.objects.get(pk=theirs.pk).name == "Forwards"
    assert names_in(theirs) == {"outsider"}


def test_another_coachs_team_answers_404(coach_client, theirs):
    assert coach_client.post(add_url(theirs.team), {"new-group-name": "Mine"}).status_code == 404
    assert SquadGroup.objects.count() == 1


def test_a_group_of_the_coachs_other_team_is_not_reached_through_this_one(
    coach_client, coach, team
):
    second = Team.objects.create(coach=coach, name="Second")
    wings = make_group(second, "Wings")
    url = f"/coach/teams/{team.pk}/groups/{wings.pk}/delete/"
    assert coach_client.post(url).status_code == 404
    assert SquadGroup.objects.filter(pk=wings.pk).exists()


def test_the_group_actions_are_for_the_teams_coach_by_post(client, athlete_client, team, backs):
    assert athlete_client.post(add_url(team), {"new-group-name": "Mine"}).status_code == 403
    athlete_client.logout()
    assert client.post(add_url(team))["Location"].startswith("/accounts/login/")
    client.force_login(team.coach)
    assert client.get(group_url(backs, "athletes")).status_code == 405


# The admin


def test_the_admin_keeps_a_group_with_athletes(staff, backs):
    staff_client = Client()
    staff_client.force_login(staff)
    url = f"/admin/accounts/squadgroup/{backs.pk}/delete/"
    page = staff_client.get(url)
    assert "would require deleting the following protected related objects" in page.text
    assert staff_client.post(url, {"post": "yes"}).status_code == 200
    assert SquadGroup.objects.filter(pk=backs.pk).exists()
    empty = make_group(backs.team, "Rehab")
    url = f"/admin/accounts/squadgroup/{empty.pk}/delete/"
    assert staff_client.post(url, {"post": "yes"}).status_code == 302
    assert not SquadGroup.objects.filter(pk=empty.pk).exists()

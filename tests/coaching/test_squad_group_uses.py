"""What a squad's groups are for (issue 27): an announcement to one group, a program assigned to
one group as one shared plan, and the board filtered by group at the same number of queries.
The groups themselves are in test_squad_groups.py."""

from datetime import UTC, datetime

import pytest

from accounts.models import Membership, Team
from catalogue.models import Band
from logbook.models import Message
from programs.models import Assignment, AssignmentGroup, Program
from tests.coaching.groups import make_group, member
from tests.coaching.squads import squad_assign, squad_block
from tests.programs.stages import assign_l_protocol

ANNOUNCE = "/coach/messages/announce/"


@pytest.fixture(autouse=True)
def thursday_19_november(time_machine):
    time_machine.move_to(datetime(2026, 11, 19, 12, tzinfo=UTC), tick=False)


@pytest.fixture
def teammate(team):
    return member(team, "Tam")


@pytest.fixture
def backs(team, athlete):
    return make_group(team, "Backs", athlete)


def announced_to() -> set[str]:
    return set(
        Message.objects.filter(kind="announcement").values_list("athlete__username", flat=True)
    )


# Announcements


def test_the_form_offers_the_coachs_groups_only(coach_client, team, backs, other_coach, outsider):
    make_group(Team.objects.get(coach=other_coach), "Forwards", outsider)
    text = coach_client.get("/coach/messages/").text
    assert f'<option value="{backs.pk}">Squad · Backs</option>' in text
    assert "Forwards" not in text


def test_without_groups_the_form_has_no_group_field(coach_client, team, athlete):
    assert 'name="group"' not in coach_client.get("/coach/messages/").text


def test_an_announcement_to_a_group_reaches_its_athletes_only(
    coach_client, coach, team, athlete, teammate, backs
):
    data = {"team": team.pk, "group": backs.pk, "body": "Backs: extra Nordics on Friday."}
    response = coach_client.post(ANNOUNCE, data)
    assert (response.status_code, response["Location"]) == (302, "/coach/messages/")
    assert announced_to() == {"athlete"}
    assert "Sent to 1 athlete of Squad · Backs." in coach_client.get("/coach/messages/").text


def test_no_group_is_the_whole_team(coach_client, team, athlete, teammate, backs):
    coach_client.post(ANNOUNCE, {"team": team.pk, "group": "", "body": "Match at 3."})
    assert announced_to() == {"athlete", "tam"}


def test_an_athlete_who_left_the_team_gets_nothing_from_their_old_group(
    coach_client, team, athlete, teammate
):
    backs = make_group(team, "Backs", athlete, teammate)
    Membership.objects.filter(athlete=teammate).update(is_active=False)  # as the admin's form
    coach_client.post(ANNOUNCE, {"team": team.pk, "group": backs.pk, "body": "Friday."})
    assert announced_to() == {"athlete"}


def test_a_group_of_another_team_is_refused_next_to_the_group(
    coach_client, coach, team, athlete, backs
):
    second = Team.objects.create(coach=coach, name="Sevens")
    response = coach_client.post(ANNOUNCE, {"team": second.pk, "group": backs.pk, "body": "Hi"})
    assert response.status_code == 422
    field = response.text.split('for="id_group"')[1].split("</div>")[0]
    assert "Backs is a group of Squad: choose Sevens or the group&#x27;s." in field
    assert not Message.objects.exists()


def test_another_coachs_group_is_refused(coach_client, team, backs, other_coach, outsider):
    theirs = make_group(Team.objects.get(coach=other_coach), "Forwards", outsider)
    response = coach_client.post(ANNOUNCE, {"team": team.pk, "group": theirs.pk, "body": "Hi"})
    assert response.status_code == 422
    assert "Choose one of your groups." in response.text
    assert not Message.objects.exists()


def test_a_group_all_in_return_to_play_is_refused_until_the_box_is_ticked(
    library, coach_client, coach, team, athlete, backs
):
    injured = member(team, "Ira")
    assign_l_protocol(injured, coach)
    rehab = make_group(team, "Rehab", injured)
    data = {"team": team.pk, "group": rehab.pk, "body": "Physio at 9."}
    response = coach_client.post(ANNOUNCE, data)
    assert response.status_code == 422
    field = response.text.split('for="id_group"')[1].split("</div>")[0]
    assert "Everyone in Squad · Rehab is in return to play: tick the box below" in field
    assert not Message.objects.exists()
    coach_client.post(ANNOUNCE, {**data, "include_return_to_play": "on"})
    assert announced_to() == {"ira"}


def test_an_empty_group_is_refused(coach_client, team, athlete):
    empty = make_group(team, "Rehab")
    response = coach_client.post(ANNOUNCE, {"team": team.pk, "group": empty.pk, "body": "Hi"})
    assert response.status_code == 422
    assert "Squad · Rehab has no athletes yet. Nothing was sent." in response.text


# Assigning a program to a group


@pytest.fixture
def nordic(library) -> Program:
    return Program.objects.library().get(slug="band-assisted-nordic")


def assign_url(program: Program) -> str:
    return f"/programs/{program.pk}/assign/"


def test_the_assign_form_offers_the_groups(coach_client, nordic, team, backs):
    text = coach_client.get(assign_url(nordic)).text
    assert f'<option value="group-{backs.pk}">Squad · Backs</option>' in text


def test_choosing_a_group_asks_the_starting_bands_of_its_athletes_only(
    coach_client, nordic, team, athlete, teammate, backs
):
    response = coach_client.get(assign_url(nordic), {"target": f"group-{backs.pk}"})
    assert "Alex: Band-assisted Nordic curl" in response.text
    assert "Tam: Band-assisted Nordic curl" not in response.text


def test_a_group_shares_one_plan_of_its_team(
    coach_client, coach, nordic, team, athlete, teammate, backs
):
    winger = member(team, "Wyn")
    make_group(team, "Backs and wings", athlete, winger)
    wings = team.squad_groups.get(name="Backs and wings")
    rule = nordic.band_rules.get()
    purple = Band.objects.get(name="Purple")
    response = coach_client.post(
        assign_url(nordic),
        {
            "target": f"group-{wings.pk}",
            "start_date": "2026-11-23",
            f"band-{athlete.pk}-{rule.exercise_id}": purple.pk,
            f"band-{winger.pk}-{rule.exercise_id}": purple.pk,
        },
    )
    assert (response.status_code, response["Location"]) == (302, "/coach/")
    plan = AssignmentGroup.objects.get()
    assert plan.team == team
    members = Assignment.objects.filter(group=plan)
    assert {assignment.athlete.username for assignment in members} == {"athlete", "wyn"}
    assert {assignment.program_id for assignment in members} == {plan.program_id}
    assert not Assignment.objects.filter(athlete=teammate).exists()


def test_an_empty_group_is_refused_with_the_reason(coach_client, nordic, team, athlete):
    empty = make_group(team, "Rehab")
    response = coach_client.post(
        assign_url(nordic), {"target": f"group-{empty.pk}", "start_date": "2026-11-23"}
    )
    assert "That group has no athletes yet: tick them on the team page." in response.text
    assert not Assignment.objects.exists()


def test_another_coachs_group_cannot_be_assigned(coach_client, nordic, other_coach, outsider):
    theirs = make_group(Team.objects.get(coach=other_coach), "Forwards", outsider)
    response = coach_client.post(
        assign_url(nordic), {"target": f"group-{theirs.pk}", "start_date": "2026-11-23"}
    )
    assert "Select a valid choice." in response.text
    assert not Assignment.objects.exists()


# The board, filtered by group


def test_the_board_shows_a_groups_athletes_only(coach_client, team, athlete, teammate, backs):
    response = coach_client.get(f"/coach/?group={backs.pk}&sort=name")
    assert [row.athlete.username for row in response.context["rows"]] == ["athlete"]
    group_chips = response.text.split('aria-label="Group"')[1].split("</nav>")[0]
    assert "Backs" in group_chips and "Everyone" in group_chips
    # Sorting keeps the group.
    assert f"?team={team.pk}&amp;group={backs.pk}&amp;sort=name" in response.text


def test_a_group_of_another_team_of_the_coach_keeps_to_that_team(
    coach_client, coach, team, athlete
):
    sevens = Team.objects.create(coach=coach, name="Sevens")
    Membership.objects.create(team=sevens, athlete=athlete)
    wyn = member(sevens, "Wyn")
    wings = make_group(sevens, "Wings", wyn)
    response = coach_client.get(f"/coach/?team={team.pk}&group={wings.pk}")
    assert [row.athlete.username for row in response.context["rows"]] == ["wyn"]
    assert response.context["team"] == sevens


def test_another_coachs_group_is_ignored(
    coach_client, team, athlete, teammate, other_coach, outsider
):
    theirs = make_group(Team.objects.get(coach=other_coach), "Forwards", outsider)
    response = coach_client.get(f"/coach/?group={theirs.pk}")
    assert {row.athlete.username for row in response.context["rows"]} == {"athlete", "tam"}


def test_an_empty_group_says_where_to_tick_its_athletes(coach_client, team, athlete):
    empty = make_group(team, "Rehab")
    text = coach_client.get(f"/coach/?group={empty.pk}").text
    assert "No athletes in Rehab yet: tick them on" in text
    assert f"/coach/teams/{team.pk}/?group={empty.pk}#group-{empty.pk}" in text


def test_a_rows_way_back_to_the_board_keeps_the_group(coach_client, team, athlete, backs):
    back = f"team={team.pk}&group={backs.pk}&sort=name"
    response = coach_client.get(f"/coach/board/athletes/{athlete.pk}/", {"back": back})
    assert response["Location"] == f"/coach/?{back}#athlete-{athlete.pk}"


@pytest.mark.parametrize("size", [2, 40])
def test_the_board_by_group_reads_the_same_queries_for_2_and_40_athletes(
    coach_client, coach, team, size, django_assert_num_queries
):
    names = [f"Player{number:02}" for number in range(size)]
    squad = squad_assign(team, coach, squad_block(coach), names)
    group = make_group(team, "Backs", *[assignment.athlete for assignment in squad])
    member(team, "Outside")
    # As the board unfiltered (tests/coaching/test_board.py): user, teams (their groups in the
    # same query), memberships (the group's in the same query), assignments, the programs'
    # workouts (a process's first read of them), logs, strength, bands, flags.
    with django_assert_num_queries(9):
        response = coach_client.get(f"/coach/?group={group.pk}")
    assert response.context["page"].paginator.count == size

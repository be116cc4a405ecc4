"""Teams on the club's page: the head hands a team to another coach or head (its lead changes;
its athletes, assignments, logs, messages, groups, fixtures and invites stay), gives a coach a
team beside its lead and takes it back; a coach given a team sees it on the board and the team
pages. Each change is audited; another club's teams and rows answer 404."""

from datetime import date

import pytest

from accounts import actions, club_actions, services
from accounts.clubs import StaffRole, TeamStaff
from accounts.models import Membership, Team
from logbook.models import Message, WorkoutLog
from programs.models import Assignment, Fixture
from tests.accounts.club import (
    HTMX,
    audited,
    browser,
    club_of,
    messages_of,
    seat_in,
    team_url,
)
from tests.coaching.athletes import START, assign, log_workout, workouts_of
from tests.conftest import make_user


@pytest.fixture
def club(coach):
    return club_of(coach)


@pytest.fixture
def lee(club, team):
    """The coach who leads the squad (the head, Cora, made it and handed it to them)."""
    lee = seat_in(club, "lee", StaffRole.COACH, first_name="Lee")
    Team.objects.filter(pk=team.pk).update(coach=lee)
    return lee


@pytest.fixture
def sam(club):
    return seat_in(club, "sam", StaffRole.COACH, first_name="Sam")


def hand_over(client, team, person, **headers):
    return client.post(
        team_url(team, "hand-over"), {f"team-{team.pk}-hand-coach": person.pk}, **headers
    )


def give(client, team, person):
    return client.post(team_url(team, "coaches"), {f"team-{team.pk}-give-coach": person.pk})


def team_rows(team: Team) -> dict[str, int]:
    """Everything that belongs to the team or its athletes, counted."""
    athletes = Membership.objects.filter(team=team).values("athlete")
    return {
        "memberships": team.memberships.filter(is_active=True).count(),
        "assignments": Assignment.objects.filter(athlete__in=athletes).count(),
        "workout logs": WorkoutLog.objects.filter(athlete__in=athletes).count(),
        "messages": Message.objects.filter(athlete__in=athletes).count(),
        "fixtures": Fixture.objects.filter(team=team).count(),
        "groups": team.squad_groups.count(),
        "invites": team.invites.count(),
        "related": len(services.team_history(team)),
    }


# Handing a team over


def test_a_team_handed_over_keeps_every_row(library, coach_client, club, team, athlete, lee, sam):
    assignment = assign(athlete, lee)
    log_workout(assignment, workouts_of(assignment)[0], on=START)
    Message.objects.create(athlete=athlete, author=lee, body="Well done")
    Fixture.objects.create(team=team, date=date(2027, 1, 9), label="v Rovers")
    actions.squad_group_create(team=team, name="Backs")
    services.invite_send(team=team, email="new@example.com", invited_by=lee, base_url="/")
    before = team_rows(team)
    assert all(before.values()), before

    response = hand_over(coach_client, team, sam)

    assert response.status_code == 302
    assert response["Location"] == f"/club/#team-{team.pk}"
    assert messages_of(response) == [
        "Sam leads Squad now; its athletes, plans and history stay with it. Lee no longer leads it."
    ]
    team.refresh_from_db()
    assert team.coach == sam
    assert team_rows(team) == before
    assert audited(club) == [
        ("coach", "sam", "now leads Squad"),
        ("coach", "lee", "no longer leads Squad"),
    ]
    # The new lead coaches it: the team page, the board, the athlete and their plan.
    new_lead = browser(sam)
    assert new_lead.get(f"/coach/teams/{team.pk}/").status_code == 200
    assert "Alex" in new_lead.get("/coach/").text
    assert new_lead.get(f"/coach/athletes/{athlete.pk}/").status_code == 200
    assert new_lead.get(f"/coach/assignments/{assignment.pk}/plan/").status_code == 200
    # The previous lead, a coach, no longer sees it.
    previous = browser(lee)
    assert previous.get(f"/coach/teams/{team.pk}/").status_code == 404
    assert "Alex" not in previous.get("/coach/").text


def test_a_team_may_be_handed_to_a_head(coach_client, coach, team, lee):
    hand_over(coach_client, team, coach)
    team.refresh_from_db()
    assert team.coach == coach


def test_the_new_lead_is_no_longer_given_the_team_too(coach_client, team, lee, sam):
    TeamStaff.objects.create(team=team, user=sam)
    hand_over(coach_client, team, sam)
    assert not TeamStaff.objects.filter(team=team).exists()


def test_htmx_gets_the_teams_back_with_the_team_open(coach_client, team, lee, sam):
    response = hand_over(coach_client, team, sam, headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="teams"')
    assert f'<details class="group" id="team-{team.pk}" open>' in response.text
    assert "led by Sam" in response.text


@pytest.mark.parametrize("who", ["physio", "lead", "outsider", "other_club", "bogus", "empty"])
def test_a_team_is_handed_only_to_a_coach_or_head_of_the_club(
    coach_client, club, team, lee, other_coach, who
):
    person = {
        "physio": lambda: seat_in(club, "phoebe", StaffRole.PHYSIO),
        "lead": lambda: lee,
        "outsider": lambda: make_user("nobody"),
        "other_club": lambda: other_coach,
    }
    typed = {"bogus": "99999999999999999999", "empty": ""}
    value = typed[who] if who in typed else person[who]().pk
    response = coach_client.post(team_url(team, "hand-over"), {f"team-{team.pk}-hand-coach": value})
    assert response.status_code == 422
    assert "Choose a coach" in response.text
    team.refresh_from_db()
    assert team.coach == lee
    assert audited(club) == []


def test_the_action_refuses_whom_the_form_does_not_offer(coach, club, team, lee, other_coach):
    phoebe = seat_in(club, "phoebe", StaffRole.PHYSIO, first_name="Phoebe")
    refusals = {
        phoebe: "Phoebe is a physio: coaches lead teams.",
        lee: "Lee already leads Squad.",
        other_coach: f"othercoach is not on the staff of {club}.",
    }
    for person, message in refusals.items():
        with pytest.raises(club_actions.ClubRefused) as refusal:
            club_actions.team_hand_over(team=team, to=person, by=coach)
        assert str(refusal.value) == message
    team.refresh_from_db()
    assert team.coach == lee


# Giving a team to a coach, and taking it back


def test_a_coach_given_a_team_sees_it_and_loses_it_when_taken_back(
    coach_client, club, team, athlete, sam
):
    sams = browser(sam)
    assert sams.get(f"/coach/teams/{team.pk}/").status_code == 404
    response = give(coach_client, team, sam)
    assert messages_of(response) == ["Sam coaches Squad now, beside Cora."]
    assert sams.get(f"/coach/teams/{team.pk}/").status_code == 200
    assert "Alex" in sams.get("/coach/").text
    assert "Squad" in sams.get("/coach/teams/").text
    given = TeamStaff.objects.get(team=team, user=sam)
    page = coach_client.get("/club/").text
    assert "led by Cora, with Sam · 1 athlete" in page

    response = coach_client.post(team_url(team, f"coaches/{given.pk}/remove"))
    assert messages_of(response) == ["Sam no longer coaches Squad."]
    assert sams.get(f"/coach/teams/{team.pk}/").status_code == 404
    assert "Alex" not in sams.get("/coach/").text
    assert audited(club) == [
        ("coach", "sam", "given Squad"),
        ("coach", "sam", "no longer given Squad"),
    ]


@pytest.mark.parametrize("who", ["head", "physio", "given", "lead"])
def test_a_team_is_given_only_to_a_coach_without_it(coach_client, coach, club, team, sam, who):
    TeamStaff.objects.create(team=team, user=sam)
    person = {
        "head": lambda: seat_in(club, "second", StaffRole.OWNER),
        "physio": lambda: seat_in(club, "phoebe", StaffRole.PHYSIO),
        "given": lambda: sam,
        "lead": lambda: coach,
    }[who]()
    response = give(coach_client, team, person)
    assert response.status_code == 422
    assert "Choose a coach from the list." in response.text
    assert TeamStaff.objects.filter(team=team).count() == 1


def test_giving_twice_is_refused_by_the_action(coach, team, sam):
    club_actions.team_give(team=team, to=sam, by=coach)
    with pytest.raises(club_actions.ClubRefused, match=r"Sam was given Squad already\."):
        club_actions.team_give(team=team, to=sam, by=coach)


# Another club's teams, bogus ids


def test_another_clubs_team_answers_404(coach_client, coach, other_coach, outsider, sam):
    theirs = Team.objects.get(coach=other_coach)
    given = TeamStaff.objects.create(team=theirs, user=seat_in(club_of(other_coach), "zed"))
    assert hand_over(coach_client, theirs, sam).status_code == 404
    assert give(coach_client, theirs, sam).status_code == 404
    assert coach_client.post(team_url(theirs, f"coaches/{given.pk}/remove")).status_code == 404
    theirs.refresh_from_db()
    assert theirs.coach == other_coach
    assert TeamStaff.objects.filter(pk=given.pk).exists()


def test_another_teams_given_row_is_not_reached_through_this_one(coach_client, coach, team, sam):
    second = Team.objects.create(coach=coach, name="Second")
    given = TeamStaff.objects.create(team=second, user=sam)
    assert coach_client.post(team_url(team, f"coaches/{given.pk}/remove")).status_code == 404
    assert TeamStaff.objects.filter(pk=given.pk).exists()


@pytest.mark.parametrize(
    "url",
    [
        "/club/teams/99999999/hand-over/",
        "/club/teams/99999999999999999999/coaches/",
        "/club/teams/x/coaches/",
        "/club/teams/1/coaches/99999999/remove/",
    ],
)
def test_bogus_team_ids_answer_404(coach_client, url):
    assert coach_client.post(url, {"coach": "1"}).status_code == 404

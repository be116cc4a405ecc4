"""The club's staff on its page: the head changes a role and removes someone (their seat goes
inactive, their history stays); the last head can neither leave nor step down; whoever leads a
team stays a coach until it is handed over; each change is audited; another club's staff answer
404, bogus posts a message."""

import pytest

from accounts import club_actions
from accounts.clubs import Staff, StaffRole, TeamStaff
from accounts.models import Team
from accounts.records import AuditEvent
from tests.accounts.club import (
    CLUB,
    HTMX,
    audited,
    club_of,
    messages_of,
    seat_in,
    seat_of,
    staff_url,
)


@pytest.fixture
def club(coach):
    return club_of(coach)


@pytest.fixture
def sam(club):
    """A coach of the club who leads no team."""
    return seat_in(club, "sam", StaffRole.COACH, first_name="Sam")


def role(person) -> str:
    return seat_of(person).role


# Roles


def test_the_head_changes_a_role_and_it_is_audited(coach_client, club, sam):
    response = coach_client.post(
        staff_url(seat_of(sam), "role"), {f"staff-{seat_of(sam).pk}-role": "physio"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/club/#staff"
    assert messages_of(response) == ["Sam is now physio."]
    assert role(sam) == StaffRole.PHYSIO
    assert audited(club) == [("coach", "sam", "role changed from coach to physio")]


def test_htmx_gets_the_staff_back_with_the_notice(coach_client, sam):
    seat = seat_of(sam)
    response = coach_client.post(
        staff_url(seat, "role"), {f"staff-{seat.pk}-role": "viewer"}, headers=HTMX
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="staff"')
    assert '<p class="message" role="status">Sam is now viewer.</p>' in response.text
    assert "<h1>" not in response.text


def test_a_coach_made_physio_is_no_longer_given_teams(coach_client, club, team, sam):
    TeamStaff.objects.create(team=team, user=sam)
    seat = seat_of(sam)
    coach_client.post(staff_url(seat, "role"), {f"staff-{seat.pk}-role": "physio"})
    assert not TeamStaff.objects.filter(user=sam).exists()
    assert audited(club) == [
        ("coach", "sam", "role changed from coach to physio; no longer given Squad")
    ]


def test_a_second_head_may_be_made_and_the_first_step_down(coach_client, coach, club, sam):
    seat = seat_of(sam)
    coach_client.post(staff_url(seat, "role"), {f"staff-{seat.pk}-role": "owner"})
    mine = seat_of(coach)
    response = coach_client.post(staff_url(mine, "role"), {f"staff-{mine.pk}-role": "coach"})
    assert response["Location"] == "/coach/"
    assert messages_of(response)[-1] == f"You are now coach of {club}."
    assert (role(sam), role(coach)) == (StaffRole.OWNER, StaffRole.COACH)
    assert coach_client.get(CLUB).status_code == 403


def test_the_last_head_cannot_step_down(coach_client, coach, club, sam):
    mine = seat_of(coach)
    response = coach_client.post(
        staff_url(mine, "role"), {f"staff-{mine.pk}-role": "coach"}, headers=HTMX
    )
    assert response.status_code == 200
    assert (
        '<p class="form-error" role="alert">Cora is the club\'s only head of performance: make '
        "someone else head first.</p>"
    ) in response.text.replace("&#x27;", "'")
    assert role(coach) == StaffRole.OWNER
    assert audited(club) == []


def test_someone_who_leads_a_team_stays_a_coach(coach_client, club, team, sam):
    Team.objects.filter(pk=team.pk).update(coach=sam)
    seat = seat_of(sam)
    response = coach_client.post(staff_url(seat, "role"), {f"staff-{seat.pk}-role": "viewer"})
    assert messages_of(response) == [
        "Sam leads Squad: hand it to another coach before making them viewer."
    ]
    assert role(sam) == StaffRole.COACH


@pytest.mark.parametrize("value", ["boss", "", "owner\x00", "x" * 500])
def test_a_bogus_role_is_refused_with_a_message(coach_client, club, sam, value):
    seat = seat_of(sam)
    response = coach_client.post(staff_url(seat, "role"), {f"staff-{seat.pk}-role": value})
    assert response.status_code == 302
    assert messages_of(response)[0] in ("Choose a role from the list.", "Choose a role.")
    assert role(sam) == StaffRole.COACH
    assert audited(club) == []


# Removing


def test_the_head_removes_someone_who_keeps_their_history(coach_client, club, team, sam):
    TeamStaff.objects.create(team=team, user=sam)
    response = coach_client.post(staff_url(seat_of(sam), "remove"))
    assert response["Location"] == "/club/#staff"
    assert messages_of(response) == [
        f"Sam is no longer on the staff of {club}: what they did stays on record."
    ]
    seat = seat_of(sam)
    assert not seat.is_active
    assert seat.club == club
    assert not TeamStaff.objects.filter(user=sam).exists()
    assert audited(club) == [
        ("coach", "sam", "removed from the staff (was coach); no longer given Squad")
    ]
    page = coach_client.get(CLUB).text
    assert "Former staff" in page


def test_someone_removed_sees_nothing_of_the_club(client, club, team, athlete, sam):
    TeamStaff.objects.create(team=team, user=sam)
    client.force_login(sam)
    assert client.get(f"/coach/teams/{team.pk}/").status_code == 200
    club_actions.staff_remove(seat=seat_of(sam), by=team.coach)
    client.force_login(sam)
    assert client.get(f"/coach/teams/{team.pk}/").status_code == 403
    assert client.get("/coach/").status_code == 403


def test_the_last_head_cannot_leave(coach_client, coach, club):
    response = coach_client.post(staff_url(seat_of(coach), "remove"))
    assert messages_of(response) == [
        "Cora is the club's only head of performance: make someone else head first."
    ]
    assert seat_of(coach).is_active
    assert audited(club) == []


def test_a_head_may_leave_when_another_heads_the_club(coach_client, coach, club):
    seat_in(club, "second", StaffRole.OWNER)
    Team.objects.filter(coach=coach).delete()
    response = coach_client.post(staff_url(seat_of(coach), "remove"), headers=HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/"
    assert not seat_of(coach).is_active


def test_someone_who_leads_a_team_is_not_removed(coach_client, club, team, sam):
    Team.objects.filter(pk=team.pk).update(coach=sam)
    response = coach_client.post(staff_url(seat_of(sam), "remove"))
    assert messages_of(response) == ["Sam leads Squad: hand it to another coach before they leave."]
    assert seat_of(sam).is_active


def test_two_heads_cannot_both_step_down(coach, club):
    """The check reads under the club's lock; in sequence, the second is the last head."""
    second = seat_in(club, "second", StaffRole.OWNER)
    club_actions.staff_role_set(seat=seat_of(second), role=StaffRole.COACH, by=coach)
    with pytest.raises(club_actions.ClubRefused, match="only head of performance"):
        club_actions.staff_role_set(seat=seat_of(coach), role=StaffRole.COACH, by=second)


# Another club's staff, bogus ids


def test_another_clubs_staff_answer_404(coach_client, other_coach):
    theirs = seat_of(other_coach)
    before = AuditEvent.objects.count()
    for what in ("role", "remove"):
        response = coach_client.post(staff_url(theirs, what), {f"staff-{theirs.pk}-role": "viewer"})
        assert response.status_code == 404
    assert seat_of(other_coach).role == StaffRole.OWNER and seat_of(other_coach).is_active
    assert AuditEvent.objects.count() == before


def test_a_former_member_is_not_changed_again(coach_client, club, sam):
    Staff.objects.filter(user=sam).update(is_active=False)
    seat = seat_of(sam)
    assert coach_client.post(staff_url(seat, "remove")).status_code == 404
    assert coach_client.post(staff_url(seat, "role"), {"role": "owner"}).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/club/staff/99999999/role/",
        "/club/staff/99999999999999999999/remove/",
        "/club/staff/abc/role/",
        "/club/staff/-1/remove/",
    ],
)
def test_bogus_staff_ids_answer_404(coach_client, url):
    assert coach_client.post(url, {"role": "owner"}).status_code == 404


def test_reading_a_change_url_is_not_allowed(coach_client, sam):
    assert coach_client.get(staff_url(seat_of(sam), "remove")).status_code == 405
    assert seat_of(sam).is_active

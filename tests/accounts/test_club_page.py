"""The club's page (`/club/`) for its head of performance: who may open it and post to it, what
it shows, the link to it, and the club's settings (its single sign-on domain one club's)."""

import pytest
from django.db import IntegrityError, transaction
from django.utils.html import escape

from accounts import club_actions
from accounts.clubs import Club, Staff, StaffRole, TeamStaff
from accounts.models import Team
from accounts.records import AuditEvent
from tests.accounts.club import (
    CLUB,
    HTMX,
    audited,
    club_of,
    seat_in,
    seat_of,
    staff_invite,
    staff_url,
)

SETTINGS = "/club/settings/"


def settings_data(**changes) -> dict:
    return {"name": "Harbour RFC", "sso_domain": "", **changes}


@pytest.fixture
def club(coach, team) -> Club:
    return club_of(coach)


# Who may open it


@pytest.mark.parametrize("role", [StaffRole.COACH, StaffRole.PHYSIO, StaffRole.VIEWER])
def test_only_the_head_opens_it_or_posts_to_it(client, club, team, role):
    """Every URL of the page, read and posted, refused (403) to the club's other roles, and
    nothing written."""
    person = seat_in(club, "someone", role)
    other = seat_in(club, "other", StaffRole.COACH)
    invite = staff_invite(club)
    given = TeamStaff.objects.create(team=team, user=other)
    client.force_login(person)
    posts = [
        SETTINGS,
        staff_url(seat_of(other), "role"),
        staff_url(seat_of(other), "remove"),
        "/club/invites/",
        f"/club/invites/{invite.pk}/resend/",
        f"/club/invites/{invite.pk}/revoke/",
        f"/club/teams/{team.pk}/hand-over/",
        f"/club/teams/{team.pk}/coaches/",
        f"/club/teams/{team.pk}/coaches/{given.pk}/remove/",
    ]
    before = AuditEvent.objects.count()
    assert client.get(CLUB).status_code == 403
    for url in posts:
        assert client.post(url, {"role": "owner", "coach": person.pk}).status_code == 403, url
    assert AuditEvent.objects.count() == before
    assert seat_of(other).role == StaffRole.COACH
    assert TeamStaff.objects.filter(pk=given.pk).exists()


def test_an_athlete_is_refused_and_a_visitor_sent_to_log_in(client, athlete):
    client.force_login(athlete)
    assert client.get(CLUB).status_code == 403
    client.logout()
    response = client.get(CLUB)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={CLUB}"


def test_a_removed_head_no_longer_opens_it(client, coach, club):
    seat_in(club, "second", StaffRole.OWNER)
    Staff.objects.filter(user=coach).update(is_active=False)
    client.force_login(coach)
    assert client.get(CLUB).status_code == 403


def test_the_head_sees_the_club_its_staff_invites_and_teams(client, coach, club, team):
    seat_in(club, "phoebe", StaffRole.PHYSIO, first_name="Phoebe")
    staff_invite(club, "vic@example.com", StaffRole.VIEWER)
    client.force_login(coach)
    response = client.get(CLUB)
    assert response.status_code == 200
    text = response.text
    assert f"<h1>{escape(club.name)}</h1>" in text
    assert 'Cora <span class="muted">(you)</span>' in text
    assert "Phoebe</strong>" in text
    assert "Physio ·" in text
    assert "vic@example.com" in text
    assert f'<details class="group" id="team-{team.pk}">' in text
    assert "led by Cora" in text
    assert 'href="/club/"' in text  # the link in the navigation


@pytest.mark.parametrize("role", [StaffRole.COACH, StaffRole.PHYSIO, StaffRole.VIEWER])
def test_only_the_head_has_the_club_link(client, club, role):
    client.force_login(seat_in(club, "someone", role))
    response = client.get("/coach/")
    assert response.status_code == 200
    assert 'href="/club/"' not in response.text


def test_the_club_link_comes_with_the_sign_in(client, coach):
    """Signed in with a password (the backend fills the seat), the head has the link."""
    client.post("/accounts/login/", {"username": "coach", "password": "correct horse battery"})
    assert 'href="/club/">Club</a>' in client.get("/coach/").text


def test_the_page_reads_the_same_queries_for_more_staff_and_teams(
    client, coach, club, django_assert_max_num_queries
):
    def grow(start: int):
        for number in range(start, start + 4):
            person = seat_in(club, f"coach{number}", StaffRole.COACH)
            team = Team.objects.create(coach=person, name=f"Team {number}")
            TeamStaff.objects.create(team=team, user=coach)
            staff_invite(club, f"invitee{number}@example.com")

    grow(1)
    client.force_login(coach)
    with django_assert_max_num_queries(15) as few:
        client.get(CLUB)
    grow(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(CLUB).status_code == 200


# Settings


def test_the_head_saves_the_settings_and_they_are_audited(client, coach, club):
    client.force_login(coach)
    data = settings_data(
        sso_domain="@Harbour-RFC.org", sign_off_physio_only="on", keep_anonymised_records=""
    )
    response = client.post(SETTINGS, data)
    assert response.status_code == 302
    assert response["Location"] == "/club/#settings"
    club.refresh_from_db()
    assert (club.name, club.sso_domain, club.sign_off_physio_only) == (
        "Harbour RFC",
        "harbour-rfc.org",
        True,
    )
    assert not club.keep_anonymised_records
    assert audited(club) == [
        (
            "coach",
            None,
            "settings: name: Harbour RFC; single sign-on domain: harbour-rfc.org; "
            "sign-offs by physios only: on",
        )
    ]


def test_settings_saved_unchanged_write_no_audit(client, coach, club):
    client.force_login(coach)
    client.post(SETTINGS, settings_data(name=club.name))
    assert audited(club) == []


def test_htmx_gets_the_settings_back_with_a_notice(client, coach, club):
    client.force_login(coach)
    response = client.post(SETTINGS, settings_data(), headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<form method="post" action="/club/settings/"')
    assert "Settings saved." in response.text
    assert "<h1>" not in response.text


def test_a_domain_another_club_signs_in_with_is_refused_next_to_it(
    client, coach, club, other_coach
):
    Club.objects.filter(pk=club_of(other_coach).pk).update(sso_domain="harbour.org")
    client.force_login(coach)
    response = client.post(SETTINGS, settings_data(sso_domain="HARBOUR.org"))
    assert response.status_code == 422
    assert "Another club signs in with harbour.org" in response.text
    club.refresh_from_db()
    assert club.sso_domain == ""
    assert audited(club) == []


def test_the_database_keeps_a_domain_to_one_club(club, other_coach):
    Club.objects.filter(pk=club.pk).update(sso_domain="harbour.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        Club.objects.filter(pk=club_of(other_coach).pk).update(sso_domain="harbour.org")


def test_a_domain_taken_between_the_check_and_the_save_is_refused(coach, club, other_coach):
    """The action catches the constraint: a message, never a 500."""
    Club.objects.filter(pk=club_of(other_coach).pk).update(sso_domain="harbour.org")
    with pytest.raises(club_actions.ClubRefused, match=r"Another club signs in with harbour\.org"):
        club_actions.club_settings_save(
            club=club,
            by=coach,
            name=club.name,
            sso_domain="harbour.org",
            sign_off_physio_only=False,
            keep_anonymised_records=False,
        )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": ""}, "Give the club a name."),
        ({"name": "Harbour\nRFC"}, "No line breaks, tabs or other control characters."),
        ({"name": "x" * 101}, "at most 100 characters"),
        ({"sso_domain": "not a domain"}, "not a domain: write what follows the @"),
        ({"sso_domain": "localhost"}, "localhost is not a domain"),
        ({"sso_domain": "a" * 254}, "at most 253 characters"),
        ({"sso_domain": "harbour.org\x00"}, "Null characters are not allowed."),
    ],
)
def test_bad_settings_are_refused_next_to_the_field(client, coach, club, data, message):
    client.force_login(coach)
    response = client.post(SETTINGS, settings_data(**data))
    assert response.status_code == 422
    assert message in response.text
    assert Club.objects.get(pk=club.pk).name == club.name

"""Who may read and change what, by club and role: every role against every page and action.

One club with a head, two coaches (one leads the athlete's team, the other leads another
team), a physio and a viewer; a second club's head; the athlete themself; nobody signed in.
A refusal is 404 where the object is out of reach (another club, a coach's other team), 403
where it is in reach but the role does not do that (a viewer changing anything, a physio
changing training), and a refused change writes nothing.
"""

from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client

from accounts.clubs import Staff, StaffRole, TeamStaff
from accounts.models import Invite, Membership, Team
from accounts.services import club_found
from catalogue.models import Band, BandMeasurement
from logbook.models import Message, PainPause
from programs.models import Assignment, BandChange, Program
from tests.coaching.athletes import START, assign, log_workout, workouts_of
from tests.conftest import make_user

ROLES = ["head", "coach", "other_coach", "physio", "viewer", "other_club", "athlete", "nobody"]


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(datetime(2026, 10, 20, 12, 0, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def club(db):
    head = make_user("hana", first_name="Hana")
    club = club_found(user=head, name="Riverside FC")
    people = {"head": head}
    for name, role in [
        ("coach", StaffRole.COACH),
        ("other_coach", StaffRole.COACH),
        ("physio", StaffRole.PHYSIO),
        ("viewer", StaffRole.VIEWER),
    ]:
        people[name] = make_user(name.replace("_", ""))
        Staff.objects.create(user=people[name], club=club, role=role)
    first = Team.objects.create(club=club, coach=people["head"], name="First team")
    TeamStaff.objects.create(team=first, user=people["coach"])  # given, not the lead
    Team.objects.create(club=club, coach=people["other_coach"], name="Under 21")
    people["other_club"] = make_user("bea", is_coach=True)
    athlete = people["athlete"] = make_user("alex", first_name="Alex")
    Membership.objects.create(team=first, athlete=athlete)
    assignment = assign(athlete, people["coach"])
    log = log_workout(assignment, workouts_of(assignment)[0], on=START)
    PainPause.objects.create(athlete=athlete, reason="Pain stop: sharp, high, left")
    return {
        "people": people,
        "club": club,
        "team": first,
        "athlete": athlete,
        "assignment": assignment,
        "log": log,
        "track": assignment.tracks.first(),
    }


def client_for(club, role: str) -> Client:
    client = Client()
    if role != "nobody":
        client.force_login(club["people"][role])
    return client


# Pages: who reads them. Each role's expected answer.
READ_ALL = {"head": 200, "coach": 200, "physio": 200, "viewer": 200}
OUT_OF_REACH = {"other_coach": 404, "other_club": 404, "athlete": 403, "nobody": 302}

PAGES = {
    "board": lambda c: "/coach/",
    "athlete page": lambda c: f"/coach/athletes/{c['athlete'].pk}/",
    "athlete's messages": lambda c: f"/coach/athletes/{c['athlete'].pk}/messages/",
    "athlete's sets CSV": lambda c: f"/coach/athletes/{c['athlete'].pk}/export.csv",
    "athlete's own plan": lambda c: f"/coach/assignments/{c['assignment'].pk}/plan/",
    "team page": lambda c: f"/coach/teams/{c['team'].pk}/",
    "team calendar": lambda c: f"/coach/teams/{c['team'].pk}/calendar/",
    "team fixtures": lambda c: f"/coach/teams/{c['team'].pk}/fixtures/",
    "team strength tests": lambda c: f"/coach/teams/{c['team'].pk}/strength-tests/",
    "squad sets CSV": lambda c: f"/coach/teams/{c['team'].pk}/export.csv",
}


def page_expected(page: str, role: str) -> int:
    if page == "board":
        # The board lists what the seat shows: every seat reads it, its own club's athletes.
        return {**OUT_OF_REACH, **READ_ALL, "other_coach": 200, "other_club": 200}[role]
    return {**OUT_OF_REACH, **READ_ALL}[role]


@pytest.mark.parametrize("role", ROLES)
def test_who_reads_each_page(club, role):
    client = client_for(club, role)
    answers = {page: client.get(url(club)).status_code for page, url in PAGES.items()}
    assert answers == {page: page_expected(page, role) for page in PAGES}


@pytest.mark.parametrize("role", ["other_coach", "other_club"])
def test_the_board_of_a_seat_out_of_reach_leaves_the_athlete_out(club, role):
    page = client_for(club, role).get("/coach/").text
    assert f"/coach/athletes/{club['athlete'].pk}/" not in page


# Actions: who changes what. "ok" roles succeed (2xx or a redirect back to the coach's page);
# the rest are refused with the status shown, and the action's rows stay as they were.
TRAINING = {"head": "ok", "coach": "ok", "physio": 403, "viewer": 403}
HEALTH = {"head": "ok", "coach": "ok", "physio": "ok", "viewer": 403}
ELSEWHERE = {"other_coach": 404, "other_club": 404, "athlete": 403, "nobody": 302}


def comment(c):
    url = f"/coach/logs/{c['log'].pk}/comments/"
    return url, {"body": "Good session"}, lambda: Message.objects.filter(kind="message").count()


def band_set(c):
    url = f"/coach/tracks/{c['track'].pk}/band/"
    data = {"band": "none", "reason": "Strong enough"}
    return url, data, lambda: BandChange.objects.filter(decided_by="coach").count()


def assignment_pause(c):
    url = f"/coach/assignments/{c['assignment'].pk}/pause/"
    return url, {}, lambda: Assignment.objects.filter(status="paused").count()


def invite(c):
    url = f"/coach/teams/{c['team'].pk}/invite/"
    return url, {"emails": "new@example.com"}, lambda: Invite.objects.count()


def pause_clear(c):
    url = f"/coach/athletes/{c['athlete'].pk}/pain-pause/clear/"
    data = {"note": "Pain-free bridging; the physio saw her"}
    return url, data, lambda: PainPause.objects.filter(cleared_at__isnull=False).count()


# In this order: each touches its own rows, and pausing the program comes last.
ACTIONS = {
    "comment on a workout": (comment, TRAINING),
    "set a band by hand": (band_set, TRAINING),
    "invite an athlete": (invite, TRAINING),
    "clear a pain pause": (pause_clear, HEALTH),
    "pause a program": (assignment_pause, TRAINING),
}


@pytest.mark.parametrize("role", ROLES)
def test_who_does_each_action(club, role):
    client = client_for(club, role)
    done, wanted = {}, {}
    for action, (build, allowed) in ACTIONS.items():
        url, data, rows = build(club)
        before = rows()
        status = client.post(url, data).status_code
        expected = {**allowed, **ELSEWHERE}[role]
        wanted[action] = (expected, before + 1 if expected == "ok" else before)
        done[action] = ("ok" if status in (200, 302) and expected == "ok" else status, rows())
    assert done == wanted


@pytest.mark.parametrize(
    ("role", "expected"),
    [("head", 403), ("coach", 403), ("physio", "ok"), ("viewer", 403)],
)
def test_a_club_keeps_clearing_pain_pauses_to_its_physios(club, role, expected):
    club["club"].sign_off_physio_only = True
    club["club"].save(update_fields=["sign_off_physio_only"])
    url, data, rows = pause_clear(club)
    client = client_for(club, role)
    page = client.get(f"/coach/athletes/{club['athlete'].pk}/").text
    response = client.post(url, data)
    if expected == "ok":
        assert response.status_code == 302
        assert rows() == 1
        assert "Clear the pause" in page
    else:
        assert response.status_code == expected
        assert rows() == 0
        assert "Clear the pause" not in page
        assert "keeps clearing pain pauses and signing off stages to its physios" in page


@pytest.mark.parametrize(("role", "shown"), [("coach", True), ("physio", False), ("viewer", False)])
def test_a_role_that_reads_the_training_is_offered_no_form_to_change_it(club, role, shown):
    page = client_for(club, role).get(f"/coach/athletes/{club['athlete'].pk}/").text
    for form in ("Set the band by hand", "Enter a test", "Add comment", ">Pause<"):
        assert (form in page) is shown, (role, form)


def test_a_coach_who_leaves_the_club_sees_nothing_of_it(club):
    coach = club["people"]["coach"]
    Staff.objects.filter(user=coach).update(is_active=False)
    client = client_for(club, "coach")
    assert client.get("/coach/").status_code == 403
    assert client.get(f"/coach/athletes/{club['athlete'].pk}/").status_code == 403


def test_a_coach_reaches_no_program_copy_of_an_athlete_out_of_their_teams(club):
    """The club's programs are shared, but an athlete's copy only by those who see them."""
    copy = club["assignment"].program
    outsider = client_for(club, "other_coach")
    assert outsider.get(f"/programs/{copy.pk}/").status_code == 404
    renamed = outsider.post(f"/programs/{copy.pk}/details/", {"title": "Hijacked"})
    assert renamed.status_code == 404
    copy.refresh_from_db()
    assert copy.title != "Hijacked"
    assert "for Alex" not in outsider.get("/programs/").text
    assert client_for(club, "coach").get(f"/programs/{copy.pk}/").status_code == 200


def test_the_clubs_templates_are_listed_for_its_staff_and_edited_by_its_coaches(club):
    template = Program.objects.create(
        title="Pre-season Nordic", slug="pre-season", owner=club["people"]["coach"]
    )
    for role, editable in [("head", True), ("coach", True), ("physio", False), ("viewer", False)]:
        client = client_for(club, role)
        assert "Pre-season Nordic" in client.get("/programs/").text, role
        detail = client.get(f"/programs/{template.pk}/").text
        assert (f"/programs/{template.pk}/edit/" in detail) is editable, role
    assert "Pre-season Nordic" not in client_for(club, "other_club").get("/programs/").text


@pytest.mark.parametrize("role", ["physio", "viewer"])
def test_a_role_that_reads_the_training_measures_no_band(club, role):
    band = Band.objects.ladder().first()
    response = client_for(club, role).post(
        f"/bands/{band.pk}/measurement/",
        {f"band{band.pk}-tension": "10", f"band{band.pk}-length_cm": "30"},
    )
    assert response.status_code == 404
    assert not BandMeasurement.objects.exists()

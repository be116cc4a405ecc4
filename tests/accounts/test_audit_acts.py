"""Each staff action on an athlete's health data leaves one row in the club's audit trail, with
who did it, to whom and what: a pain pause cleared, a return-to-play stage signed off, each CSV
export, the athlete page opened on their pain stops or pain pause. An act refused (403, 404,
bad input, nothing to do) leaves none; an act that fails part-way leaves none either (the row
is written in the act's own transaction); someone with no seat in a club (a site admin) leaves
none, having no club to show it to."""

from datetime import UTC, date, datetime

import pytest

from accounts.audit import audit_record
from accounts.clubs import Staff, StaffRole
from accounts.records import AuditAction, AuditEvent
from coaching import actions
from logbook import services as logbook
from logbook.models import PainPause
from tests.accounts.audits import client_of, staff_member, trail
from tests.coaching.athletes import assign, workouts_of
from tests.conftest import make_user
from tests.programs.stages import assign_l_protocol, do_stage

CLUB = "Cora's club"
TODAY = date(2026, 10, 12)


@pytest.fixture(autouse=True)
def monday_12_october(time_machine):
    time_machine.move_to(datetime(2026, 10, 12, 12, tzinfo=UTC), tick=False)


@pytest.fixture
def physio(coach):
    return staff_member("phil", coach.seat.club, StaffRole.PHYSIO)


@pytest.fixture
def viewer(coach):
    return staff_member("vera", coach.seat.club, StaffRole.VIEWER)


@pytest.fixture
def pause(athlete) -> PainPause:
    return PainPause.objects.create(athlete=athlete, reason="Pain stop: sharp, high, left leg")


@pytest.fixture
def ready(library, athlete, coach):
    """The L-protocol's first stage done: ten sessions at pain 1, its gate holds."""
    assignment = assign_l_protocol(athlete, coach)
    do_stage(assignment, 1)
    return assignment


@pytest.fixture
def stopped(library, athlete, coach):
    """The athlete stopped today's first exercise for pain: a stop the coach has not answered."""
    assignment = assign(athlete, coach)
    workout = workouts_of(assignment)[0]
    log = logbook.workout_start(
        athlete=athlete, assignment=assignment, workout=workout, today=TODAY
    )
    exercise = workout.prescriptions.first().exercise
    return logbook.pain_stop_record(
        workout_log=log, exercise=exercise, side="left", where="high", kind="sharp"
    )


def pause_clear_url(athlete) -> str:
    return f"/coach/athletes/{athlete.pk}/pain-pause/clear/"


def sign_off_url(assignment) -> str:
    return f"/coach/assignments/{assignment.pk}/stage/sign-off/"


# Clearing a pain pause


def test_clearing_a_pause_records_who_cleared_whose(physio, athlete, pause):
    response = client_of(physio).post(pause_clear_url(athlete), {"note": "Pain-free bridging"})
    assert response.status_code == 302
    assert trail() == [(CLUB, "phil", "athlete", AuditAction.PAUSE_CLEARED, "")]


def test_the_note_typed_is_kept_out_of_the_trail(coach, athlete, pause):
    client_of(coach).post(pause_clear_url(athlete), {"note": "Saw Dr Jones about her knee"})
    assert PainPause.objects.get().note == "Saw Dr Jones about her knee"
    [event] = AuditEvent.objects.all()
    assert "Jones" not in event.detail


def test_clearing_twice_records_once(coach, athlete, pause):
    actions.pause_clear(pause=pause, by=coach, note="Seen")
    actions.pause_clear(pause=pause, by=coach, note="Seen again")
    assert len(trail()) == 1


@pytest.mark.parametrize("note", ["", "   "])
def test_a_clearance_without_a_note_records_nothing(coach, athlete, pause, note):
    client_of(coach).post(pause_clear_url(athlete), {"note": note})
    assert PainPause.objects.open().exists()
    assert trail() == []


def test_a_clearance_refused_to_a_viewer_records_nothing(viewer, athlete, pause):
    assert client_of(viewer).post(pause_clear_url(athlete), {"note": "Fine"}).status_code == 403
    assert trail() == []


def test_clearing_another_clubs_athlete_records_nothing(other_coach, athlete, pause):
    response = client_of(other_coach).post(pause_clear_url(athlete), {"note": "Fine"})
    assert response.status_code == 404
    assert trail() == []


def test_nothing_to_clear_records_nothing(coach, athlete):
    client_of(coach).post(pause_clear_url(athlete), {"note": "Fine"})
    assert trail() == []


# Signing off a stage


def test_signing_off_a_stage_records_the_stage(coach, athlete, ready):
    response = client_of(coach).post(sign_off_url(ready))
    assert response.status_code == 302
    assert trail() == [
        (CLUB, "coach", "athlete", AuditAction.STAGE_SIGNED_OFF, "Stage 1: The Extender")
    ]


def test_a_stage_not_ready_records_nothing(library, coach, athlete):
    assignment = assign_l_protocol(athlete, coach)
    client_of(coach).post(sign_off_url(assignment))
    assert not assignment.stage_openings.filter(signed_off_by__isnull=False).exists()
    assert trail() == []


def test_a_sign_off_refused_to_a_viewer_or_another_club_records_nothing(viewer, other_coach, ready):
    assert client_of(viewer).post(sign_off_url(ready)).status_code == 403
    assert client_of(other_coach).post(sign_off_url(ready)).status_code == 404
    assert trail() == []


# The act and its row commit together


class Planted(Exception):
    pass


def fail(*args, **kwargs):
    raise Planted


def test_a_clearance_that_fails_leaves_no_row(monkeypatch, coach, pause):
    monkeypatch.setattr(actions, "notice_post", fail)
    with pytest.raises(Planted):
        actions.pause_clear(pause=pause, by=coach, note="Seen")
    assert trail() == []


def test_a_sign_off_that_fails_leaves_no_row(monkeypatch, coach, ready):
    monkeypatch.setattr(actions, "notice_post", fail)
    with pytest.raises(Planted):
        actions.stage_sign_off(coach=coach, assignment=ready, today=TODAY)
    assert trail() == []


# CSV exports


EXPORTS = {
    "sets": lambda athlete, team: f"/coach/athletes/{athlete.pk}/export.csv",
    "strength tests": lambda athlete, team: f"/coach/athletes/{athlete.pk}/strength-tests.csv",
    "squad sets": lambda athlete, team: (
        f"/coach/teams/{team.pk}/export.csv?from=2026-09-14&to=2026-10-11"
    ),
    "squad strength tests": lambda athlete, team: f"/coach/teams/{team.pk}/strength-tests.csv",
}


@pytest.mark.parametrize(
    ("export", "whose", "detail"),
    [
        ("sets", "athlete", "sets"),
        ("strength tests", "athlete", "strength tests"),
        ("squad sets", None, "squad sets of Squad, 2026-09-14 to 2026-10-11"),
        ("squad strength tests", None, "squad strength tests of Squad"),
    ],
)
def test_each_export_records_what_it_held(physio, athlete, team, export, whose, detail):
    response = client_of(physio).get(EXPORTS[export](athlete, team))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert trail() == [(CLUB, "phil", whose, AuditAction.CSV_EXPORTED, detail)]


def test_a_squad_export_without_dates_records_the_last_28_days(coach, team):
    client_of(coach).get(f"/coach/teams/{team.pk}/export.csv")
    [event] = AuditEvent.objects.all()
    assert event.detail == "squad sets of Squad, 2026-09-15 to 2026-10-12"


def test_a_squad_export_with_bad_dates_records_nothing(coach, team):
    response = client_of(coach).get(f"/coach/teams/{team.pk}/export.csv?from=2026-10-11&to=x")
    assert response.status_code == 422
    assert trail() == []


def test_an_export_refused_records_nothing(client, other_coach, athlete, team):
    for export in EXPORTS.values():
        url = export(athlete, team)
        assert client_of(other_coach).get(url).status_code == 404
        assert client_of(athlete).get(url).status_code == 403
        client.logout()
        assert client.get(url).status_code == 302
    assert trail() == []


# Viewing pain stops


def test_opening_the_athlete_page_on_a_pain_stop_records_it(viewer, athlete, stopped):
    page = client_of(viewer).get(f"/coach/athletes/{athlete.pk}/")
    assert 'id="pain-stops"' in page.text
    events = trail()
    assert events[-1][:4] == (CLUB, "vera", "athlete", AuditAction.PAIN_STOP_VIEWED)
    assert len(events) == 1
    assert "1 pain stop" in events[-1][4]


def test_opening_the_athlete_page_on_a_pause_records_it(coach, athlete, pause):
    client_of(coach).get(f"/coach/athletes/{athlete.pk}/")
    assert trail() == [(CLUB, "coach", "athlete", AuditAction.PAIN_STOP_VIEWED, "the pain pause")]


def test_each_opening_is_a_row(coach, athlete, pause):
    for _ in range(2):
        client_of(coach).get(f"/coach/athletes/{athlete.pk}/")
    assert len(trail()) == 2


def test_a_page_without_pain_records_nothing(library, coach, athlete):
    assign(athlete, coach)
    assert client_of(coach).get(f"/coach/athletes/{athlete.pk}/").status_code == 200
    assert trail() == []


def test_another_clubs_athlete_page_records_nothing(other_coach, athlete, pause):
    assert client_of(other_coach).get(f"/coach/athletes/{athlete.pk}/").status_code == 404
    assert trail() == []


# Who the row belongs to


def test_the_row_goes_to_the_actors_club(coach, athlete):
    elsewhere = make_user("bea", is_coach=True)
    event = audit_record(actor=elsewhere, athlete=athlete, action=AuditAction.CSV_EXPORTED)
    assert event.club == elsewhere.seat.club
    assert trail() == [("bea's club", "bea", "athlete", AuditAction.CSV_EXPORTED, "")]


def test_someone_without_a_seat_leaves_no_row(staff, athlete, pause):
    assert actions.pause_clear(pause=pause, by=staff, note="Cleared in the admin").cleared_at
    assert audit_record(actor=staff, athlete=athlete, action=AuditAction.CSV_EXPORTED) is None
    assert trail() == []


def test_a_former_member_of_staff_leaves_no_row(coach, athlete):
    former = staff_member("fred", coach.seat.club, StaffRole.COACH)
    Staff.objects.filter(user=former).update(is_active=False)
    assert audit_record(actor=former, athlete=athlete, action=AuditAction.CSV_EXPORTED) is None
    assert not AuditEvent.objects.exists()

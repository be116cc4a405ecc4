"""A squad's exports: every set its athletes logged between two days, and every strength test
of the squad, as CSV in words a spreadsheet opens cleanly; bad dates answered next to their
field on the calendar page; the same queries for a squad of 2 and of 40."""

import csv
import io
import uuid
from datetime import UTC, date, datetime

import pytest

from accounts.models import Membership, Team
from catalogue.models import Band
from logbook import services as logbook
from logbook.models import StrengthTest
from programs.models import ProgramWeek
from tests.coaching.squads import squad_assign, squad_block, workout
from tests.conftest import make_user
from tests.logbook.reading import seen

pytestmark = pytest.mark.usefixtures("catalogue")

SETS_HEADER = [
    "athlete",
    "date",
    "program",
    "week",
    "workout",
    "exercise",
    "set",
    "side",
    "reps",
    "seconds",
    "band",
    "control",
    "RPE",
    "target reps",
    "target seconds",
]


@pytest.fixture(autouse=True)
def thursday_19_november(time_machine):
    time_machine.move_to(datetime(2026, 11, 19, 9, tzinfo=UTC), tick=False)


@pytest.fixture
def block(coach):
    return squad_block(coach)


def sets_url(team, query: str = "") -> str:
    return f"/coach/teams/{team.pk}/export.csv{query}"


def strength_tests_url(team) -> str:
    return f"/coach/teams/{team.pk}/strength-tests.csv"


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def nordics(assignment, on: date, sets: int = 1, week: int = 1):
    """The athlete logs `sets` sets of the week's Nordics on green, each rep near the floor."""
    session = workout(assignment, "Nordics", week)
    prescription = session.prescriptions.get()
    log = logbook.workout_start(
        athlete=assignment.athlete, assignment=assignment, workout=session, today=on
    )
    for number in range(1, sets + 1):
        logbook.set_log(
            workout_log=log,
            token=uuid.uuid4(),
            exercise_id=prescription.exercise_id,
            prescription=prescription,
            set_number=number,
            reps=7,
            band=Band.objects.get(name="Green"),
            rpe=8,
            control="late",
        )
    return log


def nordbord(athlete, on: date, left, right, body_mass=None) -> StrengthTest:
    return StrengthTest.objects.create(
        athlete=athlete,
        on_date=on,
        phase="in_season",
        method="nordbord",
        left=left,
        right=right,
        body_mass_kg=body_mass,
    )


def test_the_sets_export_has_a_row_per_set_of_the_squad_in_words(coach_client, coach, team, block):
    alba, blake = squad_assign(team, coach, block, ["Alba", "Blake"])
    nordics(alba, date(2026, 11, 17), sets=2)
    nordics(blake, date(2026, 11, 16))
    header, *rows = rows_of(coach_client.get(sets_url(team, "?from=2026-11-10&to=2026-11-19")))
    assert header == SETS_HEADER
    nordic = ["Squad block", "Week 1", "Nordics", "Band-assisted Nordic curl"]
    set_values = ["Both", "7", "", "Green", "Near the floor", "8", "8", ""]
    assert rows == [
        ["Blake", "2026-11-16", *nordic, "1", *set_values],
        ["Alba", "2026-11-17", *nordic, "1", *set_values],
        ["Alba", "2026-11-17", *nordic, "2", *set_values],
    ]


def test_a_repeating_week_is_named_with_its_turn(coach_client, coach, team, block):
    (alba,) = squad_assign(team, coach, block, ["Alba"])
    ProgramWeek.objects.filter(program=alba.program, number=4).update(is_maintenance=True)
    session = workout(alba, "Nordics", week=4)
    log = logbook.workout_start(
        athlete=alba.athlete,
        assignment=alba,
        workout=session,
        today=date(2026, 11, 16),
        occurrence=2,
    )
    log.sets.create(exercise_id=session.prescriptions.get().exercise_id, set_number=1, reps=8)
    (row,) = rows_of(coach_client.get(sets_url(team, "?from=2026-11-16&to=2026-11-16")))[1:]
    assert row[2:5] == ["Squad block", "Maintenance, week 2", "Nordics"]


def test_it_keeps_to_the_days_asked(coach_client, coach, team, block):
    (alba,) = squad_assign(team, coach, block, ["Alba"])
    nordics(alba, date(2026, 11, 16))
    nordics(alba, date(2026, 11, 23), week=2)
    rows = rows_of(coach_client.get(sets_url(team, "?from=2026-11-17&to=2026-11-23")))[1:]
    assert [row[1] for row in rows] == ["2026-11-23"]
    rows = rows_of(coach_client.get(sets_url(team, "?from=2026-11-16&to=2026-11-16")))[1:]
    assert [row[1] for row in rows] == ["2026-11-16"]


def test_without_dates_it_exports_the_last_28_days(coach_client, coach, team, block):
    alba, blake = squad_assign(team, coach, block, ["Alba", "Blake"])
    nordics(alba, date(2026, 10, 22))  # 28 days ago: outside
    nordics(blake, date(2026, 10, 23))  # 27 days ago: inside
    response = coach_client.get(sets_url(team))
    assert response["Content-Disposition"] == (
        'attachment; filename="sets-squad-2026-10-23-to-2026-11-19.csv"'
    )
    assert [row[:2] for row in rows_of(response)[1:]] == [["Blake", "2026-10-23"]]


def test_other_teams_and_former_members_are_left_out(coach_client, coach, team, block):
    alba, gone = squad_assign(team, coach, block, ["Alba", "Gone"])
    (other,) = squad_assign(
        Team.objects.create(coach=coach, name="Reserves"), coach, block, ["Rex"]
    )
    for assignment in (alba, gone, other):
        nordics(assignment, date(2026, 11, 16))
    Membership.objects.filter(athlete=gone.athlete).update(is_active=False)
    rows = rows_of(coach_client.get(sets_url(team, "?from=2026-11-01&to=2026-11-19")))[1:]
    assert [row[0] for row in rows] == ["Alba"]


def test_another_coachs_sessions_of_a_shared_athlete_stay_out(
    client, coach, team, block, other_coach
):
    (alba,) = squad_assign(team, coach, block, ["Alba"])
    nordics(alba, date(2026, 11, 16))
    club = Team.objects.create(coach=other_coach, name="Club")
    club.memberships.create(athlete=alba.athlete)
    client.force_login(other_coach)
    assert rows_of(client.get(sets_url(club, "?from=2026-11-01&to=2026-11-19"))) == [SETS_HEADER]


def test_cells_a_spreadsheet_would_run_are_kept_as_text(coach_client, coach, team, block):
    (alba,) = squad_assign(team, coach, block, ["=HYPERLINK(1)"])
    nordics(alba, date(2026, 11, 16))
    session = workout(alba, "Nordics")
    session.title = "@SUM(A1)"
    session.save(update_fields=["title"])
    nordbord(alba.athlete, date(2026, 11, 2), 300, 280)
    (row,) = rows_of(coach_client.get(sets_url(team, "?from=2026-11-01&to=2026-11-19")))[1:]
    assert (row[0], row[4]) == ("'=HYPERLINK(1)", "'@SUM(A1)")
    assert rows_of(coach_client.get(strength_tests_url(team)))[1][0] == "'=HYPERLINK(1)"


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("?from=2026-02-30&to=2026-11-19", "From", "Give a date as YYYY-MM-DD."),
        ("?from=19/11/2026&to=2026-11-19", "From", "Give a date as YYYY-MM-DD."),
        ("?from=2026-11-19&to=2026-11-01", "To", "Give a last day on or after the first."),
        ("?from=1900-01-01&to=2026-11-19", "From", "Give a date from 11 Nov 2016 to 20 Nov 2027."),
        ("?from=2026-11-01", "To", "Give the last day."),
        ("?from=&to=2026-11-19", "From", "Give the first day."),
    ],
)
def test_bad_dates_are_answered_next_to_their_field(coach_client, team, query, field, message):
    response = coach_client.get(sets_url(team, query))
    assert response.status_code == 422
    assert response["Content-Type"].startswith("text/html")
    text = seen(response.text)
    assert f"{field} " in text
    assert f'<label for="id_{field.lower()}">{field}</label>' in response.text
    field_html = response.text.split(f'<label for="id_{field.lower()}">')[1].split("</div>")[0]
    assert message in field_html
    assert "Calendar: Squad" in text  # the page the form is on


def test_the_calendar_offers_both_exports(coach_client, team):
    html = coach_client.get(f"/coach/teams/{team.pk}/calendar/").text
    assert f'action="/coach/teams/{team.pk}/export.csv#squad-export"' in html
    assert 'name="from" value="2026-10-23"' in html
    assert 'name="to" value="2026-11-19"' in html
    assert f'href="/coach/teams/{team.pk}/strength-tests.csv"' in html


def test_the_strength_tests_export_gives_each_test_of_the_squad_in_words_and_n_per_kg(
    coach_client, coach, team, block
):
    alba, blake = squad_assign(team, coach, block, ["Alba", "Blake"])
    nordbord(alba.athlete, date(2026, 11, 2), 300, 270, body_mass=80)
    nordbord(blake.athlete, date(2026, 11, 2), 250, 300)
    (rex,) = squad_assign(Team.objects.create(coach=coach, name="Reserves"), coach, block, ["Rex"])
    nordbord(rex.athlete, date(2026, 11, 2), 250, 300)
    response = coach_client.get(strength_tests_url(team))
    assert response["Content-Disposition"] == (
        'attachment; filename="strength-tests-squad-2026-11-19.csv"'
    )
    header, *rows = rows_of(response)
    assert header[:4] == ["athlete", "date", "phase", "method"]
    assert header[8:11] == ["left (N/kg)", "right (N/kg)", "imbalance (%)"]
    assert rows == [
        [
            "Alba",
            "2026-11-02",
            "In season",
            "NordBord",
            "300.0",
            "270.0",
            "N",
            "80.0",
            "3.8",
            "3.4",
            "10",
            "",
        ],
        [
            "Blake",
            "2026-11-02",
            "In season",
            "NordBord",
            "250.0",
            "300.0",
            "N",
            "",
            "",
            "",
            "17",
            "",
        ],
    ]


@pytest.mark.parametrize("url", [sets_url, strength_tests_url])
def test_an_export_is_kept_out_of_shared_caches(coach_client, team, url):
    response = coach_client.get(url(team))
    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


@pytest.mark.parametrize("url", [sets_url, strength_tests_url])
def test_another_coachs_team_is_not_found(client, other_coach, team, url):
    client.force_login(other_coach)
    assert client.get(url(team)).status_code == 404
    assert client.get(url(Team(pk=999999))).status_code == 404


@pytest.mark.parametrize("url", [sets_url, strength_tests_url])
def test_an_export_is_for_the_teams_coach_only(client, athlete_client, team, url):
    assert athlete_client.get(url(team)).status_code == 403
    client.logout()
    assert client.get(url(team))["Location"].startswith("/accounts/login/")


def squads_of_2_and_40(coach, team, block):
    big = Team.objects.create(coach=coach, name="Big squad")
    for squad, size in ((team, 2), (big, 40)):
        members = squad_assign(squad, coach, block, [f"{squad.name[:3]}{n}" for n in range(size)])
        for assignment in members:
            nordics(assignment, date(2026, 11, 16), sets=2)
            nordbord(assignment.athlete, date(2026, 11, 2), 300, 280, body_mass=80)
    make_user("loner")
    return big


@pytest.mark.parametrize(("url", "rows_per_athlete"), [(sets_url, 2), (strength_tests_url, 1)])
def test_it_runs_the_same_queries_for_a_squad_of_2_and_of_40(
    coach_client, coach, team, block, django_assert_num_queries, url, rows_per_athlete
):
    big = squads_of_2_and_40(coach, team, block)
    for squad, size in ((team, 2), (big, 40)):
        with django_assert_num_queries(QUERIES):
            rows = rows_of(coach_client.get(url(squad)))
        assert len(rows) == 1 + size * rows_per_athlete


QUERIES = 4  # user, team, the audit row, the rows

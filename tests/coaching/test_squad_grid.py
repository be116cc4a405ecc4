"""The squad grid on the team calendar: athletes down, the days of four weeks across (this
week and the three after), each cell what became of the day's workouts as a letter and in
words beside its colour, and a link to it; the same queries for a squad of 2 and of 40."""

from datetime import UTC, date, datetime

import pytest

from accounts.models import Team
from logbook import actions as logbook_actions
from logbook import services as logbook
from logbook.models import PainPause
from programs import assignments
from programs.models import Fixture
from tests.coaching.squads import cells_of, grid_of, squad_assign, squad_block, workout
from tests.conftest import make_user

pytestmark = pytest.mark.usefixtures("catalogue")

TODAY = date(2026, 11, 19)  # a Thursday: the grid runs from Monday 16 Nov to Sunday 13 Dec
FIRST = date(2026, 11, 16)


def col(day: int, month: int = 11) -> int:
    """The grid's column of a day of 2026 (0 is Monday 16 November)."""
    return (date(2026, month, day) - FIRST).days


@pytest.fixture(autouse=True)
def thursday_19_november(time_machine):
    time_machine.move_to(datetime(2026, 11, 19, 9, tzinfo=UTC), tick=False)


@pytest.fixture
def block(coach):
    return squad_block(coach)


def url(team) -> str:
    return f"/coach/teams/{team.pk}/calendar/"


def done(assignment, title: str, on: date):
    log = logbook.workout_start(
        athlete=assignment.athlete,
        assignment=assignment,
        workout=workout(assignment, title),
        today=on,
    )
    logbook.workout_finish(workout_log=log, rpe=7, pain=0)
    return log


def pain_pause(athlete, on: date) -> PainPause:
    return PainPause.objects.create(
        athlete=athlete,
        reason="Pain 6/10",
        raised_at=datetime.combine(on, datetime.min.time(), UTC),
    )


def test_it_shows_an_athlete_a_row_and_a_day_a_column_for_four_weeks(
    coach_client, coach, team, block
):
    squad_assign(team, coach, block, ["Blake", "Alba"])
    reader = grid_of(coach_client.get(url(team)).text)
    assert reader.headers[0] == "Athlete"
    days = reader.headers[1:]
    assert len(days) == 28
    assert (days[0], days[3], days[-1]) == ("Mo 16", "Th 19", "Su 13")
    assert list(reader.rows) == ["Alba", "Blake"]  # by name
    assert all(len(cells) == 28 for cells in reader.rows.values())


def test_each_cell_gives_the_workouts_state_as_a_letter_and_in_words(
    coach_client, coach, team, block
):
    alba, blake, _, drew = squad_assign(team, coach, block, ["Alba", "Blake", "Casey", "Drew"])
    done(alba, "Nordics", date(2026, 11, 16))
    logbook_actions.workout_skip(
        athlete=blake.athlete,
        assignment=blake,
        workout=workout(blake, "Nordics"),
        today=TODAY,
    )
    logbook.workout_start(
        athlete=blake.athlete, assignment=blake, workout=workout(blake, "Bridges"), today=TODAY
    )
    assignments.assignment_pause(assignment=drew, today=date(2026, 11, 18))
    html = coach_client.get(url(team)).text
    alba_row, blake_row = cells_of(html, "Alba"), cells_of(html, "Blake")
    casey_row, drew_row = cells_of(html, "Casey"), cells_of(html, "Drew")
    assert alba_row[col(16)] == "D Done: Nordics"
    assert alba_row[col(19)] == "T To do: Bridges"
    assert alba_row[col(23)] == "T To do: Nordics"
    assert blake_row[col(16)] == "S Skipped: Nordics"
    assert blake_row[col(19)] == "B Begun, not finished: Bridges"
    assert casey_row[col(16)] == "M Missed: Nordics"
    assert drew_row[col(16)] == "M Missed: Nordics"
    assert drew_row[col(19)] == "P Paused: Bridges"
    assert drew_row[col(23)] == "P Paused: Nordics"
    # Rest days are blank.
    assert alba_row[col(17)] == alba_row[col(18)] == alba_row[col(20)] == ""


def test_a_done_workout_sits_on_the_day_it_was_done(coach_client, coach, team, block):
    (alba,) = squad_assign(team, coach, block, ["Alba"])
    done(alba, "Nordics", date(2026, 11, 17))
    row = cells_of(coach_client.get(url(team)).text, "Alba")
    assert (row[col(16)], row[col(17)]) == ("", "D Done: Nordics")


def test_a_pain_pause_pauses_the_eccentric_workouts_only(coach_client, coach, team, block):
    (casey,) = squad_assign(team, coach, block, ["Casey"])
    pain_pause(casey.athlete, date(2026, 11, 17))
    row = cells_of(coach_client.get(url(team)).text, "Casey")
    assert row[col(16)] == "M Missed: Nordics"  # before the pause
    assert row[col(19)] == "T To do: Bridges"  # no eccentric work in it
    assert row[col(23)] == row[col(30)] == row[col(7, 12)] == "P Paused: Nordics"


def test_a_cleared_pain_pause_pauses_only_the_days_it_was_open(coach_client, coach, team, block):
    (casey,) = squad_assign(team, coach, block, ["Casey"])
    pause = pain_pause(casey.athlete, date(2026, 11, 10))
    pause.cleared_at = datetime(2026, 11, 18, 9, tzinfo=UTC)
    pause.cleared_by, pause.note = coach, "Pain-free walking"
    pause.save()
    row = cells_of(coach_client.get(url(team)).text, "Casey")
    assert row[col(16)] == "P Paused: Nordics"
    assert row[col(23)] == "T To do: Nordics"


def test_a_match_day_shows_in_every_athletes_row(coach_client, coach, team, block):
    squad_assign(team, coach, block, ["Alba", "Blake"])
    Fixture.objects.create(team=team, date=date(2026, 11, 21), label="v Rovers")
    Fixture.objects.create(team=team, date=date(2026, 11, 26), label="v City")
    html = coach_client.get(url(team)).text
    for name in ("Alba", "Blake"):
        row = cells_of(html, name)
        assert row[col(21)] == "MD Match day: v Rovers"
        assert row[col(26)] == "MD Match day: v City T To do: Bridges"


def test_a_member_without_a_program_has_a_row_of_rest_and_match_days(
    coach_client, coach, team, block, athlete
):
    squad_assign(team, coach, block, ["Blake"])
    Fixture.objects.create(team=team, date=date(2026, 11, 21), label="v Rovers")
    row = cells_of(coach_client.get(url(team)).text, "Alex")
    assert row[col(21)] == "MD Match day: v Rovers"
    assert [cell for n, cell in enumerate(row) if n != col(21)] == [""] * 27


def test_a_click_opens_the_log_when_done_else_the_athletes_program(
    coach_client, coach, team, block
):
    (alba,) = squad_assign(team, coach, block, ["Alba"])
    log = done(alba, "Nordics", date(2026, 11, 16))
    cells = grid_of(coach_client.get(url(team)).text).rows["Alba"]
    page = f"/coach/athletes/{alba.athlete_id}/"
    assert cells[col(16)][1] == [f"{page}#log-{log.pk}"]
    assert cells[col(19)][1] == [f"{page}#assignment-{alba.pk}"]
    assert f'href="{page}"' in coach_client.get(url(team)).text  # the athlete's name


def test_the_legend_gives_each_letter_in_words(coach_client, team):
    html = coach_client.get(url(team)).text
    legend = html.split('class="grid-legend"')[1].split("</ul>")[0]
    for letter, words in [
        ("D", "Done"),
        ("B", "Begun, not finished"),
        ("M", "Missed"),
        ("S", "Skipped"),
        ("T", "To do"),
        ("P", "Paused"),
        ("MD", "Match day"),
    ]:
        assert f">{letter}</span> {words}</li>" in legend


def test_it_moves_four_weeks_back_and_forward(coach_client, coach, team, block):
    squad_assign(team, coach, block, ["Alba"])
    html = coach_client.get(url(team)).text
    assert f'href="{url(team)}?from=2026-10-19"' in html
    assert f'href="{url(team)}?from=2026-12-14"' in html
    later = grid_of(coach_client.get(url(team) + "?from=2026-12-14").text)
    assert (later.headers[1], later.headers[-1]) == ("Mo 14", "Su 10")
    assert later.rows["Alba"][0][0] == ""  # the block ended on 13 Dec


def test_a_day_inside_a_week_starts_the_grid_on_its_monday(coach_client, team):
    reader = grid_of(coach_client.get(url(team) + "?from=2026-11-26").text)
    assert reader.headers[1] == "Mo 23"


@pytest.mark.parametrize(
    "value",
    ["2026-02-30", "20261116", "2026-11-16T00:00", "2026-W47-1", "16/11/2026", "1900-01-06", ""],
)
def test_a_bad_from_gives_this_weeks_grid(coach_client, team, value):
    response = coach_client.get(url(team) + f"?from={value}")
    assert response.status_code == 200
    assert grid_of(response.text).headers[1] == "Mo 16"


def test_another_coachs_team_is_not_found(client, other_coach, coach, team, block):
    squad_assign(team, coach, block, ["Alba"])
    client.force_login(other_coach)
    response = client.get(url(team))
    assert response.status_code == 404
    assert "Alba" not in response.text


def test_another_coachs_program_of_a_shared_athlete_stays_out(
    client, coach, team, block, other_coach
):
    (alba,) = squad_assign(team, coach, block, ["Alba"])
    club = Team.objects.create(coach=other_coach, name="Club")
    club.memberships.create(athlete=alba.athlete)
    client.force_login(other_coach)
    row = cells_of(client.get(url(club)).text, "Alba")
    assert row == [""] * 28


def test_it_runs_the_same_queries_for_a_squad_of_2_and_of_40(
    coach_client, coach, team, block, django_assert_num_queries
):
    """Every kind of cell in both squads: a done workout, a skip, a pain pause, a paused
    assignment and a match."""
    big = Team.objects.create(coach=coach, name="Big squad")
    for squad, size in ((team, 2), (big, 40)):
        members = squad_assign(squad, coach, block, [f"{squad.name[:3]}{n}" for n in range(size)])
        done(members[0], "Nordics", date(2026, 11, 16))
        pain_pause(members[0].athlete, date(2026, 11, 17))
        logbook_actions.workout_skip(
            athlete=members[1].athlete,
            assignment=members[1],
            workout=workout(members[1], "Nordics"),
            today=TODAY,
        )
        assignments.assignment_pause(assignment=members[1], today=date(2026, 11, 18))
        Fixture.objects.create(team=squad, date=date(2026, 11, 21), label="v Rovers")
    make_user("loner")  # not in either squad
    with django_assert_num_queries(QUERIES):
        small = coach_client.get(url(team))
    with django_assert_num_queries(QUERIES):
        large = coach_client.get(url(big))
    assert len(grid_of(small.text).rows) == 2
    rows = grid_of(large.text).rows
    assert len(rows) == 40
    assert all(cells[col(21)][0].startswith("MD") for cells in rows.values())
    assert sum(cells[col(23)][0] == "T To do: Nordics" for cells in rows.values()) == 38


QUERIES = 12

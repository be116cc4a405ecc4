"""Strength tests: a squad's in one form, one athlete's on their page, a CSV; each test read in
N, N/kg and imbalance, and flagged by the team's sport and the test's phase."""

import csv
import io
import time
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from logbook.models import Flag, StrengthTest

pytestmark = pytest.mark.usefixtures("catalogue")
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def monday(time_machine):
    time_machine.move_to(datetime(2026, 11, 23, 9, tzinfo=UTC), tick=False)


@pytest.fixture
def afl(team):
    team.sport = "australian_football"
    team.save(update_fields=["sport"])
    return team


def squad_post(athletes, rows, *, phase="preseason_start", on="2026-11-23") -> dict:
    data = {
        "on_date": on,
        "phase": phase,
        "row-TOTAL_FORMS": len(athletes),
        "row-INITIAL_FORMS": len(athletes),
    }
    for index, (athlete, row) in enumerate(zip(athletes, rows, strict=True)):
        data[f"row-{index}-athlete"] = athlete.pk
        data[f"row-{index}-method"] = row.get("method", "nordbord")
        for field in ("left", "right", "body_mass"):
            data[f"row-{index}-{field}"] = row.get(field, "")
    return data


def test_the_squad_form_lists_a_row_per_athlete(coach_client, afl, athlete):
    response = coach_client.get(f"/coach/teams/{afl.pk}/strength-tests/")
    assert response.status_code == 200
    assert "Alex" in response.text and 'name="row-0-left"' in response.text


def test_a_squads_results_are_saved_and_a_weak_leg_is_flagged(coach_client, coach, afl, athlete):
    data = squad_post([athlete], [{"left": "310", "right": "240", "body_mass": "80"}])
    response = coach_client.post(f"/coach/teams/{afl.pk}/strength-tests/", data)
    assert response["Location"] == "/coach/"
    test = StrengthTest.objects.get()
    assert (test.left, test.right, test.entered_by, test.phase) == (
        310,
        240,
        coach,
        "preseason_start",
    )
    kinds = set(Flag.objects.filter(athlete=athlete).values_list("kind", flat=True))
    assert kinds == {"low_strength", "imbalance"}  # 240 N < 256 N (Opar 2015); 23% weaker
    board = coach_client.get("/coach/").text
    summary = board.split('<details class="row-flags"')[1].split("</summary>")[0]
    assert "Low strength" in summary and "Left/right imbalance" in summary


def test_a_strong_even_squad_raises_no_flag(coach_client, afl, athlete):
    data = squad_post([athlete], [{"left": "330", "right": "320"}], phase="preseason_end")
    coach_client.post(f"/coach/teams/{afl.pk}/strength-tests/", data)
    assert not Flag.objects.exists()


def test_the_same_force_is_low_for_a_soccer_team(coach_client, team, athlete):
    team.sport = "soccer"
    team.save(update_fields=["sport"])
    data = squad_post([athlete], [{"left": "300", "right": "300"}])
    coach_client.post(f"/coach/teams/{team.pk}/strength-tests/", data)
    assert Flag.objects.get().kind == "low_strength"  # under 337 N (Timmins 2016)


def test_a_soccer_team_has_no_low_strength_line_at_the_end_of_pre_season(
    coach_client, team, athlete
):
    """Timmins 2016 tested at the start of pre-season only; the page says so."""
    team.sport = "soccer"
    team.save(update_fields=["sport"])
    data = squad_post([athlete], [{"left": "300", "right": "300"}], phase="preseason_end")
    coach_client.post(f"/coach/teams/{team.pk}/strength-tests/", data)
    assert not Flag.objects.exists()
    page = coach_client.get(f"/coach/athletes/{athlete.pk}/").text
    assert "the soccer study (Timmins 2016) tested at its start only" in page


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ({"left": "-5", "right": "300"}, "left", "A test value cannot be negative."),
        ({"left": "300"}, "right", "A NordBord test has a force for each leg."),
        ({"method": "breakpoint", "left": "95"}, "left", "The knee angle is 0 (flat on the floor)"),
        ({"method": "breakpoint", "left": "40", "right": "40"}, "right", "Leave right empty"),
        ({"left": "²", "right": "300"}, "left", "Enter a number."),
        ({"left": "300", "right": "9" * 12}, "right", "Ensure that there are no more than"),
    ],
)
def test_bad_values_are_refused_next_to_the_field(coach_client, afl, athlete, row, field, message):
    response = coach_client.post(
        f"/coach/teams/{afl.pk}/strength-tests/", squad_post([athlete], [row])
    )
    assert response.status_code == 422
    assert message in response.text
    assert not StrengthTest.objects.exists()


def test_an_empty_squad_form_says_so(coach_client, afl, athlete):
    response = coach_client.post(
        f"/coach/teams/{afl.pk}/strength-tests/", squad_post([athlete], [{}])
    )
    assert response.status_code == 422
    assert "Enter at least one athlete&#x27;s result." in response.text


def test_a_row_for_someone_outside_the_team_is_refused(coach_client, afl, athlete, outsider):
    data = squad_post([outsider], [{"left": "300", "right": "300"}])
    response = coach_client.post(f"/coach/teams/{afl.pk}/strength-tests/", data)
    assert response.status_code == 422
    assert "This athlete is not in the team." in response.text
    assert not StrengthTest.objects.exists()


def test_another_coachs_team_is_404_and_login_is_required(client, coach_client, other_coach):
    from accounts.models import Team

    theirs = Team.objects.create(coach=other_coach, name="Theirs")
    assert coach_client.get(f"/coach/teams/{theirs.pk}/strength-tests/").status_code == 404
    client.logout()
    response = client.get(f"/coach/teams/{theirs.pk}/strength-tests/")
    assert response["Location"].startswith("/accounts/login/")


def test_one_athletes_test_on_their_page_with_a_drop_and_a_chart(coach_client, afl, athlete):
    url = f"/coach/athletes/{athlete.pk}/strength-tests/"
    coach_client.post(
        url,
        {
            "on_date": "2026-09-01",
            "phase": "preseason_start",
            "method": "nordbord",
            "left": "380",
            "right": "370",
        },
    )
    later = {
        "on_date": "2026-11-20",
        "phase": "in_season",
        "method": "nordbord",
        "left": "290",
        "right": "365",
    }
    response = coach_client.post(url, later)
    assert response["Location"] == f"/coach/athletes/{athlete.pk}/#strength"
    assert Flag.objects.filter(kind="strength_drop").exists()  # 90 N: more than 76 N of noise
    page = coach_client.get(f"/coach/athletes/{athlete.pk}/").text
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="tests-chart"' in page
    assert "Left 290 N" in page


def test_a_bad_test_on_the_athlete_page_is_refused_in_place(coach_client, afl, athlete):
    response = coach_client.post(
        f"/coach/athletes/{athlete.pk}/strength-tests/",
        {"on_date": "2026-11-20", "phase": "in_season", "method": "breakpoint", "left": "120"},
    )
    assert response.status_code == 422
    assert "The knee angle is 0 (flat on the floor) to 90 (kneeling)." in response.text
    assert not StrengthTest.objects.exists()


def test_another_coachs_athlete_is_404(coach_client, outsider):
    url = f"/coach/athletes/{outsider.pk}/strength-tests/"
    response = coach_client.post(
        url, {"on_date": "2026-11-20", "phase": "in_season", "method": "distance", "left": "40"}
    )
    assert response.status_code == 404
    assert coach_client.get(f"/coach/athletes/{outsider.pk}/strength-tests.csv").status_code == 404


def test_the_tests_export_opens_in_a_spreadsheet(coach_client, coach, afl, athlete):
    StrengthTest.objects.create(
        athlete=athlete,
        on_date=date(2026, 11, 2),
        phase="in_season",
        method="nordbord",
        left=300,
        right=280,
        entered_by=coach,
        note="=HYPERLINK()",
    )
    response = coach_client.get(f"/coach/athletes/{athlete.pk}/strength-tests.csv")
    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
    assert rows[0][:6] == ["athlete", "date", "phase", "method", "left", "right"]
    assert rows[1][:6] == ["Alex", "2026-11-02", "In season", "NordBord", "300.0", "280.0"]
    assert rows[1][-1] == "'=HYPERLINK()"


# -- Dates, body masses and rows that are not a squad's ----------------------------------------


@pytest.mark.parametrize("on", ["0001-01-01", "9999-12-31", "2026-11-24", "2021-11-01"])
def test_a_test_date_before_five_years_ago_or_after_today_is_refused(
    coach_client, afl, athlete, on
):
    row = {"left": "300", "right": "300"}
    squad = coach_client.post(
        f"/coach/teams/{afl.pk}/strength-tests/", squad_post([athlete], [row], on=on)
    )
    single = coach_client.post(
        f"/coach/athletes/{athlete.pk}/strength-tests/",
        {"on_date": on, "phase": "in_season", "method": "nordbord", "left": "300", "right": "300"},
    )
    for response in (squad, single):
        assert response.status_code == 422
        assert "Give a date from 19 Nov 2021 to today." in response.text
    assert not StrengthTest.objects.exists()


@pytest.mark.parametrize("mass", ["1", "19.9", "301", "-80"])
def test_a_body_mass_outside_20_to_300_kg_is_refused(coach_client, afl, athlete, mass):
    row = {"left": "300", "right": "300", "body_mass": mass}
    response = coach_client.post(
        f"/coach/teams/{afl.pk}/strength-tests/", squad_post([athlete], [row])
    )
    assert response.status_code == 422
    assert "Enter a body mass between 20 and 300 kg, or leave it empty." in response.text
    assert not StrengthTest.objects.exists()


def test_a_coach_who_reads_lb_types_body_masses_in_lb(coach_client, coach, afl, athlete):
    coach.units = "lb"
    coach.save(update_fields=["units"])
    athlete.body_mass_kg = Decimal("80")
    athlete.save(update_fields=["body_mass_kg"])
    page = coach_client.get(f"/coach/teams/{afl.pk}/strength-tests/").text
    assert "Body mass (lb)" in page and "Body mass (kg)" not in page
    assert 'value="176.4"' in page  # 80 kg
    row = {"left": "320", "right": "320", "body_mass": "180"}
    coach_client.post(f"/coach/teams/{afl.pk}/strength-tests/", squad_post([athlete], [row]))
    assert StrengthTest.objects.get().body_mass_kg == Decimal("81.6")  # 180 lb, not 180 kg
    single = coach_client.post(
        f"/coach/athletes/{athlete.pk}/strength-tests/",
        {
            "on_date": "2026-11-20",
            "phase": "in_season",
            "method": "nordbord",
            "left": "320",
            "right": "320",
            "body_mass": "30",
        },
    )
    assert single.status_code == 422
    assert "Enter a body mass between 45 and 661 lb, or leave it empty." in single.text


def test_a_post_claiming_a_hundred_thousand_rows_is_refused_at_once(coach_client, afl, athlete):
    data = squad_post([athlete], [{"left": "300", "right": "300"}])
    data["row-TOTAL_FORMS"] = "100000"
    started = time.monotonic()
    response = coach_client.post(f"/coach/teams/{afl.pk}/strength-tests/", data)
    assert time.monotonic() - started < 2
    assert response.status_code == 422
    assert "The team has 1 athlete: reload the page and enter the tests again." in response.text
    assert len(response.content) < 100_000
    assert not StrengthTest.objects.exists()

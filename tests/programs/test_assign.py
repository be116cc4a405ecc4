from datetime import date

import pytest

from accounts.models import Membership
from catalogue.models import Band
from programs.models import Assignment, BandChange, BandTrack, Program
from tests.conftest import make_user

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture
def nordic(library) -> Program:
    return Program.objects.library().get(slug="band-assisted-nordic")


@pytest.fixture
def teammate(team):
    athlete = make_user("teammate", first_name="Tam")
    Membership.objects.create(team=team, athlete=athlete)
    return athlete


def url(program) -> str:
    return f"/programs/{program.pk}/assign/"


def test_it_shows_the_form(coach_client, nordic, team):
    response = coach_client.get(url(nordic))
    assert response.status_code == 200
    assert f'value="team-{team.pk}"' in response.text


def test_it_requires_a_coach(client, athlete, nordic):
    assert client.get(url(nordic))["Location"].startswith("/accounts/login/")
    client.force_login(athlete)
    assert client.get(url(nordic)).status_code == 403


def test_another_coachs_template_and_an_athletes_copy_are_404(coach_client, other_coach, nordic):
    from programs import services

    theirs = services.program_copy(program=nordic, owner=other_coach)
    assert coach_client.get(url(theirs)).status_code == 404
    copy = services.program_copy(program=nordic, owner=other_coach, is_template=False)
    assert coach_client.get(url(copy)).status_code == 404


def test_choosing_a_team_prefills_each_athletes_starting_band(
    coach_client, nordic, team, athlete, teammate
):
    response = coach_client.get(url(nordic), {"target": f"team-{team.pk}"})
    form = response.context["form"]
    fields = form.band_fields()
    assert len(fields) == 2  # two athletes, one band rule
    green = Band.objects.get(name="Green")
    assert all(field.initial == green for field in fields)
    assert "Alex: Band-assisted Nordic curl" in response.text


def test_htmx_gets_only_the_starting_bands(coach_client, nordic, team, athlete):
    response = coach_client.get(
        url(nordic), {"target": f"team-{team.pk}"}, headers={"HX-Request": "true"}
    )
    assert response.text.lstrip().startswith('<fieldset id="start-bands"')
    assert "<html" not in response.text


def test_assigning_a_team_copies_the_program_for_each_athlete(
    coach_client, coach, nordic, team, athlete, teammate
):
    purple = Band.objects.get(name="Purple")
    nordic_curl_id = nordic.band_rules.get().exercise_id
    response = coach_client.post(
        url(nordic),
        {
            "target": f"team-{team.pk}",
            "start_date": "2026-11-23",
            f"band-{athlete.pk}-{nordic_curl_id}": Band.objects.get(name="Green").pk,
            f"band-{teammate.pk}-{nordic_curl_id}": purple.pk,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/coach/"
    assignments = Assignment.objects.filter(template=nordic)
    assert {a.athlete for a in assignments} == {athlete, teammate}
    for assignment in assignments:
        assert assignment.program != nordic
        assert assignment.program.owner == coach and not assignment.program.is_template
        assert assignment.program.weeks.count() == 11  # and its maintenance week
        assert assignment.start_date == date(2026, 11, 23)
    tracks = {t.assignment.athlete: t.band.name for t in BandTrack.objects.all()}
    assert tracks == {athlete: "Green", teammate: "Purple"}
    assert BandChange.objects.filter(action="start").count() == 2


def test_every_workout_gets_its_date(coach_client, nordic, athlete):
    coach_client.post(url(nordic), {"target": f"athlete-{athlete.pk}", "start_date": "2026-11-23"})
    program = Assignment.objects.get().program
    week_2 = program.weeks.get(number=2)
    dates = [workout.scheduled_on(date(2026, 11, 23)) for workout in week_2.workouts.all()]
    assert dates == [date(2026, 11, 30), date(2026, 12, 3)]


def test_assigning_twice_is_refused_and_nothing_is_assigned(
    coach_client, nordic, team, athlete, teammate
):
    coach_client.post(url(nordic), {"target": f"athlete-{athlete.pk}", "start_date": "2026-11-23"})
    response = coach_client.post(
        url(nordic), {"target": f"team-{team.pk}", "start_date": "2026-11-23"}
    )
    assert response.status_code == 200
    assert "Alex already has Band-assisted Nordic, 10 weeks." in response.text
    assert Assignment.objects.count() == 1
    assert not Assignment.objects.filter(athlete=teammate).exists()


def test_someone_elses_athlete_is_refused(coach_client, nordic, outsider):
    response = coach_client.post(
        url(nordic), {"target": f"athlete-{outsider.pk}", "start_date": "2026-11-23"}
    )
    assert response.status_code == 200
    assert "Select a valid choice." in response.text
    assert not Assignment.objects.exists()


def test_a_missing_start_date_is_refused(coach_client, nordic, athlete):
    response = coach_client.post(url(nordic), {"target": f"athlete-{athlete.pk}", "start_date": ""})
    assert "This field is required." in response.text
    assert not Assignment.objects.exists()


@pytest.mark.parametrize("start", ["9999-12-31", "0001-01-01", "2002-01-01"])
def test_a_start_date_more_than_a_year_from_today_is_refused(coach_client, nordic, athlete, start):
    response = coach_client.post(
        url(nordic), {"target": f"athlete-{athlete.pk}", "start_date": start}
    )
    assert "Give a date from" in response.text
    assert not Assignment.objects.exists()


def test_an_unknown_band_is_refused(coach_client, nordic, athlete):
    rule = nordic.band_rules.get()
    response = coach_client.post(
        url(nordic),
        {
            "target": f"athlete-{athlete.pk}",
            "start_date": "2026-11-23",
            f"band-{athlete.pk}-{rule.exercise_id}": "99999",
        },
    )
    assert "Select a valid choice." in response.text
    assert not Assignment.objects.exists()

import pytest

from catalogue.models import Band, Exercise
from programs import services
from programs.models import Assignment, AssignmentGroup, BandRule, Prescription, Program, Workout

pytestmark = pytest.mark.usefixtures("catalogue")


def build_program(owner, weeks: int, title: str = "Plan") -> Program:
    """A program of `weeks` weeks, three workouts a week, two prescriptions each."""
    program = services.program_create(owner=owner, title=title)
    nordic = Exercise.objects.get(slug="band-assisted-nordic-curl")
    curl = Exercise.objects.get(slug="banded-prone-leg-curl")
    green, black = Band.objects.get(name="Green"), Band.objects.get(name="Black")
    for _ in range(weeks):
        week = services.week_add(program=program)
        for day in (1, 3, 5):
            workout = Workout.objects.create(week=week, day=day, title=f"Day {day}")
            Prescription.objects.create(
                workout=workout,
                exercise=nordic,
                order=1,
                sets=3,
                set_reps=[12, 10, 8],
                rpe_target=8,
                tempo="3-0-1",
                band=green,
            )
            Prescription.objects.create(
                workout=workout, exercise=curl, order=2, sets=2, reps_min=25, band=black
            )
    BandRule.objects.create(program=program, exercise=nordic, start_band=green)
    return program


def test_the_list_shows_the_library_and_the_coachs_own(
    coach_client, coach, other_coach, no_library
):
    library = Program.objects.create(title="Library plan", slug="library-plan")
    own = build_program(coach, 1, title="Mine")
    theirs = build_program(other_coach, 1, title="Theirs")
    response = coach_client.get("/programs/")
    assert response.status_code == 200
    assert response.context["library"] == [library]
    assert response.context["templates"] == [own]
    assert theirs.title not in response.text


def test_an_athlete_sees_the_library_and_their_assigned_copies(client, athlete, coach):
    template = build_program(coach, 1, title="Template")
    copy = services.program_copy(program=template, owner=coach, is_template=False, title="Copy")
    group = AssignmentGroup.objects.create(program=copy, template=template, start_date="2026-11-01")
    Assignment.objects.create(
        athlete=athlete, group=group, program=copy, template=template, start_date="2026-11-01"
    )
    client.force_login(athlete)
    response = client.get("/programs/")
    assert response.context["copies"] == [copy]
    assert response.context["templates"] == []
    assert client.get(f"/programs/{copy.pk}/").status_code == 200
    assert client.get(f"/programs/{template.pk}/").status_code == 404


def test_the_list_requires_login(client):
    assert client.get("/programs/")["Location"] == "/accounts/login/?next=/programs/"


def test_the_plan_shows_each_prescription_in_coach_notation(coach_client, coach):
    program = build_program(coach, 2)
    response = coach_client.get(f"/programs/{program.pk}/")
    assert response.status_code == 200
    assert "Week 2" in response.text
    assert "3 x 12/10/8 @ RPE 8, tempo 3-0-1, green band, assist" in response.text
    assert "2 x 25, black band, resist" in response.text


def test_the_plan_explains_the_band_rule_in_words(coach_client, coach):
    program = build_program(coach, 1)
    response = coach_client.get(f"/programs/{program.pk}/")
    assert (
        "Starts on the green band. Moves to a thinner band, then unassisted after 3 sessions"
        in (response.text)
    )


def test_another_coachs_program_is_404(coach_client, other_coach):
    program = build_program(other_coach, 1)
    assert coach_client.get(f"/programs/{program.pk}/").status_code == 404


def test_the_plan_requires_login(client, coach):
    program = build_program(coach, 1)
    assert client.get(f"/programs/{program.pk}/").status_code == 302


@pytest.mark.parametrize("weeks", [10, 20])
def test_the_plan_runs_the_same_queries_for_10_and_20_weeks(
    coach_client, coach, weeks, django_assert_num_queries
):
    program = build_program(coach, weeks)
    # user, program, weeks, workouts, prescriptions (+exercise, band), band rules, whether the
    # coach may edit it
    with django_assert_num_queries(7):
        response = coach_client.get(f"/programs/{program.pk}/")
    assert f"Week {weeks}" in response.text

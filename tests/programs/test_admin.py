import pytest

from programs import services
from programs.models import Prescription, Workout
from tests.programs.test_program_pages import build_program

pytestmark = pytest.mark.usefixtures("catalogue")


def test_staff_open_the_program_admin_pages(client, staff, coach):
    program = build_program(coach, 1)
    week = program.weeks.get()
    workout = Workout.objects.filter(week=week).first()
    client.force_login(staff)
    for url in [
        "/admin/programs/program/",
        "/admin/programs/program/add/",
        f"/admin/programs/program/{program.pk}/change/",
        f"/admin/programs/programweek/{week.pk}/change/",
        f"/admin/programs/workout/{workout.pk}/change/",
        "/admin/programs/assignment/",
        "/admin/programs/bandtrack/",
    ]:
        assert client.get(url).status_code == 200, url


def test_a_workout_shows_its_prescriptions_inline(client, staff, coach):
    program = build_program(coach, 1)
    workout = Workout.objects.filter(week__program=program).first()
    client.force_login(staff)
    response = client.get(f"/admin/programs/workout/{workout.pk}/change/")
    assert response.text.count('name="prescriptions-') > 0
    assert Prescription.objects.filter(workout=workout).count() == 2


def test_others_cannot_open_the_program_admin(client, coach):
    client.force_login(coach)
    response = client.get("/admin/programs/program/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_library_copy_keeps_the_library_program_untouched(coach):
    library = services.program_create(owner=None, title="Library")
    services.week_add(program=library)
    copy = services.program_copy(program=library, owner=coach)
    services.week_add(program=copy)
    assert library.weeks.count() == 1
    assert copy.weeks.count() == 2
    assert copy.source == library

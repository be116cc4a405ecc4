from datetime import date

import pytest
import time_machine
from django.db import IntegrityError, transaction

from programs import assignments, services
from programs.models import Assignment, BandTrack, Prescription, Workout
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


def test_status_and_bands_are_read_only_in_the_admin(client, staff, coach, athlete):
    program = build_program(coach, 1)
    assignment = assignments.program_assign(
        template=program, athlete=athlete, start_date=date(2026, 11, 2), by=coach
    )
    client.force_login(staff)
    page = client.get(f"/admin/programs/assignment/{assignment.pk}/change/").text
    assert 'name="status"' not in page
    assert 'name="paused_on"' not in page
    track = BandTrack.objects.get(assignment=assignment)  # the Nordic's band rule
    page = client.get(f"/admin/programs/bandtrack/{track.pk}/change/").text
    assert "Green" in page
    assert 'name="band"' not in page


def test_an_assignment_paused_in_the_admin_resumes_from_the_coachs_page(
    client, staff, coach, athlete
):
    program = build_program(coach, 1)
    assignment = assignments.program_assign(
        template=program, athlete=athlete, start_date=date(2026, 11, 2), by=coach
    )
    client.force_login(staff)
    with time_machine.travel(date(2026, 11, 10)):
        response = client.post(
            "/admin/programs/assignment/",
            {"action": "pause_assignments", "_selected_action": [assignment.pk]},
        )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.status, assignment.paused_on) == ("paused", date(2026, 11, 10))

    client.force_login(coach)
    with time_machine.travel(date(2026, 11, 13)):
        response = client.post(f"/coach/assignments/{assignment.pk}/resume/")
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.status, assignment.paused_on) == ("active", None)
    assert assignment.start_date == date(2026, 11, 5)  # moved on by the three paused days


def test_the_database_refuses_a_paused_assignment_without_its_date(coach, athlete):
    program = build_program(coach, 1)
    assignment = assignments.program_assign(
        template=program, athlete=athlete, start_date=date(2026, 11, 2), by=coach
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.filter(pk=assignment.pk).update(status="paused")

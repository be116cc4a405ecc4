"""Nothing a coach or an admin does to a plan deletes what an athlete logged (findings 1-4 of
the hardening issue)."""

from datetime import UTC, datetime

import pytest

from logbook.models import SetLog, WorkoutLog
from programs.models import Assignment, BandChange, Prescription, ProgramWeek, Workout
from tests.logbook.conftest import set_data
from tests.logbook.test_finish import do_every_set, finish

pytestmark = pytest.mark.usefixtures("catalogue")
HTMX = {"HX-Request": "true"}
REFUSED = "has logged sets or workouts, so it stays"


@pytest.fixture(autouse=True)
def monday_16_november(time_machine):
    time_machine.move_to(datetime(2026, 11, 16, 18, tzinfo=UTC), tick=False)


@pytest.fixture
def logged(athlete_client, first_workout):
    """The first workout with its first set logged (the workout is not finished)."""
    prescription = first_workout.prescriptions.first()
    athlete_client.post(f"/workouts/{first_workout.pk}/sets/", set_data(prescription))
    assert SetLog.objects.count() == 1
    return first_workout


def builder(program_pk: int, path: str) -> str:
    return f"/programs/{program_pk}/{path}"


def test_deleting_the_band_rule_leaves_the_engine_holding(
    client, coach, athlete, assignment, first_workout
):
    """Finding 1: a finish after the coach deleted the rule used to answer 500."""
    rule = assignment.program.band_rules.get()
    client.force_login(coach)
    assert (
        client.post(builder(assignment.program_id, f"rules/{rule.pk}/delete/")).status_code == 302
    )
    client.force_login(athlete)
    do_every_set(client, first_workout)
    response = finish(client, first_workout)
    assert response.status_code == 302
    assert WorkoutLog.objects.get().is_complete
    assert assignment.tracks.get().band.name == "Green"  # held
    assert not BandChange.objects.filter(decided_by="engine").exists()


@pytest.mark.parametrize("htmx", [False, True])
def test_a_week_with_logs_is_not_deleted(client, coach, assignment, logged, htmx):
    """Finding 2: an unhandled ProtectedError used to answer 500."""
    client.force_login(coach)
    week = logged.week
    url = builder(assignment.program_id, f"weeks/{week.pk}/delete/")
    response = client.post(url, headers=HTMX if htmx else {}, follow=not htmx)
    assert response.status_code == 200
    assert REFUSED in response.text
    assert ProgramWeek.objects.filter(pk=week.pk).exists()
    assert SetLog.objects.count() == 1


@pytest.mark.parametrize("htmx", [False, True])
def test_a_workout_with_logs_is_not_deleted(client, coach, assignment, logged, htmx):
    client.force_login(coach)
    url = builder(assignment.program_id, f"workouts/{logged.pk}/delete/")
    response = client.post(url, headers=HTMX if htmx else {}, follow=not htmx)
    assert response.status_code == 200
    assert REFUSED in response.text
    assert Workout.objects.filter(pk=logged.pk).exists()


def test_a_workout_without_logs_is_still_deleted(client, coach, assignment, logged):
    client.force_login(coach)
    later = Workout.objects.filter(week__program=assignment.program).exclude(pk=logged.pk).first()
    response = client.post(builder(assignment.program_id, f"workouts/{later.pk}/delete/"))
    assert response.status_code == 302
    assert not Workout.objects.filter(pk=later.pk).exists()


def test_a_prescription_with_logged_sets_is_not_deleted(client, coach, athlete, assignment, logged):
    """Finding 3: its sets used to be detached (SET_NULL) and drop off the workout page."""
    prescription = SetLog.objects.get().prescription
    client.force_login(coach)
    url = builder(assignment.program_id, f"prescriptions/{prescription.pk}/delete/")
    response = client.post(url, headers=HTMX)
    assert REFUSED in response.text
    assert Prescription.objects.filter(pk=prescription.pk).exists()
    assert SetLog.objects.get().prescription_id == prescription.pk
    client.force_login(athlete)
    page = client.get(f"/workouts/{logged.pk}/").text
    assert f"/sets/{SetLog.objects.get().pk}/undo/" in page  # the logged set is still shown


def test_the_admin_ends_or_cancels_an_assignment_and_never_deletes_it(
    client, staff, assignment, logged
):
    """Finding 4: the admin's delete took the athlete's logs with it."""
    client.force_login(staff)
    url = f"/admin/programs/assignment/{assignment.pk}/delete/"
    assert client.post(url, {"post": "yes"}).status_code == 403
    response = client.post(
        "/admin/programs/assignment/",
        {"action": "delete_selected", "_selected_action": [assignment.pk], "post": "yes"},
    )
    assert Assignment.objects.filter(pk=assignment.pk).exists()
    response = client.post(
        "/admin/programs/assignment/",
        {"action": "cancel_assignments", "_selected_action": [assignment.pk]},
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == "cancelled"
    assert WorkoutLog.objects.count() == 1 and SetLog.objects.count() == 1


def test_the_database_protects_logs_from_a_deleted_assignment(assignment, logged):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        assignment.delete()
    assert SetLog.objects.count() == 1


def test_the_programs_page_survives_a_copy_without_its_assignment(client, coach, assignment):
    """An assignment with no logs yet can still go (with its copy's program kept): the
    coach's programs page lists what is left and answers 200."""
    copy = assignment.program
    Assignment.objects.filter(pk=assignment.pk).delete()
    client.force_login(coach)
    response = client.get("/programs/")
    assert response.status_code == 200
    assert f"/programs/{copy.pk}/" not in response.text


def test_a_workout_done_keeps_its_dose_when_the_builder_edits_it(
    client, coach, athlete, assignment, first_workout
):
    """The engine judges past sessions against what they were begun at: the coach raising the
    sets afterwards changes the sessions to come, and the done session stays a full one. What
    the exercise is stays: its logged sets are of it."""
    from catalogue.models import Exercise
    from logbook.sessions import sessions_of
    from tests.logbook.test_finish import do_every_set, finish

    client.force_login(athlete)
    do_every_set(client, first_workout)
    finish(client, first_workout)
    nordic = first_workout.prescriptions.get(order=1)
    client.force_login(coach)
    url = builder(assignment.program_id, f"prescriptions/{nordic.pk}/")
    data = {
        "exercise": nordic.exercise_id,
        "sets": 5,
        "target": "12/10/8/8/8",
        "rest_seconds": 90,
        "tempo": "",
        "rpe_target": "",
        "band": "",
        "notes": "",
    }
    assert client.post(url, data).status_code in (200, 302)
    nordic.refresh_from_db()
    assert nordic.sets == 5
    [done] = sessions_of(assignment_id=assignment.pk, exercise_id=nordic.exercise_id)
    assert (len(done.sets), len(done.missing)) == (3, 0)  # begun at 3 sets, all done
    other = Exercise.objects.exclude(pk=nordic.exercise_id).filter(band_role="none").first()
    response = client.post(url, data | {"exercise": other.pk})
    assert "This workout has been done, so its exercise stays as it was logged." in response.text
    nordic.refresh_from_db()
    assert nordic.exercise_id != other.pk


def test_a_rule_added_to_an_athletes_copy_starts_a_track(client, coach, assignment, first_workout):
    from catalogue.models import Band
    from programs.models import BandTrack

    hold = first_workout.prescriptions.get(exercise__slug="banded-isometric-leg-curl-hold")
    client.force_login(coach)
    black = Band.objects.get(name="Black")
    response = client.post(
        builder(assignment.program_id, "rules/"),
        {
            "exercise": hold.exercise_id,
            "mode": "earned",
            "start_band": black.pk,
            "step_weeks": 2,
            "sessions_to_advance": 3,
            "rpe_ceiling": 8,
            "pain_stop": 5,
        },
    )
    assert response.status_code == 302
    track = BandTrack.objects.get(assignment=assignment, exercise=hold.exercise)
    assert track.band == black
    assert track.changes.get().action == "start"


def test_without_its_rule_the_prescriptions_own_band_applies_again(
    client, coach, athlete, assignment, first_workout
):
    from programs.models import BandTrack

    track = BandTrack.objects.get(assignment=assignment)
    BandTrack.objects.filter(pk=track.pk).update(band=None)  # unassisted on the track
    client.force_login(athlete)
    assert "unassisted" in client.get("/today/").text
    rule = assignment.program.band_rules.get()
    client.force_login(coach)
    client.post(builder(assignment.program_id, f"rules/{rule.pk}/delete/"))
    client.force_login(athlete)
    assert "3 x 12/10/8 · Green band" in client.get("/today/").text  # the prescription's band
    assert BandTrack.objects.filter(pk=track.pk).exists()  # the track stays, as history


def test_sessions_begun_before_they_kept_doses_get_them_from_the_migration(
    client, athlete, assignment, first_workout
):
    """Migration 0022 gives every older session the dose the plan holds for each of its
    prescriptions, keeping whatever entry it had (here a cut)."""
    import importlib

    from django.db import connection

    from logbook.models import WorkoutLog

    migration = importlib.import_module("logbook.migrations.0022_sessions_keep_their_doses")
    client.force_login(athlete)
    client.post(f"/workouts/{first_workout.pk}/start/")
    nordic = first_workout.prescriptions.get(order=1)
    WorkoutLog.objects.update(doses={str(nordic.pk): {"reps": [5, 5], "reason": "A cut."}})
    with connection.cursor() as cursor:
        cursor.execute(migration.FORWARD)
    log = WorkoutLog.objects.get()
    assert set(log.doses) == {str(p.pk) for p in first_workout.prescriptions.all()}
    assert log.doses[str(nordic.pk)]["reps"] == [5, 5]  # kept
    assert log.doses[str(nordic.pk)]["prescribed"] == {
        "sets": nordic.sets,
        "set_reps": nordic.set_reps,
        "reps_min": nordic.reps_min,
        "reps_max": nordic.reps_max,
        "seconds": nordic.seconds,
    }

"""An athlete's own changes to the squad's plan (issue 27, `programs.overrides`): a dose, an
exercise left out with or without a substitute, a workout moved to another day or match-day
offset. Each changes that athlete only, shows as differing from the squad, and taking it back
returns them to the plan; a session already begun keeps the dose it began with, and a builder
edit still reaches everyone where they follow the plan. Bad input answers next to the field,
another coach's assignment 404."""

import html
import re
import uuid
from datetime import date, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from catalogue.models import Exercise
from logbook import free_sessions
from logbook.models import SetLog, WorkoutLog
from logbook.sessions import sessions_of
from programs import actions, doses, services
from programs.dating import assignment_schedule
from programs.models import Assignment, Fixture, Prescription, Program, Workout
from tests.logbook.conftest import set_data

SQUAD_START = date(2026, 11, 16)  # a Monday
TODAY = date(2026, 11, 16)


@pytest.fixture(autouse=True)
def on_the_first_day():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def members(pair_on_one_plan) -> list[Assignment]:
    return pair_on_one_plan


@pytest.fixture
def coach_web(coach) -> Client:
    client = Client()
    client.force_login(coach)
    return client


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def first_nordic(assignment) -> Prescription:
    return Prescription.objects.select_related("exercise", "workout").get(
        workout__week__program=assignment.program_id,
        workout__week__number=1,
        workout__day=1,
        exercise__slug="band-assisted-nordic-curl",
    )


def page(client, workout: Workout) -> str:
    response = client.get(f"/workouts/{workout.pk}/")
    assert response.status_code == 200
    return html.unescape(response.text)


def text(response) -> str:
    """The page's words, without its tags."""
    return html.unescape(re.sub(r"<[^>]+>", "", response.text))


def change(client, assignment, kind: str, **data):
    return client.post(f"/coach/assignments/{assignment.pk}/plan/{kind}/", data)


def test_a_dose_of_their_own_changes_one_athlete_and_shows_it_differs(coach_web, members):
    alex, sam = members
    nordic = first_nordic(alex)
    squad_dose = nordic.volume_text()
    response = change(coach_web, alex, "dose", prescription=nordic.pk, sets=2, reps=4)
    assert response.status_code == 302
    plan = text(coach_web.get(f"/coach/assignments/{alex.pk}/plan/"))
    what = f"Week 1, {nordic.workout.title}: {nordic.exercise.name}"
    assert f"{what}: 2 x 4 instead of {squad_dose}" in plan
    card = html.unescape(coach_web.get(f"/coach/athletes/{alex.athlete_id}/").text)
    assert "1 change of their own: differs from the squad" in card
    assert "2 x 4" in page(signed_in(alex.athlete), nordic.workout)
    assert "Your coach's dose for you" in page(signed_in(alex.athlete), nordic.workout)
    theirs = page(signed_in(sam.athlete), nordic.workout)
    assert squad_dose in theirs and "Your coach's dose" not in theirs


def test_a_set_logged_at_their_dose_keeps_it_after_the_dose_is_taken_back(coach_web, members):
    alex, _ = members
    nordic = first_nordic(alex)
    change(coach_web, alex, "dose", prescription=nordic.pk, sets=2, reps=4)
    athlete = signed_in(alex.athlete)
    athlete.post(f"/workouts/{nordic.workout_id}/sets/", set_data(nordic, reps=4))
    assert SetLog.objects.get().target_reps == 4
    response = coach_web.post(
        f"/coach/assignments/{alex.pk}/plan/restore/", {"kind": "dose", "key": str(nordic.pk)}
    )
    assert response.status_code == 302
    alex.refresh_from_db()
    assert alex.prescription_overrides == {}
    # The session begun at 2 x 4 stays so: its page, and the engine's reading of it.
    assert "2 x 4" in page(athlete, nordic.workout)
    log = WorkoutLog.objects.get()
    [session] = sessions_of(assignment_id=alex.pk, exercise_id=nordic.exercise_id, including=log)
    assert session.sets[0].target == 4 and len(session.sets) + len(session.missing) == 2


def test_a_builder_edit_reaches_the_squad_and_their_own_dose_stays(coach_web, members):
    alex, sam = members
    nordic = first_nordic(alex)
    change(coach_web, alex, "dose", prescription=nordic.pk, sets=2, reps=4)
    Prescription.objects.filter(pk=nordic.pk).update(sets=5, set_reps=[], reps_min=3, reps_max=3)
    assert "5 x 3" in page(signed_in(sam.athlete), nordic.workout)
    assert "2 x 4" in page(signed_in(alex.athlete), nordic.workout)


def test_an_exercise_left_out_with_a_substitute_is_logged_as_the_substitute(coach_web, members):
    alex, sam = members
    nordic = first_nordic(alex)
    bridge = Exercise.objects.get(slug="glute-bridge-band-above-knees")
    response = change(
        coach_web,
        alex,
        "leave-out",
        prescription=nordic.pk,
        substitute=bridge.pk,
        note="Strain: bridges until the physio says",
    )
    assert response.status_code == 302
    theirs = page(signed_in(alex.athlete), nordic.workout)
    assert bridge.name in theirs
    assert f"In place of {nordic.exercise.name}, which your coach left out for you" in theirs
    assert "Strain: bridges until the physio says" in theirs
    assert bridge.name not in page(signed_in(sam.athlete), nordic.workout)
    data = set_data(nordic, band="", control="")
    response = signed_in(alex.athlete).post(f"/workouts/{nordic.workout_id}/sets/", data)
    assert response.status_code == 302  # logged: back to the workout at the row
    logged = SetLog.objects.get()
    assert (logged.exercise_id, logged.prescription_id) == (bridge.pk, nordic.pk)
    # The Nordic's history has no session from it: nothing of the Nordic was done.
    assert sessions_of(assignment_id=alex.pk, exercise_id=nordic.exercise_id) == []


def test_an_exercise_left_out_alone_has_no_sets_and_refuses_one(coach_web, members):
    alex, _ = members
    nordic = first_nordic(alex)
    change(coach_web, alex, "leave-out", prescription=nordic.pk, note="Hamstring strain")
    athlete = signed_in(alex.athlete)
    theirs = page(athlete, nordic.workout)
    assert "Left out for you by your coach: Hamstring strain." in theirs
    sets_url = f"/workouts/{nordic.workout_id}/sets/"
    response = athlete.post(sets_url, set_data(nordic), HTTP_HX_REQUEST="true")
    assert "Your coach left this exercise out of your plan." in html.unescape(response.text)
    assert not SetLog.objects.exists() and not WorkoutLog.objects.exists()


def dates(assignment) -> dict[int, date]:
    window = (SQUAD_START, SQUAD_START + timedelta(days=6))
    return {item.workout.pk: item.on for item in assignment_schedule([assignment], between=window)}


def test_a_workout_moved_to_another_day_moves_for_one_athlete_and_comes_back(coach_web, members):
    alex, sam = members
    workout = first_nordic(alex).workout
    change(coach_web, alex, "move", workout=workout.pk, day=3, match_day="")
    alex.refresh_from_db()
    assert dates(alex)[workout.pk] == SQUAD_START + timedelta(days=2)
    assert dates(sam)[workout.pk] == SQUAD_START
    plan = text(coach_web.get(f"/coach/assignments/{alex.pk}/plan/"))
    assert f"Week 1, {workout.title}: moved to day 3 of its week" in plan
    coach_web.post(
        f"/coach/assignments/{alex.pk}/plan/restore/", {"kind": "move", "key": str(workout.pk)}
    )
    alex.refresh_from_db()
    assert dates(alex)[workout.pk] == SQUAD_START


def test_a_workout_moved_to_a_match_day_offset_follows_the_fixtures(coach_web, members, team):
    alex, sam = members
    workout = first_nordic(alex).workout
    Fixture.objects.create(team=team, date=SQUAD_START + timedelta(days=5), label="Away")
    change(coach_web, alex, "move", workout=workout.pk, day=workout.day, match_day=-4)
    alex.refresh_from_db()
    assert dates(alex)[workout.pk] == SQUAD_START + timedelta(days=1)  # MD-4 of Saturday
    assert dates(sam)[workout.pk] == SQUAD_START


@pytest.mark.parametrize(
    ("kind", "data", "field", "message"),
    [
        ("dose", {"sets": 0, "reps": 4}, "sets", "greater than or equal to 1"),
        ("dose", {"sets": 2, "reps": 9999}, "reps", "less than or equal to"),
        ("dose", {"sets": 2, "reps": 4, "prescription": "other"}, "prescription", "valid choice"),
        ("move", {"day": 9}, "day", "valid choice"),
        ("move", {"day": 1, "match_day": 0}, "match_day", "valid choice"),
        ("leave-out", {"note": "a\r\nb"}, "note", "control"),
    ],
)
def test_bad_input_is_refused_next_to_its_field(
    coach_web, members, coach, kind, data, field, message
):
    alex, _ = members
    other_plan = actions.program_assign_many(
        coach=coach,
        template=Program.objects.library().exclude(slug="band-assisted-nordic").first(),
        athletes=[alex.athlete],
        start_date=SQUAD_START,
        start_bands={},
        maintenance="standard",
        find_start_band=False,
    )[0]
    foreign = Prescription.objects.filter(workout__week__program=other_plan.program_id).first()
    nordic = first_nordic(alex)
    defaults = {"prescription": nordic.pk, "workout": nordic.workout_id}
    sent = defaults | data
    if sent.get("prescription") == "other":
        sent["prescription"] = foreign.pk
    response = change(coach_web, alex, kind, **sent)
    assert response.status_code == 422
    assert message in html.unescape(response.text)
    form = response.context[f"{kind.replace('-', '_')}_form"]
    assert field in form.errors
    alex.refresh_from_db()
    assert (alex.prescription_overrides, alex.workout_moves) == ({}, {})


def test_another_coachs_athlete_plan_answers_404(members, other_coach):
    alex, _ = members
    client = signed_in(other_coach)
    assert client.get(f"/coach/assignments/{alex.pk}/plan/").status_code == 404
    nordic = first_nordic(alex)
    response = change(client, alex, "dose", prescription=nordic.pk, sets=1, reps=1)
    assert response.status_code == 404
    alex.refresh_from_db()
    assert alex.prescription_overrides == {}


def test_the_database_holds_overrides_as_objects(members):
    from django.db import IntegrityError, transaction

    alex, _ = members
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.filter(pk=alex.pk).update(workout_moves=[1, 2])


def test_the_admin_shows_an_athletes_own_plan_but_never_edits_it(members, admin_client):
    alex, _ = members
    page = admin_client.get(f"/admin/programs/assignment/{alex.pk}/change/")
    assert page.status_code == 200
    assert 'name="workout_moves"' not in page.text
    assert 'name="prescription_overrides"' not in page.text


def test_a_builder_edit_after_a_session_leaves_what_it_was_begun_at(coach_web, members):
    """The engine counts a past session's unlogged sets against the dose it was begun at, not
    the plan as edited since; the squad's next sessions get the edit."""
    alex, sam = members
    nordic = first_nordic(alex)
    athlete = signed_in(alex.athlete)
    athlete.post(f"/workouts/{nordic.workout_id}/sets/", set_data(nordic, 1))  # one of two
    athlete.post(f"/workouts/{nordic.workout_id}/finish/", {"rpe": 7, "pain": 0})
    log = WorkoutLog.objects.get()
    assert log.completed_at is not None and nordic.volume_text() == "2 x 5"
    Prescription.objects.filter(pk=nordic.pk).update(sets=5)
    [session] = sessions_of(assignment_id=alex.pk, exercise_id=nordic.exercise_id)
    assert (len(session.sets), len(session.missing)) == (1, 1)
    assert "5 x 5" in page(signed_in(sam.athlete), nordic.workout)  # the squad's to come


def test_a_substitute_set_is_edited_and_undone_as_the_substitute(coach_web, members):
    """The row of a set done in place of a left-out Nordic checks as the substitute's: no
    control asked for a bridge, and an undone row offers the bridge again."""
    alex, _ = members
    nordic = first_nordic(alex)
    bridge = Exercise.objects.get(slug="glute-bridge-band-above-knees")
    change(coach_web, alex, "leave-out", prescription=nordic.pk, substitute=bridge.pk)
    athlete = signed_in(alex.athlete)
    athlete.post(f"/workouts/{nordic.workout_id}/sets/", set_data(nordic, band="", control=""))
    logged = SetLog.objects.get()
    edit = set_data(nordic, reps=9, band="", control="", token=str(logged.token))
    response = athlete.post(f"/sets/{logged.pk}/edit/", edit, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    logged.refresh_from_db()
    assert (logged.reps, logged.exercise_id) == (9, bridge.pk)
    undone = athlete.post(f"/sets/{logged.pk}/undo/", HTTP_HX_REQUEST="true")
    assert undone.status_code == 200 and "Controlled to the floor" not in undone.text


@pytest.mark.parametrize(
    ("cut", "begun"),
    [([6, 6, 6], [4, 4]), ([3, 3], [3, 3])],  # the lighter of the two: own 2 x 4, or the cut
)
def test_a_cut_and_their_own_dose_begin_at_the_lighter(coach_web, members, cut, begun):
    """After a gap the engine cuts to a week of the plan's volume: an athlete on a lighter
    dose of their own keeps theirs, and a lighter cut still wins."""
    alex, _ = members
    nordic = first_nordic(alex)
    change(coach_web, alex, "dose", prescription=nordic.pk, sets=2, reps=4)
    doses.dose_cut(track=alex.tracks.get(), reps=cut, sessions=1, reason="Back after a break.")
    athlete = signed_in(alex.athlete)
    athlete.post(f"/workouts/{nordic.workout_id}/sets/", set_data(nordic, reps=begun[0]))
    assert WorkoutLog.objects.get().doses[str(nordic.pk)]["reps"] == begun


def test_a_part_the_builder_removes_takes_its_own_changes_with_it(coach_web, members):
    """Removing a workout (or one exercise of it) from the squad's plan takes back the athletes'
    changes of it: nothing is left counted on their card that the plan page cannot list."""
    alex, _ = members
    nordic = first_nordic(alex)
    later = Workout.objects.filter(week__program=alex.program_id, week__number=2).first()
    kept = later.prescriptions.first()
    change(coach_web, alex, "dose", prescription=nordic.pk, sets=2, reps=4)
    change(coach_web, alex, "dose", prescription=kept.pk, sets=2, reps=4)
    change(coach_web, alex, "move", workout=nordic.workout_id, day=3, match_day="")
    services.prescription_delete(prescription=Prescription.objects.get(pk=nordic.pk))
    alex.refresh_from_db()
    assert list(alex.prescription_overrides) == [str(kept.pk)]
    services.workout_delete(workout=Workout.objects.get(pk=nordic.workout_id))
    alex.refresh_from_db()
    assert (alex.own_changes, alex.workout_moves) == (1, {})
    card = html.unescape(coach_web.get(f"/coach/athletes/{alex.athlete_id}/").text)
    assert "1 change of their own" in card


def test_an_unknown_change_answers_404_and_drafts_are_no_substitute(coach_web, members):
    alex, _ = members
    assert change(coach_web, alex, "promote").status_code == 404
    form = coach_web.get(f"/coach/assignments/{alex.pk}/plan/").context["leave_out_form"]
    offered = form.fields["substitute"].queryset
    assert offered.exists() and not offered.filter(is_published=False).exists()


def test_today_and_the_48_hours_follow_an_exercise_left_out(coach_web, members):
    """Today lists the substitute in place of a left-out Nordic, and at the athlete's own dose;
    a workout whose Nordic is left out is not a Nordic session for the 48 hours."""
    from logbook.nordic_gap import nordic_starts

    alex, sam = members
    nordic = first_nordic(alex)
    bridge = Exercise.objects.get(slug="glute-bridge-band-above-knees")
    change(coach_web, alex, "leave-out", prescription=nordic.pk, substitute=bridge.pk)
    theirs = html.unescape(signed_in(alex.athlete).get("/today/").text)
    squads = html.unescape(signed_in(sam.athlete).get("/today/").text)
    assert bridge.name in theirs and bridge.name not in squads
    nordics = nordic.exercise.name
    assert theirs.count(nordics) == squads.count(nordics) - 1  # today's is the bridge now
    # A Nordic in a free session yesterday: the squad's workout is too soon, Alex's is not.
    free_sessions.free_set_log(
        athlete=alex.athlete,
        today=TODAY - timedelta(days=1),
        token=uuid.uuid4(),
        exercise=nordic.exercise,
        reps=5,
    )
    asked = {
        "athlete": alex.athlete,
        "workout": nordic.workout,
        "today": TODAY,
        "now": timezone.now(),
    }
    alex.refresh_from_db()
    assert nordic_starts(**asked).exists()
    assert not nordic_starts(**asked, assignment=alex).exists()


def test_the_plan_page_needs_a_coach(client, members):
    """Signed out: to the sign-in page; an athlete, even on their own plan: 403."""
    alex, _ = members
    page = f"/coach/assignments/{alex.pk}/plan/"
    assert client.get(page)["Location"] == f"/accounts/login/?next={page}"
    assert client.post(f"{page}dose/", {"sets": 1, "reps": 1}).status_code == 302
    client.force_login(alex.athlete)
    assert client.get(page).status_code == 403
    alex.refresh_from_db()
    assert alex.prescription_overrides == {}

"""Issue 24, point 3: nothing an admin deletes takes an athlete's history with it. Users, teams,
bands and planned workouts that history or a plan points at are protected in the database
(on_delete=PROTECT): the admin explains why it cannot delete them (or offers no delete), and
every row is still there afterwards."""

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.db.models import ProtectedError

from accounts import services as accounts
from accounts.models import Invite, Membership, Team, User, athletes_of
from catalogue.models import Band, Exercise
from logbook import free_sessions
from logbook.actions import workout_skip
from logbook.messages import message_post
from logbook.models import Message, SetLog, StrengthTest, WorkoutLog, WorkoutSkip
from programs.assignments import program_assign
from programs.fixtures import fixture_add
from programs.models import BandRule, Fixture, Prescription, Program, Workout

pytestmark = pytest.mark.usefixtures("catalogue")
PROTECTED = "would require deleting the following protected related objects"


@pytest.fixture(autouse=True)
def frozen_clock(time_machine):
    time_machine.move_to(datetime(2026, 11, 25, 12, tzinfo=UTC), tick=False)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def rows(*querysets) -> list[int]:
    return [queryset.count() for queryset in querysets]


def delete_in_the_admin(client, url: str):
    """Open the admin's delete page and confirm it, as staff would; both answers."""
    return client.get(url), client.post(url, {"post": "yes"})


def assert_refused(*responses):
    """The admin explains the refusal (200 with its protected list), or offers no delete
    (403): never a redirect after deleting, never a 500."""
    for response in responses:
        assert response.status_code in (200, 403), response.status_code
        if response.status_code == 200:
            assert PROTECTED in response.text


def test_it_keeps_a_user_with_sets_messages_and_tests(staff_client, coach, athlete):
    """A user with no assignment used to be deleted with their sets, logs, thread (the coach's
    messages too) and strength tests."""
    free = free_sessions.free_set_log(
        athlete=athlete,
        today=date(2026, 11, 25),
        token=uuid.uuid4(),
        exercise=Exercise.objects.get(slug="banded-squat"),
        reps=10,
    )
    message_post(athlete=athlete, author=coach, body="Good session.")
    message_post(athlete=athlete, author=athlete, body="Thanks!")
    StrengthTest.objects.create(
        athlete=athlete,
        entered_by=coach,
        on_date=date(2026, 11, 20),
        phase="in_season",
        method="nordbord",
        left=Decimal(300),
        right=Decimal(310),
        body_mass_kg=Decimal(80),
    )
    history = (
        User.objects.filter(pk=athlete.pk),
        WorkoutLog.objects.filter(pk=free.workout_log_id),
        SetLog.objects.filter(pk=free.pk),
        Message.objects.filter(athlete=athlete),
        StrengthTest.objects.filter(athlete=athlete),
    )
    assert rows(*history) == [1, 1, 1, 2, 1]

    assert_refused(*delete_in_the_admin(staff_client, f"/admin/accounts/user/{athlete.pk}/delete/"))

    assert rows(*history) == [1, 1, 1, 2, 1]
    with pytest.raises(ProtectedError):
        athlete.delete()


def test_it_keeps_a_coach_who_wrote_to_an_athlete(coach, athlete):
    message_post(athlete=athlete, author=coach, body="See you Tuesday.")
    Team.objects.filter(coach=coach).update(coach=User.objects.create(username="heir"))
    with pytest.raises(ProtectedError):
        coach.delete()
    assert Message.objects.get().author == coach


def test_it_keeps_a_band_that_plans_prescribe(staff_client, library):
    """Deleting a band used to empty it on the library's prescriptions and a rule's start."""
    green = Band.objects.get(name="Green")
    prescribed = Prescription.objects.filter(band=green, workout__week__program__owner=None)
    started = BandRule.objects.filter(start_band=green)
    counts = rows(prescribed, started)
    assert counts[0] > 0 and counts[1] > 0

    get, post = delete_in_the_admin(staff_client, f"/admin/catalogue/band/{green.pk}/delete/")

    assert get.status_code == post.status_code == 200
    assert PROTECTED in get.text and PROTECTED in post.text
    assert Band.objects.filter(pk=green.pk).exists()
    assert rows(prescribed, started) == counts


def test_a_band_nothing_names_is_still_deleted(staff_client):
    spare = Band.objects.create(
        name="Spare",
        colour="grey",
        hex="#999999",
        kind="mini",
        width_mm=5,
        tension_min_kg=1,
        tension_max_kg=2,
        rank=99,
    )
    get, post = delete_in_the_admin(staff_client, f"/admin/catalogue/band/{spare.pk}/delete/")
    assert get.status_code == 200 and PROTECTED not in get.text
    assert post.status_code == 302
    assert not Band.objects.filter(pk=spare.pk).exists()


def test_it_keeps_a_team_with_members_invites_and_fixtures(staff_client, coach, team, athlete):
    """Deleting a team used to remove its memberships, invites and fixtures, and the coach lost
    access to the athletes' history."""
    accounts.invite_send(
        team=team, email="new@example.com", invited_by=coach, base_url="http://testserver/"
    )
    fixture_add(team=team, date=date(2026, 12, 5), label="v Rovers")
    history = (
        Team.objects.filter(pk=team.pk),
        Membership.objects.filter(team=team),
        Invite.objects.filter(team=team),
        Fixture.objects.filter(team=team),
    )
    assert rows(*history) == [1, 1, 1, 1]

    assert_refused(*delete_in_the_admin(staff_client, f"/admin/accounts/team/{team.pk}/delete/"))

    assert rows(*history) == [1, 1, 1, 1]
    assert list(athletes_of(coach)) == [athlete]
    with pytest.raises(ProtectedError):
        team.delete()


@pytest.fixture
def skipped(library, coach, athlete):
    """An athlete's copy of a program whose first workout they skipped (no log)."""
    template = Program.objects.library().get(slug="band-assisted-nordic")
    assignment = program_assign(
        template=template, athlete=athlete, start_date=date(2026, 11, 16), by=coach
    )
    workout = Workout.objects.filter(week__program=assignment.program).order_by(
        "week__number", "day"
    )[0]
    workout_skip(athlete=athlete, assignment=assignment, workout=workout, today=date(2026, 11, 25))
    assert not WorkoutLog.objects.filter(workout=workout).exists()
    return workout


def test_it_keeps_an_unlogged_workout_with_its_skips(staff_client, skipped):
    """Deleting an unlogged workout used to delete the athlete's record of skipping it."""
    get, post = delete_in_the_admin(staff_client, f"/admin/programs/workout/{skipped.pk}/delete/")
    assert get.status_code == post.status_code == 200
    assert PROTECTED in get.text and PROTECTED in post.text
    assert Workout.objects.filter(pk=skipped.pk).exists()
    assert WorkoutSkip.objects.filter(workout=skipped).count() == 1


def test_the_builder_refuses_to_delete_a_skipped_workout_with_its_reason(client, coach, skipped):
    client.force_login(coach)
    program = skipped.week.program
    response = client.post(f"/programs/{program.pk}/workouts/{skipped.pk}/delete/", follow=True)
    assert response.status_code == 200
    assert "so it stays" in response.text
    assert WorkoutSkip.objects.filter(workout=skipped).count() == 1


def test_the_builder_still_deletes_an_unlogged_workout(client, coach, skipped):
    client.force_login(coach)
    program = skipped.week.program
    other = Workout.objects.filter(week__program=program).exclude(pk=skipped.pk).last()
    response = client.post(f"/programs/{program.pk}/workouts/{other.pk}/delete/")
    assert response.status_code == 302
    assert not Workout.objects.filter(pk=other.pk).exists()


def test_it_keeps_an_athletes_copy_of_a_program(staff_client, skipped):
    """The copy is the assignment's plan: deleting it used to delete the assignment."""
    program = skipped.week.program
    get, post = delete_in_the_admin(staff_client, f"/admin/programs/program/{program.pk}/delete/")
    assert get.status_code == post.status_code == 200
    assert PROTECTED in post.text
    assert Program.objects.filter(pk=program.pk).exists()
    assert program.assignments.get().pk


def test_the_admin_offers_no_delete_of_a_band_track(staff_client, skipped):
    track = skipped.week.program.assignments.get().tracks.get()
    response = staff_client.post(f"/admin/programs/bandtrack/{track.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert track.changes.exists()

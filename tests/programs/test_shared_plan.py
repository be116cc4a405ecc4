"""One plan per squad (issue 27's first part): a squad assigned once shares one copy of the
template, so one builder edit changes the next workout of every member, and what was logged
keeps the targets it was logged against. The database holds each member to its group's copy.
Migration 0016 turns the copies made before it into groups of one, with nothing changed on an
athlete's pages."""

import re
import uuid
from datetime import date, timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone

from accounts.models import Membership
from logbook import actions as athlete_actions
from logbook.models import SetLog
from programs import actions, dating
from programs.assignments import program_assign
from programs.models import Assignment, AssignmentGroup, Prescription, Program, Workout
from tests.conftest import make_user

SQUAD = 25
UNIQUE_PER_REQUEST = re.compile(
    r'(csrfmiddlewaretoken" value="|nonce="|"X-CSRFToken": "|name="token" value=")[^"]*'
)


@pytest.fixture
def nordic(library) -> Program:
    return Program.objects.library().get(slug="band-assisted-nordic")


@pytest.fixture
def squad(team) -> list:
    athletes = [make_user(f"player{n}", first_name=f"Player {n}") for n in range(SQUAD)]
    Membership.objects.bulk_create(Membership(team=team, athlete=a) for a in athletes)
    return athletes


def assign(coach, template, athletes, team=None, start=None) -> list[Assignment]:
    return actions.program_assign_many(
        coach=coach,
        template=template,
        athletes=athletes,
        start_date=start or timezone.localdate(),
        start_bands={},
        maintenance="standard",
        find_start_band=False,
        team=team,
    )


def first_nordic(program) -> Prescription:
    return Prescription.objects.get(
        workout__week__program=program, workout__week__number=1, workout__day=1, order=1
    )


def test_a_squad_assigned_once_shares_one_copy(coach, team, squad, nordic):
    programs_before = Program.objects.count()
    members = assign(coach, nordic, squad, team=team)
    assert len(members) == SQUAD
    assert Program.objects.count() == programs_before + 1  # one copy, not 25
    group = AssignmentGroup.objects.get()
    assert (group.team, group.template, group.program.is_template) == (team, nordic, False)
    assert {member.program_id for member in members} == {group.program_id}
    assert set(group.members.values_list("athlete", flat=True)) == {a.pk for a in squad}
    # Each member still has a ladder of their own.
    assert {member.tracks.count() for member in members} == {1}


def test_one_edit_changes_the_next_workout_of_every_member_and_no_logged_set(
    coach, team, squad, nordic
):
    members = assign(coach, nordic, squad, team=team)
    prescription = first_nordic(members[0].program)
    workout = prescription.workout
    first = members[0]
    logged = athlete_actions.set_log(
        athlete=first.athlete,
        assignment=first,
        workout=workout,
        prescription=prescription,
        today=timezone.localdate(),
        token=uuid.uuid4(),
        set_number=1,
        reps=prescription.target_for_set(1),
        control="full",
    )
    before, before_sets = logged.target_reps, prescription.sets
    assert (before, before_sets) != (9, 4)  # the edit below changes both
    # The coach's one edit, through the builder's own endpoint.
    coach_client = Client()
    coach_client.force_login(coach)
    response = coach_client.post(
        f"/programs/{first.program_id}/prescriptions/{prescription.pk}/",
        {
            "exercise": prescription.exercise_id,
            "sets": 4,
            "target": "9/8/7/6",
            "tempo": "",
            "rest_seconds": prescription.rest_seconds,
            "rpe_target": "",
            "band": prescription.band_id or "",
            "notes": prescription.notes,
        },
    )
    assert response.status_code in (200, 302), response.content[:500]
    prescription.refresh_from_db()
    assert (prescription.sets, prescription.set_reps) == (4, [9, 8, 7, 6])
    # Every member's workout page now prescribes the new dose (a second member, the last).
    for member in (members[1], members[-1]):
        phone = Client()
        phone.force_login(member.athlete)
        page = phone.get(f"/workouts/{workout.pk}/")
        assert page.status_code == 200
        assert "Set 4 of 4" in page.text and f"Set 1 of {before_sets}" not in page.text
    logged.refresh_from_db()
    assert logged.target_reps == before
    assert SetLog.objects.count() == 1


def test_every_member_is_dated_on_their_own_days(coach, team, squad, nordic):
    """The schedule dates a shared plan's workout once per member, from each member's start
    (one starts a week later)."""
    start = date(2026, 11, 16)
    members = assign(coach, nordic, squad[:3], team=team, start=start)
    late = members[2]
    Assignment.objects.filter(pk=late.pk).update(start_date=start + timedelta(weeks=1))
    late.refresh_from_db()
    window = (start, start + timedelta(days=13))
    dated = dating.assignment_schedule(members, between=window)
    first = Workout.objects.get(week__program=late.program, week__number=1, day=1)
    days = {item.assignment.pk: item.on for item in dated if item.workout == first}
    assert days == {
        members[0].pk: start,
        members[1].pk: start,
        late.pk: start + timedelta(weeks=1),
    }
    light = dating.schedule_places(members, between=window)
    assert [(i.key, i.on) for i in light] == [(i.key, i.on) for i in dated]


def test_a_member_follows_its_own_groups_copy_only(coach, athlete, squad, nordic):
    [one] = assign(coach, nordic, [athlete])
    [other] = assign(coach, nordic, [squad[0]])
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.filter(pk=one.pk).update(program=other.program)
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_one_athlete_alone_is_a_group_of_one(coach, athlete, nordic):
    assignment = program_assign(
        template=nordic, athlete=athlete, start_date=date(2026, 11, 16), by=coach
    )
    group = assignment.group
    assert list(group.members.all()) == [assignment]
    assert (group.program, group.start_date, group.team) == (
        assignment.program,
        date(2026, 11, 16),
        None,
    )


@pytest.mark.django_db(transaction=True)
def test_the_migration_makes_each_earlier_copy_a_group_of_one_and_changes_no_page(
    catalogue, library, coach, team, athlete
):
    other = make_user("athlete2", first_name="Sam")
    Membership.objects.create(team=team, athlete=other)
    template = Program.objects.library().get(slug="band-assisted-nordic")
    start = timezone.localdate() - timedelta(days=8)
    mine = program_assign(template=template, athlete=athlete, start_date=start, by=coach)
    program_assign(template=template, athlete=other, start_date=start, by=coach)
    workout = Workout.objects.get(week__program=mine.program, week__number=1, day=1)
    pages = [f"/workouts/{workout.pk}/", "/today/", "/calendar/", "/history/"]

    def seen() -> list[str]:
        """The pages, without what changes on every request: the CSRF tokens, the nonces, each
        set row's fresh idempotency token."""
        phone = Client()
        phone.force_login(athlete)
        coach_client = Client()
        coach_client.force_login(coach)
        texts = [phone.get(page).text for page in pages]
        texts.append(coach_client.get("/coach/").text)
        return [UNIQUE_PER_REQUEST.sub(r"\1", text) for text in texts]

    before = seen()
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([("programs", "0015_return_to_play_running")])
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM programs_assignment")
            assert cursor.fetchone() == (2,)
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    groups = AssignmentGroup.objects.order_by("pk")
    assert [(g.program_id, g.start_date, g.team_id) for g in groups] == [
        (a.program_id, a.start_date, None) for a in Assignment.objects.order_by("pk")
    ]
    assert all(a.group.program_id == a.program_id for a in Assignment.objects.all())
    assert seen() == before

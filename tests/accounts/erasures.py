"""A realistic history for the erasure tests, made through the actions a phone and a coach use:
every word a person types about the athlete carries their surname, so a scan of the database
for it finds any word an erasure left behind."""

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.apps import apps
from django.db import models
from django.utils import timezone

from accounts.clubs import SsoIdentity, StaffInvite, StaffRole
from accounts.models import DataExport, Invite, Membership, SquadGroup, SquadGroupMember, User
from catalogue.models import Band, Exercise
from coaching.actions import band_set, comment_add, pause_clear, squad_tests_record
from logbook import actions
from logbook.flags import flag_acknowledge
from logbook.messages import message_post
from logbook.models import Flag, PainPause, SetLog, WorkoutLog
from logbook.models.feeds import calendar_feed_renew
from programs import services
from programs.actions import exercise_leave_out
from programs.assignments import program_assign
from programs.models import BandTrack, Prescription, Workout
from tests.conftest import make_user

DAY_1 = date(2026, 11, 16)  # a Monday: the program's start
EVENING = datetime(2026, 11, 16, 18, tzinfo=UTC)


def athlete_named(username: str, first: str, last: str, team) -> User:
    athlete = make_user(
        username,
        first_name=first,
        last_name=last,
        body_mass_kg=Decimal("81.5"),
        height_cm=183,
        timezone="Europe/London",
        units="lb",
    )
    athlete.email = f"{first}.{last}@example.org".lower()
    athlete.save(update_fields=["email"])
    Membership.objects.create(team=team, athlete=athlete)
    return athlete


def nordic_block(coach):
    """Two weeks, workouts on days 1 and 4: an assisted Nordic 3 x 12/10/8 and a hold."""
    program = services.program_create(owner=coach, title="Nordic block")
    nordic = Exercise.objects.get(slug="band-assisted-nordic-curl")
    hold = Exercise.objects.get(slug="banded-isometric-leg-curl-hold")
    green, black = Band.objects.get(name="Green"), Band.objects.get(name="Black")
    for _ in range(2):
        week = services.week_add(program=program)
        for day in (1, 4):
            workout = Workout.objects.create(week=week, day=day, title=f"Session day {day}")
            Prescription.objects.create(
                workout=workout, exercise=nordic, order=1, sets=3, set_reps=[12, 10, 8], band=green
            )
            Prescription.objects.create(
                workout=workout, exercise=hold, order=2, sets=2, seconds=30, band=black
            )
    services.band_rule_set(program=program, exercise=nordic, start_band=green)
    return program


def history(*, athlete: User, coach: User, team) -> None:
    """A week of training and everything around it: a check-in, sets with a note, a finish
    with pain and notes (a flag and a pain pause), the coach's comment, an exercise left out
    with a note, a message, a pause cleared with a note, a strength test with a note, a flag
    seen with a note, a band set by hand with a reason, a skipped workout, a pain stop; and
    the athlete's own records: a calendar feed, a single sign-on identity, a data export,
    invites to their address, a group, the bands they own."""
    said = athlete.last_name
    assignment = program_assign(
        template=nordic_block(coach), athlete=athlete, start_date=DAY_1, by=coach
    )
    week_1 = Workout.objects.filter(week__program=assignment.program, week__number=1)
    workout, missed = week_1.get(day=1), week_1.get(day=4)
    nordic, hold = workout.prescriptions.order_by("order")
    exercise_leave_out(
        coach=coach,
        assignment=assignment,
        prescription=hold,
        substitute=None,
        note=f"{said}'s calf is sore",
    )
    session = {"athlete": athlete, "assignment": assignment, "workout": workout, "today": DAY_1}
    actions.check_in(**session, soreness=3, sleep=4, now=EVENING)
    for number in (1, 2, 3):
        actions.set_log(
            **session,
            prescription=nordic,
            token=uuid.uuid4(),
            set_number=number,
            reps=nordic.target_for_set(number),
            band=nordic.band,
            control="full",
            now=EVENING,
        )
    SetLog.objects.filter(workout_log__athlete=athlete).update(note=f"{said}: felt the left one")
    actions.workout_finish(
        **session, rpe=7, pain=6, notes=f"{said} here: tight after the third set", now=EVENING
    )
    log = WorkoutLog.objects.get(athlete=athlete, workout=workout)
    comment_add(coach=coach, log=log, body=f"Well done {said}, rest tomorrow")
    message_post(athlete=athlete, author=athlete, body=f"Thanks, {said} signing off")
    pause_clear(
        pause=PainPause.objects.get(athlete=athlete), by=coach, note=f"{said} seen by physio"
    )
    squad_tests_record(
        coach=coach,
        sport=team.sport,
        rows=[{"athlete": athlete, "left": Decimal(300), "right": Decimal(240), "note": said}],
        on_date=DAY_1,
        method="nordbord",
        phase="preseason_start",
    )
    flag = Flag.objects.filter(athlete=athlete, acknowledged_at__isnull=True).first()
    flag_acknowledge(flag=flag, by=coach, note=f"Talked to {said}")
    band_set(
        coach=coach,
        track=BandTrack.objects.get(assignment=assignment, exercise=nordic.exercise),
        band=Band.objects.get(name="Purple"),
        reason=f"{said} asked for more help",
    )
    actions.workout_skip(
        athlete=athlete, assignment=assignment, workout=missed, today=DAY_1 + timedelta(days=5)
    )
    later = Workout.objects.get(week__program=assignment.program, week__number=2, day=1)
    actions.pain_stop(
        athlete=athlete,
        assignment=assignment,
        workout=later,
        today=DAY_1 + timedelta(days=7),
        exercise=nordic.exercise,
        side="left",
        where="middle",
        kind="sharp",
        now=EVENING + timedelta(days=7),
    )
    own_records(athlete=athlete, coach=coach, team=team)


def own_records(*, athlete: User, coach: User, team) -> None:
    calendar_feed_renew(user=athlete)
    SsoIdentity.objects.create(user=athlete, issuer="https://id.example.org", subject=athlete.email)
    DataExport.objects.create(user=athlete, token=uuid.uuid4().hex, content=athlete.email.encode())
    week = timezone.now() + timedelta(days=7)
    Invite.objects.create(team=team, email=athlete.email, invited_by=coach, expires_at=week)
    StaffInvite.objects.create(
        club=team.club,
        email=athlete.email.upper(),
        role=StaffRole.VIEWER,
        token=uuid.uuid4().hex,
        invited_by=coach,
        sent_at=timezone.now(),
        expires_at=week,
    )
    group, _ = SquadGroup.objects.get_or_create(team=team, name="Backs")
    SquadGroupMember.objects.create(group=group, athlete=athlete)
    Band.objects.get(name="Green").owners.add(athlete)


def rows_saying(*words: str) -> dict[str, list[dict]]:
    """Every row of every table (Django's own included) where one of `words` appears,
    whatever its case, in any field: the generic check that nothing of a person is left."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if not isinstance(field, models.BinaryField)
        ]
        rows = [
            row
            for row in model._base_manager.values(*fields)
            if any(word.lower() in str(row).lower() for word in words)
        ]
        if rows:
            found[model._meta.label] = rows
    return found


def keys_to_user() -> dict[type[models.Model], list[str]]:
    """Every model of every app with a key to the user model, and the names of its keys."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        keys = [
            field.name
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model is User
        ]
        if keys:
            found[model] = keys
    return found

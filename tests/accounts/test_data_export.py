"""The zip of a person's own data holds every record of theirs (issue 29): on the demo's data,
for its athlete with the fullest history (Priya: a pain stop, a pain pause, flags, tests) and
for her coach, every model with a key to the user model, found in the model registry as the
export finds them, is in the zip with exactly the ids of the rows keyed to the person; so are
the parts of the athlete's records (the sets of her sessions, her band tracks and moves); so
are the CSV files her coach downloads; nobody else's rows are. A model with a key to the user
that has no rows for either person fails the test until the fixture gives it one."""

import io
import json
import zipfile
from datetime import timedelta
from functools import reduce
from operator import or_

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from accounts import services
from accounts.clubs import SsoIdentity, StaffInvite, TeamStaff
from accounts.data_export_actions import data_export_request
from accounts.models import DataExport, Erasure, Team, User
from catalogue.models import Band, Exercise
from catalogue.services import band_measure, owned_bands_set
from logbook.models import (
    CalendarFeed,
    HTestReport,
    PainStop,
    SetLog,
    StartBandTrial,
    WorkoutSkip,
)
from programs.models import Assignment, BandChange, BandTrack, StageOpening
from tests.conftest import make_user


def user_keyed_models():
    """Every model with a foreign key, one-to-one or many-to-many to the user model, and those
    keys: from the registry, so a model added later is checked without a change here."""
    user_model = get_user_model()
    for model in apps.get_models():
        keys = [
            field
            for field in (*model._meta.fields, *model._meta.many_to_many)
            if field.is_relation and field.related_model is user_model
        ]
        if keys and model is not user_model:
            yield model, keys


def keyed_to(model, keys, person) -> set[int]:
    condition = reduce(or_, [Q(**{key.name: person}) for key in keys])
    return set(model._base_manager.filter(condition).values_list("pk", flat=True))


def parts_of(athlete) -> dict[type, set[int]]:
    """The athlete's records that hang from hers with no key to a person of their own."""
    return {
        model: set(model.objects.filter(**{path: athlete}).values_list("pk", flat=True))
        for model, path in [
            (SetLog, "workout_log__athlete"),
            (PainStop, "workout_log__athlete"),
            (BandTrack, "assignment__athlete"),
            (BandChange, "track__assignment__athlete"),
            (StageOpening, "assignment__athlete"),
            (StartBandTrial, "assignment__athlete"),
        ]
    }


def file_of(model) -> str:
    return f"{model._meta.label_lower}.json"


def opened(export: DataExport) -> dict[str, str]:
    export.refresh_from_db()
    with zipfile.ZipFile(io.BytesIO(bytes(export.content))) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist()}


def ids_in(files: dict[str, str], model) -> set[int]:
    return {row["id"] for row in json.loads(files.get(file_of(model), "[]"))}


def rows_given(athlete: User, coach: User) -> None:
    """One row of each kind the demo gives neither person: a staff invite, single sign-on, an
    erasure the coach asked for, the bands she owns, her calendar feed, a skipped workout..."""
    assignment = Assignment.objects.filter(athlete=athlete).select_related("program").first()
    week = assignment.program.weeks.order_by("number").first()
    workout = week.workouts.order_by("day").first()
    team = Team.objects.get(coach=coach)
    now = timezone.now()
    LogEntry.objects.create(
        user=coach,
        content_type=ContentType.objects.get_for_model(Team),
        object_id=str(team.pk),
        object_repr=str(team),
        action_flag=CHANGE,
    )
    physio = User.objects.get(username="physio")
    TeamStaff.objects.create(team=team, user=coach)
    StaffInvite.objects.create(
        club=coach.seat.club,
        email="new.physio@example.com",
        token="staff-invite-token",
        invited_by=coach,
        sent_at=now,
        expires_at=now + timedelta(days=7),
        accepted_at=now,
        accepted_by=physio,
    )
    SsoIdentity.objects.create(user=coach, issuer="https://id.example.com", subject="cora")
    Erasure.objects.create(
        user=make_user("leaver"), requested_by=coach, erase_after=now + timedelta(days=30)
    )
    services.invite_send(
        team=team, email="priya@example.com", invited_by=coach, base_url="http://testserver/"
    )
    green = Band.objects.get(name="Green")
    band_measure(coach=coach, band=green, tension_kg=30, length_cm=120, measured_on=now.date())
    owned_bands_set(user=athlete, bands=[green])
    StageOpening.objects.create(
        assignment=assignment, week=week, opened_on=now.date(), signed_off_by=coach
    )
    CalendarFeed.objects.create(user=athlete)
    HTestReport.objects.create(
        athlete=athlete, assignment=assignment, week=week, on_date=now.date(), insecure=False
    )
    WorkoutSkip.objects.create(
        athlete=athlete,
        assignment=assignment,
        workout=workout,
        occurrence=99,
        skipped_on=now.date(),
    )
    StartBandTrial.objects.create(
        assignment=assignment,
        exercise=Exercise.objects.filter(pattern="eccentric").first(),
        band=green,
        first_rep="mid",
        second_rep="late",
    )


@pytest.fixture
def people(demo) -> tuple[User, User]:
    """Priya and her coach, Cora, each with a zip of their data built."""
    athlete, coach = User.objects.get(username="priya"), User.objects.get(username="coach")
    rows_given(athlete, coach)
    for person in (athlete, coach):
        data_export_request(user=person)
    return athlete, coach


def zip_of(person: User) -> dict[str, str]:
    return opened(DataExport.objects.get(user=person))


def test_every_model_with_a_key_to_a_person_has_rows_for_one_of_them(people):
    missing = [
        model._meta.label
        for model, keys in user_keyed_models()
        if not any(keyed_to(model, keys, person) for person in people)
    ]
    assert missing == [], "give these a row in rows_given()"


def test_the_zip_holds_every_record_keyed_to_the_athlete(people):
    athlete, _ = people
    files, parts = zip_of(athlete), parts_of(athlete)
    for model, keys in user_keyed_models():
        theirs = keyed_to(model, keys, athlete) | parts.get(model, set())  # a band move's `by`
        assert ids_in(files, model) == theirs, model._meta.label
    [me] = json.loads(files["accounts.user.json"])
    assert me["id"] == athlete.pk and me["username"] == "priya"


def test_the_zip_holds_the_parts_of_the_athletes_records(people):
    athlete, _ = people
    files = zip_of(athlete)
    for model, ids in parts_of(athlete).items():
        assert ids, f"the demo gives Priya a {model._meta.label}"
        assert ids_in(files, model) == ids, model._meta.label


def test_the_zip_holds_every_record_keyed_to_the_coach_and_none_of_her_athletes(people):
    _, coach = people
    files = zip_of(coach)
    for model, keys in user_keyed_models():
        assert ids_in(files, model) == keyed_to(model, keys, coach), model._meta.label
    # Her athletes' sets, tracks and trials hang from their records, not hers.
    for model in (SetLog, BandTrack, StartBandTrial):
        assert file_of(model) not in files


def test_nobody_elses_rows_are_in_it(people):
    athlete, _ = people
    files, parts = zip_of(athlete), parts_of(athlete)
    others = User.objects.exclude(pk=athlete.pk)
    for model, keys in user_keyed_models():
        hers = keyed_to(model, keys, athlete) | parts.get(model, set())
        theirs = set().union(*(keyed_to(model, keys, other) for other in others))
        assert not ids_in(files, model) & (theirs - hers), model._meta.label
    everyone_elses_sets = set(
        SetLog.objects.exclude(workout_log__athlete=athlete).values_list("pk", flat=True)
    )
    assert everyone_elses_sets and not ids_in(files, SetLog) & everyone_elses_sets
    text = "".join(files.values())
    for other in ("Lena", "Riley", "athlete2@example.com", "leaver"):
        assert other not in text


def test_the_csvs_are_the_ones_her_coach_downloads(people, client):
    athlete, coach = people
    files = zip_of(athlete)
    client.force_login(coach)
    day = timezone.localdate()
    for kind, url in (
        ("sets", f"/coach/athletes/{athlete.pk}/export.csv"),
        ("strength-tests", f"/coach/athletes/{athlete.pk}/strength-tests.csv"),
    ):
        downloaded = b"".join(client.get(url).streaming_content).decode()
        assert files[f"{kind}-priya-{day:%Y-%m-%d}.csv"] == downloaded
        assert downloaded.count("\n") > 3  # a header and her rows


def test_its_values_read_as_json_without_the_password_or_bytes(people):
    athlete, _ = people
    files = zip_of(athlete)
    [me] = json.loads(files["accounts.user.json"])
    assert "password" not in me
    assert me["date_joined"].startswith(f"{athlete.date_joined:%Y-%m-%dT}")
    assert me["body_mass_kg"] == f"{athlete.body_mass_kg}"  # a decimal, as text
    [export] = json.loads(files["accounts.dataexport.json"])
    assert "content" not in export and export["user"] == athlete.pk
    assert "priya" in files["README.txt"] and "logbook.setlog.json" in files["README.txt"]

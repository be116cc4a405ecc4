"""An erasure carried out (issue 29): nothing before the grace period ends; after it, no
personal field on the account and nothing of the person anywhere in the database; their club
keeps their training rows with no words in them, or loses them, and the rest of the squad's
rows stay as they were. The daily command runs it; a second run does nothing more."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import models
from django.utils import timezone

from accounts.club_actions import team_hand_over
from accounts.clubs import Staff, StaffInvite, StaffRole
from accounts.erasure import erasure_request, erasures_due
from accounts.erasure_records import CODES, ERASED, training_records
from accounts.models import (
    DataExport,
    Erasure,
    Invite,
    Membership,
    SquadGroupMember,
    Team,
    User,
)
from logbook.models import CalendarFeed, Flag
from tests.accounts.erasures import EVENING, athlete_named, history, keys_to_user, rows_saying
from tests.conftest import make_user
from tests.snapshots import row_counts

ASKED = EVENING + timedelta(days=8)
GRACE_ENDS = ASKED + timedelta(days=30)


@pytest.fixture
def squad(time_machine, coach, team, staff):
    """Two athletes of one squad with a week of history each; the first, Alexandra
    Quillfeather, asks for her erasure; staff once changed her account in the admin."""
    time_machine.move_to(EVENING, tick=False)
    quill = athlete_named("quill", "Alexandra", "Quillfeather", team)
    bramble = athlete_named("bramble", "Bea", "Brambleton", team)
    history(athlete=quill, coach=coach, team=team)
    history(athlete=bramble, coach=coach, team=team)
    LogEntry.objects.create(
        user=staff,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(quill.pk),
        object_repr=str(quill),
        action_flag=CHANGE,
    )
    time_machine.move_to(ASKED, tick=False)
    erasure_request(user=quill, by=quill)
    return quill, bramble


def of_her(quill: User) -> tuple[str, ...]:
    return quill.first_name, quill.last_name, quill.email


def training_rows(person: User) -> dict[str, list[dict]]:
    return {
        kind.model._meta.label: list(kind.rows(person).order_by("pk").values())
        for kind in training_records()
    }


def test_nothing_is_erased_before_the_grace_period_ends(squad, time_machine):
    quill, _ = squad
    before = rows_saying(*of_her(quill))
    time_machine.move_to(GRACE_ENDS - timedelta(minutes=1), tick=False)
    assert erasures_due(now=timezone.now()) == 0
    assert rows_saying(*of_her(quill)) == before
    assert "logbook.WorkoutLog" in before and "logbook.Message" in before
    assert User.objects.get(pk=quill.pk).last_name == "Quillfeather"
    assert Erasure.objects.get(user=quill).erased_at is None


def test_after_the_grace_period_no_personal_field_is_left(squad, time_machine):
    quill, _ = squad
    said = of_her(quill)
    time_machine.move_to(GRACE_ENDS, tick=False)
    assert erasures_due(now=timezone.now()) == 1
    erased = User.objects.get(pk=quill.pk)
    for field in User._meta.concrete_fields:
        value = getattr(erased, field.attname)
        if field.name == "username":
            assert value == f"erased-{quill.pk}"
        elif field.name == "password":
            assert not erased.has_usable_password()
        elif field.choices:
            assert value == field.get_default(), field.name
        elif isinstance(field, models.CharField | models.TextField):
            assert value == "", field.name
    assert (erased.body_mass_kg, erased.height_cm) == (None, None)
    assert not (erased.mail_messages or erased.mail_flag_digest or erased.mail_training_reminder)
    assert not erased.is_active
    assert rows_saying(*said) == {}
    assert Erasure.objects.get(user=quill).erased_at == GRACE_ENDS


def test_their_own_records_go_and_the_squads_stay(squad, time_machine):
    quill, bramble = squad
    time_machine.move_to(GRACE_ENDS, tick=False)
    erasures_due(now=timezone.now())
    for person, left in ((quill, 0), (bramble, 1)):
        assert person.sso_identities.count() == left
        assert DataExport.objects.filter(user=person).count() == left
        assert Invite.objects.filter(email__iexact=person.email).count() == left
        assert StaffInvite.objects.filter(email__iexact=person.email).count() == left
        assert SquadGroupMember.objects.filter(athlete=person).count() == left
        assert CalendarFeed.objects.filter(user=person).count() == left
        assert person.owned_bands.count() == left
    assert not Membership.objects.filter(athlete=quill, is_active=True).exists()
    assert Membership.objects.filter(athlete=bramble, is_active=True).exists()


def test_a_club_that_keeps_records_keeps_them_with_no_words(squad, time_machine, team):
    quill, bramble = squad
    said = of_her(quill)
    team.club.keep_anonymised_records = True
    team.club.save()
    kept = {label: len(rows) for label, rows in training_rows(quill).items()}
    theirs = training_rows(bramble)
    time_machine.move_to(GRACE_ENDS, tick=False)
    assert erasures_due(now=timezone.now()) == 1
    assert {label: len(rows) for label, rows in training_rows(quill).items()} == kept
    assert kept["logbook.SetLog"] == 3 and kept["logbook.Message"] > 2
    for model, keys in keys_to_user().items():
        if model._meta.label in ("accounts.AuditEvent", "admin.LogEntry"):
            continue  # the app's own words (a stage, a file's kind), never a person's
        words = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
            and not field.choices
            and field.name not in CODES
        ]
        for key in keys if words else ():
            for row in model._base_manager.filter(**{key: quill}).values(*words):
                assert set(row.values()) <= {"", ERASED}, (model, row)
    assert rows_saying(*said) == {}
    assert training_rows(bramble) == theirs


def test_a_club_that_keeps_nothing_loses_the_athletes_rows(squad, time_machine):
    quill, bramble = squad
    theirs = training_rows(bramble)
    # Every kind of training record holds some of hers, but the return-to-play and
    # start-band-finder records, which a plain Nordic block does not make.
    missing = sorted(label for label, rows in training_rows(quill).items() if not rows)
    assert missing == ["logbook.HTestReport", "logbook.StartBandTrial", "programs.StageOpening"]
    time_machine.move_to(GRACE_ENDS, tick=False)
    assert erasures_due(now=timezone.now()) == 1
    assert not any(training_rows(quill).values())
    for model, keys in keys_to_user().items():
        if model._meta.app_label != "accounts" and "athlete" in keys:
            assert not model._base_manager.filter(athlete=quill).exists(), model
    assert training_rows(bramble) == theirs
    assert rows_saying(*of_her(quill)) == {}


def test_one_club_not_keeping_is_enough_to_delete(squad, time_machine, team, other_coach):
    quill, _ = squad
    team.club.keep_anonymised_records = True
    team.club.save()
    elsewhere = Team.objects.create(coach=other_coach, name="Elsewhere")
    Membership.objects.create(team=elsewhere, athlete=quill, is_active=False)  # left it
    time_machine.move_to(GRACE_ENDS, tick=False)
    erasures_due(now=timezone.now())
    assert not any(training_rows(quill).values())


def test_a_second_run_does_nothing_more(squad, time_machine):
    time_machine.move_to(GRACE_ENDS, tick=False)
    assert erasures_due(now=timezone.now()) == 1
    counts = row_counts()
    time_machine.move_to(GRACE_ENDS + timedelta(days=1), tick=False)
    assert erasures_due(now=timezone.now()) == 0
    assert row_counts() == counts


def test_the_daily_command_runs_it_and_drops_expired_exports(squad, time_machine, capsys):
    quill, bramble = squad
    export = DataExport.objects.get(user=bramble)
    DataExport.objects.filter(pk=export.pk).update(expires_at=GRACE_ENDS - timedelta(days=1))
    time_machine.move_to(GRACE_ENDS, tick=False)
    call_command("privacy_daily")
    assert "Erased 1 people; dropped 1 expired data exports." in capsys.readouterr().out
    assert User.objects.get(pk=quill.pk).username == f"erased-{quill.pk}"
    assert DataExport.objects.get(pk=export.pk).content is None


def test_an_erased_person_keeps_their_place_in_what_others_did(squad, time_machine, coach, team):
    """The coach's own erasure, once their team is another head's: their athletes' records
    stay whole, the coach's messages and acknowledgements in them too (the thread is the
    athlete's), naming the coach by id."""
    _, bramble = squad
    theirs = training_rows(bramble)
    head = make_user("head")
    Staff.objects.create(user=head, club=team.club, role=StaffRole.OWNER)
    team_hand_over(team=team, to=head, by=coach)
    erasure_request(user=coach, by=head)
    time_machine.move_to(GRACE_ENDS, tick=False)
    assert erasures_due(now=timezone.now()) == 2
    assert training_rows(bramble) == theirs
    assert Flag.objects.filter(athlete=bramble, acknowledged_by=coach).exists()
    assert User.objects.get(pk=coach.pk).username == f"erased-{coach.pk}"
    assert not Staff.objects.get(user=coach).is_active

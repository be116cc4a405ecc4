"""An erasure's edges (issue 29): one failing is logged and undone while the others go on; an
account active again waits; the mails to the person left in the queue and their sign-in
records go; and every key to the user in the apps above accounts is one the erasure knows."""

import logging
from datetime import UTC, datetime, timedelta

import pytest
from axes.models import AccessLog
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts import erasure as erasure_module
from accounts.clubs import SsoIdentity
from accounts.erasure import erasure_request, erasures_due
from accounts.erasure_records import OWN_KEY, SUBJECT_KEY, models_above_accounts
from accounts.mail import mail_queue
from accounts.models import Erasure, User
from accounts.services import user_reactivate
from tests.accounts.erasures import keys_to_user

ASKED = datetime(2026, 3, 2, 9, tzinfo=UTC)
DUE = ASKED + timedelta(days=30)

# Keys that name who did something to someone else's record, or to the club's: an erasure
# leaves them pointing at the erased account (named by its id), so the records stay whole.
ACTORS = {
    "programs.Program": {"owner"},
    "programs.AssignmentGroup": {"assigned_by"},
    "programs.Assignment": {"assigned_by"},
    "programs.BandChange": {"by"},
    "programs.StageOpening": {"signed_off_by"},
    "catalogue.BandMeasurement": {"owner"},
    "logbook.PainStop": {"answered_by"},
    "logbook.Message": {"author"},
    "logbook.PainPause": {"cleared_by"},
    "logbook.Flag": {"acknowledged_by"},
    "logbook.StrengthTest": {"entered_by"},
}


@pytest.fixture
def asked(time_machine, athlete, outsider):
    """Two people asked a month ago: the athlete, then another club's."""
    time_machine.move_to(ASKED, tick=False)
    SsoIdentity.objects.create(user=athlete, issuer="https://id.example.org", subject="a")
    erasure_request(user=athlete, by=athlete)
    erasure_request(user=outsider, by=outsider)
    time_machine.move_to(DUE, tick=False)
    return athlete, outsider


def test_one_failing_is_logged_and_undone_and_the_others_go_on(asked, monkeypatch, caplog):
    athlete, outsider = asked
    records_delete = erasure_module.records_delete

    def planted(user):
        records_delete(user)
        if user.pk == athlete.pk:
            raise RuntimeError("planted")

    monkeypatch.setattr(erasure_module, "records_delete", planted)
    with caplog.at_level(logging.ERROR, logger="accounts.erasure"):
        assert erasures_due(now=timezone.now()) == 1
    failed = Erasure.objects.get(user=athlete)
    assert f"Erasure {failed.pk} failed; the next run tries it again" in caplog.text
    assert failed.erased_at is None
    assert SsoIdentity.objects.filter(user=athlete).exists()  # its own records came back
    assert User.objects.get(pk=athlete.pk).username == "athlete"
    assert User.objects.get(pk=outsider.pk).username == f"erased-{outsider.pk}"
    monkeypatch.undo()
    assert erasures_due(now=timezone.now()) == 1
    assert not SsoIdentity.objects.filter(user=athlete).exists()


def test_an_account_active_again_waits(asked, caplog):
    athlete, _ = asked
    user_reactivate(user=athlete)
    with caplog.at_level(logging.WARNING, logger="accounts.erasure"):
        assert erasures_due(now=timezone.now()) == 1  # the other one
    assert "is active again" in caplog.text
    assert Erasure.objects.get(user=athlete).erased_at is None
    assert User.objects.get(pk=athlete.pk).first_name == "Alex"


def test_their_sign_in_records_go(asked):
    athlete, _ = asked
    for username in (athlete.username, "someone"):
        AccessLog.objects.create(
            username=username,
            ip_address="192.0.2.1",
            user_agent="phone",
            attempt_time=ASKED,
        )
    erasures_due(now=timezone.now())
    assert list(AccessLog.objects.values_list("username", flat=True)) == ["someone"]


def test_the_mails_to_them_left_in_the_queue_go(settings, transactional_db, time_machine):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    time_machine.move_to(ASKED, tick=False)
    leaving = User.objects.create_user("leaving", email="leaving@example.org")
    mail_queue(to="leaving@example.org", subject="Your coach wrote", body="About your pain")
    mail_queue(to="staying@example.org", subject="Your coach wrote", body="About your band")
    erasure_request(user=leaving, by=leaving)
    time_machine.move_to(DUE, tick=False)
    assert erasures_due(now=timezone.now()) == 1
    [left] = DBTaskResult.objects.values_list("args_kwargs", flat=True)
    assert left["kwargs"]["to"] == "staying@example.org"


def test_every_key_to_the_user_above_accounts_is_known(db):
    """A new model with a key to the user must say what an erasure does with it: a training
    record is keyed `athlete` (kept anonymised or deleted), a person's own record `user`
    (deleted); any other key names who acted and is listed in ACTORS."""
    above = set(models_above_accounts())
    unknown = {
        model._meta.label: set(keys) - {SUBJECT_KEY, OWN_KEY} - ACTORS.get(model._meta.label, set())
        for model, keys in keys_to_user().items()
        if model in above
    }
    assert {label: keys for label, keys in unknown.items() if keys} == {}

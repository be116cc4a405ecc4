"""A notice's mail says in its subject what happened, for each kind of notice: a pain stop, a
band set by hand, an answered suggestion, an acknowledged flag, a stage signed off."""

from datetime import UTC, datetime

import pytest
from django.core import mail

from catalogue.models import Band
from logbook import services as logbook
from logbook.models import Flag
from tests.coaching.athletes import assign, log_workout, suggest, workouts_of
from tests.programs.stages import assign_l_protocol, do_stage


@pytest.fixture(autouse=True)
def frozen_clock(time_machine):
    time_machine.move_to(datetime(2026, 10, 12, 12, tzinfo=UTC), tick=False)


@pytest.fixture
def track(library, athlete, coach):
    return assign(athlete, coach).tracks.get()


def subjects() -> list[str]:
    return [message.subject for message in mail.outbox]


def test_a_pain_stop_mail_says_who_stopped_what(coach, athlete, track):
    log = log_workout(track.assignment, workouts_of(track.assignment)[0])
    mail.outbox.clear()
    logbook.pain_stop_record(
        workout_log=log, exercise=track.exercise, side="left", where="high", kind="sharp"
    )
    assert subjects() == ["Alex stopped the Band-assisted Nordic curl: it hurt"]


def test_a_band_set_by_hand_mail_says_the_new_band(coach_client, athlete, track):
    black = Band.objects.get(name="Black")
    coach_client.post(f"/coach/tracks/{track.pk}/band/", {"band": black.pk, "reason": "Ready."})
    assert subjects() == ["Band-assisted Nordic curl: Cora put you on the black band"]


@pytest.mark.parametrize(
    ("decision", "subject"),
    [
        ("approve", "Band-assisted Nordic curl: Cora approved your step on to the purple band"),
        ("decline", "Band-assisted Nordic curl: Cora keeps you on your band for now"),
    ],
)
def test_an_answered_suggestion_mail_says_the_answer(
    coach_client, athlete, track, decision, subject
):
    change = suggest(track)
    mail.outbox.clear()
    coach_client.post(f"/coach/suggestions/{change.pk}/{decision}/")
    assert subjects() == [subject]


def test_an_acknowledged_flag_mail_says_which_flag(coach_client, athlete):
    flag = Flag.objects.create(athlete=athlete, kind="pain_stop", detail="Nordic: sharp")
    coach_client.post(f"/coach/flags/{flag.pk}/acknowledge/", {"note": "Rest two days."})
    assert subjects() == ["Cora looked at your flag: Stopped for pain"]


def test_a_stage_sign_off_mail_says_which_stage(coach_client, library, athlete, coach):
    assignment = assign_l_protocol(athlete, coach)
    do_stage(assignment, 1)
    mail.outbox.clear()
    coach_client.post(f"/coach/assignments/{assignment.pk}/stage/sign-off/")
    assert subjects() == ["Cora signed off The Extender"]

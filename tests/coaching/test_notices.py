"""Notices that reach people: what the coach does about an athlete (a band set by hand, a
suggestion answered, a flag acknowledged) and what the athlete reports (a pain stop) land in
the thread, count as unread for the other side, and are mailed to those who want mail."""

from datetime import UTC, datetime

import pytest
from django.core import mail
from django.test import Client

from catalogue.models import Band
from logbook import services as logbook
from logbook.messages import message_post, unread_count
from logbook.models import Flag, Message
from tests.coaching.athletes import assign, log_workout, suggest, workouts_of

NOW = datetime(2026, 10, 20, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen_clock(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def assignment(library, athlete, coach):
    return assign(athlete, coach)


@pytest.fixture
def track(assignment):
    return assignment.tracks.get()


def notices_to(athlete) -> list[str]:
    return list(
        Message.objects.filter(athlete=athlete, kind="notice").values_list("body", flat=True)
    )


def athlete_today(athlete) -> str:
    browser = Client()
    browser.force_login(athlete)
    return browser.get("/messages/").text


def test_a_band_set_by_hand_tells_the_athlete_why(coach_client, athlete, track):
    black = Band.objects.get(name="Black")
    coach_client.post(
        f"/coach/tracks/{track.pk}/band/", {"band": black.pk, "reason": "Great control last week."}
    )
    [notice] = notices_to(athlete)
    assert notice == (
        "Band-assisted Nordic curl: your coach put you on the black band. Great control last week."
    )
    assert unread_count(athlete) == 1
    assert "Great control last week." in athlete_today(athlete)
    assert [message.to for message in mail.outbox] == [[athlete.email]]
    assert "Great control last week." in mail.outbox[0].body
    assert "/messages/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("decision", "words"),
    [
        ("approve", "step on to the purple band from your next session"),
        ("decline", "stay on your band for now (the purple band was suggested)"),
    ],
)
def test_an_answered_suggestion_tells_the_athlete(coach_client, athlete, track, decision, words):
    change = suggest(track)
    coach_client.post(f"/coach/suggestions/{change.pk}/{decision}/")
    assert notices_to(athlete) == [f"Band-assisted Nordic curl: your coach says {words}."]


def test_an_acknowledged_flag_tells_the_athlete(coach_client, coach, athlete):
    flag = Flag.objects.create(athlete=athlete, kind="pain", detail="Pain 6/10 after Day 1")
    coach_client.post(f"/coach/flags/{flag.pk}/acknowledge/", {"note": "Rest two days."})
    [notice] = Message.objects.filter(kind="notice")
    assert notice.author == coach
    assert notice.body == "Your coach looked at this: Pain: Pain 6/10 after Day 1. Rest two days."


def test_a_pain_stop_reaches_the_coach(coach, athlete, assignment):
    log = log_workout(assignment, workouts_of(assignment)[0])
    nordic = log.workout.prescriptions.get(order=1).exercise
    mail.outbox.clear()
    logbook.pain_stop_record(
        workout_log=log, exercise=nordic, side="left", where="high", kind="sharp"
    )
    [notice] = Message.objects.filter(kind="notice")
    assert (notice.author, notice.athlete, notice.workout_log) == (athlete, athlete, log)
    assert notice.body.startswith("Stopped for pain. Band-assisted Nordic curl: sharp")
    assert unread_count(coach) == 1 and unread_count(athlete) == 0
    assert [message.to for message in mail.outbox] == [[coach.email]]


def test_nobody_is_mailed_who_turned_mail_off(coach, athlete):
    athlete.mail_messages = False
    athlete.save()
    message_post(athlete=athlete, author=coach, body="Quiet please")
    assert mail.outbox == []
    coach.mail_messages = False
    coach.save()
    message_post(athlete=athlete, author=athlete, body="Quiet too")
    assert mail.outbox == []


def test_a_new_message_is_mailed_to_the_other_side(coach, athlete):
    message_post(athlete=athlete, author=athlete, body="Tight calf")
    assert [message.to for message in mail.outbox] == [[coach.email]]
    assert mail.outbox[0].subject == "New message from Alex"
    assert f"/coach/athletes/{athlete.pk}/messages/" in mail.outbox[0].body


def test_the_band_reason_shows_on_today_and_the_workout(coach_client, athlete, track):
    black = Band.objects.get(name="Black")
    coach_client.post(
        f"/coach/tracks/{track.pk}/band/", {"band": black.pk, "reason": "Great control last week."}
    )
    browser = Client()
    browser.force_login(athlete)
    workout = workouts_of(track.assignment)[0]
    for page in ("/today/", f"/workouts/{workout.pk}/"):
        text = browser.get(page).text
        card = text[text.index('class="card from-coach') : text.index("Open messages")]
        assert "From your coach" in card and "new" in card
        assert "your coach put you on the black band. Great control last week." in card

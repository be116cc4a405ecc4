"""`manage.py mail_daily`: flag digests for coaches, reminders on training days for athletes,
each only for those who asked for it."""

import io
from datetime import UTC, date, datetime

import pytest
from django.core import mail
from django.core.management import call_command

from logbook.models import Flag
from tests.coaching.athletes import assign, log_workout, workouts_of

MONDAY = datetime(2026, 10, 5, 6, 0, tzinfo=UTC)  # the assignment starts Thursday 1 October


@pytest.fixture(autouse=True)
def six_in_the_morning(time_machine):
    time_machine.move_to(MONDAY, tick=False)


def run_daily():
    call_command("mail_daily", stdout=io.StringIO())


def mails_to(user) -> list:
    return [message for message in mail.outbox if message.to == [user.email]]


def test_a_coach_gets_one_digest_of_the_new_flags(coach, athlete, outsider):
    Flag.objects.create(athlete=athlete, kind="pain", detail="Pain 6/10 after Day 1")
    Flag.objects.create(athlete=athlete, kind="missed_week", detail="No workout in 7 days")
    Flag.objects.create(athlete=outsider, kind="pain", detail="Not this coach's")
    run_daily()
    [digest] = mails_to(coach)
    assert digest.subject == "2 new flags on Hamstrings"
    assert "Alex: Pain: Pain 6/10 after Day 1" in digest.body
    assert "Not this coach's" not in digest.body


def test_no_digest_for_old_answered_or_unwanted_flags(coach, athlete, time_machine):
    time_machine.move_to(datetime(2026, 10, 3, tzinfo=UTC), tick=False)
    Flag.objects.create(athlete=athlete, kind="soreness", detail="Two days old")
    time_machine.move_to(MONDAY, tick=False)
    Flag.objects.create(athlete=athlete, kind="pain", detail="Seen", acknowledged_at=MONDAY)
    run_daily()
    assert mails_to(coach) == []
    coach.mail_flag_digest = False
    coach.save()
    Flag.objects.create(athlete=athlete, kind="regression", detail="New")
    run_daily()
    assert mails_to(coach) == []


def test_an_athlete_who_asked_is_reminded_on_a_training_day_only(
    library, coach, athlete, time_machine
):
    assignment = assign(athlete, coach, start=date(2026, 10, 1))
    run_daily()
    assert mails_to(athlete) == []  # not asked for
    athlete.mail_training_reminder = True
    athlete.save()
    time_machine.move_to(datetime(2026, 10, 1, 6, tzinfo=UTC), tick=False)  # week 1, day 1
    run_daily()
    [reminder] = mails_to(athlete)
    assert reminder.subject.startswith("Today: ")
    assert "/today/" in reminder.body
    mail.outbox.clear()
    time_machine.move_to(datetime(2026, 10, 2, 6, tzinfo=UTC), tick=False)  # no workout
    run_daily()
    assert mails_to(athlete) == []
    time_machine.move_to(datetime(2026, 10, 1, 18, tzinfo=UTC), tick=False)
    log_workout(assignment, workouts_of(assignment)[0], on=date(2026, 10, 1))
    run_daily()
    assert mails_to(athlete) == []  # done already


def test_the_day_starts_by_raising_the_flags_the_schedule_implies(library, coach, athlete):
    """A missed week reaches the digest without anyone opening the board (the job derives it)."""
    assign(athlete, coach, start=date(2026, 9, 21))  # two weeks of sessions due, none done
    run_daily()
    assert Flag.objects.get(athlete=athlete, kind="missed_week").detail == "No workout in 7 days"
    [digest] = mails_to(coach)
    assert "Alex: Missed a week: No workout in 7 days" in digest.body

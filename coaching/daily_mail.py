"""The mails of the day, queued once a day by `manage.py mail_daily` (cron, or compose's
`daily` service): a digest of new flags for each coach who wants one, and a reminder for each
athlete who asked for one on a day with a workout."""

from datetime import date, datetime

from django.conf import settings
from django.urls import reverse

from accounts.mail import mail_queue
from accounts.models import User
from logbook.models import Flag
from programs.dating import assignment_schedule
from programs.models import Assignment


def flag_digests_queue(*, since: datetime) -> int:
    """One mail per coach listing the flags raised since `since` that nobody answered yet."""
    sent = 0
    board = settings.SITE_URL + reverse("coaching:board")
    for coach in User.objects.filter(staff__is_active=True, mail_flag_digest=True, is_active=True):
        flags = list(
            Flag.objects.for_coach(coach)
            .open()
            .filter(raised_at__gte=since)
            .select_related("athlete")
            .order_by("athlete", "raised_at")
        )
        if not flags:
            continue
        lines = "\n".join(f"- {flag.athlete}: {flag}" for flag in flags)
        mail_queue(
            to=coach.email,
            subject=f"{len(flags)} new flag{'s' if len(flags) != 1 else ''} on Hamstrings",
            body=f"New since yesterday:\n\n{lines}\n\nThe board: {board}\n\n"
            "You can turn this digest off in your settings.\n",
        )
        sent += 1
    return sent


def training_reminders_queue(*, today: date) -> int:
    """One mail per athlete who asked for reminders and has a workout dated today not done."""
    athletes = User.objects.filter(mail_training_reminder=True, is_active=True)
    assignments = Assignment.objects.open().filter(athlete__in=athletes).select_related("athlete")
    due: dict = {}
    for dated in assignment_schedule(assignments, between=(today, today)):
        due.setdefault(dated.assignment.athlete, []).append(dated.workout.title)
    done = set(
        Assignment.objects.filter(athlete__in=[athlete.pk for athlete in due])
        .filter(logs__performed_on=today, logs__completed_at__isnull=False)
        .values_list("athlete_id", flat=True)
    )
    link = settings.SITE_URL + reverse("logbook:today")
    sent = 0
    for athlete, titles in due.items():
        if athlete.pk in done:
            continue
        mail_queue(
            to=athlete.email,
            subject=f"Today: {', '.join(titles)}",
            body=f"Today's workout: {', '.join(titles)}.\n\nOpen it: {link}\n\n"
            "You can turn these reminders off in your settings.\n",
        )
        sent += 1
    return sent

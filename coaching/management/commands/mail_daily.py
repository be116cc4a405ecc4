from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from coaching.daily_mail import flag_digests_queue, training_reminders_queue


class Command(BaseCommand):
    help = "Queue the day's mails: flag digests for coaches, training reminders for athletes."

    def handle(self, *args, **options):
        now = timezone.now()
        digests = flag_digests_queue(since=now - timedelta(days=1))
        reminders = training_reminders_queue(today=timezone.localdate())
        self.stdout.write(f"Queued {digests} flag digests and {reminders} training reminders.")

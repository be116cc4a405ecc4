from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from coaching.daily_mail import flag_digests_queue, training_reminders_queue
from coaching.flags_derive import flags_derive


class Command(BaseCommand):
    help = (
        "Once a day: raise the flags the schedule implies (a missed week, adherence dropping), "
        "then queue the mails: flag digests for coaches, training reminders for athletes."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        derived = flags_derive(today=timezone.localdate())
        digests = flag_digests_queue(since=now - timedelta(days=1))
        reminders = training_reminders_queue(today=timezone.localdate())
        self.stdout.write(
            f"Raised {derived} derived flags; queued {digests} flag digests and {reminders} "
            "training reminders."
        )

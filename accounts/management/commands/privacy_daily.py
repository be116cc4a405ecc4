from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.data_export import exports_expire
from accounts.erasure import erasures_due


class Command(BaseCommand):
    help = (
        "Once a day: erase the people whose erasure's grace period has ended, and drop the "
        "zips of data exports whose link has expired."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        erased = erasures_due(now=now)
        expired = exports_expire(now=now)
        self.stdout.write(f"Erased {erased} people; dropped {expired} expired data exports.")

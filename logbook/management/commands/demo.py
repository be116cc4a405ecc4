from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import Membership, Team, User
from catalogue.services import load_catalogue
from programs.library import load_library

DEMO_PASSWORD = "hamstrings"
DEMO_USERS = [
    # username, first name, is_staff, is_coach
    ("admin", "Ada", True, False),
    ("coach", "Cora", False, True),
    ("athlete", "Alex", False, False),
    ("athlete2", "Sam", False, False),
]


class Command(BaseCommand):
    help = "Load the catalogue, library programs, demo users and their team. Safe to rerun."

    @transaction.atomic
    def handle(self, *args, **options):
        load_catalogue()
        load_library()
        users = {}
        for username, first_name, is_staff, is_coach in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first_name,
                    "email": f"{username}@example.com",
                    "is_staff": is_staff,
                    "is_superuser": is_staff,
                    "is_coach": is_coach,
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            users[username] = user

        team, _ = Team.objects.get_or_create(coach=users["coach"], name="Demo squad")
        for username in ("athlete", "athlete2"):
            Membership.objects.get_or_create(team=team, athlete=users[username])

        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, *_ in DEMO_USERS:
            self.stdout.write(f"  {username}")

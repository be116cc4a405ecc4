from functools import partial

from django.core.management.base import BaseCommand
from django.db import connection
from django.utils import timezone

from accounts.clubs import Club, Staff, StaffRole
from accounts.models import Membership, Team, User
from catalogue.services import load_catalogue
from coaching.demo import (
    SQUAD_SPORT,
    Member,
    conversation,
    first_test_load,
    groups_load,
    replay_history,
    season_load,
    squad_plan_load,
    squad_roster,
)
from coaching.demo_paths import paths_roster
from coaching.flags_derive import flags_derive
from programs.library_load import load_library
from programs.models import Program

DEMO_PASSWORD = "hamstrings"
DEMO_USERS = [
    # username, first name, is_staff, role in the demo club
    ("admin", "Ada", True, None),
    ("coach", "Cora", False, StaffRole.OWNER),
    ("physio", "Pia", False, StaffRole.PHYSIO),
    ("athlete", "Alex", False, None),
    ("athlete2", "Sam", False, None),
]
DEMO_CLUB = "Demo club"
WEEKS_IN = 6  # the demo athletes are this many weeks into the Nordic program


class Command(BaseCommand):
    help = "Load the catalogue, library programs, demo users, their team and history. Rerunnable."

    def handle(self, *args, **options):
        # Not one transaction: every replayed tap is an action, a durable transaction of its
        # own (`coaching.demo`), thousands of them. None of them needs to wait for the disk
        # (a crash loses at most the last moments of a demo that is simply run again): 3 ms a
        # commit here with the wait, 0.6 ms without. For this connection only, which ends with
        # the command (a test's connection is a test database's).
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF")
        load_catalogue()
        load_library()
        users = {}
        club, _ = Club.objects.get_or_create(name=DEMO_CLUB)
        for username, first_name, is_staff, role in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first_name,
                    "email": f"{username}@example.com",
                    "is_staff": is_staff,
                    "is_superuser": is_staff,
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            if role is not None:
                Staff.objects.get_or_create(user=user, defaults={"club": club, "role": role})
            users[username] = user

        team, _ = Team.objects.get_or_create(
            coach=users["coach"], name="Demo squad", defaults={"sport": SQUAD_SPORT}
        )
        for username in ("athlete", "athlete2"):
            Membership.objects.get_or_create(team=team, athlete=users[username])

        nordic = Program.objects.library().get(slug="band-assisted-nordic")
        today = timezone.localdate()
        roster = [
            Member(users["athlete"], WEEKS_IN, partial(replay_history, today=today, diligent=True)),
            Member(
                users["athlete2"], WEEKS_IN, partial(replay_history, today=today, diligent=False)
            ),
            *squad_roster(team=team, today=today),
            *paths_roster(team=team, template=nordic, today=today),
        ]
        squad_plan_load(team=team, template=nordic, today=today, roster=roster)
        first_test_load(team=team, athlete=users["athlete"], today=today)
        season_load(team=team, today=today)
        groups_load(team=team)
        conversation(team=team, coach=users["coach"], athlete=users["athlete"])
        flags_derive(today=today)  # as the daily job would have: the board only reads flags

        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, *_ in DEMO_USERS:
            self.stdout.write(f"  {username}")

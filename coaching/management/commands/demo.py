import uuid
from datetime import datetime, time, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, Team, User
from catalogue.services import load_catalogue
from logbook import services as logbook
from programs.assignments import program_assign
from programs.library import load_library
from programs.models import Assignment, Program

DEMO_PASSWORD = "hamstrings"
DEMO_USERS = [
    # username, first name, is_staff, is_coach
    ("admin", "Ada", True, False),
    ("coach", "Cora", False, True),
    ("athlete", "Alex", False, False),
    ("athlete2", "Sam", False, False),
]
WEEKS_IN = 5  # the demo athletes are this many weeks into the Nordic program


class Command(BaseCommand):
    help = "Load the catalogue, library programs, demo users, their team and history. Rerunnable."

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

        nordic = Program.objects.library().get(slug="band-assisted-nordic")
        today = timezone.localdate()
        for athlete, diligent in ((users["athlete"], True), (users["athlete2"], False)):
            if not Assignment.objects.filter(athlete=athlete, template=nordic).exists():
                assignment = program_assign(
                    template=nordic,
                    athlete=athlete,
                    start_date=today - timedelta(weeks=WEEKS_IN),
                    by=users["coach"],
                )
                replay_history(assignment, today, diligent=diligent)

        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, *_ in DEMO_USERS:
            self.stdout.write(f"  {username}")


def replay_history(assignment: Assignment, today, *, diligent: bool) -> None:
    """Log the workouts due before today as an athlete would have: each new band feels hard
    (RPE 9) the first time, then fine; the less diligent athlete reports pain once and has
    missed the last week."""
    workouts = (
        assignment.program.weeks.prefetch_related("workouts__prescriptions")
        .order_by("number")
        .all()
    )
    for week in workouts:
        for workout in week.workouts.all():
            performed_on = workout.scheduled_on(assignment.start_date)
            if performed_on >= today or (not diligent and performed_on >= today - timedelta(7)):
                continue
            log = logbook.workout_start(
                athlete=assignment.athlete,
                assignment=assignment,
                workout=workout,
                today=performed_on,
            )
            tracks = {track.exercise_id: track.band for track in assignment.tracks.all()}
            new_band = [track.changes.last().at.date() for track in assignment.tracks.all()]
            for prescription in workout.prescriptions.all():
                for set_number in range(1, prescription.sets + 1):
                    for side in prescription.sides:
                        logbook.set_log(
                            workout_log=log,
                            token=uuid.uuid4(),
                            exercise_id=prescription.exercise_id,
                            prescription=prescription,
                            set_number=set_number,
                            side=side,
                            reps=prescription.target_for_set(set_number),
                            band=tracks.get(prescription.exercise_id, prescription.band),
                        )
            pain = 6 if not diligent and week.number == 3 and workout.day == 5 else 1
            first_time = any(changed >= performed_on - timedelta(3) for changed in new_band)
            logbook.workout_finish(
                workout_log=log,
                rpe=9 if first_time else 7,
                pain=pain,
                now=timezone.make_aware(datetime.combine(performed_on, time(18))),
            )

import uuid
from datetime import datetime, time, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, Team, User
from catalogue.models import Pattern
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
WEEKS_IN = 6  # the demo athletes are this many weeks into the Nordic program


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
    """Log the workouts due before today as two real athletes would have, through the same
    services (and so the same engine) as the app. The diligent one controls nearly every rep
    to the floor, with a few breaks near it, and is mid-way on the purple band; the other one
    stopped a Nordic for a sharp pain in week 3, their coach answered, and they missed last
    week."""
    coach = assignment.assigned_by
    for week in assignment.program.weeks.prefetch_related("workouts__prescriptions__exercise"):
        for workout in week.workouts.all():
            performed_on = workout.scheduled_on(assignment.start_date)
            if performed_on >= today or (not diligent and performed_on >= today - timedelta(7)):
                continue
            evening = timezone.make_aware(datetime.combine(performed_on, time(18)))
            log = logbook.workout_start(
                athlete=assignment.athlete, assignment=assignment, workout=workout,
                today=performed_on,
            )  # fmt: skip
            logbook.check_in_save(
                athlete=assignment.athlete, workout_log=log, soreness=3 if week.number > 4 else 2
            )
            stop_for_pain = not diligent and week.number == 3 and workout.day == 5
            log_sets(assignment, log, workout, stop_after_one=stop_for_pain)
            if stop_for_pain:
                nordic = workout.prescriptions.first().exercise
                logbook.pain_stop_record(
                    workout_log=log, exercise=nordic, side="left", where="high", kind="sharp",
                    now=evening,
                )  # fmt: skip
            logbook.workout_finish(
                workout_log=log, rpe=7, pain=3 if stop_for_pain else 1, now=evening
            )
            if stop_for_pain:
                logbook.comment_add(
                    workout_log=log, author=coach,
                    body="Good call stopping. Two easy days, then back on the blue band, and "
                    "tell me at once if it is sharp again.",
                )  # fmt: skip
                logbook.pain_stops_answer(athlete=assignment.athlete, by=coach, workout_log=log)


def log_sets(assignment: Assignment, log, workout, *, stop_after_one: bool) -> None:
    """Every prescribed set on the track's band; the last set of each session breaks near the
    floor, the others are controlled to it."""
    bands = {track.exercise_id: track.band for track in assignment.tracks.all()}
    for prescription in workout.prescriptions.all():
        eccentric = prescription.exercise.pattern == Pattern.ECCENTRIC
        for set_number in range(1, prescription.sets + 1):
            for side in prescription.sides:
                last = set_number == prescription.sets
                logbook.set_log(
                    workout_log=log, token=uuid.uuid4(), exercise_id=prescription.exercise_id,
                    prescription=prescription, set_number=set_number, side=side,
                    reps=prescription.target_for_set(set_number),
                    band=bands.get(prescription.exercise_id, prescription.band),
                    control=("late" if last else "full") if eccentric else "",
                )  # fmt: skip
            if stop_after_one:
                return

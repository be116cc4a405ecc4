"""The bench database's data, made once: the catalogue and library, one coach with a team of 200
athletes on the library Nordic program, a history of set logs, and the bench athlete whose
workouts take the set POSTs.

Runs in-process after django.setup() (see run.py). Every step is safe to run again: people and
programs are matched by username, and the history is topped up to the size asked for.
"""

import random
import time
import uuid
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Prefetch
from django.utils import timezone

from accounts.clubs import Staff
from accounts.models import Membership, Team, User
from accounts.services import club_found
from catalogue.models import Band, BandRole, Dose, Exercise, Pattern
from catalogue.services import load_catalogue
from logbook.models import SetLog, WorkoutLog
from programs.assignments import program_assign
from programs.library_load import load_library
from programs.models import Assignment, AssignmentStatus, Prescription, Program, Workout
from programs.services import band_rule_set, program_create, week_add

COACH = "bench-coach"
ATHLETE = "bench"
PASSWORD = "bench"
TEAM_SIZE = 200
NORDIC = "band-assisted-nordic"
BATCH = 5_000
HISTORY_DAYS = 730  # free sessions spread over the two years before the current program
BENCH_WEEKS = 10
BENCH_DAYS = (1, 3, 5)
BENCH_WEEKS_IN = 4  # the bench athlete is in week 5 of the bench program today
MAX_SET_NUMBER = 50


def seed(sets: int) -> None:
    today = timezone.localdate()
    started = time.perf_counter()
    if User.objects.filter(username=ATHLETE).exists():
        print("  people and programs: already there")
    else:
        print(f"  people and programs: a coach, {TEAM_SIZE} athletes, the bench athlete ...")
        seed_people(today)
        print(f"  people and programs: done in {time.perf_counter() - started:.1f} s")

    present = history_count()
    if present >= sets:
        print(f"  history: already {present:,} set logs (asked for {sets:,})")
        return
    print(f"  history: {present:,} set logs, adding {sets - present:,} ...")
    history_started = time.perf_counter()
    seed_history(sets, today)
    elapsed = time.perf_counter() - history_started
    print(f"  history: {history_count():,} set logs, in {elapsed:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # fresh planner statistics, as a settled database has
    print(f"  seeding took {time.perf_counter() - started:.1f} s")


def history_count() -> int:
    """Set logs of completed workouts: the history (the set POSTs only go to open ones)."""
    return SetLog.objects.filter(workout_log__completed_at__isnull=False).count()


# People and programs


@transaction.atomic
def seed_people(today: date) -> None:
    load_catalogue()
    load_library()
    password = make_password(PASSWORD)  # hashed once and shared: hashing is slow on purpose
    coach = user(COACH, password, first_name="Bench", last_name="Coach")
    if not Staff.objects.filter(user=coach).exists():
        club_found(user=coach, name="Bench club")
    team, _ = Team.objects.get_or_create(coach=coach, name="Bench squad")
    nordic = Program.objects.library().get(slug=NORDIC)
    for number in range(1, TEAM_SIZE + 1):
        athlete = user(f"bench-athlete-{number:03}", password, first_name=f"Athlete {number:03}")
        Membership.objects.get_or_create(team=team, athlete=athlete)
        if not Assignment.objects.filter(athlete=athlete, template=nordic).exists():
            weeks_in = 1 + number % 10  # from week 2 to week 11 (done with the 10 weeks)
            program_assign(
                template=nordic,
                athlete=athlete,
                start_date=today - timedelta(weeks=weeks_in),
                by=coach,
            )
    athlete = user(ATHLETE, password, first_name="Bench", last_name="Athlete")
    program_assign(
        template=bench_program(coach),
        athlete=athlete,
        start_date=today - timedelta(weeks=BENCH_WEEKS_IN),
        by=coach,
    )


def user(username: str, password: str, **fields) -> User:
    found, _ = User.objects.get_or_create(
        username=username,
        defaults={"email": f"{username}@example.com", "password": password, **fields},
    )
    return found


def bench_program(coach) -> Program:
    """Three workouts a week for ten weeks, each with one set of every published exercise, and
    a band rule (so a band track) for every banded exercise."""
    program = program_create(
        owner=coach, title="Bench program", summary="Every exercise, one set, three times a week."
    )
    exercises = list(Exercise.objects.filter(is_published=True).order_by("name"))
    band = middle_band()
    for _ in range(BENCH_WEEKS):
        week = week_add(program=program)
        for day in BENCH_DAYS:
            workout = Workout.objects.create(
                week=week, day=day, title=f"Bench week {week.number} day {day}"
            )
            Prescription.objects.bulk_create(
                Prescription(
                    workout=workout,
                    exercise=exercise,
                    order=order,
                    sets=1,
                    per_side=exercise.unilateral,
                    band=None if exercise.band_role == BandRole.NONE else band,
                    **target(exercise),
                )
                for order, exercise in enumerate(exercises, start=1)
            )
    for exercise in exercises:
        if exercise.band_role != BandRole.NONE:
            band_rule_set(program=program, exercise=exercise, start_band=band)
    return program


def middle_band() -> Band:
    ladder = list(Band.objects.ladder())
    return ladder[len(ladder) // 2]


def target(exercise: Exercise) -> dict:
    return {"seconds": 30} if exercise.dose == Dose.SECONDS else {"reps_min": 10}


# History


def seed_history(sets: int, today: date) -> None:
    """The team's current Nordic program as logged so far, then free sessions over the two years
    before it, for the team and the bench athlete alike, until `sets` set logs exist."""
    rng = random.Random(sets)
    writer = SetWriter()
    assignments = Assignment.objects.filter(template__slug=NORDIC).select_related("athlete")
    if not WorkoutLog.objects.filter(assignment__in=assignments).exists():
        for number, assignment in enumerate(assignments.order_by("athlete__username")):
            log_program(assignment, today, rng, writer, miss_rate=(0.0, 0.1, 0.3)[number % 3])
        writer.flush()

    athletes = list(
        User.objects.filter(username__startswith="bench").exclude(username=COACH).order_by("pk")
    )
    missing = sets - history_count()
    exercises = list(Exercise.objects.filter(is_published=True))
    band = middle_band()
    for index, athlete in enumerate(athletes):
        share = missing // len(athletes) + (1 if index < missing % len(athletes) else 0)
        first_day = athlete.assignments.order_by("start_date").values_list("start_date", flat=True)
        log_free_sessions(athlete, share, first_day.first() or today, rng, exercises, band, writer)
    writer.flush()


class SetWriter:
    """Collects set logs and writes them with bulk_create, BATCH at a time."""

    def __init__(self):
        self.pending: list[SetLog] = []
        self.written = 0
        self.started = time.perf_counter()

    def add(self, sets: list[SetLog]) -> None:
        self.pending += sets
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        before = self.written // 100_000
        SetLog.objects.bulk_create(self.pending, batch_size=BATCH)
        self.written += len(self.pending)
        self.pending = []
        if self.written // 100_000 > before:
            elapsed = time.perf_counter() - self.started
            print(f"    {self.written:,} set logs written ({elapsed:.0f} s)", flush=True)


def evening(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=18))


def log_program(assignment, today: date, rng, writer: SetWriter, *, miss_rate: float) -> None:
    """Every workout due before today, done as prescribed and finished, but a few missed."""
    tracks = {track.exercise_id: track.band_id for track in assignment.tracks.all()}
    workouts = Workout.objects.filter(week__program=assignment.program).select_related("week")
    logs, sets = [], []
    for workout in workouts.prefetch_related("prescriptions"):
        performed_on = workout.scheduled_on(assignment.start_date)
        if performed_on >= today or rng.random() < miss_rate:
            continue
        log = WorkoutLog(
            athlete=assignment.athlete,
            workout=workout,
            assignment=assignment,
            performed_on=performed_on,
            completed_at=evening(performed_on),
            rpe=rng.randint(6, 9),
            pain=rng.choice([0, 0, 0, 1, 2, 3, 6]),
        )
        logs.append(log)
        for prescription in workout.prescriptions.all():
            for set_number in range(1, prescription.sets + 1):
                for side in prescription.sides:
                    value = prescription.target_for_set(set_number)
                    sets.append(
                        SetLog(
                            workout_log=log,
                            exercise_id=prescription.exercise_id,
                            prescription=prescription,
                            set_number=set_number,
                            side=side,
                            reps=None if prescription.is_hold else value,
                            seconds=prescription.seconds,
                            band_id=tracks.get(prescription.exercise_id, prescription.band_id),
                            target_reps=None if prescription.is_hold else value,
                            target_seconds=prescription.seconds,
                            token=uuid.uuid4(),
                        )
                    )
    WorkoutLog.objects.bulk_create(logs)  # their ids, then the sets that point at them
    writer.add(sets)


def log_free_sessions(athlete, count: int, before: date, rng, exercises, band, writer) -> None:
    """Free sessions of 3 to 5 exercises of 3 or 4 sets (each side for one-sided work) on
    random days of the two years before `before`, adding up to `count` set logs."""
    logs, sets = [], []
    while len(sets) < count:
        performed_on = before - timedelta(days=rng.randint(1, HISTORY_DAYS))
        log = WorkoutLog(
            athlete=athlete,
            performed_on=performed_on,
            completed_at=evening(performed_on),
            rpe=rng.randint(5, 9),
            pain=rng.choice([0, 0, 0, 1, 2]),
        )
        logs.append(log)
        for exercise in rng.sample(exercises, rng.randint(3, 5)):
            hold = exercise.dose == Dose.SECONDS
            for set_number in range(1, rng.randint(3, 4) + 1):
                for side in ("left", "right") if exercise.unilateral else ("both",):
                    sets.append(
                        SetLog(
                            workout_log=log,
                            exercise=exercise,
                            set_number=set_number,
                            side=side,
                            reps=None if hold else rng.randint(6, 15),
                            seconds=rng.randint(20, 45) if hold else None,
                            band=None if exercise.band_role == BandRole.NONE else band,
                            rpe=rng.choice([None, 6, 7, 8, 9]),
                            token=uuid.uuid4(),
                        )
                    )
    WorkoutLog.objects.bulk_create(logs)
    writer.add(sets[:count])


# The bench athlete's load


TYPICAL_ATHLETE = "bench-athlete-005"  # week 6 of the library Nordic program


def bench_plan() -> dict:
    """Clear what earlier runs posted, then list the bench athlete's free set slots: every
    exercise x set number 1..50 x side it is logged on, of every workout but the one the page
    load reads. Returns the page's workout id and the slots as (path, form body) lines, in a
    fixed shuffled order, each with a new token."""
    athlete = User.objects.get(username=ATHLETE)
    assignment = Assignment.objects.get(athlete=athlete, status=AssignmentStatus.ACTIVE)
    WorkoutLog.objects.filter(assignment=assignment, completed_at__isnull=True).delete()
    workouts = list(
        Workout.objects.filter(week__program=assignment.program)
        .select_related("week")
        .prefetch_related(
            Prefetch("prescriptions", Prescription.objects.select_related("exercise"))
        )
    )
    today = timezone.localdate()
    page = min(workouts, key=lambda w: abs((w.scheduled_on(assignment.start_date) - today).days))
    slots = []
    for workout in workouts:
        if workout == page:
            continue
        for prescription in workout.prescriptions.all():
            value = {"seconds": 30} if prescription.is_hold else {"reps": 10}
            if prescription.exercise.pattern == Pattern.ECCENTRIC:
                value["control"] = "full"  # the form asks how far down an eccentric held
            for set_number in range(1, MAX_SET_NUMBER + 1):
                for side in prescription.sides:  # the form refuses the other sides
                    body = {
                        "token": uuid.uuid4(),
                        "prescription": prescription.pk,
                        "set_number": set_number,
                        "side": side,
                        **value,
                        "band": prescription.band_id or "",
                        "rpe": 8,
                    }
                    slots.append(f"/workouts/{workout.pk}/sets/\t{urlencode(body)}")
    random.Random(0).shuffle(slots)
    return {
        "assignment_id": assignment.pk,
        "workout_id": page.pk,
        "slots": slots,
        "typical_athlete": TYPICAL_ATHLETE,
        "typical_workout_id": nearest_workout(TYPICAL_ATHLETE, today).pk,
    }


def nearest_workout(username: str, today: date) -> Workout:
    """The workout of the athlete's open assignment scheduled closest to today."""
    assignment = Assignment.objects.get(athlete__username=username, status=AssignmentStatus.ACTIVE)
    workouts = Workout.objects.filter(week__program=assignment.program).select_related("week")
    return min(workouts, key=lambda w: abs((w.scheduled_on(assignment.start_date) - today).days))


def posted_rows(assignment_id: int) -> int:
    """Set logs in the bench athlete's open workouts: what the set POSTs inserted."""
    return SetLog.objects.filter(
        workout_log__assignment_id=assignment_id, workout_log__completed_at__isnull=True
    ).count()

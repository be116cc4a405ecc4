"""The reads the athlete's workout page and the set POST run on every request, as
`web.compiled.Shape`s: each built and compiled by the ORM once per process, then run with the
request's ids (the ORM's building costs more Python than PostgreSQL takes to answer)."""

from django.db.models import Exists, F, OuterRef, Subquery
from psycopg.types.numeric import Int4

from catalogue.models import Band, Exercise
from logbook.models import PainStop, SetLog, WorkoutLog
from programs.models import Prescription
from web.compiled import SOME_IDS, SOMEONE, Shape
from web.lookups import AnyOf

# More stand-ins beside `SOMEONE` and `SOME_IDS`, for queries with several ids: each its own
# value, so each is found in its own places; negative ids, so no row holds them. An occurrence
# is positive (the ORM answers nothing, without SQL, for a value its column cannot hold), and
# goes to the driver as its integer column's type, as Django sends it (`adapt_integerfield_value`).
WORKOUT = -918_274
OCCURRENCE = Int4(918_275)
LOG = -918_276

# With its check-in, if any: the page asks for one until there is.
session_log = Shape(
    lambda: (
        WorkoutLog.objects.filter(assignment=SOMEONE, workout=WORKOUT, occurrence=OCCURRENCE)
        .select_related("check_in")
        .order_by()
    ),  # one at most (logbook_workoutlog_one_per_workout)
    someone=SOMEONE,
    workout=WORKOUT,
    occurrence=OCCURRENCE,
)


def log_of(assignment, workout) -> WorkoutLog | None:
    """The athlete's log of this workout at the occurrence it was read for, if begun."""
    return begun_log(assignment.pk, workout.pk, workout.occurrence)


def begun_log(assignment_id: int, workout_id: int, occurrence: int) -> WorkoutLog | None:
    logs = session_log(someone=assignment_id, workout=workout_id, occurrence=Int4(occurrence))
    return next(iter(logs), None)


# A begun session's sets, and the exercises stopped for pain in it.
logged_sets = Shape(
    lambda: SetLog.objects.filter(workout_log=SOMEONE).select_related("band"), someone=SOMEONE
)
stopped_exercises = Shape(
    lambda: PainStop.objects.filter(workout_log=SOMEONE).values("exercise_id"), someone=SOMEONE
)

workout_prescriptions = Shape(
    lambda: Prescription.objects.filter(workout=SOMEONE).select_related("exercise", "band"),
    someone=SOMEONE,
)

# One prescription of the workout a set is posted to (another workout's answers nothing).
posted_prescription = Shape(
    lambda: Prescription.objects.filter(workout=WORKOUT, pk=SOMEONE).select_related("exercise"),
    someone=SOMEONE,
    workout=WORKOUT,
)

# The bands every set row offers, in the catalogue's order.
all_bands = Shape(lambda: Band.objects.order_by("kind", "rank"))

band_by_id = Shape(lambda: Band.objects.filter(pk=SOMEONE), someone=SOMEONE)

# The sets of the athlete's latest other finished session with each exercise (`NO_LOG`: none
# excluded), with their band and session, in set order. A session latest for one exercise can
# hold sets of another whose latest is later: the caller keeps each exercise's latest.
NO_LOG = 0  # no log has id 0


def last_sessions_sets_query():
    """The sets of each exercise's latest finished session (another than LOG) that holds it:
    per exercise, the athlete's sessions newest first (their (athlete, -performed_on) index),
    stopping at the first with a set of it, so the cost does not grow with their history."""
    with_it = SetLog.objects.filter(workout_log=OuterRef("pk"), exercise=OuterRef(OuterRef("pk")))
    latest_with_it = (
        WorkoutLog.objects.filter(athlete=SOMEONE, completed_at__isnull=False)
        .exclude(pk=LOG)
        .filter(Exists(with_it))
        .order_by("-performed_on", "-pk")
        .values("pk")[:1]
    )
    latest = Exercise.objects.filter(AnyOf(F("pk"), SOME_IDS)).values(log=Subquery(latest_with_it))
    return (
        SetLog.objects.filter(AnyOf(F("exercise"), SOME_IDS), workout_log__in=latest)
        .select_related("band", "workout_log")
        .order_by("set_number", "side")
    )


last_sessions_sets = Shape(last_sessions_sets_query, someone=SOMEONE, ids=SOME_IDS, log=LOG)

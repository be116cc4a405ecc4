"""An athlete on the band-assisted Nordic as the coaching tests set one up: assigned, workouts
logged, a step on suggested by the engine; and the coach's page of them, the athlete's own
browser next to it."""

import uuid
from datetime import UTC, date, datetime

from django.test import Client

from catalogue.models import Band
from logbook.models import WorkoutLog
from logbook.services import set_log, workout_finish, workout_start
from programs.assignments import program_assign
from programs.models import Assignment, BandChange, ChangeStatus, Program, Workout

NOW = datetime(2026, 10, 20, 12, 0, tzinfo=UTC)
TODAY = date(2026, 10, 20)
START = date(2026, 10, 1)  # so today is in week 3
HTMX = {"HTTP_HX_REQUEST": "true"}


def assign(athlete, coach, start: date = START) -> Assignment:
    nordic = Program.objects.library().get(slug="band-assisted-nordic")
    return program_assign(template=nordic, athlete=athlete, start_date=start, by=coach)


def workouts_of(assignment: Assignment) -> list[Workout]:
    return list(
        Workout.objects.filter(week__program=assignment.program).order_by("week__number", "day")
    )


def log_workout(assignment, workout, *, on=None, pain=1, notes="") -> WorkoutLog:
    """The athlete does every prescribed set on the green band and finishes the workout."""
    log = workout_start(
        athlete=assignment.athlete, assignment=assignment, workout=workout, today=on or TODAY
    )
    green = Band.objects.get(name="Green")
    for prescription in workout.prescriptions.all():
        for number in range(1, prescription.sets + 1):
            set_log(
                workout_log=log,
                token=uuid.uuid4(),
                exercise_id=prescription.exercise_id,
                prescription=prescription,
                set_number=number,
                reps=prescription.target_for_set(number),
                band=green,
                rpe=7,
                control="full",
            )
    return workout_finish(workout_log=log, rpe=7, pain=pain, notes=notes)


def suggest(track, band_name: str = "Purple") -> BandChange:
    """What the engine writes for an advance on a loaded exercise: a step waiting for the
    coach (the engine side is tested in tests/programs and tests/logbook)."""
    band = Band.objects.get(name=band_name)
    return BandChange.objects.create(
        track=track,
        from_band=track.band,
        to_band=band,
        action="advance",
        reason=f"3 sessions in a row with every rep done: your coach is asked to approve that "
        f"you use the {band_name.lower()} band next.",
        decided_by="engine",
        status=ChangeStatus.SUGGESTED,
    )


def page_url(athlete) -> str:
    return f"/coach/athletes/{athlete.pk}/"


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def athlete_view(athlete) -> Client:
    """The athlete's own browser, next to the coach's."""
    browser = Client()
    browser.force_login(athlete)
    return browser

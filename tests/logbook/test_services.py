"""The logbook's actions: idempotent set logging and finishing a workout, which moves bands."""

import threading
import uuid
from datetime import date, datetime, time

import pytest
from django.db import connection
from django.utils import timezone

from catalogue.models import Band, Exercise
from logbook import services as logbook
from logbook.models import PainPause, SetLog
from programs import assignments, services
from programs.models import BandChange, Prescription, Workout

pytestmark = pytest.mark.usefixtures("catalogue")
START = date(2026, 11, 2)


@pytest.fixture
def assignment(coach, athlete):
    """Two weeks of two assisted-Nordic workouts (2 x 5), earned rule from the green band."""
    program = services.program_create(owner=coach, title="Nordic block")
    nordic = Exercise.objects.get(slug="band-assisted-nordic-curl")
    green = Band.objects.get(name="Green")
    for _ in range(3):
        week = services.week_add(program=program)
        for day in (1, 4):
            workout = Workout.objects.create(week=week, day=day, title=f"Day {day}")
            Prescription.objects.create(
                workout=workout, exercise=nordic, sets=2, reps_min=5, band=green
            )
    services.band_rule_set(program=program, exercise=nordic, start_band=green)
    return assignments.program_assign(template=program, athlete=athlete, start_date=START, by=coach)


def session(assignment, week, day, *, reps=5, rpe=7, pain=0):
    """Do one scheduled workout: both sets at `reps` on the track's band, then finish it."""
    workout = Workout.objects.get(week__program=assignment.program, week__number=week, day=day)
    prescription = workout.prescriptions.get()
    band = assignment.tracks.get().band
    when = workout.scheduled_on(assignment.start_date)
    log = logbook.workout_start(
        athlete=assignment.athlete, assignment=assignment, workout=workout, today=when
    )
    for set_number in (1, 2):
        logbook.set_log(
            workout_log=log,
            token=uuid.uuid4(),
            exercise_id=prescription.exercise_id,
            prescription=prescription,
            set_number=set_number,
            reps=reps,
            band=band,
            control="full",
        )
    evening = timezone.make_aware(datetime.combine(when, time(18)))
    return logbook.workout_finish(workout_log=log, rpe=rpe, pain=pain, now=evening)


def test_the_same_token_returns_the_same_set(assignment):
    workout = assignment.program.weeks.get(number=1).workouts.first()
    log = logbook.workout_start(
        athlete=assignment.athlete, assignment=assignment, workout=workout, today=START
    )
    prescription = workout.prescriptions.get()
    token = uuid.uuid4()
    arguments = dict(
        workout_log=log,
        token=token,
        exercise_id=prescription.exercise_id,
        prescription=prescription,
        set_number=1,
        reps=5,
    )
    first = logbook.set_log(**arguments)
    again = logbook.set_log(**arguments)
    assert first.pk == again.pk
    assert SetLog.objects.count() == 1
    assert first.target_reps == 5


def test_a_second_token_for_a_logged_set_is_a_conflict(assignment):
    workout = assignment.program.weeks.get(number=1).workouts.first()
    log = logbook.workout_start(
        athlete=assignment.athlete, assignment=assignment, workout=workout, today=START
    )
    prescription = workout.prescriptions.get()
    for token in (uuid.uuid4(), uuid.uuid4()):
        try:
            logbook.set_log(
                workout_log=log,
                token=token,
                exercise_id=prescription.exercise_id,
                prescription=prescription,
                set_number=1,
                reps=5,
            )
        except logbook.SetConflict as error:
            assert str(error) == "This set is already logged."
    assert SetLog.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_posts_of_one_token_leave_one_row(assignment):
    workout = assignment.program.weeks.get(number=1).workouts.first()
    log = logbook.workout_start(
        athlete=assignment.athlete, assignment=assignment, workout=workout, today=START
    )
    prescription = workout.prescriptions.get()
    token = uuid.uuid4()
    barrier = threading.Barrier(2)
    answers, errors = [], []

    def post():
        try:
            barrier.wait()
            answers.append(
                logbook.set_log(
                    workout_log=log,
                    token=token,
                    exercise_id=prescription.exercise_id,
                    prescription=prescription,
                    set_number=1,
                    reps=5,
                ).pk
            )
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(answers) == 2 and answers[0] == answers[1]
    assert SetLog.objects.filter(token=token).count() == 1


def test_three_good_sessions_two_weeks_on_move_the_assist_band_one_thinner(assignment):
    first = session(assignment, 1, 1)
    assert first.outcome[0]["action"] == "hold"
    assert first.outcome[0]["reason"] == (
        "1 of 3 good sessions on the green band so far: stay on the green band."
    )
    session(assignment, 1, 4)
    third = session(assignment, 2, 1)  # 9 Nov: three good sessions, but a week on the band
    assert "7 of 14 days on the green band" in third.outcome[0]["reason"]
    session(assignment, 2, 4)
    log = session(assignment, 3, 1)  # 16 Nov: two weeks on the band
    assert log.outcome == [
        {
            "exercise": "Band-assisted Nordic curl",
            "action": "advance",
            "band": "Purple",
            "reason": "3 sessions in a row with every rep done and controlled to the end: "
            "next time use the purple band.",
            "flag": False,
            "warn": False,
            "suggested": False,
        }
    ]
    track = assignment.tracks.get()
    assert track.band.name == "Purple"
    change = BandChange.objects.filter(track=track, decided_by="engine").get()
    assert (change.from_band.name, change.to_band.name) == ("Green", "Purple")


def test_pain_pauses_the_nordic_flags_and_warns(assignment):
    log = session(assignment, 1, 1, pain=6)
    assert log.outcome[0]["action"] == "pause"
    assert log.outcome[0]["band"] == "Green"  # the band waits for the clearance
    assert (log.outcome[0]["flag"], log.outcome[0]["warn"]) == (True, True)
    assert assignment.tracks.get().band.name == "Green"
    assert PainPause.objects.open().filter(athlete=assignment.athlete).exists()
    [stop] = log.pain_stops.all()
    assert (stop.exercise, stop.pain, stop.answered_at) == (None, 6, None)


def test_short_sessions_do_not_count_towards_a_step(assignment):
    session(assignment, 1, 1, reps=4)
    log = session(assignment, 1, 4)
    assert log.outcome[0]["action"] == "hold"
    assert assignment.tracks.get().band.name == "Green"


def test_finishing_twice_changes_nothing_the_second_time(assignment):
    log = session(assignment, 1, 1)
    again = logbook.workout_finish(workout_log=log, rpe=10, pain=9)
    assert again.rpe == 7 and again.pain == 0
    assert not BandChange.objects.filter(decided_by="engine").exists()
    assert not log.pain_stops.exists()


def test_the_next_step_starts_counting_again_on_the_new_band(assignment):
    for week, day in ((1, 1), (1, 4), (2, 1), (2, 4), (3, 1)):
        session(assignment, week, day)  # 16 Nov: green -> purple
    log = session(assignment, 3, 4)
    assert log.outcome[0]["action"] == "hold"
    assert "1 of 3 good sessions on the purple band" in log.outcome[0]["reason"]

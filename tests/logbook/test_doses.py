"""Cut doses (`programs.doses`): the first two unassisted sessions after an approved graduation
are 2 x 5; a return after a gap brings back the last trained week's volume; struggling on the
easiest band repeats the session's volume. The workout page shows the cut, the sets carry its
targets, and the engine judges the session against it."""

from datetime import UTC, date, datetime

import pytest

from catalogue.models import Band
from logbook.models import SetLog, WorkoutLog
from programs import bands
from programs.models import BandChange, Workout
from tests.logbook.conftest import set_data

pytestmark = pytest.mark.usefixtures("catalogue")
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(datetime(2026, 11, 16, 18, tzinfo=UTC), tick=False)
    return time_machine


def workout(assignment, week, day) -> Workout:
    return Workout.objects.get(week__program=assignment.program, week__number=week, day=day)


def train(client, workout, *, nordic_reps=None):
    """Every prescribed set as the page shows it (its rows), then finish at pain 0."""
    page = client.get(f"/workouts/{workout.pk}/")
    for card in page.context["cards"]:
        for row in card.rows:
            reps = nordic_reps if nordic_reps is not None and row.eccentric else None
            data = set_data(card.prescription, row.set_number)
            data["band"] = row.band.pk if row.band else ""  # the band the page shows
            if reps is not None:
                data["reps"] = reps
            client.post(f"/workouts/{workout.pk}/sets/", data, headers=HTMX)
    client.post(f"/workouts/{workout.pk}/finish/", {"rpe": 9, "pain": 0})
    return page


@pytest.fixture
def graduated(coach, assignment):
    """On red, a graduation suggested by the engine and approved by the coach."""
    track = assignment.tracks.get()
    bands.band_set_by_coach(track=track, band=Band.objects.get(name="Red"), reason="Red", by=coach)
    change = BandChange.objects.create(
        track=track,
        from_band=track.band,
        to_band=None,
        action="graduate",
        reason="3 sessions in a row: your coach is asked to approve that you go unassisted next.",
        decided_by="engine",
        status="suggested",
    )
    bands.suggestion_decide(change=change, approve=True, by=coach)
    return assignment


def test_approving_a_graduation_cuts_the_next_two_sessions_to_2_x_5(
    athlete_client, graduated, clock
):
    track = graduated.tracks.get()
    assert (track.band, track.dose_reps, track.dose_sessions) == (None, [5, 5], 2)
    first = train(athlete_client, workout(graduated, 1, 1))
    nordic = first.context["cards"][0]
    assert nordic.notation.startswith("2 x 5,")
    assert nordic.cut == "First unassisted sessions: 2 x 5, then the program's dose."
    assert "First unassisted sessions: 2 x 5" in first.text
    logged = SetLog.objects.filter(exercise=nordic.prescription.exercise)
    assert sorted(logged.values_list("target_reps", flat=True)) == [5, 5]
    log = WorkoutLog.objects.get(workout=workout(graduated, 1, 1))
    assert [o["action"] for o in log.outcome] == ["hold"]  # 2 x 5 done: not struggling
    clock.move_to(datetime(2026, 11, 19, 18, tzinfo=UTC), tick=False)
    second = train(athlete_client, workout(graduated, 1, 4))
    assert second.context["cards"][0].notation.startswith("2 x 5,")
    clock.move_to(datetime(2026, 11, 23, 18, tzinfo=UTC), tick=False)
    third = athlete_client.get(f"/workouts/{workout(graduated, 2, 1).pk}/")
    assert third.context["cards"][0].notation.startswith("3 x 12/10/8")
    assert third.context["cards"][0].cut == ""
    track.refresh_from_db()
    assert (track.dose_reps, track.dose_sessions) == ([], 0)


def test_a_workout_begun_keeps_its_cut_after_the_track_moves_on(athlete_client, graduated, clock):
    first = workout(graduated, 1, 1)
    athlete_client.post(f"/workouts/{first.pk}/start/")
    track = graduated.tracks.get()
    track.dose_sessions, track.dose_reps, track.dose_reason = 0, [], ""
    track.save()
    page = athlete_client.get(f"/workouts/{first.pk}/")
    assert page.context["cards"][0].notation.startswith("2 x 5,")


def test_a_gap_brings_back_the_last_weeks_volume(athlete_client, athlete, assignment, clock):
    train(athlete_client, workout(assignment, 1, 1))
    clock.move_to(datetime(2026, 12, 4, 18, tzinfo=UTC), tick=False)  # 18 days on
    athlete_client.force_login(athlete)
    later = workout(assignment, 1, 4)
    athlete_client.post(f"/workouts/{later.pk}/start/")
    track = assignment.tracks.get()
    assert track.dose_reps == [12, 10, 8] and track.dose_sessions == 2
    assert track.dose_reason == "Back after a break: week 1's volume for 2 sessions."
    page = athlete_client.get(f"/workouts/{later.pk}/")
    assert "Back after a break: week 1&#x27;s volume for 2 sessions." in page.text


def test_struggling_on_the_easiest_band_repeats_the_sessions_volume(
    athlete_client, coach, assignment, clock
):
    track = assignment.tracks.get()
    blue = Band.objects.order_by("-rank").filter(kind="loop").first()
    bands.band_set_by_coach(track=track, band=blue, reason="Thickest", by=coach)
    train(athlete_client, workout(assignment, 1, 1), nordic_reps=4)
    clock.move_to(datetime(2026, 11, 19, 18, tzinfo=UTC), tick=False)
    train(athlete_client, workout(assignment, 1, 4), nordic_reps=4)
    track.refresh_from_db()
    assert (track.dose_reps, track.dose_sessions) == ([12, 10, 8], 1)
    assert track.dose_reason == "This week's volume again: struggling on the easiest band."
    assert date(2026, 11, 19) == WorkoutLog.objects.latest("performed_on").performed_on

"""Finding the start band in session 1: the athlete's page at /workouts/<id>/start-band/, one
band's two reps per post, the start band written to their track with the trials in its reason,
and the workout page's question (`start_band_due`)."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from catalogue.models import Band
from coaching.actions import pause_clear
from logbook.models import Flag, FlagKind, PainPause, PainStop, StartBandTrial, WorkoutLog
from logbook.pages.workout import build_cards
from logbook.start_band import start_band_due
from programs.models import Assignment, BandChange, StartBandFinder, Workout
from programs.start_band_finder import start_band_finder_switch
from tests.conftest import make_user
from tests.hardening.test_hostile_input import HOSTILE
from tests.logbook.conftest import set_data

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture(autouse=True)
def monday_16_november(time_machine):
    time_machine.move_to(datetime(2026, 11, 16, 18, tzinfo=UTC), tick=False)


def url(workout) -> str:
    return f"/workouts/{workout.pk}/start-band/"


def band(name: str) -> Band:
    return Band.objects.get(name=name)


def trial(client, workout, name: str, first: str, second: str, **extra):
    data = {"band": band(name).pk, "first_rep": first, "second_rep": second, **extra}
    return client.post(url(workout), data)


def due(assignment, workout) -> bool:
    cards = build_cards(workout=workout, assignment=assignment, log=None)
    return start_band_due(assignment=assignment, cards=cards)


def test_it_lists_the_bands_thickest_first_with_their_help_and_asks_for_the_thickest(
    athlete_client, assignment, first_workout
):
    response = athlete_client.get(url(first_workout))
    assert response.status_code == 200
    text = response.text
    order = [text.index(f"<strong>{name}</strong>") for name in ("Blue", "Green", "Purple")]
    assert order == sorted(order)  # thickest first
    assert "helps 29-79 kg" in text  # the seed's blue band
    assert "Save the blue band" in text
    assert f'name="band" value="{band("Blue").pk}"' in text
    assert "Near the floor" in text and "Lost it in the top third" in text
    assert "Add your body mass" in text  # no share without one
    assert not StartBandTrial.objects.exists()  # a GET writes nothing


def test_each_bands_help_shows_as_a_share_of_body_mass(athlete, athlete_client, first_workout):
    athlete.body_mass_kg = Decimal("80.0")
    athlete.save(update_fields=["body_mass_kg"])
    text = athlete_client.get(url(first_workout)).text
    assert "helps 29-79 kg · 36-99% of your body mass" in text  # blue
    assert "helps 5-16 kg · 6-20% of your body mass" in text  # red
    assert "5-20% of body mass (Burrows 2020)" in text


def test_the_trials_choose_the_start_band_one_step_thicker_and_write_it_to_the_track(
    athlete_client, assignment, first_workout
):
    response = trial(athlete_client, first_workout, "Blue", "full", "full")
    assert response["Location"] == url(first_workout) + f"#band-{band('Green').pk}"
    trial(athlete_client, first_workout, "Green", "late", "full")
    trial(athlete_client, first_workout, "Purple", "late", "late")
    assert not BandChange.objects.filter(decided_by="engine").exists()  # not found yet
    response = trial(athlete_client, first_workout, "Black", "mid", "late")
    assert response["Location"] == url(first_workout) + "#found"
    assert StartBandTrial.objects.count() == 4
    track = assignment.tracks.get()
    assert track.band.name == "Green"
    change = BandChange.objects.get(decided_by="engine")
    assert (change.action, change.status) == ("start", "applied")
    assert (change.from_band.name, change.to_band.name) == ("Green", "Green")
    assert change.reason == (
        "Both reps controlled near the floor on purple, not on black: starts on green, "
        "one step thicker."
    )
    assert Assignment.objects.get().start_band_finder == StartBandFinder.FOUND
    assert not Flag.objects.exists()
    text = athlete_client.get(url(first_workout)).text
    assert "You start on the green band" in text
    assert "✗ Not both reps near the floor: halfway, near the floor" in text
    assert "Save the" not in text  # nothing more to try
    assert not due(Assignment.objects.get(), first_workout)


def test_a_strong_athlete_starts_on_a_thinner_band_than_the_program_gives(
    athlete_client, assignment, first_workout
):
    for name in ("Blue", "Green", "Purple"):
        trial(athlete_client, first_workout, name, "full", "full")
    trial(athlete_client, first_workout, "Black", "late", "full")
    trial(athlete_client, first_workout, "Red", "early", "mid")
    assert assignment.tracks.get().band.name == "Purple"  # the program said green


def test_a_rep_breaking_on_the_thickest_band_starts_on_it_and_flags_the_coach(
    athlete_client, athlete, assignment, first_workout
):
    trial(athlete_client, first_workout, "Blue", "early", "mid")
    assert assignment.tracks.get().band.name == "Blue"
    flag = Flag.objects.get()
    assert (flag.athlete, flag.kind) == (athlete, FlagKind.REGRESSION)
    assert "even on the blue band" in flag.detail
    assert "your coach is told" in BandChange.objects.get(decided_by="engine").reason


def test_only_the_bands_the_athlete_owns_are_offered(athlete, athlete_client, first_workout):
    athlete.owned_bands.set([band("Purple"), band("Black")])
    text = athlete_client.get(url(first_workout)).text
    assert "Save the purple band" in text
    assert "<strong>Blue</strong>" not in text and "<strong>Green</strong>" not in text


def test_a_retried_post_records_the_band_once(athlete_client, first_workout):
    trial(athlete_client, first_workout, "Blue", "full", "full")
    response = trial(athlete_client, first_workout, "Blue", "early", "early")
    assert response.status_code == 302
    assert [t.reps for t in StartBandTrial.objects.all()] == [("full", "full")]


def test_a_band_out_of_turn_is_refused_with_a_message(athlete_client, first_workout):
    response = athlete_client.post(
        url(first_workout),
        {"band": band("Green").pk, "first_rep": "full", "second_rep": "full"},
        follow=True,
    )
    assert "Try the blue band next." in response.text
    assert not StartBandTrial.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"first_rep": "full"}, "Tap how far down you controlled rep 2."),
        ({"first_rep": "sideways", "second_rep": "full"}, "controlled rep 1."),
        ({"first_rep": "full", "second_rep": "full", "band": "blue"}, "Enter a whole number."),
        ({"first_rep": "full", "second_rep": "full", "band": ""}, "it lost its band"),
    ],
)
def test_bad_input_gets_a_message_next_to_the_field(athlete_client, first_workout, data, message):
    response = athlete_client.post(url(first_workout), {"band": band("Blue").pk, **data})
    assert response.status_code == 422
    assert message in response.text
    assert not StartBandTrial.objects.exists()


def test_a_band_id_nobody_has_is_refused_without_a_500(athlete_client, first_workout):
    data = {"band": 2**40, "first_rep": "full", "second_rep": "full"}
    response = athlete_client.post(url(first_workout), data, follow=True)
    assert response.status_code == 200
    assert "Try the blue band next." in response.text


def test_switched_off_there_is_no_finder(athlete_client, assignment, first_workout):
    assert due(assignment, first_workout)
    start_band_finder_switch(assignment=assignment, on=False)
    assert not due(assignment, first_workout)
    text = athlete_client.get(url(first_workout)).text
    assert "Your coach chose your start band for this program: you start on the green band." in (
        text
    )
    assert "Save the" not in text
    response = trial(athlete_client, first_workout, "Blue", "full", "full")
    assert response.status_code == 302
    assert not StartBandTrial.objects.exists()


def test_a_nordic_set_logged_ends_the_finder(athlete_client, assignment, first_workout):
    nordic = first_workout.prescriptions.get(order=1)
    athlete_client.post(f"/workouts/{first_workout.pk}/sets/", set_data(nordic))
    log = WorkoutLog.objects.get()
    cards = build_cards(workout=first_workout, assignment=assignment, log=log)
    assert not start_band_due(assignment=assignment, cards=cards)
    assert "You have logged Nordic sets in this program already" in (
        athlete_client.get(url(first_workout)).text
    )
    trial(athlete_client, first_workout, "Blue", "full", "full")
    assert not StartBandTrial.objects.exists()
    later = Workout.objects.get(week__program=assignment.program, week__number=1, day=4)
    # Unfinished, that session's set is out of the next page's sight: the link may show, and
    # the finder's page says why it will not run.
    assert due(assignment, later)
    assert "You have logged Nordic sets" in athlete_client.get(url(later)).text
    athlete_client.post(
        f"/workouts/{first_workout.pk}/finish/", {"rpe": 7, "pain": 0, "minutes": 30}
    )
    assert WorkoutLog.objects.get().is_complete
    assert not due(assignment, later)  # last time's sets are this program's


def test_a_pain_stop_waiting_for_the_coach_holds_the_finder(
    athlete_client, assignment, first_workout
):
    nordic = first_workout.prescriptions.get(order=1)
    athlete_client.post(
        f"/workouts/{first_workout.pk}/pain-stop/",
        {"prescription": nordic.pk, "side": "both", "where": "", "kind": ""},
    )
    assert PainStop.objects.unanswered().exists()
    text = athlete_client.get(url(first_workout)).text
    assert "Save the" not in text
    assert "paused after pain until your coach clears it" in text or (
        "You stopped for pain recently." in text
    )
    assert trial(athlete_client, first_workout, "Blue", "full", "full").status_code == 302
    assert not StartBandTrial.objects.exists()
    cards = build_cards(workout=first_workout, assignment=assignment, log=WorkoutLog.objects.get())
    assert not start_band_due(assignment=assignment, cards=cards)


def test_the_workout_page_question_costs_no_query(
    assignment, first_workout, django_assert_num_queries
):
    cards = build_cards(workout=first_workout, assignment=assignment, log=None)
    with django_assert_num_queries(0):
        assert start_band_due(assignment=assignment, cards=cards)
        assert not start_band_due(assignment=assignment, cards=cards, paused=True)
        for state in (StartBandFinder.OFF, StartBandFinder.FOUND):
            assignment.start_band_finder = state
            assert not start_band_due(assignment=assignment, cards=cards)


def test_a_workout_without_the_nordic_has_no_finder(athlete_client, assignment):
    week = assignment.program.weeks.get(number=1)
    rest_day = Workout.objects.create(week=week, day=6, title="Holds only")
    hold = Workout.objects.get(week=week, day=1).prescriptions.get(order=2)
    rest_day.prescriptions.create(exercise=hold.exercise, order=1, sets=2, seconds=30)
    assert athlete_client.get(url(rest_day)).status_code == 404
    cards = build_cards(workout=rest_day, assignment=assignment, log=None)
    assert not start_band_due(assignment=assignment, cards=cards)


def test_it_requires_login(client, first_workout):
    response = client.get(url(first_workout))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_another_athletes_workout_is_404(client, first_workout, outsider, team):
    client.force_login(outsider)
    assert client.get(url(first_workout)).status_code == 404
    assert trial(client, first_workout, "Blue", "full", "full").status_code == 404
    teammate = make_user("teammate")
    client.force_login(teammate)
    assert client.get(url(first_workout)).status_code == 404
    assert not StartBandTrial.objects.exists()


@pytest.mark.parametrize("field", ["band", "first_rep", "second_rep"])
@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_never_answer_5xx_nor_write(athlete_client, first_workout, field, value):
    data = {"band": band("Blue").pk, "first_rep": "full", "second_rep": "late", field: value}
    assert athlete_client.post(url(first_workout), data).status_code in (302, 422)
    assert not StartBandTrial.objects.exists()


def test_a_pain_pause_holds_the_finder_until_the_coach_clears_it(
    athlete, coach, athlete_client, assignment, first_workout
):
    pause = PainPause.objects.create(athlete=athlete, reason="Pain 6 after the session.")
    text = athlete_client.get(url(first_workout)).text
    assert "Nordic work is paused after pain until your coach clears it" in text
    assert "Save the" not in text
    trial(athlete_client, first_workout, "Blue", "full", "full")
    assert not StartBandTrial.objects.exists()
    pause_clear(pause=pause, by=coach, note="Seen by the physio: fine to go on.")
    assert "Save the blue band" in athlete_client.get(url(first_workout)).text

"""The coach's page for one athlete and its actions: pause/resume/end a program, set a band by
hand, comment on a workout, export the sets as CSV."""

import csv
import io
import uuid
from datetime import UTC, date, datetime

import pytest
import time_machine

from catalogue.models import Band
from logbook.models import Message, WorkoutLog
from logbook.services import set_log, workout_finish, workout_start
from programs.assignments import program_assign
from programs.library_load import load_library
from programs.models import Assignment, BandChange, BandTrack, DecidedBy, Program, Workout
from tests.logbook.reading import seen

TODAY = date(2026, 10, 20)
START = date(2026, 10, 1)  # so today is in week 3
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(datetime(2026, 10, 20, 12, 0, tzinfo=UTC), tick=False) as traveller:
        yield traveller


@pytest.fixture
def library(catalogue):
    load_library()


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


@pytest.fixture
def assignment(library, athlete, coach) -> Assignment:
    return assign(athlete, coach)


@pytest.fixture
def track(assignment) -> BandTrack:
    return assignment.tracks.get()


@pytest.fixture
def first_log(assignment) -> WorkoutLog:
    return log_workout(assignment, workouts_of(assignment)[0], on=START, notes="Felt strong")


@pytest.fixture
def theirs(library, outsider, other_coach) -> Assignment:
    """An assignment of another coach's athlete."""
    return assign(outsider, other_coach)


def page_url(athlete) -> str:
    return f"/coach/athletes/{athlete.pk}/"


def action_url(assignment, action: str) -> str:
    return f"/coach/assignments/{assignment.pk}/{action}/"


def band_url(track) -> str:
    return f"/coach/tracks/{track.pk}/band/"


def comment_url(log) -> str:
    return f"/coach/logs/{log.pk}/comments/"


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# The page


def test_it_shows_the_athlete_their_program_bands_and_workouts(coach_client, athlete, first_log):
    response = coach_client.get(page_url(athlete))
    assert response.status_code == 200
    text = response.text
    assert "<h1>Alex</h1>" in text
    assert "Squad" in text
    assert f'href="/coach/athletes/{athlete.pk}/export.csv"' in text
    program = first_log.assignment.program
    assert f'href="/programs/{program.pk}/"' in text
    assert "Band-assisted Nordic, 10 weeks" in text
    assert "week 3 of 10" in text
    assert 'role="img"' in text
    assert "Band-assisted Nordic curl: green since" in text
    assert "Start: Green" in text
    assert (
        "Band-assisted Nordic curl: 2 sets: 5, 5 reps, green band, 10 of 10 reps controlled near "
        "or to the floor" in text
    )
    assert "Felt strong" in text
    assert "style=" not in text
    assert "<script>" not in text.split("</head>")[1]


def test_it_marks_each_scheduled_workout_done_missed_or_upcoming(
    coach_client, athlete, assignment, first_log
):
    response = coach_client.get(page_url(athlete))
    [panel] = response.context["assignments"]
    marks = {item.on: item.mark for week in panel.weeks for item in week.workouts}
    assert marks[date(2026, 10, 1)] == "done"
    assert marks[date(2026, 10, 8)] == "missed"
    assert marks[date(2026, 10, 22)] == "upcoming"
    assert panel.week == 3
    assert "Schedule: 1 done, 5 missed" in response.text
    assert "Next: Nordic session A, Thu 22 Oct" in seen(response.text)


def test_open_programs_come_before_done_ones(coach_client, library, athlete, coach, assignment):
    assignment.status = "done"
    assignment.save()
    newer = assign(athlete, coach, start=date(2026, 10, 19))
    newer.status = "done"
    newer.save()
    current = assign(athlete, coach, start=date(2026, 9, 1))
    response = coach_client.get(page_url(athlete))
    order = [panel.assignment for panel in response.context["assignments"]]
    assert order == [current, newer, assignment]


def test_the_page_requires_login(client, athlete):
    response = client.get(page_url(athlete))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_page_is_for_coaches(athlete_client, athlete):
    assert athlete_client.get(page_url(athlete)).status_code == 403


def test_another_coachs_athlete_is_404(coach_client, outsider):
    assert coach_client.get(page_url(outsider)).status_code == 404


def test_a_former_team_member_is_404(coach_client, athlete):
    athlete.memberships.update(is_active=False)
    assert coach_client.get(page_url(athlete)).status_code == 404


def test_the_page_runs_the_same_queries_for_3_and_15_workouts(
    coach_client, coach, athlete, assignment, django_assert_max_num_queries
):
    workouts = workouts_of(assignment)

    def add_logs(workouts):
        for workout in workouts:
            log = log_workout(assignment, workout)
            Message.objects.create(
                athlete=log.athlete, workout_log=log, author=coach, body="Nice work"
            )

    add_logs(workouts[:3])
    # 21: the recent logs' scheduled days are one schedule read for them all (logbook.dates);
    # one more since the page shows an open pain pause.
    with django_assert_max_num_queries(21) as few:
        coach_client.get(page_url(athlete))
    add_logs(workouts[3:15])
    with django_assert_max_num_queries(21) as many:
        response = coach_client.get(page_url(athlete))
    assert len(response.context["logs"]) == 10
    assert len(few) == len(many)


# Pause, resume, end


def test_pause_then_resume_3_days_later_moves_the_schedule_3_days(
    coach_client, assignment, frozen_clock
):
    response = coach_client.post(action_url(assignment, "pause"))
    assert response.status_code == 302
    assert (
        response["Location"]
        == f"/coach/athletes/{assignment.athlete_id}/#assignment-{assignment.pk}"
    )
    assignment.refresh_from_db()
    assert (assignment.status, assignment.paused_on) == ("paused", TODAY)

    frozen_clock.shift(60 * 60 * 24 * 3)
    response = coach_client.post(action_url(assignment, "resume"), follow=True)
    assert "Resumed: the remaining workouts moved 3 days later." in messages_of(response)
    assignment.refresh_from_db()
    assert (assignment.status, assignment.paused_on) == ("active", None)
    assert assignment.start_date == date(2026, 10, 4)


def test_paused_workouts_are_on_hold_not_missed(coach_client, athlete, assignment, frozen_clock):
    coach_client.post(action_url(assignment, "pause"))
    frozen_clock.shift(60 * 60 * 24 * 5)
    response = coach_client.get(page_url(athlete))
    [panel] = response.context["assignments"]
    marks = {item.on: item.mark for week in panel.weeks for item in week.workouts}
    assert marks[date(2026, 10, 22)] == "on-hold"
    assert "paused since 20 Oct" in response.text


def test_end_sets_the_program_done(coach_client, assignment):
    response = coach_client.post(action_url(assignment, "end"), follow=True)
    assert "Ended: the program moved to the done list." in messages_of(response)
    assignment.refresh_from_db()
    assert assignment.status == "done"


def test_an_action_that_does_not_apply_changes_nothing(coach_client, assignment):
    response = coach_client.post(action_url(assignment, "resume"), follow=True)
    assert "Nothing to resume: this program is active." in messages_of(response)
    assignment.refresh_from_db()
    assert assignment.status == "active"
    assert assignment.start_date == START


def test_an_unknown_action_is_404(coach_client, assignment):
    assert coach_client.post(action_url(assignment, "explode")).status_code == 404
    assignment.refresh_from_db()
    assert assignment.status == "active"


def test_htmx_gets_only_the_assignment(coach_client, assignment):
    response = coach_client.post(action_url(assignment, "pause"), **HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith(
        f'<article class="card assignment" id="assignment-{assignment.pk}"'
    )
    assert "Paused: the remaining workouts wait until you resume." in response.text
    assert "Resume</button>" in response.text
    assert "<html" not in response.text
    assert "Recent workouts" not in response.text


def test_actions_require_login(client, assignment):
    response = client.post(action_url(assignment, "pause"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_actions_are_for_coaches(athlete_client, assignment):
    assert athlete_client.post(action_url(assignment, "pause")).status_code == 403
    assignment.refresh_from_db()
    assert assignment.status == "active"


def test_another_coachs_assignment_is_404(coach_client, theirs):
    assert coach_client.post(action_url(theirs, "end")).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "active"


def test_actions_are_posts(coach_client, assignment):
    assert coach_client.get(action_url(assignment, "pause")).status_code == 405


# Setting a band by hand


def test_the_coach_sets_a_band_with_a_reason(coach_client, coach, track):
    purple = Band.objects.get(name="Purple")
    response = coach_client.post(band_url(track), {"band": purple.pk, "reason": "Ready for it"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#track-{track.pk}")
    track.refresh_from_db()
    assert track.band == purple
    change = track.changes.last()
    assert (change.from_band.name, change.to_band, change.action) == ("Green", purple, "set")
    assert (change.reason, change.decided_by, change.by) == ("Ready for it", DecidedBy.COACH, coach)


def test_the_coach_takes_the_athlete_off_the_band(coach_client, athlete, track):
    response = coach_client.post(
        band_url(track), {"band": "none", "reason": "Test it"}, follow=True
    )
    assert "Band-assisted Nordic curl: now without a band." in messages_of(response)
    track.refresh_from_db()
    assert track.band is None
    assert "Band-assisted Nordic curl: green to unassisted since 20 Oct" in response.text


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"band": "999999", "reason": "Why not"}, "Choose one of the bands in the list."),
        ({"band": "mini", "reason": "Why not"}, "Choose one of the bands in the list."),
        ({"band": "none", "reason": "   "}, "Say why you are moving the band."),
        (
            {"band": "none", "reason": "x" * 301},
            "Keep the reason to 300 characters (this one has 301).",
        ),
        ({"band": "green", "reason": "Same again"}, "The athlete is already on this band."),
    ],
)
def test_bad_band_input_is_explained_and_nothing_is_saved(coach_client, track, data, error):
    bands = {band.name.lower(): str(band.pk) for band in Band.objects.all()}
    data = {**data, "band": bands.get(data["band"], data["band"])}
    changes = BandChange.objects.count()
    response = coach_client.post(band_url(track), data)
    assert response.status_code == 422
    assert error in response.text
    assert "<h1>Alex</h1>" in response.text  # the whole page, with the form open
    assert BandChange.objects.count() == changes
    track.refresh_from_db()
    assert track.band.name == "Green"

    response = coach_client.post(band_url(track), data, **HTMX)
    assert response.status_code == 200
    assert error in response.text
    assert "<html" not in response.text
    assert BandChange.objects.count() == changes


def test_a_finished_programs_band_no_longer_moves(coach_client, assignment, track):
    assignment.status = "done"
    assignment.save()
    response = coach_client.post(band_url(track), {"band": "none", "reason": "Done"}, **HTMX)
    assert "This program has ended" in response.text
    assert track.changes.count() == 1


def test_htmx_gets_only_the_track(coach_client, track):
    purple = Band.objects.get(name="Purple")
    response = coach_client.post(band_url(track), {"band": purple.pk, "reason": "Ready"}, **HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<article class="card track" id="track-{track.pk}"')
    assert "Band-assisted Nordic curl: now on the purple band." in response.text
    assert "Green → Purple" in response.text
    assert "<svg" in response.text
    assert "<html" not in response.text


def test_setting_a_band_requires_login(client, track):
    assert client.post(band_url(track), {"band": "none", "reason": "x"}).status_code == 302


def test_setting_a_band_is_for_coaches(athlete_client, track):
    assert athlete_client.post(band_url(track), {"band": "none", "reason": "x"}).status_code == 403
    assert track.changes.count() == 1


def test_another_coachs_track_is_404(coach_client, theirs):
    track = theirs.tracks.get()
    assert coach_client.post(band_url(track), {"band": "none", "reason": "x"}).status_code == 404
    assert track.changes.count() == 1


# Comments


def test_the_coach_comments_on_a_workout_and_it_shows_on_the_page(
    coach_client, coach, athlete, first_log
):
    response = coach_client.post(comment_url(first_log), {"body": "Great depth <b>today</b>"})
    assert response.status_code == 302
    assert response["Location"] == f"/coach/athletes/{athlete.pk}/#log-{first_log.pk}"
    comment = first_log.messages.get()
    assert (comment.author, comment.body) == (coach, "Great depth <b>today</b>")
    assert comment.athlete == athlete  # in the athlete's thread too
    page = coach_client.get(page_url(athlete)).text
    assert "Great depth &lt;b&gt;today&lt;/b&gt;" in page
    assert "Cora · 20 Oct" in page


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("", "Write a comment first."),
        ("x" * 2001, "Keep a comment to 2000 characters (this one has 2001)."),
    ],
)
def test_bad_comments_are_explained_and_nothing_is_saved(coach_client, first_log, body, error):
    response = coach_client.post(comment_url(first_log), {"body": body})
    assert response.status_code == 422
    assert error in response.text
    response = coach_client.post(comment_url(first_log), {"body": body}, **HTMX)
    assert response.status_code == 200
    assert error in response.text
    assert not Message.objects.filter(kind="message").exists()


def test_htmx_gets_only_the_workout(coach_client, first_log):
    response = coach_client.post(comment_url(first_log), {"body": "Smooth"}, **HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<article class="card log" id="log-{first_log.pk}"')
    assert "Smooth" in response.text
    assert "Comment added." in response.text
    assert "<html" not in response.text


def test_commenting_requires_login(client, first_log):
    assert client.post(comment_url(first_log), {"body": "Hi"}).status_code == 302


def test_commenting_is_for_coaches(athlete_client, first_log):
    assert athlete_client.post(comment_url(first_log), {"body": "Hi"}).status_code == 403
    assert not Message.objects.filter(kind="message").exists()


def test_a_comment_on_another_coachs_athletes_workout_is_404(coach_client, theirs):
    log = log_workout(theirs, workouts_of(theirs)[0])
    assert coach_client.post(comment_url(log), {"body": "Hi"}).status_code == 404
    assert not Message.objects.filter(kind="message").exists()


# CSV export


def export_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_export_has_a_header_and_a_row_per_set(coach_client, athlete, first_log):
    response = coach_client.get(f"/coach/athletes/{athlete.pk}/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="sets-alex-2026-10-20.csv"'
    header, *rows = export_rows(response)
    assert header == [
        "athlete",
        "date",
        "program",
        "workout",
        "exercise",
        "set",
        "side",
        "reps",
        "seconds",
        "band",
        "band tension (kg)",
        "control",
        "break angle",
        "target reps",
        "target seconds",
        "RPE",
        "set note",
        "session RPE",
        "pain",
        "session notes",
        "coach's comments",
    ]
    assert rows == [
        [
            "Alex",
            "2026-10-01",
            "Band-assisted Nordic, 10 weeks",
            "Nordic session",
            "Band-assisted Nordic curl",
            str(number),
            "both",
            "5",
            "",
            "Green",
            "23-57",
            "full",
            "",
            "5",
            "",
            "7",
            "",
            "7",
            "1",
            "Felt strong",
            "",
        ]
        for number in (1, 2)
    ]


def test_the_export_carries_the_coachs_comments(coach_client, coach, athlete, first_log):
    coach_client.post(f"/coach/logs/{first_log.pk}/comments/", {"body": "=Nice depth"})
    rows = export_rows(coach_client.get(f"/coach/athletes/{athlete.pk}/export.csv"))
    assert rows[1][-1] == "coach: =Nice depth"


def test_the_export_keeps_formulas_out_of_spreadsheets(coach_client, athlete, first_log):
    Program.objects.filter(pk=first_log.assignment.program_id).update(title="=HYPERLINK(1)")
    rows = export_rows(coach_client.get(f"/coach/athletes/{athlete.pk}/export.csv"))
    assert rows[1][2] == "'=HYPERLINK(1)"


def test_the_export_runs_the_same_queries_however_many_sets(
    coach_client, athlete, assignment, django_assert_max_num_queries
):
    for workout in workouts_of(assignment)[:8]:
        log_workout(assignment, workout)
    with django_assert_max_num_queries(5):  # session, user, athlete, comments, sets
        rows = export_rows(coach_client.get(f"/coach/athletes/{athlete.pk}/export.csv"))
    assert len(rows) > 20


def test_the_export_requires_login(client, athlete):
    assert client.get(f"/coach/athletes/{athlete.pk}/export.csv").status_code == 302


def test_the_export_is_for_coaches(athlete_client, athlete):
    assert athlete_client.get(f"/coach/athletes/{athlete.pk}/export.csv").status_code == 403


def test_another_coachs_athlete_cannot_be_exported(client, other_coach, athlete):
    client.force_login(other_coach)
    assert client.get(f"/coach/athletes/{athlete.pk}/export.csv").status_code == 404

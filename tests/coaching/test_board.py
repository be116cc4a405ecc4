import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from accounts.models import Membership, Team
from catalogue.models import Exercise
from coaching.flags_derive import flags_derive
from logbook import services as logbook
from logbook.models import Flag
from programs import assignments, services
from programs.models import Prescription, Program, Workout
from tests.conftest import make_user

pytestmark = pytest.mark.usefixtures("catalogue")
TODAY = date(2026, 11, 19)  # a Thursday
START = date(2026, 11, 2)


@pytest.fixture(autouse=True)
def today_is_thursday_19_november(time_machine):
    time_machine.move_to(datetime(2026, 11, 19, 12, tzinfo=UTC), tick=False)


@pytest.fixture
def plan(coach) -> Program:
    """Three weeks of three workouts (days 1, 3, 5), one assisted Nordic each, with a band rule."""
    program = services.program_create(owner=coach, title="Plan")
    nordic = Exercise.objects.get(slug="band-assisted-nordic-curl")
    for _ in range(3):
        week = services.week_add(program=program)
        for day in (1, 3, 5):
            workout = Workout.objects.create(week=week, day=day, title=f"Day {day}")
            Prescription.objects.create(workout=workout, exercise=nordic, sets=2, reps_min=5)
    services.band_rule_set(program=program, exercise=nordic, start_band=None)
    return program


def assign(plan, athlete, coach, start=START):
    return assignments.program_assign(template=plan, athlete=athlete, start_date=start, by=coach)


def complete(assignment, week: int, day: int, *, pain: int = 1):
    workout = Workout.objects.get(week__program=assignment.program, week__number=week, day=day)
    when = workout.scheduled_on(assignment.start_date)
    log = logbook.workout_start(
        athlete=assignment.athlete, assignment=assignment, workout=workout, today=when
    )
    prescription = workout.prescriptions.get()
    for set_number in (1, 2):
        logbook.set_log(
            workout_log=log,
            token=uuid.uuid4(),
            exercise_id=prescription.exercise_id,
            prescription=prescription,
            set_number=set_number,
            reps=5,
        )
    now = timezone.make_aware(datetime.combine(when, datetime.min.time()))
    logbook.workout_finish(workout_log=log, rpe=7, pain=pain, now=now)


def row_of(response, athlete):
    return next(row for row in response.context["rows"] if row.athlete.pk == athlete.pk)


def test_it_lists_the_coachs_athletes_only(coach_client, athlete, outsider):
    response = coach_client.get("/coach/")
    assert response.status_code == 200
    assert [row.athlete.pk for row in response.context["rows"]] == [athlete.pk]
    assert "outsider" not in response.text


def test_it_requires_a_coach(client, athlete):
    assert client.get("/coach/")["Location"] == "/accounts/login/?next=/coach/"
    client.force_login(athlete)
    assert client.get("/coach/").status_code == 403


def test_it_shows_program_week_adherence_last_workout_and_band(coach_client, coach, plan, athlete):
    assignment = assign(plan, athlete, coach)
    for week, day in [(1, 1), (1, 3), (1, 5), (2, 1), (2, 5), (3, 1)]:  # missed w2d3, w3d3
        complete(assignment, week, day)
    response = coach_client.get("/coach/")
    row = row_of(response, athlete)
    assert row.week == 3
    # 7 days (13-19 Nov): w2d5, w3d1 done, w3d3 missed -> 2/3. 28 days: 6 of 8.
    assert row.adherence_7 == pytest.approx(2 / 3)
    assert row.adherence_28 == pytest.approx(6 / 8)
    assert row.last_workout == date(2026, 11, 16)
    assert [(band.exercise, band.band) for band in row.bands] == [
        ("Band-assisted Nordic curl", "unassisted")
    ]
    assert "Week 3 · Plan" in response.text
    assert "67%" in response.text and "75%" in response.text


def test_a_paused_assignment_owes_nothing_from_the_pause_on(coach_client, coach, plan, athlete):
    assignment = assign(plan, athlete, coach)
    complete(assignment, 1, 1)
    complete(assignment, 1, 3)
    assignments.assignment_pause(assignment=assignment, today=date(2026, 11, 6))
    row = row_of(coach_client.get("/coach/"), athlete)
    # Due before the pause on 6 Nov: 2 and 4 Nov (both done); 28 days: 2 Nov too.
    assert row.adherence_28 == 1.0
    assert row.adherence_7 is None  # nothing due in the last 7 days
    assert not any(flag.kind == "missed_week" for flag in row.flags)
    assert row.week == 1


def test_an_athlete_with_nothing_due_yet_has_no_adherence(coach_client, coach, plan, athlete):
    assign(plan, athlete, coach, start=TODAY + timedelta(days=3))
    response = coach_client.get("/coach/")
    row = row_of(response, athlete)
    assert row.adherence_7 is None and row.adherence_28 is None
    assert row.flags == []
    assert "—" in response.text


def test_it_flags_pain_and_a_missed_week_in_words_until_acknowledged(
    coach_client, coach, plan, athlete
):
    assignment = assign(plan, athlete, coach)
    complete(assignment, 1, 1, pain=6)
    flags_derive(today=TODAY)  # the daily job: a missed week
    response = coach_client.get("/coach/")
    flags = {flag.kind: flag.detail for flag in row_of(response, athlete).flags}
    assert flags == {
        "pain": "Pain 6/10 after Day 1",
        "pain_pause": "You reported pain 6/10: eccentric work paused until you clear it.",
        "missed_week": "No workout in 7 days",
    }
    flags_url = f"/coach/athletes/{athlete.pk}/flags/"
    assert f'hx-get="{flags_url}"' in response.text  # opened from the row, in words
    opened = opened_flags(coach_client, athlete)
    assert "<strong>Pain</strong>" in opened and "Pain 6/10 after Day 1" in opened
    pain = Flag.objects.get(kind="pain")
    response = coach_client.post(f"/coach/flags/{pain.pk}/acknowledge/", {"note": "Called her"})
    assert response["Location"] == "/coach/"
    flags = [flag.kind for flag in row_of(coach_client.get("/coach/"), athlete).flags]
    assert sorted(flags) == ["missed_week", "pain_pause"]  # the pause waits for its clearance
    pain.refresh_from_db()
    assert (pain.note, pain.acknowledged_by) == ("Called her", coach)
    # Acknowledged flags stay in the athlete's history.
    page = coach_client.get(f"/coach/athletes/{athlete.pk}/").text
    assert "✓ Pain acknowledged: Called her" in page


def test_flagged_athletes_come_first(coach_client, coach, team, plan, athlete):
    early = make_user("aaron", first_name="Aaron")
    Membership.objects.create(team=team, athlete=early)
    assign(plan, athlete, coach)  # nothing done: a missed week
    flags_derive(today=TODAY)
    rows = coach_client.get("/coach/").context["rows"]
    assert [row.athlete.pk for row in rows] == [athlete.pk, early.pk]


def test_acknowledging_someone_elses_flag_is_404(coach_client, outsider):
    flag = Flag.objects.create(athlete=outsider, kind="pain", detail="Pain 7/10")
    assert coach_client.post(f"/coach/flags/{flag.pk}/acknowledge/").status_code == 404
    flag.refresh_from_db()
    assert flag.acknowledged_at is None


def opened_flags(client, athlete) -> str:
    """The open flags of an athlete's row, as htmx loads them when the coach opens them."""
    response = client.get(f"/coach/athletes/{athlete.pk}/flags/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    return response.text


def test_opened_flags_are_the_open_ones_oldest_first_in_few_queries(
    coach_client, athlete, django_assert_num_queries
):
    older = Flag.objects.create(athlete=athlete, kind="pain", detail="Pain 7/10")
    newer = Flag.objects.create(athlete=athlete, kind="low_strength", detail="262 N")
    done = Flag.objects.create(
        athlete=athlete, kind="missed_week", detail="No workout", acknowledged_at=timezone.now()
    )
    with django_assert_num_queries(3):  # user, athlete, flags
        opened = opened_flags(coach_client, athlete)
    assert opened.index(f'id="flag-{older.pk}"') < opened.index(f'id="flag-{newer.pk}"')
    assert f'id="flag-{done.pk}"' not in opened
    assert f'hx-post="/coach/flags/{older.pk}/acknowledge/"' in opened
    Flag.objects.filter(athlete=athlete).update(acknowledged_at=timezone.now())
    assert "No open flags" in opened_flags(coach_client, athlete)


def test_opening_flags_without_htmx_goes_to_the_athletes_page(coach_client, athlete):
    response = coach_client.get(f"/coach/athletes/{athlete.pk}/flags/")
    assert response["Location"] == f"/coach/athletes/{athlete.pk}/#flags-heading"


def test_someone_elses_athletes_flags_are_404(coach_client, outsider):
    Flag.objects.create(athlete=outsider, kind="pain", detail="Pain 7/10")
    response = coach_client.get(
        f"/coach/athletes/{outsider.pk}/flags/", headers={"HX-Request": "true"}
    )
    assert response.status_code == 404


def test_htmx_acknowledging_answers_the_flag_only(coach_client, athlete):
    flag = Flag.objects.create(athlete=athlete, kind="pain", detail="Pain 7/10")
    response = coach_client.post(
        f"/coach/flags/{flag.pk}/acknowledge/", {"note": "ok"}, headers={"HX-Request": "true"}
    )
    assert response.text.lstrip().startswith(f'<li class="flag" id="flag-{flag.pk}">')
    assert "✓ Pain acknowledged: ok" in response.text


def test_a_note_too_long_is_refused(coach_client, athlete):
    flag = Flag.objects.create(athlete=athlete, kind="pain", detail="Pain 7/10")
    response = coach_client.post(f"/coach/flags/{flag.pk}/acknowledge/", {"note": "x" * 301})
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.acknowledged_at is None


def test_it_filters_by_team_and_sorts(coach_client, coach, team, athlete):
    second = Team.objects.create(coach=coach, name="Second")
    other = make_user("zed", first_name="Zed")
    Membership.objects.create(team=second, athlete=other)
    response = coach_client.get(f"/coach/?team={second.pk}")
    assert [row.athlete.pk for row in response.context["rows"]] == [other.pk]
    response = coach_client.get("/coach/?sort=-name")
    assert [row.athlete.pk for row in response.context["rows"]] == [other.pk, athlete.pk]
    response = coach_client.get("/coach/?sort=nonsense&team=abc")
    assert response.status_code == 200
    assert response.context["sort"] == "flags"


def test_htmx_gets_only_the_roster(coach_client, athlete):
    response = coach_client.get("/coach/?sort=-last", headers={"HX-Request": "true"})
    assert response.text.lstrip().startswith('<section id="roster"')
    assert "<html" not in response.text


@pytest.mark.parametrize("athletes", [12, 200])
def test_the_query_count_does_not_grow_with_athletes(
    coach_client, coach, team, plan, athletes, django_assert_num_queries
):
    for number in range(athletes):
        athlete = make_user(f"a{number}") if number < 3 else None
        if athlete is None:
            from accounts.models import User

            athlete = User.objects.create(username=f"a{number}")
        Membership.objects.create(team=team, athlete=athlete)
        if number < 3:
            assignment = assign(plan, athlete, coach)
            complete(assignment, 1, 1)
    # user, teams, memberships, assignments (with their programs' structure versions), the
    # programs' workouts (only on a process's first read of them: programs.places), logs,
    # strength, bands, open flags: 9 for 12 athletes and for 200 (the derived flags are the
    # daily job's, `coaching.flags_derive`: a GET writes none).
    with django_assert_num_queries(9):
        response = coach_client.get("/coach/")
    page = response.context["page"]
    assert page.paginator.count == athletes
    assert len(page) == min(athletes, 50)


def test_the_roster_pages_by_fifty_keeping_team_and_sort(coach_client, team):
    for number in range(60):
        Membership.objects.create(team=team, athlete=make_user(f"p{number:02}"))
    response = coach_client.get(f"/coach/?team={team.pk}&sort=-name&page=2")
    page = response.context["page"]
    assert (page.number, len(page), page.paginator.count) == (2, 10, 60)
    assert [row.athlete.username for row in page] == [f"p{n:02}" for n in range(9, -1, -1)]
    assert "51-60 of 60" in response.text
    assert f"?team={team.pk}&amp;sort=-name&amp;page=1" in response.text


def test_it_shows_each_athletes_nordic_sessions_and_the_squads_compliance(
    coach_client, coach, team, plan, athlete
):
    """Today is Thursday of week 3: the six of weeks 1-2, Monday's and Wednesday's were due."""
    assignment = assign(plan, athlete, coach)
    for week, day in [(1, 1), (1, 3), (1, 5), (2, 1), (2, 3), (2, 5), (3, 1), (3, 3)]:
        complete(assignment, week, day)
    keen = make_user("keen", first_name="Kim")
    Membership.objects.create(team=team, athlete=keen)
    complete(assign(plan, keen, coach), 3, 1)  # only Monday's, 3 days ago
    response = coach_client.get("/coach/")
    row, other = row_of(response, athlete), row_of(response, keen)
    assert (row.nordic_this_week, row.days_since_nordic, row.compliant) == (2, 1, True)
    assert (other.nordic_this_week, other.days_since_nordic, other.compliant) == (1, 3, False)
    assert "Nordic compliance, last 4 weeks: 1 of 2 athletes" in response.text
    assert (
        "did more than half of their prescribed Nordic sessions, with no more than 3 weeks "
        "between sessions (Ripley 2021)" in response.text
    )
    assert "low compliance" in response.text


@pytest.mark.parametrize(
    ("done", "compliant"),
    [
        ([(1, 1), (1, 5), (2, 1), (2, 5), (3, 1)], True),  # 5 of the 8 due: more than half
        ([(1, 1), (1, 5), (2, 3), (3, 1)], False),  # 4 of 8: not more than half
    ],
)
def test_more_than_half_the_prescribed_nordic_sessions_is_compliant(
    coach_client, coach, plan, athlete, done, compliant
):
    assignment = assign(plan, athlete, coach)
    for week, day in done:
        complete(assignment, week, day)
    response = coach_client.get("/coach/")
    assert row_of(response, athlete).compliant is compliant
    assert f"Nordic compliance, last 4 weeks: {int(compliant)} of 1 athletes" in response.text


def test_it_sorts_by_strength_weakest_first(coach_client, coach, team, athlete):
    from logbook.models import StrengthTest

    strong = make_user("strong", first_name="Sol")
    Membership.objects.create(team=team, athlete=strong)
    for who, left, right in ((athlete, 300, 250), (strong, 400, 390)):
        StrengthTest.objects.create(
            athlete=who, on_date=TODAY, phase="in_season", method="nordbord", left=left, right=right
        )
    rows = coach_client.get("/coach/?sort=strength").context["rows"]
    assert [(row.athlete.pk, row.strength) for row in rows] == [
        (athlete.pk, 250.0),
        (strong.pk, 390.0),
    ]


def test_a_flagged_workout_can_be_commented_on_from_the_board(coach_client, coach, plan, athlete):
    from logbook.models import Message

    assignment = assign(plan, athlete, coach)
    complete(assignment, 3, 3, pain=6)
    pain = Flag.objects.get(kind="pain")
    opened = opened_flags(coach_client, athlete)
    assert f'action="/coach/logs/{pain.workout_log_id}/comments/"' in opened
    assert f'href="/coach/athletes/{athlete.pk}/#bands-heading"' in opened
    coach_client.post(f"/coach/logs/{pain.workout_log_id}/comments/", {"body": "Rest it"})
    assert Message.objects.get(kind="message").body == "Rest it"
    pain.refresh_from_db()
    assert pain.acknowledged_by == coach  # answering acknowledges


def test_an_acknowledged_missed_week_stays_acknowledged(coach_client, coach, plan, athlete):
    assign(plan, athlete, coach)  # nothing done for a fortnight
    flags_derive(today=TODAY)
    missed = Flag.objects.get(kind="missed_week")
    coach_client.post(f"/coach/flags/{missed.pk}/acknowledge/", {"note": "Injured, knew"})
    assert flags_derive(today=TODAY) == 0  # acknowledged in the last week: not raised again
    rows = coach_client.get("/coach/").context["rows"]
    assert [flag.kind for flag in row_of_rows(rows, athlete).flags] == []
    assert Flag.objects.filter(kind="missed_week").count() == 1


def row_of_rows(rows, athlete):
    return next(row for row in rows if row.athlete.pk == athlete.pk)


def test_the_board_reads_flags_and_writes_none(coach_client, coach, plan, athlete):
    """A GET writes nothing: the missed week is the daily job's to raise, and it raises it once."""
    assign(plan, athlete, coach)  # nothing done for a fortnight
    assert coach_client.get("/coach/").status_code == 200
    assert not Flag.objects.exists()
    assert flags_derive(today=TODAY) == 1
    assert flags_derive(today=TODAY) == 0  # open already
    row = row_of(coach_client.get("/coach/"), athlete)
    assert [flag.detail for flag in row.flags] == ["No workout in 7 days"]


def test_an_adherence_drop_is_derived_in_words(coach, plan, athlete):
    assignment = assign(plan, athlete, coach)
    for week, day in [(1, 1), (1, 3), (1, 5), (2, 1), (2, 3), (2, 5)]:  # weeks 1-2 done
        complete(assignment, week, day)
    flags_derive(today=TODAY + timedelta(days=7))  # week 3 (and today's) missed
    flag = Flag.objects.get(kind="compliance_drop")
    assert flag.detail.startswith("Adherence 0% over 7 days against")


def test_a_nordic_the_coach_left_out_is_not_due_for_that_athlete(
    coach_client, coach, plan, athlete
):
    """4 of the 8 Nordic sessions due is not more than half; with the other four left out of
    the athlete's own plan (injured), 4 of 4 are."""
    from programs import actions

    assignment = assign(plan, athlete, coach)
    for week, day in [(1, 1), (1, 5), (2, 3), (3, 1)]:
        complete(assignment, week, day)
    assert row_of(coach_client.get("/coach/"), athlete).compliant is False
    for week, day in [(1, 3), (2, 1), (2, 5), (3, 3)]:
        prescription = Prescription.objects.get(
            workout__week__program=assignment.program, workout__week__number=week, workout__day=day
        )
        actions.exercise_leave_out(
            coach=coach, assignment=assignment, prescription=prescription, substitute=None, note=""
        )
    assert row_of(coach_client.get("/coach/"), athlete).compliant is True

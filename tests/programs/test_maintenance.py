"""The maintenance phase: a program's last week that repeats every week after the numbered
weeks (pure arithmetic, years ahead), the Nordic dose chosen when assigning, and the band
progression carrying on there."""

import uuid
from datetime import date, datetime, time, timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from catalogue.models import Band
from logbook import services as logbook
from programs import assignments, dating, services
from programs.ladder import Action
from programs.models import Assignment, MaintenanceDose, Program, ProgramWeek, Workout
from programs.schedule import repeats, week_start
from tests.programs.histories import (
    MAINTENANCE,
    NORDIC_WEEKS,
    Slot,
    diligent,
    moves,
    replay,
)

START = date(2026, 1, 5)  # a Monday: week 11 of the 10-week Nordic starts on 16 March
MAINTENANCE_WEEK = 11

# -- Pure arithmetic: which maintenance workout falls on which date ---------------------------

PHASE = week_start(START, MAINTENANCE_WEEK)  # Monday 16 March: occurrence 1


def occurrence_on(on: date) -> int | None:
    """Which week of the phase holds `on` (None before it)."""
    found = repeats(PHASE, between=(on, on))
    return found[0][0] if found else None


def test_the_maintenance_week_itself_is_the_first_occurrence_and_each_week_the_next():
    assert week_start(START, MAINTENANCE_WEEK) == date(2026, 3, 16)
    assert occurrence_on(date(2026, 3, 15)) is None  # week 10
    assert occurrence_on(date(2026, 3, 16)) == 1
    assert occurrence_on(date(2026, 3, 22)) == 1  # Sunday
    assert occurrence_on(date(2026, 3, 23)) == 2
    assert repeats(PHASE, between=(date(2026, 3, 25), date(2026, 3, 25))) == [
        (2, date(2026, 3, 23))
    ]


def test_a_date_years_ahead_is_computed_not_walked_to():
    far = date(2046, 6, 1)
    occurrence = occurrence_on(far)
    assert occurrence == (far - date(2026, 3, 16)).days // 7 + 1 == 1055
    [(n, monday)] = repeats(PHASE, between=(far, far))
    assert n == occurrence and monday.weekday() == 0 and monday <= far < monday + timedelta(days=7)


def test_a_window_far_ahead_holds_one_week_a_week_and_nothing_else():
    june = (date(2040, 6, 1), date(2040, 6, 30))
    dated = repeats(PHASE, between=june)
    # The weeks overlapping June 2040: from Monday 28 May (holding the 1st) to Monday 25 June.
    assert [on for _, on in dated] == [
        date(2040, 5, 28),
        date(2040, 6, 4),
        date(2040, 6, 11),
        date(2040, 6, 18),
        date(2040, 6, 25),
    ]
    occurrences = [occurrence for occurrence, _ in dated]
    assert occurrences == list(range(occurrences[0], occurrences[0] + 5))
    assert all(PHASE + timedelta(days=7 * (n - 1)) == on for n, on in dated)


def test_the_window_counts_from_the_phase_and_includes_both_ends():
    before = (date(2026, 1, 5), date(2026, 3, 15))
    assert repeats(PHASE, between=before) == []
    across = (date(2026, 3, 1), date(2026, 3, 23))
    assert repeats(PHASE, between=across) == [(1, date(2026, 3, 16)), (2, date(2026, 3, 23))]


def test_a_repeat_stops_before_until():
    """A stage repeats until the next one opens: the week the next opened on is not its own."""
    year = (date(2026, 1, 1), date(2026, 12, 31))
    assert repeats(PHASE, between=year, until=date(2026, 3, 30)) == [
        (1, date(2026, 3, 16)),
        (2, date(2026, 3, 23)),
    ]
    assert repeats(PHASE, between=year, until=PHASE) == []


def test_the_window_arithmetic_agrees_with_walking_the_weeks():
    every = [(n, PHASE + timedelta(days=7 * (n - 1))) for n in range(1, 80)]
    for first in range(0, 300, 17):
        window = (START + timedelta(days=first), START + timedelta(days=first + 45))
        walked = [(n, on) for n, on in every if window[0] - timedelta(days=6) <= on <= window[1]]
        assert repeats(PHASE, between=window) == walked


def test_the_diligent_athlete_graduates_in_maintenance_and_the_band_rule_carries_on():
    """The 10-week Nordic, then its maintenance session dated by the arithmetic, for a year."""
    slots = [
        Slot(week, START + timedelta(days=7 * (week - 1) + day - 1), targets)
        for week, (days, targets) in NORDIC_WEEKS.items()
        for day in days
    ]
    days, targets = MAINTENANCE
    year = (date(2026, 3, 16), date(2027, 3, 14))
    for day in days:
        slots += [
            Slot(MAINTENANCE_WEEK + n - 1, monday + timedelta(days=day - 1), targets)
            for n, monday in repeats(PHASE, between=year)
        ]
    assert len(slots) == 27 + 52  # 27 sessions in 10 weeks, then one a week
    steps = replay(diligent, slots)
    assert moves(steps) == [
        (6, "advance", "Purple"),
        (8, "advance", "Black"),
        (10, "advance", "Red"),
        (12, "graduate", None),  # the second maintenance session, suggested to the coach
    ]
    assert next(s for s in steps if s.decision.action is Action.GRADUATE).decision.suggested
    assert all(step.decision.action is Action.HOLD for step in steps[-50:])  # unassisted: holds


# -- The copy: the dose chosen when assigning --------------------------------------------------


@pytest.fixture
def nordic(library) -> Program:
    return Program.objects.library().get(slug="band-assisted-nordic")


def maintenance_rx(program: Program):
    week = program.weeks.get(is_maintenance=True)
    (workout,) = week.workouts.all()
    return week, workout.prescriptions.get()


@pytest.mark.parametrize(
    ("dose", "volume"),
    [(MaintenanceDose.STANDARD, "3 x 12/10/8"), (MaintenanceDose.LOW_VOLUME, "2 x 6")],
)
def test_the_copy_gets_the_chosen_dose_and_the_template_keeps_its_own(
    nordic, coach, athlete, dose, volume
):
    assignment = assignments.program_assign(
        template=nordic, athlete=athlete, start_date=START, by=coach, maintenance=dose
    )
    week, rx = maintenance_rx(assignment.program)
    assert (week.number, rx.volume_text(), rx.band.name) == (MAINTENANCE_WEEK, volume, "Green")
    assert assignment.maintenance == dose
    assert maintenance_rx(nordic)[1].volume_text() == "3 x 12/10/8"
    later = assignment.program.weeks.get(number=10).workouts.first().prescriptions.get()
    assert later.volume_text() == "3 x 12/10/8"  # the numbered weeks are not touched


def test_an_unknown_dose_assigns_nothing(nordic, coach, athlete):
    with pytest.raises(ValueError):
        assignments.program_assign(
            template=nordic, athlete=athlete, start_date=START, by=coach, maintenance="daily"
        )
    assert not Assignment.objects.exists()


def test_the_in_season_program_is_maintenance_from_its_first_week(nordic, coach, athlete):
    in_season = Program.objects.library().get(slug="in-season-nordic-maintenance")
    assert "Lacome 2020" in in_season.goal and "Behan 2022" in in_season.goal
    assignment = assignments.program_assign(
        template=in_season,
        athlete=athlete,
        start_date=START,
        by=coach,
        maintenance=MaintenanceDose.LOW_VOLUME,
    )
    week, rx = maintenance_rx(assignment.program)
    assert (week.number, rx.volume_text()) == (1, "2 x 6")
    (dated,) = dating.assignment_schedule([assignment])
    assert (dated.on, dated.occurrence) == (START, 1)


def test_the_schedule_dates_the_maintenance_week_after_week_10(nordic, coach, athlete):
    assignment = assignments.program_assign(
        template=nordic, athlete=athlete, start_date=START, by=coach
    )
    window = (date(2026, 3, 14), date(2026, 3, 22))
    dated = dating.assignment_schedule([assignment], between=window)
    assert [(item.on, item.workout.week.is_maintenance) for item in dated] == [
        (date(2026, 3, 16), True)
    ]


def test_maintenance_continues_week_after_week_until_the_coach_ends_it(nordic, coach, athlete):
    assignment = assignments.program_assign(
        template=nordic, athlete=athlete, start_date=START, by=coach
    )
    summer = (date(2026, 6, 1), date(2026, 6, 28))
    dated = dating.assignment_schedule([assignment], between=summer)
    assert [(item.on, item.occurrence) for item in dated] == [
        (date(2026, 6, 1), 12),
        (date(2026, 6, 8), 13),
        (date(2026, 6, 15), 14),
        (date(2026, 6, 22), 15),
    ]
    assert len({item.workout.pk for item in dated}) == 1  # the same workout, each week
    assert dating.scheduled_on(assignment, dated[1].workout, 13) == date(2026, 6, 8)
    # Without a window: every numbered week once, and the phase up to the date asked for.
    whole = dating.assignment_schedule([assignment], repeats_through=date(2026, 3, 30))
    assert [item.occurrence for item in whole if item.workout.week.is_maintenance] == [1, 2, 3]
    assignments.assignment_end(assignment=assignment)
    assignment.refresh_from_db()
    assert not assignment.is_open  # the pages read open assignments only: the repeats stop


def test_a_program_has_one_maintenance_phase_at_most(nordic, coach):
    with pytest.raises(IntegrityError):
        ProgramWeek.objects.create(program=nordic, number=12, is_maintenance=True)


def test_the_builder_keeps_the_maintenance_phase_last(nordic, coach):
    copy = services.program_copy(program=nordic, owner=coach)
    added = services.week_add(program=copy)
    assert added.number == 11 and not added.is_maintenance
    assert copy.weeks.get(is_maintenance=True).number == 12
    duplicate = services.week_duplicate(week=copy.weeks.get(is_maintenance=True))
    assert not duplicate.is_maintenance  # a copy of it is a plain week, not a second phase


# -- The band progression goes on in maintenance ----------------------------------------------


def do(assignment, week: int, day: int, *, control: str = "full", rpe: int = 7):
    """The workout done as prescribed on its day, every rep controlled as far as `control`
    (to the floor unless said)."""
    workout = Workout.objects.get(week__program=assignment.program, week__number=week, day=day)
    rx = workout.prescriptions.get()
    when = workout.scheduled_on(assignment.start_date)
    log = logbook.workout_start(
        athlete=assignment.athlete, assignment=assignment, workout=workout, today=when
    )
    band = assignment.tracks.get().band
    for number in range(1, rx.sets + 1):
        logbook.set_log(
            workout_log=log,
            token=uuid.uuid4(),
            exercise_id=rx.exercise_id,
            prescription=rx,
            set_number=number,
            reps=rx.target_for_set(number),
            band=band,
            control=control,
        )
    evening = timezone.make_aware(datetime.combine(when, time(18)))
    return logbook.workout_finish(workout_log=log, rpe=rpe, pain=0, now=evening)


def test_a_low_volume_maintenance_session_counts_for_the_next_band(nordic, coach, athlete):
    red = Band.objects.get(name="Red")
    assignment = assignments.program_assign(
        template=nordic,
        athlete=athlete,
        start_date=START,
        by=coach,
        start_bands={nordic.band_rules.get().exercise_id: red},
        maintenance=MaintenanceDose.LOW_VOLUME,
    )
    do(assignment, 10, 3)
    do(assignment, 10, 5)
    log = do(assignment, MAINTENANCE_WEEK, 1)  # 2 x 6: every prescribed rep, the third session
    assert (log.outcome[0]["action"], log.outcome[0]["suggested"]) == ("graduate", True)
    track = assignment.tracks.get()
    assert track.band == red  # unassisted waits for the coach's approval
    assert track.changes.get(status="suggested").to_band is None


# -- The assign form ---------------------------------------------------------------------------


def assign_url(program) -> str:
    return f"/programs/{program.pk}/assign/"


def test_the_assign_form_offers_the_two_maintenance_doses(coach_client, nordic, team):
    page = coach_client.get(assign_url(nordic)).text
    assert "Maintenance after the last week" in page
    assert "Once a week, 3 x 12/10/8 (Petersen 2011)" in page
    assert "Once a week, 2 x 6 (low volume)" in page
    primer = Program.objects.library().get(slug="leg-day-primer")
    assert "Maintenance after the last week" not in coach_client.get(assign_url(primer)).text


def test_the_coach_assigns_the_low_volume_maintenance(coach_client, nordic, team, athlete):
    response = coach_client.post(
        assign_url(nordic),
        {
            "target": f"athlete-{athlete.pk}",
            "start_date": "2026-11-23",
            "maintenance": "low_volume",
        },
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get(athlete=athlete)
    assert assignment.maintenance == MaintenanceDose.LOW_VOLUME
    assert maintenance_rx(assignment.program)[1].volume_text() == "2 x 6"


def test_an_unknown_maintenance_dose_is_refused_with_a_message(coach_client, nordic, team, athlete):
    response = coach_client.post(
        assign_url(nordic),
        {"target": f"athlete-{athlete.pk}", "start_date": "2026-11-23", "maintenance": "daily"},
    )
    assert response.status_code == 200
    assert "Choose one of the two maintenance doses." in response.text
    assert not Assignment.objects.exists()

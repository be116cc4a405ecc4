"""The coach's actions (`coaching.actions`, `programs.actions`) are each one durable
transaction: when the last write of an action fails, none of its earlier writes is left (no
band moved, no stop answered, no flag acknowledged, no comment, no stage opened, no test
saved). The failure is planted in each action's last step; every one of these tests fails
when the action's transaction is taken away (checked). Every action is durable: none runs
inside another transaction."""

import inspect
from datetime import UTC, date, datetime

import pytest
from django.db import transaction

from catalogue.models import Band
from coaching import actions
from logbook import actions as athlete_actions
from logbook.models import Flag, Message, PainPause, PainStop, StrengthTest
from programs import actions as program_actions
from programs import assignments
from programs.models import BandChange, BandTrack, ChangeStatus, StageOpening, Workout
from tests.logbook.conftest import assignment, nordic_block  # noqa: F401 (fixtures)
from tests.programs.stages import assign_l_protocol, do_stage

DAY_1 = date(2026, 11, 16)


class Planted(Exception):
    """The failure planted in an action's last write."""


def plant(monkeypatch, target, name: str):
    def fail(*args, **kwargs):
        raise Planted

    monkeypatch.setattr(target, name, fail)


def state() -> dict:
    """What a coach's action may write: rows, bands, answers and acknowledgements."""
    return {
        "band changes": list(BandChange.objects.values_list("pk", "status", "to_band")),
        "bands": list(BandTrack.objects.values_list("pk", "band")),
        "messages": Message.objects.count(),
        "stops answered": PainStop.objects.filter(answered_at__isnull=False).count(),
        "flags acknowledged": Flag.objects.filter(acknowledged_at__isnull=False).count(),
        "pauses open": PainPause.objects.open().count(),
        "stages opened": StageOpening.objects.count(),
        "tests": StrengthTest.objects.count(),
    }


@pytest.fixture
def stopped(assignment):  # noqa: F811
    """The athlete stopped the first Nordic for a sharp pain: a stop, its flags, a pause."""
    workout = Workout.objects.get(week__program=assignment.program, week__number=1, day=1)
    athlete_actions.pain_stop(
        athlete=assignment.athlete,
        assignment=assignment,
        workout=workout,
        today=DAY_1,
        exercise=workout.prescriptions.get(order=1).exercise,
        side="left",
        where="high",
        kind="sharp",
    )
    return assignment


def test_a_band_set_whose_notice_fails_moves_no_band_and_answers_nothing(
    stopped, coach, monkeypatch
):
    track = stopped.tracks.get()
    plant(monkeypatch, actions, "notice_post")
    before = state()
    with pytest.raises(Planted):
        actions.band_set(
            coach=coach, track=track, band=Band.objects.get(name="Blue"), reason="Sore knee"
        )
    assert state() == before
    assert before["stops answered"] == 0  # there was something to answer


def test_a_comment_whose_acknowledgement_fails_leaves_no_comment(stopped, coach, monkeypatch):
    log = stopped.logs.get()
    plant(monkeypatch, actions, "flags_acknowledge_for")
    before = state()
    with pytest.raises(Planted):
        actions.comment_add(coach=coach, log=log, body="Rest two days, then tell me.")
    assert state() == before


def test_a_decision_whose_notice_fails_leaves_the_suggestion_waiting(
    assignment,  # noqa: F811
    coach,
    monkeypatch,
):
    track = assignment.tracks.get()
    change = BandChange.objects.create(
        track=track,
        from_band=track.band,
        to_band=Band.objects.get(name="Purple"),
        action="advance",
        reason="Earned",
        decided_by="engine",
        status=ChangeStatus.SUGGESTED,
    )
    plant(monkeypatch, actions, "notice_post")
    before = state()
    with pytest.raises(Planted):
        actions.suggestion_decide(coach=coach, change=change, approve=True)
    assert state() == before
    change.refresh_from_db()
    assert change.status == ChangeStatus.SUGGESTED


def test_a_clearance_whose_notice_fails_leaves_the_pause_open(stopped, coach, monkeypatch):
    pause = PainPause.objects.open().get()
    plant(monkeypatch, actions, "notice_post")
    before = state()
    with pytest.raises(Planted):
        actions.pause_clear(pause=pause, by=coach, note="Seen by the physio: fine.")
    assert state() == before
    assert before["pauses open"] == 1


def test_a_sign_off_whose_notice_fails_opens_no_stage(
    library, athlete, coach, time_machine, monkeypatch
):
    time_machine.move_to(datetime(2026, 10, 12, 12, tzinfo=UTC), tick=False)
    assignment = assign_l_protocol(athlete, coach)  # noqa: F811
    do_stage(assignment, 1)  # ten sessions at pain 2 or less: the gate holds
    plant(monkeypatch, actions, "notice_post")
    before = state()
    with pytest.raises(Planted):
        actions.stage_sign_off(coach=coach, assignment=assignment, today=date(2026, 10, 12))
    assert state() == before


def test_a_squad_whose_last_test_fails_saves_none(coach, athlete, other_coach, monkeypatch):
    record = actions.strength_test_record
    calls = []

    def second_fails(**fields):
        calls.append(fields)
        if len(calls) == 2:
            raise Planted
        return record(**fields)

    monkeypatch.setattr(actions, "strength_test_record", second_fails)
    rows = [{"athlete": athlete, "left": 300, "right": 290}] * 2
    with pytest.raises(Planted):
        actions.squad_tests_record(
            coach=coach,
            sport="soccer",
            rows=rows,
            on_date=DAY_1,
            method="nordbord",
            phase="in_season",
        )
    assert not StrengthTest.objects.exists()


def test_a_squad_assignment_refused_for_one_athlete_assigns_none(
    nordic_block,  # noqa: F811
    coach,
    athlete,
    team,
):
    from tests.conftest import make_user

    second = make_user("second")
    team.memberships.create(athlete=second)
    assignments.program_assign(template=nordic_block, athlete=second, start_date=DAY_1, by=coach)
    before = athlete.assignments.count()
    with pytest.raises(assignments.AlreadyAssigned):
        program_actions.program_assign_many(
            coach=coach,
            template=nordic_block,
            athletes=[athlete, second],
            start_date=DAY_1,
            start_bands={},
            maintenance="standard",
            find_start_band=False,
        )
    assert athlete.assignments.count() == before == 0


ACTIONS = [
    function
    for module in (actions, athlete_actions, program_actions)
    for name, function in inspect.getmembers(module, inspect.isfunction)
    if function.__module__ == module.__name__ and hasattr(function, "__wrapped__")
]


def test_every_action_module_function_is_durable():
    """Every public function of the actions modules is wrapped in a transaction (the helpers
    start with an underscore)."""
    for module in (actions, athlete_actions, program_actions):
        public = [
            name
            for name, function in inspect.getmembers(module, inspect.isfunction)
            if function.__module__ == module.__name__ and not name.startswith("_")
        ]
        wrapped = [
            function.__name__ for function in ACTIONS if function.__module__ == module.__name__
        ]
        assert sorted(public) == sorted(wrapped) != []


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("action", ACTIONS, ids=lambda action: action.__name__)
def test_an_action_refuses_to_run_inside_another_transaction(action):
    """Durable: called inside a transaction, the action refuses before it reads its
    arguments, so a caller cannot fold two intents into one commit by accident."""
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        action()

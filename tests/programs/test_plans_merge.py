"""Merging a coach's identical plans for one team (`manage.py plans_merge`, issue 27): the groups
of one that each athlete's own copy became are merged into one shared plan, with every logged
set, skip, stage opening, band and cut dose kept, and nothing changed on any athlete's pages.
A dry run first: it prints the plan and writes nothing. Plans that differ stay apart, with the
reason printed."""

import re
import uuid
from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import models
from django.test import Client

from accounts.models import Membership, Team
from catalogue.models import Band
from coaching import actions as coach_actions
from logbook import actions as athlete_actions
from logbook.models import SetLog, WorkoutLog, WorkoutSkip
from programs import dating, doses, plans_merge
from programs.assignments import assignment_end, program_assign
from programs.models import (
    Assignment,
    AssignmentGroup,
    BandChange,
    BandTrack,
    Prescription,
    Program,
    StageOpening,
    Workout,
)
from programs.return_to_play import stage_now
from programs.services import prescription_save, workout_save
from tests.conftest import make_user
from tests.programs import stages

START = date(2026, 10, 5)  # a Monday
TODAY = date(2026, 10, 21)  # the Wednesday of week 3
WINDOW = (START - timedelta(days=7), TODAY + timedelta(days=27))
UNIQUE_PER_REQUEST = re.compile(
    r'(csrfmiddlewaretoken" value="|nonce="|"X-CSRFToken": "|name="token" value=")[^"]*'
)
WRITTEN = [
    AssignmentGroup,
    Assignment,
    Program,
    Workout,
    Prescription,
    WorkoutLog,
    SetLog,
    WorkoutSkip,
    BandTrack,
    BandChange,
    StageOpening,
]
# Where a page names a workout or a prescription by id: links (a set added to an exercise's
# too), and the exercise's and each set's element ids.
PART_IDS = re.compile(
    r"(/workouts/|[?&]extra=|\bexercise-|\bset-|name=\"prescription\" value=\")(\d+)"
)


@pytest.fixture(autouse=True)
def wednesday(time_machine):
    time_machine.move_to(datetime(2026, 10, 21, 12, tzinfo=UTC), tick=False)


@pytest.fixture
def nordic(library) -> Program:
    return Program.objects.library().get(slug="band-assisted-nordic")


@pytest.fixture
def squad(team, athlete) -> list:
    others = [make_user("sam", first_name="Sam"), make_user("kim", first_name="Kim")]
    Membership.objects.bulk_create(Membership(team=team, athlete=other) for other in others)
    return [athlete, *others]


def alone(template, athlete, coach, start=START) -> Assignment:
    """The athlete's own copy, as every assignment before shared plans was (a group of one)."""
    return program_assign(
        template=template, athlete=athlete, start_date=start, by=coach, find_start_band=False
    )


def workout_at(assignment, week: int, day: int) -> Workout:
    return Workout.objects.get(week__program=assignment.program, week__number=week, day=day)


def train(assignment, week: int, day: int, on: date, *, finish: bool = True, sets=None) -> None:
    """The athlete logs the workout's sets as prescribed (`sets` of each: all of them by
    default) on the green band, and finishes it."""
    workout = workout_at(assignment, week, day)
    green = Band.objects.get(name="Green")
    log = athlete_actions.workout_begin(
        athlete=assignment.athlete, assignment=assignment, workout=workout, today=on
    )
    for prescription in workout.prescriptions.all():
        # A cut dose the session began at is what the athlete does.
        cut = log.doses.get(str(prescription.pk), {}).get("reps")
        targets = cut or [prescription.target_for_set(n + 1) for n in range(prescription.sets)]
        for number, reps in enumerate(targets[:sets], start=1):
            athlete_actions.set_log(
                athlete=assignment.athlete,
                assignment=assignment,
                workout=workout,
                prescription=prescription,
                today=on,
                token=uuid.uuid4(),
                set_number=number,
                reps=reps,
                band=green,
                control="full",
            )
    if finish:
        athlete_actions.workout_finish(
            athlete=assignment.athlete,
            assignment=assignment,
            workout=workout,
            today=on,
            rpe=7,
            pain=1,
        )


@pytest.fixture
def histories(coach, squad, nordic) -> list[Assignment]:
    """Three athletes of the squad, each on a copy of their own from the same Monday: Alex
    trained weeks 1 and 2, skipped the second workout of week 2, began week 3 and was moved
    to the purple band by the coach; Sam trained week 1, then week 2's first workout at a cut
    dose; Kim trained week 1 only."""
    alex, sam, kim = (alone(nordic, athlete, coach) for athlete in squad)
    for assignment in (alex, sam, kim):
        train(assignment, 1, 1, START)
    train(alex, 2, 1, START + timedelta(days=7))
    athlete_actions.workout_skip(
        athlete=alex.athlete, assignment=alex, workout=workout_at(alex, 2, 4), today=TODAY
    )
    train(alex, 3, 1, TODAY - timedelta(days=2), finish=False, sets=2)
    coach_actions.band_set(
        coach=coach,
        track=alex.tracks.get(),
        band=Band.objects.get(name="Purple"),
        reason="Ready for a thinner band.",
    )
    doses.dose_cut(track=sam.tracks.get(), reps=[4, 4], sessions=1, reason="An easier week.")
    train(sam, 2, 1, START + timedelta(days=8))
    return [alex, sam, kim]


def run(*args) -> str:
    out = StringIO()
    call_command("plans_merge", *args, stdout=out)
    return out.getvalue()


def place_names(program) -> dict[int, str]:
    """The program's workout and prescription ids -> where they are in the plan."""
    names = {}
    for workout in Workout.objects.filter(week__program=program).select_related("week"):
        names[workout.pk] = f"w{workout.week.number}.{workout.day}"
        for prescription in workout.prescriptions.all():
            names[prescription.pk] = f"w{workout.week.number}.{workout.day}.{prescription.order}"
    return names


def pages_of(assignment) -> list[str]:
    """What the athlete sees: today, the calendar, the history, and each workout of weeks 1
    to 3, with the plan's ids written as places (a merge moves them to the kept copy) and
    without what changes on every request."""
    assignment.refresh_from_db()
    names = place_names(assignment.program)
    phone = Client()
    phone.force_login(assignment.athlete)
    addresses = ["/today/", "/calendar/", "/history/"] + [
        f"/workouts/{workout.pk}/"
        for workout in Workout.objects.filter(
            week__program=assignment.program, week__number__lte=3
        ).order_by("week__number", "day")
    ]
    texts = []
    for address in addresses:
        response = phone.get(address, follow=True)  # a workout done shows its log
        assert response.status_code == 200, address
        hops = "".join(f"{url} " for url, _ in response.redirect_chain)
        text = UNIQUE_PER_REQUEST.sub(r"\1", hops + response.text)
        texts.append(PART_IDS.sub(lambda m: m[1] + names.get(int(m[2]), m[2]), text))
    return texts


def schedule_of(assignment) -> list[tuple]:
    assignment.refresh_from_db()
    return [
        (item.on, item.workout.week.number, item.workout.day, item.workout.title, item.occurrence)
        for item in dating.assignment_schedule([assignment], between=WINDOW)
    ]


def record_of(assignment) -> dict:
    """Every record of the athlete's training, with the plan's parts named by place."""
    names = place_names(Assignment.objects.get(pk=assignment.pk).program)
    logs = WorkoutLog.objects.filter(assignment=assignment).order_by("pk")
    return {
        "logs": [
            (
                log.pk,
                names[log.workout_id],
                log.occurrence,
                log.performed_on,
                log.completed_at,
                log.rpe,
                log.pain,
                log.outcome,
                {names[int(k)]: v for k, v in log.doses.items()},
            )
            for log in logs
        ],
        "sets": [
            (
                s.pk,
                s.workout_log_id,
                names[s.prescription_id],
                s.set_number,
                s.reps,
                s.band_id,
                s.target_reps,
                s.control,
            )
            for s in SetLog.objects.filter(workout_log__in=logs).order_by("pk")
        ],
        "skips": [
            (skip.pk, names[skip.workout_id], skip.occurrence, skip.skipped_on)
            for skip in WorkoutSkip.objects.filter(assignment=assignment)
        ],
        "tracks": list(
            BandTrack.objects.filter(assignment=assignment).values_list(
                "pk", "exercise", "band", "dose_reps", "dose_sessions"
            )
        ),
        "changes": list(
            BandChange.objects.filter(track__assignment=assignment)
            .order_by("pk")
            .values_list("pk", "from_band", "to_band", "status", "reason")
        ),
    }


def everything() -> dict:
    """Every row a merge could write, to show it wrote none."""
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in WRITTEN}


def test_a_dry_run_prints_the_plan_and_writes_nothing(coach, team, histories):
    alex, sam, kim = histories
    before = everything()
    out = run("--coach", "coach")
    assert everything() == before
    kept = alex.group_id  # one member each: the oldest stays
    assert (
        f"Would merge plan #{sam.group_id} (Sam), plan #{kim.group_id} (Kim) into plan "
        f'#{kept} (Alex): "Band-assisted Nordic, 10 weeks" for Squad, from 2026-10-05; '
        "maintenance: Once a week, 3 x 12/10/8 (Petersen 2011)."
    ) in out
    assert "Dry run: nothing changed. Run it again with --apply to merge." in out


def test_apply_merges_three_plans_into_one_and_every_athlete_sees_the_same(coach, team, histories):
    alex, sam, kim = histories
    before = {a.pk: (pages_of(a), schedule_of(a), record_of(a)) for a in histories}
    kept_program = alex.program_id
    out = run("--coach", "coach", "--apply")
    assert f"Merged plan #{sam.group_id} (Sam), plan #{kim.group_id} (Kim) into plan" in out
    group = AssignmentGroup.objects.get()
    assert (group.pk, group.program_id, group.team) == (alex.group_id, kept_program, team)
    assert set(group.members.values_list("program", flat=True)) == {kept_program}
    assert set(group.members.values_list("athlete", flat=True)) == {a.athlete_id for a in histories}
    # The copies that went, and nothing of them left.
    assert not Program.objects.filter(pk__in=[sam.program_id, kim.program_id]).exists()
    assert set(WorkoutLog.objects.values_list("workout__week__program", flat=True)) == {
        kept_program
    }
    assert set(SetLog.objects.values_list("prescription__workout__week__program", flat=True)) == {
        kept_program
    }
    for assignment in histories:
        pages, schedule, record = before[assignment.pk]
        assert schedule_of(assignment) == schedule
        assert record_of(assignment) == record
        assert pages_of(assignment) == pages
    # The cut dose Sam's session began at is the kept copy's prescription's now.
    [cut] = [
        log
        for log in WorkoutLog.objects.filter(assignment=sam)
        if any("reps" in entry for entry in log.doses.values())
    ]
    assert list(cut.doses) == [str(cut.workout.prescriptions.get().pk)]


def test_plans_that_differ_stay_apart_with_the_reason(coach, team, squad, nordic):
    alex, sam, kim = squad
    mine = alone(nordic, alex, coach)
    same = alone(nordic, sam, coach)
    edited = alone(nordic, kim, coach)
    prescription = Prescription.objects.get(
        workout__week__program=edited.program, workout__week__number=2, workout__day=4
    )
    prescription.sets, prescription.reps_min = 3, 6
    prescription_save(prescription=prescription)
    later = alone(nordic, make_user("lee", first_name="Lee"), coach, start=START + timedelta(7))
    Membership.objects.create(team=team, athlete=later.athlete)
    reserves = Team.objects.create(coach=coach, name="Reserves")
    elsewhere = alone(nordic, make_user("noa", first_name="Noa"), coach)
    Membership.objects.create(team=reserves, athlete=elsewhere.athlete)

    out = run("--coach", "coach", "--apply")

    assert f"Merged plan #{same.group_id} (Sam) into plan #{mine.group_id} (Alex)" in out
    assert (
        f"plan #{edited.group_id} (Kim): its program differs from plan #{mine.group_id}'s at "
        "week 2, workout 2, exercise 1: sets 3, not 2."
    ) in out
    assert (
        f"plan #{later.group_id} (Lee): starts on 2026-10-12; the other plans from "
        '"Band-assisted Nordic, 10 weeks" for Squad start on 2026-10-05.'
    ) in out
    assert (
        f"plan #{elsewhere.group_id} (Noa): for Reserves; the other plans from "
        '"Band-assisted Nordic, 10 weeks" are for Squad.'
    ) in out
    for apart in (edited, later, elsewhere):
        assert Assignment.objects.get(pk=apart.pk).group_id == apart.group_id
    assert AssignmentGroup.objects.count() == 4


def test_running_it_twice_changes_nothing_the_second_time(coach, team, histories):
    run("--coach", "coach", "--apply")
    after = everything()
    out = run("--coach", "coach", "--apply")
    assert everything() == after
    assert "Nothing to merge." in out
    group = AssignmentGroup.objects.get()
    assert f'plan #{group.pk} (Alex, Kim, Sam): the only plan from "Band-assisted Nordic' in out


def test_a_team_named_merges_only_its_plans(coach, team, squad, nordic):
    alex, sam, _ = squad
    reserves = Team.objects.create(coach=coach, name="Reserves")
    pair = [make_user(name, first_name=name.title()) for name in ("noa", "ira")]
    Membership.objects.bulk_create(Membership(team=reserves, athlete=a) for a in pair)
    for athlete in (alex, sam, *pair):
        alone(nordic, athlete, coach)
    out = run("--coach", "coach", "--team", str(reserves.pk), "--apply")
    assert "(Ira) into plan" in out and "Alex" not in out
    assert AssignmentGroup.objects.count() == 3
    assert AssignmentGroup.objects.get(team=reserves).members.count() == 2


def test_athletes_in_two_of_the_coachs_teams_wait_for_a_team_to_be_named(
    coach, team, squad, nordic
):
    reserves = Team.objects.create(coach=coach, name="Reserves")
    Membership.objects.bulk_create(Membership(team=reserves, athlete=a) for a in squad[:2])
    first, second = (alone(nordic, athlete, coach) for athlete in squad[:2])
    out = run("--coach", "coach")
    assert (
        f"plan #{first.group_id} (Alex): its athletes are all in Reserves, Squad: name one "
        "with --team."
    ) in out
    assert "Nothing to merge." in out
    out = run("--coach", "coach", "--team", str(reserves.pk), "--apply")
    assert AssignmentGroup.objects.get().team == reserves
    assert f"Merged plan #{second.group_id} (Sam) into plan #{first.group_id} (Alex)" in out


def test_ended_plans_stay_apart(coach, team, squad, nordic):
    ended = alone(nordic, squad[0], coach)
    alone(nordic, squad[1], coach)
    assignment_end(assignment=ended)
    out = run("--coach", "coach", "--apply")
    assert f"plan #{ended.group_id} (Alex): every member's program has ended" in out
    assert AssignmentGroup.objects.count() == 2


def test_an_opened_return_to_play_stage_stays_open(coach, team, squad, library):
    """A stage signed off points at the copy's week: it moves to the kept copy's."""
    first, second = (stages.assign_l_protocol(athlete, coach) for athlete in squad[:2])
    stages.do_stage(second, 1)
    stages.sign_off(second, coach, today=stages.TODAY)
    opened = StageOpening.objects.get()
    before = (stage_now(second).number, schedule_of(second), record_of(second))
    run("--coach", "coach", "--apply")
    second.refresh_from_db()
    assert second.group_id == first.group_id
    opened.refresh_from_db()
    assert opened.week.program_id == first.program_id
    assert (stage_now(second).number, schedule_of(second), record_of(second)) == before


def test_an_athletes_own_changes_follow_to_the_kept_copy(coach, team, squad, nordic):
    """A dose of their own and a workout moved are keyed by the copy's ids: they take the kept
    copy's, at the same places, and the athlete's days stay."""
    first, second = (alone(nordic, athlete, coach) for athlete in squad[:2])
    prescription = Prescription.objects.get(
        workout__week__program=second.program, workout__week__number=4, workout__day=3
    )
    moved = workout_at(second, 4, 5)
    Assignment.objects.filter(pk=second.pk).update(
        prescription_overrides={str(prescription.pk): {"sets": 2, "reps": 5}},
        workout_moves={str(moved.pk): {"day": 6}},
    )
    days = schedule_of(second)
    assert (date(2026, 10, 31), 4, 5, moved.title, 1) in days  # Saturday, not Friday
    run("--coach", "coach", "--apply")
    second.refresh_from_db()
    assert second.program_id == first.program_id
    kept = Prescription.objects.get(
        workout__week__program=first.program, workout__week__number=4, workout__day=3
    )
    assert second.prescription_overrides == {str(kept.pk): {"sets": 2, "reps": 5}}
    assert second.workout_moves == {str(workout_at(first, 4, 5).pk): {"day": 6}}
    assert schedule_of(second) == days


def test_a_plan_edited_after_it_was_read_is_not_merged(coach, team, histories):
    kim = histories[2]
    [merge] = plans_merge.merge_plan(coach=coach).merges
    workout = workout_at(kim, 5, 1)
    workout.title = "Heavy Monday"
    workout_save(workout=workout)
    before = everything()
    with pytest.raises(plans_merge.NotMergeable, match="week 5, workout 1: title"):
        plans_merge.plans_merge(coach=coach, merge=merge)
    assert everything() == before


def test_a_failure_deleting_the_copies_leaves_no_write(coach, team, histories, monkeypatch):
    """Each set of plans is merged in one transaction: a failure deleting the copies that go
    leaves every record where it was."""
    [merge] = plans_merge.merge_plan(coach=coach).merges
    before = everything()

    def fail(self):
        raise RuntimeError("planted")

    monkeypatch.setattr(models.QuerySet, "delete", fail)
    with pytest.raises(RuntimeError, match="planted"):
        plans_merge.plans_merge(coach=coach, merge=merge)
    monkeypatch.undo()
    assert everything() == before


def test_it_refuses_an_unknown_coach_and_another_coachs_team(coach, other_coach, outsider):
    with pytest.raises(CommandError, match="No coach has the username 'nobody'"):
        run("--coach", "nobody")
    elsewhere = Team.objects.get(coach=other_coach)
    with pytest.raises(CommandError, match=f"Team {elsewhere.pk} is not one of coach's teams"):
        run("--coach", "coach", "--team", str(elsewhere.pk))


# JSON fields that hold no id of a plan's part: the engine's outcome (names and words), what the
# catalogue was seeded with, and the task queue's own.
NO_PART_IDS = {
    ("logbook.WorkoutLog", "outcome"),
    ("catalogue.Band", "seeded"),
    ("catalogue.Exercise", "seeded"),
    ("django_tasks_database.DBTaskResult", "args_kwargs"),
    ("django_tasks_database.DBTaskResult", "worker_ids"),
    ("django_tasks_database.DBTaskResult", "return_value"),
}


def test_every_json_field_is_known_to_hold_part_ids_or_none():
    """A JSON field keyed by a plan's ids that the merge does not know would point at a part
    deleted with its copy: each new JSON field is decided on here."""
    from django.apps import apps

    found = {
        (model._meta.label, field.name)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.JSONField)
    }
    assert found == set(plans_merge.KEYED_BY) | NO_PART_IDS

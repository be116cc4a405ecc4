"""Which plans `manage.py plans_merge` merges (issue 27): plans that differ in structure,
start, team or dose stay apart with the reason printed; a team named merges only its own; an
athlete in two of the coach's teams waits for one to be named; ended plans stay apart; an
opened return-to-play stage and an athlete's own changes follow to the kept copy; an unknown
coach or another coach's team is refused; every JSON field is known to hold part ids or
none."""

from datetime import date, timedelta

import pytest
from django.core.management import CommandError
from django.db import models

from accounts.models import Membership, Team
from programs import plans_merge
from programs.assignments import assignment_end
from programs.models import (
    Assignment,
    AssignmentGroup,
    Prescription,
    StageOpening,
)
from programs.return_to_play import stage_now
from programs.services import prescription_save
from tests.conftest import make_user
from tests.programs import stages
from tests.programs.plans_merge.merging import (
    START,
    alone,
    record_of,
    run,
    schedule_of,
    workout_at,
)


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

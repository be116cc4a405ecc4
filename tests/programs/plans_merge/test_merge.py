"""Merging a coach's identical plans for one team (`manage.py plans_merge`, issue 27): the groups
of one that each athlete's own copy became are merged into one shared plan, with every logged
set, skip, stage opening, band and cut dose kept, and nothing changed on any athlete's pages.
A dry run first: it prints the plan and writes nothing. Plans that differ stay apart, with the
reason printed."""

import re

import pytest
from django.db import models
from django.test import Client

from logbook.models import SetLog, WorkoutLog, WorkoutSkip
from programs import plans_merge
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
from programs.services import workout_save
from tests.programs.plans_merge.merging import (
    place_names,
    record_of,
    run,
    schedule_of,
    workout_at,
)

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


def test_running_it_twice_changes_nothing_the_second_time(coach, team, histories):
    run("--coach", "coach", "--apply")
    after = everything()
    out = run("--coach", "coach", "--apply")
    assert everything() == after
    assert "Nothing to merge." in out
    group = AssignmentGroup.objects.get()
    assert f'plan #{group.pk} (Alex, Kim, Sam): the only plan from "Band-assisted Nordic' in out


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

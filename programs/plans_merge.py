"""Merging a coach's identical plans for one team into one shared plan (issue 27).

Before plans were shared, each athlete got a copy of the template of their own; migration 0016
made each such copy a group of one. Groups of one coach for one team, from the same template,
starting the same day with the same maintenance dose and with programs identical part for part
(`layouts_of`), are one plan in all but name: `merge_plan` finds them, and says why each other
group stays apart; `plans_merge` makes one of them the group of all their members.

A merge keeps every record: whatever points at a part of a copy that goes (a logged workout, a
set, a skip, a stage opening, an H-test, and any relation added later) is pointed at the part in
the same place of the copy that stays: the same week, the same workout and prescription by their
order. Those records are found through the models' own relations, never imported (`programs`
sits below `logbook`); the JSON fields keyed by a part's id are listed in `KEYED_BY`. Only then
do the emptied copies and groups go."""

from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.db import models, transaction
from django.db.models import Case, Prefetch, Value, When

from accounts.models import Membership, Team
from programs.models import (
    Assignment,
    AssignmentGroup,
    BandRule,
    MaintenanceDose,
    Prescription,
    Program,
    ProgramWeek,
    StageGate,
    Workout,
)
from programs.services import BAND_RULE_FIELDS, PRESCRIPTION_FIELDS
from programs.structure import GATE_FIELDS, PROGRAM_FIELDS, WEEK_FIELDS, WORKOUT_FIELDS

# The rows a copy is made of (a copy copies them: `programs.services.program_copy`): a merge
# matches them by place, and deletes the ones of the copies that go, with the copies.
PARTS = (ProgramWeek, StageGate, Workout, Prescription, BandRule)
# Relations a merge writes itself: a member moves with its group (both columns in one
# statement: the database holds the pair to a group's), and a group that goes keeps its copy.
MOVED_WITH_GROUP = {(Assignment, "program"), (AssignmentGroup, "program")}
# JSON fields whose keys are the ids of a plan's parts (as text): model label, field, part.
KEYED_BY = {
    ("logbook.WorkoutLog", "doses"): Prescription,
    ("programs.Assignment", "prescription_overrides"): Prescription,
    ("programs.Assignment", "workout_moves"): Workout,
}


class NotMergeable(Exception):
    """The groups are no longer one plan (an edit, a member gone since the plan was read)."""


@dataclass(frozen=True)
class Layout:
    """A program as its members train it: each part's own fields, in plan order (`entries`,
    the program's comparable signature: where, field, value), and each part's ids in that
    order (`ids`), so two programs with the same entries pair their parts by place."""

    entries: tuple[tuple[str, str, object], ...]
    ids: dict[type[models.Model], list[int]]

    def difference(self, other: "Layout") -> str:
        """Where the two first differ, in words ("" for none): each count comes before the
        parts it counts, so programs of different shapes first differ at a count."""
        for (where, field, mine), (_, _, theirs) in zip(self.entries, other.entries, strict=False):
            if mine != theirs:
                return f"{where}: {field.removesuffix('_id')} {mine!r}, not {theirs!r}"
        return ""


def layouts_of(program_ids) -> dict[int, Layout]:
    """Each program's layout, read in five queries however many programs there are."""
    weeks, workouts, prescriptions, rules = (defaultdict(list) for _ in range(4))
    by_number = ProgramWeek.objects.filter(program__in=program_ids).order_by("number")
    for week in by_number.select_related("gate"):
        weeks[week.program_id].append(week)
    for workout in Workout.objects.filter(week__program__in=program_ids).order_by("day", "id"):
        workouts[workout.week_id].append(workout)
    for prescription in Prescription.objects.filter(
        workout__week__program__in=program_ids
    ).order_by("order", "id"):
        prescriptions[prescription.workout_id].append(prescription)
    for rule in BandRule.objects.filter(program__in=program_ids).order_by("exercise_id"):
        rules[rule.program_id].append(rule)
    programs = Program.objects.in_bulk(program_ids)
    return {
        pk: _layout(program, weeks[pk], workouts, prescriptions, rules[pk])
        for pk, program in programs.items()
    }


def _layout(program, weeks, workouts, prescriptions, rules) -> Layout:
    entries, ids = [], defaultdict(list)

    def add(where, row, fields):
        for field in fields:
            value = getattr(row, field)  # per-set reps come as a list: kept comparable
            entries.append((where, field, tuple(value) if isinstance(value, list) else value))

    add("the program", program, PROGRAM_FIELDS)
    entries.append(("the program", "weeks", len(weeks)))
    for week in weeks:
        where = f"week {week.number}"
        ids[ProgramWeek].append(week.pk)
        add(where, week, WEEK_FIELDS)
        entries.append((where, "stage gate", week.is_stage))
        if week.is_stage:
            ids[StageGate].append(week.gate.pk)
            add(where, week.gate, GATE_FIELDS)
        entries.append((where, "workouts", len(workouts[week.pk])))
        for place, workout in enumerate(workouts[week.pk], start=1):
            where = f"week {week.number}, workout {place}"
            ids[Workout].append(workout.pk)
            add(where, workout, WORKOUT_FIELDS)
            entries.append((where, "exercises", len(prescriptions[workout.pk])))
            for order, prescription in enumerate(prescriptions[workout.pk], start=1):
                ids[Prescription].append(prescription.pk)
                add(f"{where}, exercise {order}", prescription, PRESCRIPTION_FIELDS)
    entries.append(("the program", "band rules", len(rules)))
    for place, rule in enumerate(rules, start=1):
        ids[BandRule].append(rule.pk)
        add(f"band rule {place}", rule, BAND_RULE_FIELDS)
    ids[Program].append(program.pk)
    return Layout(tuple(entries), dict(ids))


@dataclass(frozen=True)
class Candidate:
    """One of the coach's groups, with the team it is for (its own, else the one team of the
    coach all its open members are in) and its program's layout."""

    group: AssignmentGroup
    team: Team | None
    layout: Layout

    @property
    def key(self) -> tuple:
        group = self.group
        return (self.team.pk, group.template_id, group.start_date, group.maintenance)

    @property
    def label(self) -> str:
        athletes = ", ".join(str(member.athlete) for member in self.group.members.all())
        return f"plan #{self.group.pk} ({athletes})"


@dataclass(frozen=True)
class Merge:
    """Groups that are one plan: `kept` stays (the one with most members, then the oldest) and
    the others' members join it."""

    kept: Candidate
    merged: tuple[Candidate, ...]

    @property
    def team(self) -> Team:
        return self.kept.team

    @property
    def group_ids(self) -> list[int]:
        return sorted(candidate.group.pk for candidate in (self.kept, *self.merged))

    def describe(self) -> str:
        group = self.kept.group
        dose = MaintenanceDose(group.maintenance).label
        return (
            f'"{group.template.title}" for {self.team}, from {group.start_date:%Y-%m-%d}; '
            f"maintenance: {dose}"
        )


@dataclass(frozen=True)
class Apart:
    candidate: Candidate
    reason: str


@dataclass(frozen=True)
class MergePlan:
    merges: list[Merge]
    apart: list[Apart]


def merge_plan(*, coach, team: Team | None = None, among=None) -> MergePlan:
    """What merging the coach's groups (for `team`, else for each of the coach's teams) would
    do: the sets of groups that are one plan, and every other group with the reason it stays
    apart. `among` narrows it to these group ids. Reads only."""
    groups = AssignmentGroup.objects.filter(program__owner=coach)
    if among is not None:
        groups = groups.filter(pk__in=among)
    members = Assignment.objects.select_related("athlete").order_by("athlete__username", "pk")
    groups = list(
        groups.select_related("template", "team")
        .prefetch_related(Prefetch("members", members))
        .order_by("pk")
    )
    teams = _teams_of(coach, groups)
    layouts = layouts_of([group.program_id for group in groups])
    apart, placed = [], []
    for group in groups:
        shared = teams[group.pk]
        if team is not None:
            if team not in shared:
                continue  # another team's: not asked about
            shared = {team}
        resolved = next(iter(shared)) if len(shared) == 1 else None
        candidate = Candidate(group, resolved, layouts[group.program_id])
        if not any(member.is_open for member in group.members.all()):
            apart.append(Apart(candidate, "every member's program has ended: nothing to share"))
        elif not shared:
            apart.append(Apart(candidate, "its athletes are in none of your teams together"))
        elif len(shared) > 1:
            names = ", ".join(sorted(str(each) for each in shared))
            apart.append(Apart(candidate, f"its athletes are all in {names}: name one with --team"))
        else:
            placed.append(candidate)
    sets = defaultdict(list)
    for candidate in placed:
        sets[(candidate.key, candidate.layout.entries)].append(candidate)
    merges = []
    for same in sets.values():
        if len(same) == 1:
            apart.append(Apart(same[0], _why_alone(same[0], placed)))
            continue
        kept = max(same, key=lambda c: (len(c.group.members.all()), -c.group.pk))
        merges.append(Merge(kept, tuple(c for c in same if c is not kept)))
    apart.sort(key=lambda each: each.candidate.group.pk)
    return MergePlan(merges, apart)


def _teams_of(coach, groups) -> dict[int, set[Team]]:
    """Group id -> the team it is for: the one it was assigned to, else every team of the
    coach that each of its open members is active in. One query."""
    athletes = {m.athlete_id for g in groups for m in g.members.all() if m.is_open}
    teams_of_athlete = defaultdict(set)
    for membership in Membership.objects.filter(
        team__coach=coach, is_active=True, athlete__in=athletes
    ).select_related("team"):
        teams_of_athlete[membership.athlete_id].add(membership.team)
    found = {}
    for group in groups:
        if group.team is not None:
            found[group.pk] = {group.team}
            continue
        open_members = [m for m in group.members.all() if m.is_open]
        shared = [teams_of_athlete[m.athlete_id] for m in open_members]
        found[group.pk] = set.intersection(*shared) if shared else set()
    return found


def _why_alone(candidate: Candidate, placed: list[Candidate]) -> str:
    """The first way the group differs from the coach's other groups of its template."""
    group = candidate.group
    peers = [c for c in placed if c is not candidate and c.group.template_id == group.template_id]
    template = f'"{group.template.title}"'
    if not peers:
        return f"the only plan from {template}"
    same_team = [c for c in peers if c.team == candidate.team]
    if not same_team:
        others = ", ".join(sorted({str(c.team) for c in peers}))
        return f"for {candidate.team}; the other plans from {template} are for {others}"
    same_day = [c for c in same_team if c.group.start_date == group.start_date]
    if not same_day:
        days = ", ".join(sorted({f"{c.group.start_date:%Y-%m-%d}" for c in same_team}))
        return (
            f"starts on {group.start_date:%Y-%m-%d}; the other plans from {template} for "
            f"{candidate.team} start on {days}"
        )
    same_dose = [c for c in same_day if c.group.maintenance == group.maintenance]
    if not same_dose:
        return (
            f"its maintenance is {MaintenanceDose(group.maintenance).label}; the others "
            f"starting that day have {MaintenanceDose(same_day[0].group.maintenance).label}"
        )
    other = same_dose[0]
    return (
        f"its program differs from plan #{other.group.pk}'s at "
        f"{candidate.layout.difference(other.layout)}"
    )


@transaction.atomic(durable=True)
def plans_merge(*, coach, merge: Merge) -> AssignmentGroup:
    """The merge's groups become one: the kept group's, with every member of the others.
    Read again under lock first, so an edit or a member gone since the plan was shown refuses
    it (`NotMergeable`) and changes nothing. Every record of a copy that goes moves to the
    same place in the kept copy before the copy is deleted; a record left pointing at it would
    stop the deletion (PROTECT) and undo the whole merge."""
    ids = merge.group_ids
    list(AssignmentGroup.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    fresh = merge_plan(coach=coach, team=merge.team, among=ids)
    if [m.group_ids for m in fresh.merges] != [ids]:
        reasons = "; ".join(f"{a.candidate.label}: {a.reason}" for a in fresh.apart)
        raise NotMergeable(reasons or "the plans changed since they were read")
    [merge] = fresh.merges
    kept = merge.kept
    moves = defaultdict(dict)
    for other in merge.merged:
        for model, old_ids in other.layout.ids.items():
            moves[model].update(zip(old_ids, kept.layout.ids[model], strict=True))
    _repoint(moves)
    _rekey(moves)
    gone = [other.group.pk for other in merge.merged]
    Assignment.objects.filter(group__in=gone).update(
        group=kept.group, program=kept.group.program_id
    )
    if kept.group.team_id is None:
        AssignmentGroup.objects.filter(pk=kept.group.pk).update(team=merge.team)
    AssignmentGroup.objects.filter(pk__in=gone).delete()
    Program.objects.filter(pk__in=list(moves[Program])).delete()
    return AssignmentGroup.objects.get(pk=kept.group.pk)


def _repoint(moves: dict[type[models.Model], dict[int, int]]) -> None:
    """Every relation to a part that goes, in every installed app, moved to the kept part:
    one statement per relation."""
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed or model in PARTS:
            continue
        for field in model._meta.local_concrete_fields:
            pairs = moves.get(field.related_model) if field.is_relation else None
            if not pairs or (model, field.name) in MOVED_WITH_GROUP:
                continue
            column = field.attname
            model._base_manager.filter(**{f"{column}__in": list(pairs)}).update(
                **{
                    column: Case(
                        *(When(**{column: old}, then=Value(new)) for old, new in pairs.items()),
                        output_field=field.target_field,
                    )
                }
            )


def _rekey(moves: dict[type[models.Model], dict[int, int]]) -> None:
    """The JSON fields keyed by a part's id take the kept part's id as key."""
    for (label, name), part in KEYED_BY.items():
        renamed = {str(old): str(new) for old, new in moves.get(part, {}).items()}
        if not renamed:
            continue
        model = apps.get_model(label)
        rows = list(model._base_manager.filter(**{f"{name}__has_any_keys": list(renamed)}))
        for row in rows:
            keyed = getattr(row, name)
            setattr(row, name, {renamed.get(key, key): value for key, value in keyed.items()})
        model._base_manager.bulk_update(rows, [name])

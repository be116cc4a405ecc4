"""The coach's board: a row per athlete, built from a fixed number of queries however
many athletes the coach has; one athlete's row alone (after an answer from the row) the same
way. The row's band forms are built only for the row the coach opened."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import F, FilteredRelation, OuterRef, Q, Subquery, Value
from django.db.models.functions import Lower

from accounts.models import Membership, Team, display_name
from catalogue.models import Band
from catalogue.words import band_words, no_band_label
from coaching.forms import BandSetForm
from coaching.pages.athlete import band_form
from coaching.pages.board_dates import board_window
from logbook.load import nordic_compliant
from logbook.models import Flag, StrengthTest, TestMethod, WorkoutLog
from programs import overrides
from programs.models import Assignment, BandTrack, ChangeStatus
from programs.places import structure_version
from programs.return_to_play import StageNow, stages_now
from programs.schedule import adherence, due_in_last_days, week_on
from web.lookups import AnyOf

WINDOW_DAYS = 28  # the longest adherence window


@dataclass(frozen=True)
class Athlete:
    """Who a row is about, as the board names and links them (read without the model)."""

    pk: int
    username: str
    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Suggestion:
    """The engine's step on, waiting for the coach: its change, where to, and why."""

    pk: int
    band: str | None  # the band's name; None: off the band
    band_role: str
    reason: str

    @property
    def to(self) -> str:
        """Where to, in words: "purple band", "unassisted" or "no band"."""
        return band_words(self.band, self.band_role)


@dataclass(frozen=True)
class RowBand:
    """One tracked exercise of the row's program and the band the athlete is on."""

    track_id: int
    exercise: str
    band: str  # the band's name, or "unassisted" / "no band"
    suggestion: Suggestion | None = None


@dataclass
class AthleteRow:
    athlete: Athlete
    teams: list[str] = field(default_factory=list)
    assignment: Assignment | None = None
    week: int | None = None
    stage: StageNow | None = None  # a return-to-play program: its stage, not its week
    adherence_7: float | None = None
    adherence_28: float | None = None
    last_workout: date | None = None
    bands: list[RowBand] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)  # open ones, oldest first
    missed_week: bool = False
    nordic_this_week: int = 0
    days_since_nordic: int | None = None  # within the last 28 days
    # Ripley 2021 over 28 days: more than half of the prescribed Nordic sessions done, and no
    # more than 3 weeks between sessions; None: none due.
    compliant: bool | None = None
    strength: float | None = None  # the weaker leg of the latest NordBord test (N)
    band_forms: list[BandSetForm] = field(default_factory=list)  # the opened row's only


@dataclass(frozen=True)
class BoardGroup:
    """A group of one of the coach's teams, as the board's filter names it."""

    pk: int
    name: str
    team: Team


def board_teams(coach) -> list[Team]:
    """The coach's teams, each with its groups (`board_groups`, by name), in one query: the
    board's filters cost the same whether or not the teams have groups."""
    in_order = {"filter": Q(squad_groups__isnull=False), "order_by": Lower("squad_groups__name")}
    teams = list(
        Team.objects.for_coach(coach).annotate(
            group_ids=ArrayAgg("squad_groups__pk", **in_order, default=Value([])),
            group_names=ArrayAgg("squad_groups__name", **in_order, default=Value([])),
        )
    )
    for team in teams:
        team.board_groups = [
            BoardGroup(pk, name, team)
            for pk, name in zip(team.group_ids, team.group_names, strict=True)
        ]
    return teams


SORTS = {
    "name": lambda row: str(row.athlete).lower(),
    "adherence": lambda row: (row.adherence_7 is None, row.adherence_7 or 0),
    "last": lambda row: row.last_workout or date.min,
    "flags": lambda row: (-len(row.flags), str(row.athlete).lower()),  # flagged first
    "strength": lambda row: (row.strength is None, row.strength or 0),  # weakest first
}


def board_rows(
    coach,
    *,
    today: date,
    team_id: int | None = None,
    group_id: int | None = None,
    athlete_id: int | None = None,
) -> list[AthleteRow]:
    """Every athlete of the coach's teams (or of one team, or of one of its groups), or one
    athlete's row alone: none when they are in none of the coach's teams. A group is read in
    the members' query, so filtering by it costs no query."""
    # The last workout through the (athlete, -performed_on) index: one lookup per athlete,
    # rather than an aggregate over years of history.
    last_workout = (
        WorkoutLog.objects.filter(athlete=OuterRef("athlete_id"), completed_at__isnull=False)
        .order_by("-performed_on")
        .values("performed_on")[:1]
    )
    memberships = Membership.objects.filter(team__in=Team.objects.for_coach(coach), is_active=True)
    if team_id:
        memberships = memberships.filter(team_id=team_id)
    if group_id:  # the group's athletes, as members of its own team
        memberships = memberships.filter(
            team__squad_groups=group_id, athlete__squad_group_memberships__group=group_id
        )
    if athlete_id:
        memberships = memberships.filter(athlete_id=athlete_id)
    rows: dict[int, AthleteRow] = {}
    for member_id, username, first_name, last_name, team, last in memberships.values_list(
        "athlete_id",
        "athlete__username",
        "athlete__first_name",
        "athlete__last_name",
        "team__name",
        Subquery(last_workout),
    ):
        name = display_name(first_name, last_name, username)
        row = rows.setdefault(member_id, AthleteRow(Athlete(member_id, username, name)))
        row.teams.append(team)
        row.last_workout = last
    athlete_ids = list(rows)

    # The athlete's open assignment (the most recent when there are several).
    for assignment in (
        Assignment.objects.for_coach(coach)
        .open()
        .filter(AnyOf(F("athlete"), athlete_ids))
        .annotate(program_title=F("program__title"), program_version=structure_version("program"))
        .order_by("start_date", "id")
    ):
        rows[assignment.athlete_id].assignment = assignment
    assignments = {row.assignment.pk: row for row in rows.values() if row.assignment}

    # Only the last 28 days matter, however long the programs are.
    versions = {
        row.assignment.program_id: row.assignment.program_version for row in assignments.values()
    }
    window = board_window(
        [row.assignment for row in assignments.values()],
        between=(today - timedelta(days=WINDOW_DAYS), today),
        versions=versions,
    )
    scheduled, nordic = window.scheduled, window.nordic
    if window.staged:
        found = stages_now(
            [a.assignment for a in assignments.values() if a.assignment.program_id in window.staged]
        )
        for assignment_id, stage in found.items():
            assignments[assignment_id].stage = stage
    completed, done_on = defaultdict(set), {}
    for assignment_id, workout_id, occurrence, performed_on in (
        WorkoutLog.objects.completed()
        .filter(AnyOf(F("assignment"), assignments), AnyOf(F("workout"), window.in_window))
        .values_list("assignment_id", "workout_id", "occurrence", "performed_on")
    ):
        completed[assignment_id].add((workout_id, occurrence))
        done_on[(assignment_id, workout_id, occurrence)] = performed_on

    left_out = overrides.nordics_left_out(row.assignment for row in assignments.values())
    for assignment_id, row in assignments.items():
        assignment = row.assignment
        # The athlete's Nordic sessions: the squad's, less those their coach left out for them.
        own_nordic = nordic - left_out.get(assignment_id, set())
        row.week = week_on(assignment.start_date, assignment.paused_on or today)
        for days in (7, WINDOW_DAYS):
            due = due_in_last_days(
                scheduled[assignment_id],
                completed[assignment_id],
                today=today,
                days=days,
                paused_on=assignment.paused_on,
            )
            setattr(row, f"adherence_{days}", adherence(due, completed[assignment_id]))
        # Due over the 7 days before today (today's own workout is not missed yet).
        due_before_today = due_in_last_days(
            scheduled[assignment_id], set(), today=today, days=8, paused_on=assignment.paused_on
        )
        row.missed_week = bool(due_before_today)
        # Dose: the Nordic sessions done this week and lately, and compliance with what was due.
        done = sorted(
            done_on[(assignment_id, *slot)]
            for slot in completed[assignment_id]
            if slot[0] in own_nordic
        )
        monday = today - timedelta(days=today.weekday())
        row.nordic_this_week = sum(day >= monday for day in done)
        row.days_since_nordic = (today - done[-1]).days if done else None
        nordic_due = due_in_last_days(
            [(slot, on) for slot, on in scheduled[assignment_id] if slot[0] in own_nordic],
            completed[assignment_id],
            today=today,
            days=WINDOW_DAYS,
            paused_on=assignment.paused_on,
        )
        row.compliant = nordic_compliant(
            due=len(nordic_due),
            done=len(nordic_due & completed[assignment_id]),
            sessions=done,
            since=max(today - timedelta(days=WINDOW_DAYS - 1), assignment.start_date),
            until=assignment.paused_on or today,
        )

    for test in (
        StrengthTest.objects.filter(AnyOf(F("athlete"), athlete_ids), method=TestMethod.NORDBORD)
        .order_by("athlete_id", "-on_date", "-id")
        .distinct("athlete_id")
    ):
        rows[test.athlete_id].strength = float(min(test.left, test.right or test.left))
    # Oldest first, the first named on a desktop's line; raised at the same instant, in order.
    open_flags = Flag.objects.open().filter(AnyOf(F("athlete"), athlete_ids))
    for flag in open_flags.order_by("raised_at", "id"):
        rows[flag.athlete_id].flags.append(flag)

    # Each track with the step on waiting for the coach, if any, in the same query (the newest
    # first, should the engine have suggested twice).
    waiting = FilteredRelation("changes", condition=Q(changes__status=ChangeStatus.SUGGESTED))
    seen = set()
    for track_id, assignment_id, exercise, role, band, suggestion, to_band, reason in (
        BandTrack.objects.filter(AnyOf(F("assignment"), assignments))
        .ruled()
        .annotate(waiting=waiting)
        .order_by("exercise__name", "pk", F("waiting__at").desc(nulls_last=True))
        .values_list(
            "pk",
            "assignment_id",
            "exercise__name",
            "exercise__band_role",
            "band__name",
            "waiting__pk",
            "waiting__to_band__name",
            "waiting__reason",
        )
    ):
        if track_id in seen:
            continue
        seen.add(track_id)
        waits = Suggestion(suggestion, to_band, role, reason) if suggestion else None
        assignments[assignment_id].bands.append(
            RowBand(track_id, exercise, band or no_band_label(role).lower(), waits)
        )

    return list(rows.values())


def compliance_share(rows: list[AthleteRow]) -> tuple[int, int]:
    """(athletes compliant with their Nordic sessions over 4 weeks, as Ripley 2021 measured it;
    athletes with Nordics due)."""
    judged = [row.compliant for row in rows if row.compliant is not None]
    return sum(judged), len(judged)


def sort_rows(rows: list[AthleteRow], sort: str) -> list[AthleteRow]:
    key = SORTS.get(sort.lstrip("-"), SORTS["name"])
    return sorted(rows, key=key, reverse=sort.startswith("-"))


def band_forms(row: AthleteRow, *, bound: BandSetForm | None = None) -> list[BandSetForm]:
    """The forms of the row the coach opened: one per band the row shows, `bound` the one sent
    back with its errors (shown even if its program is no longer the row's, so that its
    message is seen)."""
    if row.assignment is None:
        return [bound] if bound else []
    ladder = list(Band.objects.ladder())
    tracks = (
        BandTrack.objects.filter(assignment=row.assignment)
        .ruled()
        .select_related("exercise", "band")
        .order_by("exercise__name")
    )
    forms = []
    for track in tracks:
        track.assignment = row.assignment  # read already
        same = bound is not None and bound.track.pk == track.pk
        forms.append(bound if same else band_form(track, ladder))
    if bound is not None and bound not in forms:
        forms.append(bound)
    return forms

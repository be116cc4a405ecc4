"""The reads of the coach's board, as `web.compiled.Shape`s: each built and compiled by the ORM
once per process, then run with the request's coach and ids. The board's queries carry the
staff's access rule (`for_coach`: a subquery of seats, teams and clubs) and a join or two each;
building them cost the board more Python than PostgreSQL takes to answer them."""

import functools
import json
from dataclasses import dataclass
from datetime import date

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import F, FilteredRelation, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Cast, Lower

from accounts.models import Membership, Team
from logbook.models import Flag, StrengthTest, TestMethod, WorkoutLog
from programs.models import Assignment, BandTrack, ChangeStatus
from programs.places import structure_version
from web.compiled import SOME_IDS, SOMEONE, Shape
from web.lookups import AnyOf

# More stand-ins beside `SOMEONE` (the coach) and `SOME_IDS`: each its own value, so each is
# found in its own places; negative, so no row holds them.
TEAM = -918_291
GROUP = -918_292
ATHLETE = -918_293


def teams_with_groups():
    """The coach's teams, each with its groups' ids and names, by name."""
    in_order = {"filter": Q(squad_groups__isnull=False), "order_by": Lower("squad_groups__name")}
    return Team.objects.for_coach(SOMEONE).annotate(
        group_ids=ArrayAgg("squad_groups__pk", **in_order, default=Value([])),
        group_names=ArrayAgg("squad_groups__name", **in_order, default=Value([])),
    )


coach_teams = Shape(teams_with_groups, someone=SOMEONE)


@functools.cache
def members(*, team: bool, group: bool, athlete: bool) -> Shape:
    """The active members of the coach's teams (of one team, of one of its groups, or one
    athlete) as (athlete id, username, first name, last name, team name, last workout): one
    shape for each way the board filters them."""
    stand_ins = {"someone": SOMEONE}
    if team:
        stand_ins["team"] = TEAM
    if group:
        stand_ins["group"] = GROUP
    if athlete:
        stand_ins["athlete"] = ATHLETE
    return Shape(lambda: members_of(team=team, group=group, athlete=athlete), **stand_ins)


def members_of(*, team: bool, group: bool, athlete: bool):
    # The last workout through the (athlete, -performed_on) index: one lookup per athlete,
    # rather than an aggregate over years of history.
    last_workout = (
        WorkoutLog.objects.filter(athlete=OuterRef("athlete_id"), completed_at__isnull=False)
        .order_by("-performed_on")
        .values("performed_on")[:1]
    )
    found = Membership.objects.filter(team__in=Team.objects.for_coach(SOMEONE), is_active=True)
    if team:
        found = found.filter(team_id=TEAM)
    if group:  # the group's athletes, as members of its own team
        found = found.filter(
            team__squad_groups=GROUP, athlete__squad_group_memberships__group=GROUP
        )
    if athlete:
        found = found.filter(athlete_id=ATHLETE)
    return found.values_list(
        "athlete_id",
        "athlete__username",
        "athlete__first_name",
        "athlete__last_name",
        "team__name",
        Subquery(last_workout),
    )


# The athletes' open assignments, oldest first (the board keeps each athlete's most recent), as
# the columns `BoardAssignment` holds.
open_assignment_rows = Shape(
    lambda: (
        Assignment.objects.for_coach(SOMEONE)
        .open()
        .filter(AnyOf(F("athlete"), SOME_IDS))
        .order_by("start_date", "id")
        .values_list(
            "pk",
            "athlete_id",
            "program_id",
            "assigned_by_id",
            "start_date",
            "status",
            "paused_on",
            # As text: most are empty, and an empty one costs no decoding (`json_object`).
            Cast("prescription_overrides", TextField()),
            Cast("workout_moves", TextField()),
            F("program__title"),
            structure_version("program"),
        )
    ),
    someone=SOMEONE,
    ids=SOME_IDS,
)


@dataclass(slots=True, eq=False)
class BoardAssignment:
    """An open assignment as the board reads it: what its row shows and what its dating, its
    stages and its left-out Nordics ask of an `Assignment` (`programs.dating`,
    `programs.return_to_play`, `programs.overrides`), without making the model's instances:
    for 200 assignments these cost the board a fifth of its function calls (11,600 of 57,000).
    Compared by identity, as each is read once."""

    pk: int
    athlete_id: int
    program_id: int
    assigned_by_id: int | None
    start_date: date
    status: str
    paused_on: date | None
    prescription_overrides: dict
    workout_moves: dict
    program_title: str
    program_version: int


def open_assignments(*, someone: int, ids: list[int]) -> list[BoardAssignment]:
    """The open assignments of the coach's athletes `ids`, oldest first."""
    return [
        BoardAssignment(*row[:7], json_object(row[7]), json_object(row[8]), *row[9:])
        for row in open_assignment_rows(someone=someone, ids=ids)
    ]


def json_object(text: str) -> dict:
    """A JSON object's text as a dict; `{}` without decoding it."""
    return {} if text == "{}" else json.loads(text)


# The assignments' finished logs (the board keeps those of the workouts dated in the window). Not
# filtered by those workouts here: as a prepared statement's parameter, a list of 2,000 of them
# is searched from end to end for every log (28 ms at 1M set logs), where a set in Python is not.
assignments_logs = Shape(
    lambda: (
        WorkoutLog.objects.completed()
        .filter(AnyOf(F("assignment"), SOME_IDS))
        .order_by()
        .values_list("assignment_id", "workout_id", "occurrence", "performed_on")
    ),
    ids=SOME_IDS,
)

# Each athlete's latest NordBord test.
latest_tests = Shape(
    lambda: (
        StrengthTest.objects.filter(AnyOf(F("athlete"), SOME_IDS), method=TestMethod.NORDBORD)
        .order_by("athlete_id", "-on_date", "-id")
        .distinct("athlete_id")
    ),
    ids=SOME_IDS,
)

# Open flags, oldest first (raised at the same instant: in order).
open_flags = Shape(
    lambda: Flag.objects.open().filter(AnyOf(F("athlete"), SOME_IDS)).order_by("raised_at", "id"),
    ids=SOME_IDS,
)


def tracks_with_waiting_steps():
    """Each ruled track of the assignments, by exercise, with the step on waiting for the coach
    if any, in the same query (the newest first, should the engine have suggested twice)."""
    waiting = FilteredRelation("changes", condition=Q(changes__status=ChangeStatus.SUGGESTED))
    return (
        BandTrack.objects.filter(AnyOf(F("assignment"), SOME_IDS))
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
    )


row_tracks = Shape(tracks_with_waiting_steps, ids=SOME_IDS)

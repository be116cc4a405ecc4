"""The coach's board: a row per athlete, built from a fixed number of queries however
many athletes the coach has; one athlete's row alone (after an answer from the row) the same
way. The row's band forms are built only for the row the coach opened."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from accounts.models import Team, display_name
from catalogue.models import Band
from catalogue.words import band_words, no_band_label
from coaching.forms import BandSetForm
from coaching.pages import board_reads as reads
from coaching.pages.athlete import band_form
from coaching.pages.board_dates import board_window
from logbook.load import nordic_compliant
from logbook.models import Flag
from programs import overrides
from programs.models import BandTrack
from programs.return_to_play import StageNow, stages_now
from programs.schedule import adherence, due_in_last_days, week_on

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
    assignment: reads.BoardAssignment | None = None
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
    teams = list(reads.coach_teams(someone=coach.pk))
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
    wanted = {"team": team_id, "group": group_id, "athlete": athlete_id}
    members = reads.members(**{key: bool(value) for key, value in wanted.items()})
    rows: dict[int, AthleteRow] = {}
    for member_id, username, first_name, last_name, team, last in members(
        someone=coach.pk, **{key: value for key, value in wanted.items() if value}
    ):
        name = display_name(first_name, last_name, username)
        row = rows.setdefault(member_id, AthleteRow(Athlete(member_id, username, name)))
        row.teams.append(team)
        row.last_workout = last
    athlete_ids = list(rows)

    # The athlete's open assignment (the most recent when there are several).
    for assignment in reads.open_assignments(someone=coach.pk, ids=athlete_ids):
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
    in_window = window.in_window
    for assignment_id, workout_id, occurrence, performed_on in reads.assignments_logs(
        ids=list(assignments)
    ):
        if workout_id not in in_window:
            continue
        completed[assignment_id].add((workout_id, occurrence))
        done_on[(assignment_id, workout_id, occurrence)] = performed_on

    left_out = overrides.nordics_left_out(row.assignment for row in assignments.values())
    monday = today - timedelta(days=today.weekday())
    for assignment_id, row in assignments.items():
        assignment, done_slots = row.assignment, completed[assignment_id]
        # The athlete's Nordic sessions: the squad's, less those their coach left out for them.
        skipped = left_out.get(assignment_id, ())
        row.week = week_on(assignment.start_date, assignment.paused_on or today)
        due = {
            days: due_in_last_days(
                scheduled[assignment_id],
                done_slots,
                today=today,
                days=days,
                paused_on=assignment.paused_on,
            )
            for days in (7, WINDOW_DAYS)
        }
        row.adherence_7 = adherence(due[7], done_slots)
        row.adherence_28 = adherence(due[WINDOW_DAYS], done_slots)
        # Due over the 7 days before today (today's own workout is not missed yet).
        due_before_today = due_in_last_days(
            scheduled[assignment_id], set(), today=today, days=8, paused_on=assignment.paused_on
        )
        row.missed_week = bool(due_before_today)
        # Dose: the Nordic sessions done this week and lately, and compliance with what was due.
        done = sorted(
            done_on[(assignment_id, *slot)]
            for slot in done_slots
            if slot[0] in nordic and slot[0] not in skipped
        )
        row.nordic_this_week = sum(day >= monday for day in done)
        row.days_since_nordic = (today - done[-1]).days if done else None
        nordic_due = {
            slot for slot in due[WINDOW_DAYS] if slot[0] in nordic and slot[0] not in skipped
        }
        row.compliant = nordic_compliant(
            due=len(nordic_due),
            done=len(nordic_due & done_slots),
            sessions=done,
            since=max(today - timedelta(days=WINDOW_DAYS - 1), assignment.start_date),
            until=assignment.paused_on or today,
        )

    for test in reads.latest_tests(ids=athlete_ids):
        rows[test.athlete_id].strength = float(min(test.left, test.right or test.left))
    # Oldest first, the first named on a desktop's line.
    for flag in reads.open_flags(ids=athlete_ids):
        rows[flag.athlete_id].flags.append(flag)

    # Each track with the step on waiting for the coach, if any.
    seen, tracks = set(), reads.row_tracks(ids=list(assignments))
    for track_id, assignment_id, exercise, role, band, suggestion, to_band, reason in tracks:
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
        BandTrack.objects.filter(assignment_id=row.assignment.pk)
        .ruled()
        .select_related("exercise", "band")
        .order_by("exercise__name")
    )
    forms = []
    for track in tracks:
        same = bound is not None and bound.track.pk == track.pk
        forms.append(bound if same else band_form(track, ladder))
    if bound is not None and bound not in forms:
        forms.append(bound)
    return forms

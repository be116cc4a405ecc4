"""What the coach's page for one athlete shows: programs with their schedule, the band ladder of
each tracked exercise, recent workouts with comments. Plain objects the template reads, each also
rendered alone for htmx, built from a fixed number of queries however many workouts there are."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from accounts.models import Membership, Team
from catalogue.models import Band, BandRole
from catalogue.tensions import tensions
from catalogue.words import band_words
from coaching.forms import BandSetForm, CommentForm, PauseClearForm, StrengthTestForm
from coaching.pages.load import load_panel
from coaching.pages.strength import strength_panel
from logbook.band_help import BandHelp, body_of, help_of
from logbook.charts import ladder_chart
from logbook.dates import log_days
from logbook.models import Flag, Message, MessageKind, PainPause, PainStop, SetLog, WorkoutLog
from logbook.stages import StageCard, stage_cards
from programs.dating import assignment_schedule
from programs.ladder import CONTROLLED
from programs.models import (
    PAIN_STOP_DEFAULT,
    Assignment,
    BandChange,
    BandTrack,
    ChangeStatus,
    Workout,
)
from programs.schedule import WorkoutDay, week_on, workout_day
from programs.start_band_finder import is_band_assisted_nordic

RECENT_LOGS = 10
FLAGS_SHOWN = 20
PAGE = "coaching/athlete.html"


def page_url(athlete_id: int, anchor: str) -> str:
    """A section of the coach's athlete page."""
    return reverse("coaching:athlete", args=[athlete_id]) + f"#{anchor}"


@dataclass
class ScheduledWorkout:
    workout: Workout
    on: date  # the day it is scheduled for
    mark: str  # done | missed | today | upcoming | on-hold
    done_on: date | None = None  # the day its log was begun

    @property
    def label(self) -> str:
        if self.done_on is not None and self.mark != "done":
            return "in progress"
        return {"done": "✓ done", "on-hold": "on hold"}.get(self.mark, self.mark)

    @property
    def when(self) -> WorkoutDay:
        return workout_day(scheduled=self.on, done_on=self.done_on)


@dataclass
class ScheduleWeek:
    number: int
    focus: str
    is_current: bool
    workouts: list[ScheduledWorkout] = field(default_factory=list)
    title: str = ""  # "Week 3", "Maintenance, week 2", "Stage 1, week 3"
    occurrence: int = 1
    repeats: bool = False  # maintenance or a stage, lived week after week

    @property
    def key(self) -> tuple[int, int]:
        return self.number, self.occurrence


def schedule_week(item, panel, today: date) -> ScheduleWeek:
    week = item.workout.week
    if week.repeats:  # a repeating week: each time it comes
        first_day = item.on - timedelta(days=item.workout.day - 1)
        current = first_day <= today < first_day + timedelta(days=7)
        title = f"{week.label}, week {item.occurrence}"
    else:
        current, title = week.number == panel.week, week.label
    return ScheduleWeek(
        week.number,
        week.focus,
        current,
        title=title,
        occurrence=item.occurrence,
        repeats=week.repeats,
    )


@dataclass
class AssignmentPanel:
    assignment: Assignment
    week: int | None = None
    weeks: list[ScheduleWeek] = field(default_factory=list)
    stage: StageCard | None = None

    @property
    def is_open(self) -> bool:
        return self.assignment.is_open

    @property
    def numbered_weeks(self) -> int:
        """The program's weeks before its maintenance phase (which repeats, uncounted)."""
        return sum(not week.repeats for week in self.weeks)

    def count(self, mark: str) -> int:
        return sum(item.mark == mark for week in self.weeks for item in week.workouts)

    @property
    def done(self) -> int:
        return self.count("done")

    @property
    def missed(self) -> int:
        return self.count("missed")

    @property
    def next(self) -> ScheduledWorkout | None:
        upcoming = (item for week in self.weeks for item in week.workouts)
        return next((item for item in upcoming if item.mark in ("today", "upcoming")), None)


@dataclass
class TrackPanel:
    track: BandTrack
    chart: str
    changes: list[BandChange]  # newest first
    form: BandSetForm
    # A band-assisted Nordic: each band's help for the athlete, thinnest first (empty without
    # their body mass and height, then `band_help_unknown`).
    band_helps: list[BandHelp] = field(default_factory=list)
    band_help_unknown: bool = False

    @property
    def no_band(self) -> str:
        return self.track.exercise.no_band_label

    @property
    def finds_start_band(self) -> bool:
        """The band-assisted Nordic's card carries the start-band finder's switch."""
        return is_band_assisted_nordic(self.track.exercise)

    @property
    def suggestion(self) -> BandChange | None:
        """An advance waiting for the coach's approval (a loaded exercise)."""
        return next((c for c in self.changes if c.status == ChangeStatus.SUGGESTED), None)


@dataclass
class LogPanel:
    log: WorkoutLog
    sets: list[str]
    form: CommentForm
    when: WorkoutDay  # by the one rule (logbook.dates)

    @property
    def painful(self) -> bool:
        return (self.log.pain or 0) >= PAIN_STOP_DEFAULT


def schedule_mark(on: date, *, done: bool, today: date, paused_on: date | None) -> str:
    if done:
        return "done"
    if paused_on is not None and on >= paused_on:
        return "on-hold"  # these dates move on when the program resumes
    if on < today:
        return "missed"
    return "today" if on == today else "upcoming"


def assignment_panels(assignments: list[Assignment], *, today: date) -> list[AssignmentPanel]:
    """Open programs first, each with its dated schedule; then the done ones."""
    panels = [AssignmentPanel(assignment) for assignment in assignments]
    panels.sort(key=lambda panel: not panel.is_open)  # stable: newest first within each group
    open_panels = {panel.assignment.program_id: panel for panel in panels if panel.is_open}
    if not open_panels:
        return panels
    for panel in open_panels.values():
        assignment = panel.assignment
        panel.week = week_on(assignment.start_date, assignment.paused_on or today)
    begun, completed = {}, set()
    for *key, performed_on, completed_at in WorkoutLog.objects.filter(
        assignment__in=[panel.assignment for panel in open_panels.values()]
    ).values_list("assignment_id", "workout_id", "occurrence", "performed_on", "completed_at"):
        begun[tuple(key)] = performed_on
        if completed_at is not None:
            completed.add(tuple(key))
    staged = {}
    for item in assignment_schedule(
        [panel.assignment for panel in open_panels.values()],
        repeats_through=today + timedelta(days=14),  # a repeating week: up to two weeks ahead
    ):
        panel, week = open_panels[item.assignment.program_id], item.workout.week
        if week.is_stage:
            staged[item.assignment.pk] = item.assignment
        if not panel.weeks or panel.weeks[-1].key != (week.number, item.occurrence):
            panel.weeks.append(schedule_week(item, panel, today))
        key = item.key
        mark = schedule_mark(
            item.on, done=key in completed, today=today, paused_on=item.assignment.paused_on
        )
        panel.weeks[-1].workouts.append(
            ScheduledWorkout(item.workout, item.on, mark, done_on=begun.get(key))
        )
    for card in stage_cards(staged.values(), today=today):  # return to play: stage and gate
        open_panels[card.assignment.program_id].stage = card
    return panels


def tracks_of(**filters):
    changes = BandChange.objects.select_related("from_band", "to_band", "by")
    return (
        BandTrack.objects.filter(**filters)
        .select_related("assignment__athlete", "exercise", "band")
        .prefetch_related(Prefetch("changes", queryset=changes))
        .order_by("assignment__start_date", "exercise__name")
    )


def band_form(track: BandTrack, ladder: list[Band], data=None) -> BandSetForm:
    return BandSetForm(data, track=track, ladder=ladder, auto_id=f"id_track{track.pk}_%s")


def track_panels(tracks, *, ladder: list[Band], today: date, bound=None) -> list[TrackPanel]:
    """One chart per tracked exercise; `bound` is a form sent back with errors."""
    bands = [(band.name, band.hex) for band in ladder]
    tracks = list(tracks)
    helps = ladder_helps(tracks, ladder)
    panels = []
    for track in tracks:
        changes = list(track.changes.all())
        history = [
            (timezone.localdate(change.at), change.to_band.name if change.to_band else None)
            for change in changes
            if change.status == ChangeStatus.APPLIED
        ] or [(track.assignment.start_date, track.band.name if track.band else None)]
        chart = ladder_chart(
            title=track.exercise.name,
            ladder=bands,
            changes=history,
            # A resumed program starts later than its first band: keep that band on the chart.
            start=min(track.assignment.start_date, history[0][0]),
            end=today,
            role="assist" if track.exercise.band_role == BandRole.ASSIST else "resist",
        )
        form = bound if bound is not None and bound.track.pk == track.pk else None
        panels.append(
            TrackPanel(
                track=track,
                chart=mark_safe(chart),  # ladder_chart escapes every text it writes
                changes=changes[::-1],
                form=form or band_form(track, ladder),
                band_helps=helps.get(track.pk, []),
                band_help_unknown=track.pk in helps and not helps[track.pk],
            )
        )
    return panels


def ladder_helps(tracks: list[BandTrack], ladder: list[Band]) -> dict[int, list[BandHelp]]:
    """Track id -> each band's help for its athlete, for the band-assisted Nordic tracks (an
    empty list: no body mass and height to read it). The tension is the one that applies to
    the athlete (the measurement of the coach who assigned the plan, else the rating): one
    query for them all, none without a Nordic track and a body."""
    nordic = [track for track in tracks if is_band_assisted_nordic(track.exercise)]
    bodies = {track.pk: body_of(track.assignment.athlete) for track in nordic}
    coach_ids = {track.assignment.assigned_by_id for track in nordic if bodies[track.pk]}
    read = tensions(coach_ids=coach_ids, bands=ladder)
    helps = {}
    for track in nordic:
        body, coach_id = bodies[track.pk], track.assignment.assigned_by_id
        helps[track.pk] = (
            [help_of(band, read.of(band, coach_id=coach_id), body) for band in ladder]
            if body
            else []
        )
    return helps


def sets_summary(sets: list[SetLog]) -> list[str]:
    """Per exercise, in the order logged: 'Nordic curl: 3 sets: 12, 10, 8 reps, green band'."""
    by_exercise = defaultdict(list)
    for logged in sets:
        by_exercise[logged.exercise].append(logged)
    lines = []
    for exercise, done in by_exercise.items():
        done.sort(
            key=lambda logged: (logged.set_number, ["both", "left", "right"].index(logged.side))
        )
        count = len({logged.set_number for logged in done})
        holds = all(logged.seconds is not None for logged in done)
        values = ", ".join(
            str(logged.seconds if holds else logged.reps)
            + ("" if logged.side == "both" else f" {logged.side[0].upper()}")
            for logged in done
        )
        line = f"{exercise.name}: {count} set{'s' if count != 1 else ''}: {values}"
        line += " s" if holds else " reps"
        bands = dict.fromkeys(logged.band.name if logged.band else None for logged in done)
        if bands != {None: None} or exercise.band_role == BandRole.ASSIST:
            line += ", " + " / ".join(band_words(name, exercise.band_role) for name in bands)
        if any(logged.control for logged in done):
            reps = sum(logged.reps or 0 for logged in done)
            held = sum(logged.reps or 0 for logged in done if logged.control in CONTROLLED)
            line += f", {held} of {reps} reps controlled near or to the floor"
        lines.append(line)
    return lines


def logs_of(coach, **filters):
    return with_details(WorkoutLog.objects.for_coach(coach).filter(**filters))


def with_details(logs):
    """The logs with what a panel shows of each: its workout, sets and comments."""
    return logs.select_related("workout__week__gate", "assignment").prefetch_related(
        Prefetch("sets", queryset=SetLog.objects.select_related("exercise", "band").order_by("id")),
        Prefetch(
            "messages",
            queryset=Message.objects.filter(kind=MessageKind.MESSAGE).select_related("author"),
            to_attr="comments",
        ),
    )


def comment_form(log: WorkoutLog, data=None) -> CommentForm:
    return CommentForm(data, auto_id=f"id_log{log.pk}_%s")


def log_panels(logs, *, bound=None) -> list[LogPanel]:
    """`bound` is a (log pk, form) pair sent back with errors."""
    logs = list(logs)
    days = log_days(logs)
    return [
        LogPanel(
            log=log,
            sets=sets_summary(list(log.sets.all())),
            form=bound[1] if bound and bound[0] == log.pk else comment_form(log),
            when=days[log.pk],
        )
        for log in logs
    ]


def page_context(coach, athlete, *, track_form=None, log_form=None, strength_form=None) -> dict:
    """`athlete` is one the coach sees (`athlete_for_coach`, or the athlete of a track or a log
    the coach reached)."""
    today = timezone.localdate()
    ladder = list(Band.objects.ladder())
    # Only what this coach runs: another coach's program for the same athlete stays theirs.
    assignments = list(
        Assignment.objects.of_athlete_seen(coach, athlete).select_related("program", "group__team")
    )
    open_ids = [a.pk for a in assignments if a.is_open]
    logs = WorkoutLog.objects.of_athlete_seen(athlete, assignments)
    seen = Team.objects.for_coach(coach)  # the teams the seat shows (a subquery)
    membership = (
        athlete.memberships.filter(team__in=seen, is_active=True).select_related("team").first()
    )
    return {
        "athlete": athlete,
        "teams": Membership.objects.filter(athlete=athlete, team__in=seen, is_active=True)
        .order_by("team__name")
        .values_list("team__name", flat=True),
        "assignments": assignment_panels(assignments, today=today),
        "tracks": track_panels(
            tracks_of(assignment__in=open_ids), ladder=ladder, today=today, bound=track_form
        ),
        "logs": log_panels(with_details(logs)[:RECENT_LOGS], bound=log_form),
        "pain_pause": PainPause.objects.open().filter(athlete=athlete).first(),
        "pause_form": PauseClearForm(),
        "pain_stops": PainStop.objects.unanswered()
        .filter(workout_log__in=logs)
        .select_related("exercise"),
        "load": load_panel(logs, athlete, today=today),
        "strength": strength_panel(
            athlete,
            sport=membership.team.sport if membership else "other",
            team=membership.team if membership else None,
        ),
        "strength_form": strength_form
        or StrengthTestForm(initial={"on_date": today}, units=coach.units),
        "flag_history": Flag.objects.filter(athlete=athlete).select_related("acknowledged_by")[
            :FLAGS_SHOWN
        ],
    }

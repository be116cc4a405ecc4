"""A return after a gap (DESIGN.md, "Band progression, round 3", rule 3'): asked on the workout
page (a read), written when the athlete starts the workout (a POST, `logbook.services
.workout_start`): each tracked exercise done last two weeks ago or more is one step easier
(two from four weeks), and the program resumes at day 1 of the week it stopped in. The
thresholds and the bands are the engine's (`programs.reentry`)."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db import transaction
from django.db.models import Max, Subquery
from django.utils import timezone

from logbook.models import SetLog
from logbook.nordic_gap import TooSoon, nordic_starts
from programs import assignments, bands, doses, reentry
from programs.matchdays import NORDIC_GAP
from programs.models import Assignment, BandTrack, Prescription, Workout
from web.compiled import SOME_DAY, SOMEONE, Shape


@dataclass(frozen=True)
class Gap:
    """Days since the last session of a tracked exercise of this workout, over two weeks."""

    days: int

    def reason(self) -> str:
        """For the athlete, before they start."""
        longer = self.days >= reentry.LONG_GAP_DAYS
        return (
            f"Welcome back: {self.days} days since your last session of this work. Starting "
            f"today gives you {'two steps' if longer else 'one step'} more help from the band "
            f"and {'the week before your last' if longer else 'your last'} week's volume for a "
            "week, and the program picks up at day 1 of the week you stopped in. Eccentric "
            "strength holds about four weeks off; the muscle's added length about two."
        )


def last_sessions_query(assignment, workout):
    """The finished sets of this workout's exercises in the assignment."""
    return SetLog.objects.filter(
        workout_log__assignment=assignment,
        workout_log__completed_at__isnull=False,
        exercise_id__in=Prescription.objects.filter(workout=workout).values("exercise_id"),
    )


def last_sessions(assignment: Assignment, workout: Workout):
    """(exercise id, last day done, its program week) of each exercise of this workout the
    athlete has done in the assignment. One query."""
    return (
        last_sessions_query(assignment, workout)
        .order_by("exercise_id", "-workout_log__performed_on")
        .distinct("exercise_id")
        .values_list(
            "exercise_id", "workout_log__performed_on", "workout_log__workout__week__number"
        )
    )


# Stand-ins for `open_question` (`web.compiled`): ids no row holds, a moment no log began at.
ASSIGNMENT, WORKOUT = -918_281, -918_282
SOME_MOMENT = datetime(1901, 2, 3, tzinfo=UTC)
NORDIC_DAYS = timedelta(days=NORDIC_GAP.days)  # `nordic_starts` reads the days since today's


def open_question_query():
    """The last Nordic start of the athlete too soon before this workout (`nordic_starts`) and
    the last day of the tracked exercise of it done longest ago, in one row."""
    tracked = BandTrack.objects.filter(assignment=ASSIGNMENT).values("exercise_id")
    # The tracked exercise done longest ago: the earliest of each one's last day.
    longest_ago = (
        last_sessions_query(ASSIGNMENT, WORKOUT)
        .filter(exercise_id__in=tracked)
        .values("exercise_id")
        .annotate(last=Max("workout_log__performed_on"))
        .order_by("last")
        .values("last")[:1]
    )
    nordic = nordic_starts(
        athlete=SOMEONE, workout=WORKOUT, today=SOME_DAY + NORDIC_DAYS, now=SOME_MOMENT
    )[:1]
    return (
        Assignment.objects.filter(pk=ASSIGNMENT)
        .order_by()
        .values(last_nordic=Subquery(nordic), last=Subquery(longest_ago))
    )


open_question = Shape(
    open_question_query,
    someone=SOMEONE,
    assignment=ASSIGNMENT,
    workout=WORKOUT,
    since=SOME_DAY,
    now=SOME_MOMENT,
)


def workout_open(
    *, athlete, assignment: Assignment, workout: Workout, today: date, now
) -> TooSoon | Gap | None:
    """What the athlete is asked before a workout not yet begun (a read: nothing is written
    until they start it, `workout_start`): a Nordic session under 48 hours after the last one
    (`TooSoon`), or a return two weeks or more after the last session of one of its tracked
    exercises (`Gap`). Both read in one query (the page's budget), compiled once per process."""
    (row,) = open_question(
        someone=athlete.pk,
        assignment=assignment.pk,
        workout=workout.pk,
        since=today - NORDIC_DAYS,
        now=now,
    )
    last_nordic, last = row["last_nordic"], row["last"]
    if last_nordic is not None:
        return TooSoon(last_nordic, now)
    if last is not None and (today - last).days >= reentry.GAP_DAYS:
        return Gap((today - last).days)
    return None


def gap_resume(*, athlete, assignment: Assignment, workout: Workout, today: date) -> None:
    """Rule 3' when the athlete starts a workout: each tracked exercise of it done last two
    weeks ago or more is written one step easier (two from four weeks), and the program
    resumes at day 1 of the week it stopped in. Nothing without a gap."""
    last = {exercise: (on, week) for exercise, on, week in last_sessions(assignment, workout)}
    if not any((today - on).days >= reentry.GAP_DAYS for on, _ in last.values()):
        return
    with transaction.atomic():
        owned = frozenset(athlete.owned_bands.values_list("pk", flat=True))
        tracks = (
            BandTrack.objects.select_for_update(of=("self",))
            .filter(assignment=assignment, exercise_id__in=list(last))
            .select_related("exercise", "band", "assignment")
        )
        for track in tracks:
            if track.exercise_id in last:
                on, week = last[track.exercise_id]
                decision = bands.band_after_gap(
                    track=track,
                    last_session_on=on,
                    last_week=week or 1,
                    today=today,
                    owned_band_ids=owned,
                    at=timezone.now(),
                )
                if decision is not None and decision.resume_week is not None:
                    reps, sessions = doses.week_volume(track, decision.resume_week)
                    if reps:
                        doses.dose_cut(
                            track=track,
                            reps=reps,
                            sessions=sessions,
                            reason=f"Back after a break: week {decision.resume_week}'s volume "
                            f"for {sessions} session{'s' if sessions != 1 else ''}.",
                        )
        assignments.assignment_resume_after_gap(assignment=assignment, today=today)

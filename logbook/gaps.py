"""A return after a gap (DESIGN.md, "Band progression, round 3", rule 3'): asked on the workout
page (a read), written when the athlete starts the workout (a POST, `logbook.services
.workout_start`): each tracked exercise done last two weeks ago or more is one step easier
(two from four weeks), and the program resumes at day 1 of the week it stopped in. The
thresholds and the bands are the engine's (`programs.reentry`)."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Max, Subquery
from django.utils import timezone

from logbook.models import SetLog
from logbook.nordic_gap import TooSoon, nordic_starts
from programs import assignments, bands, doses, reentry
from programs.models import Assignment, BandTrack, Workout


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


def last_sessions_query(assignment: Assignment, workout: Workout):
    """The finished sets of this workout's exercises in the assignment."""
    return SetLog.objects.filter(
        workout_log__assignment=assignment,
        workout_log__completed_at__isnull=False,
        exercise_id__in=workout.prescriptions.values("exercise_id"),
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


def workout_open(
    *, athlete, assignment: Assignment, workout: Workout, today: date, now
) -> TooSoon | Gap | None:
    """What the athlete is asked before a workout not yet begun (a read: nothing is written
    until they start it, `workout_start`): a Nordic session under 48 hours after the last one
    (`TooSoon`), or a return two weeks or more after the last session of one of its tracked
    exercises (`Gap`). Both read in one query (the page's budget)."""
    tracked = BandTrack.objects.filter(assignment=assignment).values("exercise_id")
    # The tracked exercise done longest ago: the earliest of each one's last day.
    longest_ago = (
        last_sessions_query(assignment, workout)
        .filter(exercise_id__in=tracked)
        .values("exercise_id")
        .annotate(last=Max("workout_log__performed_on"))
        .order_by("last")
        .values("last")[:1]
    )
    nordic = nordic_starts(athlete=athlete, workout=workout, today=today, now=now)[:1]
    last_nordic, last = (
        Assignment.objects.filter(pk=assignment.pk)
        .values_list(Subquery(nordic), Subquery(longest_ago))
        .get()
    )
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

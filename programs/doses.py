"""Cut doses: the next sessions of one exercise for one athlete at fewer sets or reps than the
program prescribes (DESIGN.md, "Band progression, round 3"), kept on the athlete's track:
- the first two unassisted sessions after graduation, 2 x 5 (`programs.reentry.GRADUATION_DOSE`);
- after a gap, the volume of the week it brings back, for that week's sessions;
- struggling at the thickest band, this week's volume again, session by session.
A workout log copies the cut when it is begun (`logbook`), so what was prescribed stays with
the session: its page, its sets' targets and the engine read the log's copy, never the track's
later state."""

from copy import copy

from programs.models import BandTrack, Prescription, Workout


def dosed(prescription: Prescription, reps: list[int] | None) -> Prescription:
    """The prescription as cut to `reps` (one entry per set), or itself without a cut. An
    unsaved copy: its id, exercise and band stay, so sets are logged against the real row."""
    if not reps or prescription.is_hold:
        return prescription
    cut = copy(prescription)
    cut.sets, cut.set_reps, cut.reps_min, cut.reps_max = len(reps), list(reps), None, None
    return cut


def dose_cut(*, track: BandTrack, reps: list[int], sessions: int, reason: str) -> None:
    """The next `sessions` sessions of the track's exercise at `reps`. Inside the caller's
    transaction."""
    track.dose_reps, track.dose_sessions, track.dose_reason = list(reps), sessions, reason[:200]
    track.save(update_fields=["dose_reps", "dose_sessions", "dose_reason", "updated_at"])


def dose_used(*, track: BandTrack) -> None:
    """A session done at the cut: one fewer to go; the last one ends it."""
    if track.dose_sessions <= 0:
        return
    track.dose_sessions -= 1
    if track.dose_sessions == 0:
        track.dose_reps, track.dose_reason = [], ""
    track.save(update_fields=["dose_reps", "dose_sessions", "dose_reason", "updated_at"])


def doses_for(assignment_id: int, workout: Workout) -> dict[str, dict]:
    """The cuts a workout being begun starts with (`cuts_of`). One query, two with a cut."""
    tracks = {
        track.exercise_id: track
        for track in BandTrack.objects.filter(assignment_id=assignment_id, dose_sessions__gt=0)
    }
    return cuts_of(workout.prescriptions.all(), tracks) if tracks else {}


def cuts_of(prescriptions, tracks: dict[int, BandTrack]) -> dict[str, dict]:
    """Prescription id (as text, a JSON key) -> the cut its exercise's track holds now:
    {"reps": [...], "reason": "..."}. `tracks` by exercise id; no query."""
    return {
        str(prescription.pk): {
            "reps": tracks[prescription.exercise_id].dose_reps,
            "reason": tracks[prescription.exercise_id].dose_reason,
        }
        for prescription in prescriptions
        if prescription.exercise_id in tracks
        and tracks[prescription.exercise_id].dose_sessions > 0
        and not prescription.is_hold
    }


def week_volume(track: BandTrack, week_number: int) -> tuple[list[int], int]:
    """The reps per set of the exercise's first prescription in program week `week_number`,
    and how many of that week's workouts hold it: what a return after a gap brings back. No
    reps when the week has none (a program edited since)."""
    prescriptions = list(
        Prescription.objects.filter(
            workout__week__program_id=track.assignment.program_id,
            workout__week__number=week_number,
            exercise_id=track.exercise_id,
            seconds__isnull=True,
        ).order_by("workout__day", "order", "pk")
    )
    if not prescriptions:
        return [], 0
    first = prescriptions[0]
    reps = [first.minimum_for_set(number) for number in range(1, first.sets + 1)]
    return reps, len({prescription.workout_id for prescription in prescriptions})

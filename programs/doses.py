"""The dose a session is done at. Cut doses: the next sessions of one exercise for one athlete
at fewer sets or reps than the program prescribes (DESIGN.md, "Band progression, round 3"),
kept on the athlete's track:
- the first two unassisted sessions after graduation, 2 x 5 (`programs.reentry.GRADUATION_DOSE`);
- after a gap, the volume of the week it brings back, for that week's sessions;
- struggling at the thickest band, this week's volume again, session by session.
Besides them, the coach's own dose for one athlete and an exercise left out for them
(`programs.overrides`). A workout log copies all of it when it is begun, with each
prescription's dose as the plan held it then (`doses_for`), so what was prescribed stays with
the session: its page, its sets' targets and the engine read the log's copy, never the
track's later state, an override taken back or a builder edit made since."""

from copy import copy

from catalogue.models import Exercise
from programs import overrides
from programs.models import Assignment, BandTrack, Prescription, Workout


def dosed(prescription: Prescription, reps: list[int] | None) -> Prescription:
    """The prescription as cut to `reps` (one entry per set), or itself without a cut. An
    unsaved copy: its id, exercise and band stay, so sets are logged against the real row."""
    if not reps or prescription.is_hold:
        return prescription
    cut = copy(prescription)
    if len(set(reps)) == 1:  # the same every set: "2 x 5", not "2 x 5/5"
        cut.sets, cut.set_reps, cut.reps_min, cut.reps_max = len(reps), [], reps[0], None
    else:
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


# What a session keeps of each prescription as it was when begun (`doses_for`).
DOSE_FIELDS = ("sets", "set_reps", "reps_min", "reps_max", "seconds")


def doses_for(assignment: Assignment, workout: Workout) -> dict[str, dict]:
    """What a workout being begun starts with: each prescription's dose as the plan holds it
    now (`"prescribed"`: a builder edit later changes the sessions to come, never this one),
    the track's cuts (`cuts_of`) and the athlete's own overrides of the squad's plan
    (`programs.overrides`). Two queries."""
    tracks = {
        track.exercise_id: track
        for track in BandTrack.objects.filter(assignment_id=assignment.pk, dose_sessions__gt=0)
    }
    prescriptions = list(workout.prescriptions.all())
    found = begun_with(prescriptions, tracks, assignment)
    for prescription in prescriptions:
        prescribed = {field: getattr(prescription, field) for field in DOSE_FIELDS}
        found.setdefault(str(prescription.pk), {})["prescribed"] = prescribed
    return found


def begun_with(prescriptions, tracks: dict[int, BandTrack], assignment) -> dict[str, dict]:
    """Prescription id -> what a session of these prescriptions begins with: an exercise left
    out for the athlete stays out; of a cut on the track (the engine's, for safety: after a
    gap it brings back a week of the plan's volume) and the coach's own dose for the athlete,
    the lighter. No query."""
    found = overrides.entries_for(assignment, prescriptions)
    for key, cut in cuts_of(prescriptions, tracks).items():
        own = found.get(key, {})
        lighter = "reps" in own and sum(own["reps"]) <= sum(cut["reps"])
        if not (own.get("left_out") or lighter):
            found[key] = cut
    return found


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


def as_begun(prescriptions, entries: dict[str, dict]) -> list[Prescription]:
    """The prescriptions as a session with these `entries` (`begun_with`, or a log's copy)
    holds them: cut, or given their own dose; an exercise left out gone, or its substitute in
    its place (same sets and reps, no band of its own: the prescribed one is the other
    exercise's). One query when there is a substitute, none otherwise."""
    substitutes = (
        Exercise.objects.in_bulk(
            [entry["substitute"] for entry in entries.values() if entry.get("substitute")]
        )
        if any(entry.get("substitute") for entry in entries.values())
        else {}
    )
    found = []
    for prescription in prescriptions:
        entry = entries.get(str(prescription.pk), {})
        if entry.get("left_out"):
            substitute = substitutes.get(entry.get("substitute"))
            if substitute is not None:
                found.append(substituted(prescription, substitute))
            continue
        found.append(dosed(as_prescribed(prescription, entry.get("prescribed")), entry.get("reps")))
    return found


def as_prescribed(prescription: Prescription, prescribed: dict | None) -> Prescription:
    """The prescription at the dose a session was begun at (an unsaved copy when the plan
    has been edited since), or itself: sessions begun before that record have none."""
    if not prescribed or all(getattr(prescription, f) == v for f, v in prescribed.items()):
        return prescription
    then = copy(prescription)
    for field, value in prescribed.items():
        setattr(then, field, value)
    return then


def as_planned(assignment: Assignment, prescription: Prescription) -> Prescription:
    """The prescription as the athlete's own plan has it for a set's form: its substitute in
    its place when the coach left it out for one (a query then; none otherwise)."""
    entry = overrides.entries_for(assignment, [prescription]).get(str(prescription.pk), {})
    if not entry.get("substitute"):
        return prescription
    return next(iter(as_begun([prescription], {str(prescription.pk): entry})), prescription)


def substituted(prescription: Prescription, exercise: Exercise) -> Prescription:
    """An unsaved copy of the prescription for another exercise: sets against it are logged
    against the prescription's row, as the other exercise."""
    instead = copy(prescription)
    instead.exercise, instead.band = exercise, None
    return instead


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

"""What the athlete's workout page shows: an exercise card per prescription, with a row per
prescribed set (logged or waiting for its one tap), the band to use and last time's numbers.
Built from a fixed number of queries, whatever the number of prescriptions."""

import functools
import uuid
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import ClassVar

from django.utils.html import escape
from django.utils.safestring import mark_safe

from catalogue.models import Band, Pattern
from catalogue.tensions import tensions
from logbook.band_help import BandHelp, body_of, help_of
from logbook.models import SET_NUMBER_MAX, Control, PainPause, SetLog, WorkoutLog
from logbook.workout_reads import (
    NO_LOG,
    last_sessions_sets,
    logged_sets,
    stopped_exercises,
    workout_prescriptions,
)
from programs import doses, overrides
from programs.bands import band_for, tracks_by_exercise
from programs.models import REPS_MAX, SECONDS_MAX, Assignment, Prescription, Workout
from programs.start_band_finder import is_band_assisted_nordic


@dataclass
class SetRow:
    prescription: Prescription
    set_number: int
    side: str
    band: Band | None
    logged: SetLog | None = None
    form: object = None  # a SetForm with errors, when the last post was refused
    editing: bool = False
    token: uuid.UUID = field(default_factory=uuid.uuid4)
    last: SetLog | None = None  # the same set (number and side) last time
    reps_max: ClassVar[int] = REPS_MAX  # the inputs' max attributes
    seconds_max: ClassVar[int] = SECONDS_MAX

    @property
    def dom_id(self) -> str:
        return f"set-{self.prescription.pk}-{self.set_number}-{self.side}"

    @property
    def target(self) -> int:
        return self.prescription.target_for_set(self.set_number)

    @property
    def is_extra(self) -> bool:
        return self.set_number > self.prescription.sets

    @property
    def label(self) -> str:
        """'Set 2 of 3', or 'Set 4 (extra)' past the prescribed sets."""
        if self.is_extra:
            return f"Set {self.set_number} (extra)"
        return f"Set {self.set_number} of {self.prescription.sets}"

    @property
    def last_text(self) -> str:
        """Last time's numbers for this set: '10 reps, green' or '30 s'."""
        if self.last is None:
            return ""
        done = self.last
        text = f"{done.seconds} s" if done.seconds is not None else f"{done.reps} reps"
        return f"{text}, {done.band.name.lower()}" if done.band else text

    @property
    def eccentric(self) -> bool:
        """A Nordic: the four answers about control are the log buttons."""
        return self.prescription.exercise.pattern == Pattern.ECCENTRIC

    controls: ClassVar[list] = Control.choices


@dataclass
class ExerciseCard:
    prescription: Prescription
    band: Band | None
    rows: list[SetRow]
    last_time: str = ""
    stopped: bool = False  # stopped for pain, or paused: no more sets of it this session
    paused: PainPause | None = None  # eccentric work paused for pain until a coach clears it
    cut: str = ""  # why the dose differs from the program's (`programs.doses`)
    left_out: bool = False  # left out for this athlete by the coach, with no substitute
    band_help: BandHelp | None = None  # how much the assist band takes off, for this athlete
    band_help_unknown: bool = False  # an assist band, but no body mass and height to read it

    @property
    def notation(self) -> str:
        return self.prescription.notation(self.band)

    @property
    def assisted(self) -> bool:
        """A band-assisted Nordic on a band: the band's help can be put in physical units."""
        return (
            not self.left_out
            and self.band is not None
            and is_band_assisted_nordic(self.prescription.exercise)
        )


class BandMenu:
    """The bands a set row's select offers, after "No band": their options are written once per
    band chosen, as a page has a select per set and its rows mostly choose the same band."""

    def __init__(self, bands: Iterable[Band]):
        self.read = bands  # read once, when a row first offers them (a logged row does not)
        self.written = {}

    @functools.cached_property
    def bands(self) -> list[Band]:
        return list(self.read)

    def __iter__(self):
        return iter(self.bands)

    def options(self, chosen) -> str:
        """`chosen`: the band's id as the row has it (a posted value, an id, or "")."""
        key = str(chosen)
        if key not in self.written:
            self.written[key] = mark_safe(
                "".join(
                    f'<option value="{band.pk}"{" selected" if str(band.pk) == key else ""}>'
                    f"{escape(band.name)}</option>"
                    for band in self.bands
                )
            )
        return self.written[key]


def build_cards(
    *,
    workout: Workout,
    assignment: Assignment,
    log: WorkoutLog | None,
    extra: int | None = None,
    shown: Collection[int] = (),
    paused: PainPause | None = None,
) -> list[ExerciseCard]:
    """`extra`: the prescription that gets one more set, numbered after every set logged or
    `shown` on the page already (rows added by earlier taps, not logged yet). `paused`: the
    athlete's open pain pause, which stops every eccentric exercise of the workout."""
    tracks_now = tracks_by_exercise(assignment.pk)
    tracks = {exercise: track.band for exercise, track in tracks_now.items()}
    prescribed = list(workout_prescriptions(someone=workout.pk))
    # A workout begun keeps the doses it was begun with; one not begun shows today's.
    cuts = log.doses if log is not None else doses.begun_with(prescribed, tracks_now, assignment)
    prescriptions = doses.as_begun(prescribed, cuts)
    left_out = [p for p in prescribed if p.pk not in {kept.pk for kept in prescriptions}]
    replaced = {p.pk: p.exercise.name for p in prescribed}
    logged = defaultdict(dict)
    if log is not None:
        for set_log in logged_sets(someone=log.pk):
            logged[set_log.prescription_id][(set_log.set_number, set_log.side)] = set_log
    last_times = last_time_sets(assignment.athlete_id, prescriptions, exclude=log)
    stopped = {row["exercise_id"] for row in stopped_exercises(someone=log.pk)} if log else set()
    cards = []
    for prescription in prescriptions:
        band = band_for(prescription, tracks)
        done = logged[prescription.pk]
        numbers = set(range(1, prescription.sets + 1)) | {number for number, _ in done}
        if extra == prescription.pk and (added := max(numbers | set(shown)) + 1) <= SET_NUMBER_MAX:
            numbers.add(added)
        last = last_times.get(prescription.exercise_id, [])
        last_by_set = {(s.set_number, s.side): s for s in reversed(last)}  # the first wins
        rows = [
            SetRow(
                prescription,
                number,
                side,
                band,
                logged=done.get((number, side)),
                last=last_by_set.get((number, side)),
            )
            for number in sorted(numbers)
            for side in prescription.sides
        ]
        pause = paused if prescription.exercise.pattern == Pattern.ECCENTRIC else None
        ended = prescription.exercise_id in stopped or pause is not None
        if ended:  # no more sets of it this session
            rows = [row for row in rows if row.logged is not None]
        last_time = describe(last) if last else ""
        entry = cuts.get(str(prescription.pk), {})
        cut = entry.get("reason", "")
        if entry.get("left_out"):
            instead = overrides.SUBSTITUTED.format(exercise=replaced[prescription.pk])
            cut = f"{instead}: {cut}" if cut else instead
        cards.append(ExerciseCard(prescription, band, rows, last_time, ended, pause, cut))
    for prescription in left_out:
        reason = cuts[str(prescription.pk)].get("reason", "")
        cards.append(ExerciseCard(prescription, None, [], "", True, None, reason, left_out=True))
    band_helps(cards, assignment)
    return cards


def band_helps(cards: list[ExerciseCard], assignment: Assignment) -> None:
    """Each assisted Nordic card's band help for the athlete, from the tension their coach's
    measurement (or the rating) gives: one query, and none without such a card or without the
    athlete's body mass and height."""
    assisted = [card for card in cards if card.assisted]
    if not assisted:
        return
    body = body_of(assignment.athlete)
    if body is None:
        for card in assisted:
            card.band_help_unknown = True
        return
    coach_id = assignment.assigned_by_id
    read = tensions(coach_ids=[coach_id], bands=[card.band for card in assisted])
    for card in assisted:
        card.band_help = help_of(card.band, read.of(card.band, coach_id=coach_id), body)


def last_time_sets(
    athlete_id: int, prescriptions, *, exclude: WorkoutLog | None
) -> dict[int, list[SetLog]]:
    """Exercise id -> its sets in the athlete's latest other completed workout with that
    exercise, in set order: one query for any number of exercises."""
    exercise_ids = list({prescription.exercise_id for prescription in prescriptions})
    found = list(
        last_sessions_sets(
            someone=athlete_id,
            ids=exercise_ids,
            log=exclude.pk if exclude is not None else NO_LOG,
        )
    )
    latest = {}  # exercise id -> its latest session, as the query orders them
    for set_log in found:
        session = (set_log.workout_log.performed_on, set_log.workout_log_id)
        latest[set_log.exercise_id] = max(latest.get(set_log.exercise_id, session), session)
    sets = defaultdict(list)
    for set_log in found:
        session = (set_log.workout_log.performed_on, set_log.workout_log_id)
        if session == latest[set_log.exercise_id]:
            sets[set_log.exercise_id].append(set_log)
    return sets


def last_time_for(row: SetRow, *, athlete, exclude: WorkoutLog | None) -> SetRow:
    """One row alone (after an undo) gets last time's numbers too: one query."""
    last = last_time_sets(athlete.pk, [row.prescription], exclude=exclude)
    matching = (
        s
        for s in last.get(row.prescription.exercise_id, [])
        if (s.set_number, s.side) == (row.set_number, row.side)
    )
    row.last = next(matching, None)
    return row


def describe(sets: list[SetLog]) -> str:
    """'Last time (3 Nov): 12, 10, 8 reps, purple band'."""
    first = sets[0]
    if first.seconds is not None:
        values = ", ".join(str(s.seconds) for s in sets) + " s"
    else:
        values = ", ".join(str(s.reps) for s in sets) + " reps"
    band = f", {first.band.name.lower()} band" if first.band else ""
    return f"Last time ({first.workout_log.performed_on:%-d %b}): {values}{band}"

"""The athlete's start-band finder in session 1 of the band-assisted Nordic: whether the workout
page offers it, what its page shows, and the one write, a band's two reps
(`start_band_trial_record`). The rule is `programs.start_band`; the band it chooses is written by
`programs.bands.band_start_found`."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from catalogue.models import Band, Exercise
from logbook import pauses
from logbook.flags import flag_raise
from logbook.models import Control, FlagKind, PainStop, SetLog, StartBandTrial
from programs import bands, ladder, progression
from programs.models import Assignment, BandTrack, StartBandFinder, Workout
from programs.start_band import Finding, bands_to_try, find, passed, share_of_body_mass
from programs.start_band_finder import (
    finder_rule,
    is_band_assisted_nordic,
    start_band_finder_found,
)


class FinderClosed(Exception):
    """The finder does not run now; the message says why, to the athlete."""


def start_band_due(*, assignment: Assignment, cards: Sequence, paused: bool = False) -> bool:
    """Whether the workout page links to "Find your start band": the assignment's finder is on,
    the workout has a band-assisted Nordic that is not stopped or paused (`paused`: the page's
    pain pause or warning), and the page shows no Nordic set of this assignment, logged here or
    as last time's. No query: it reads what the page has (`cards`, its exercise cards). Sets
    the page cannot see (a Nordic session of this assignment left unfinished, or one older than
    last time's from another program) are left to the finder's own page, which says so."""
    if paused or assignment.start_band_finder != StartBandFinder.ON:
        return False
    card = next((c for c in cards if is_band_assisted_nordic(c.prescription.exercise)), None)
    if card is None or card.stopped or any(row.logged for row in card.rows):
        return False
    last = next((row.last for row in card.rows if row.last is not None), None)
    return last is None or last.workout_log.assignment_id != assignment.pk


def nordic_logged(assignment: Assignment, exercise_id: int) -> bool:
    return SetLog.objects.filter(
        workout_log__assignment=assignment, exercise_id=exercise_id
    ).exists()


@dataclass
class BandLine:
    """One band of the finder, as its page lists it."""

    band: Band
    share: tuple[int, int] | None  # its help as % of the athlete's body mass
    trial: StartBandTrial | None = None
    is_next: bool = False
    is_start: bool = False

    @property
    def passed(self) -> bool:
        return self.trial is not None and passed(self.trial.reps)

    @property
    def rep_words(self) -> str:
        """'halfway, near the floor': the two reps as the athlete tapped them."""
        labels = dict(Control.choices)
        return ", ".join(labels[rep].lower() for rep in self.trial.reps) if self.trial else ""


@dataclass
class Finder:
    assignment: Assignment
    exercise: Exercise
    track: BandTrack | None
    finding: Finding
    lines: list[BandLine] = field(default_factory=list)
    closed: str = ""  # why the finder does not run now, in the athlete's words

    @property
    def next_line(self) -> BandLine | None:
        return next((line for line in self.lines if line.is_next), None)

    @property
    def start_line(self) -> BandLine | None:
        return next((line for line in self.lines if line.is_start), None)


def finder_read(*, athlete, assignment: Assignment, workout: Workout) -> Finder | None:
    """The finder of the workout's band-assisted Nordic (None when the workout has none with a
    band rule), its bands thickest first with the trials so far, and why it is closed, if it
    is. Reads only."""
    rule = finder_rule(assignment)
    if rule is None or not workout.prescriptions.filter(exercise=rule.exercise_id).exists():
        return None
    exercise = rule.exercise
    on_ladder = list(Band.objects.ladder())
    rungs = [ladder.Band(band.pk, band.name) for band in on_ladder]
    owned = frozenset(athlete.owned_bands.values_list("pk", flat=True))
    trials = {
        trial.band_id: trial
        for trial in StartBandTrial.objects.filter(assignment=assignment, exercise=exercise)
    }
    finding = find(
        ladder=rungs,
        owned_band_ids=owned,
        trials={band_id: trial.reps for band_id, trial in trials.items()},
    )
    by_id = {band.pk: band for band in on_ladder}
    body_mass = athlete.body_mass_kg
    lines = [
        BandLine(
            band=by_id[band.id],
            share=share(by_id[band.id], body_mass),
            trial=trials.get(band.id),
            is_next=finding.next_band == band,
            is_start=finding.start_band == band,
        )
        for band in bands_to_try(rungs, owned)
    ]
    track = (
        BandTrack.objects.filter(assignment=assignment, exercise=exercise)
        .select_related("band")
        .first()
    )
    finder = Finder(assignment, exercise, track, finding, lines)
    finder.closed = closed_because(finder, athlete)
    return finder


def share(band: Band, body_mass_kg: Decimal | None) -> tuple[int, int] | None:
    return share_of_body_mass(band.tension_min_kg, band.tension_max_kg, body_mass_kg)


def closed_because(finder: Finder, athlete) -> str:
    """Why the finder does not take trials now ("" when it does)."""
    state = finder.assignment.start_band_finder
    if state == StartBandFinder.FOUND:
        return ""  # the page shows the band found and why
    if state == StartBandFinder.OFF:
        band = finder.track.band if finder.track else None
        on = f"the {band.name.lower()} band" if band else "your band"
        return f"Your coach chose your start band for this program: you start on {on}."
    if finder.track is None:
        return "Your coach has not set a band for this exercise yet: ask them which to use."
    if nordic_logged(finder.assignment, finder.exercise.pk):
        return (
            "You have logged Nordic sets in this program already: your band now moves with "
            "what you log."
        )
    if pauses.is_paused_for(athlete_id=athlete.pk, exercise_id=finder.exercise.pk):
        return (
            "Nordic work is paused after pain until your coach clears it: the finder waits "
            "until then."
        )
    if PainStop.objects.unanswered().filter(workout_log__athlete=athlete).exists():
        return (
            f"You stopped for pain recently. {progression.STOP_LOADING} The finder waits "
            "until your coach has answered."
        )
    if finder.finding.next_band is None and not finder.finding.found:
        return finder.finding.reason  # no loop band to try
    return ""


@transaction.atomic
def start_band_trial_record(
    *, athlete, assignment: Assignment, workout: Workout, band_id: int, reps, at
) -> Finding:
    """One band's two reps, as the athlete tapped them. Only the band the finder asks for
    next is taken; the same band sent again (a retried post) changes nothing. When the finder
    has its answer, the athlete's track starts on that band with the trials in its reason, the
    finder is done, and a start on the thickest band after a failed trial flags the coach."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    finder = finder_read(athlete=athlete, assignment=assignment, workout=workout)
    if finder is None:
        raise FinderClosed("This workout has no band-assisted Nordic to find a band for.")
    if finder.assignment.start_band_finder == StartBandFinder.FOUND:
        raise FinderClosed(f"Your start band is found: {finder.finding.start_band.name}.")
    if finder.closed:
        raise FinderClosed(finder.closed)
    line = finder.next_line
    if band_id != line.band.pk:
        if any(done.band.pk == band_id and done.trial for done in finder.lines):
            return finder.finding  # saved already: a retried post
        raise FinderClosed(f"Try the {line.band.name.lower()} band next.")
    first, second = (Control(rep) for rep in reps)
    StartBandTrial.objects.create(
        assignment=assignment,
        exercise=finder.exercise,
        band=line.band,
        first_rep=first,
        second_rep=second,
        at=at,
    )
    finder = finder_read(athlete=athlete, assignment=assignment, workout=workout)
    finding = finder.finding
    if finding.found:
        track = BandTrack.objects.select_for_update().get(pk=finder.track.pk)
        band = finder.start_line.band
        bands.band_start_found(track=track, band=band, reason=finding.reason, at=at)
        start_band_finder_found(assignment=assignment)
        if finding.flag_coach:
            flag_raise(
                athlete=athlete,
                kind=FlagKind.REGRESSION,
                detail=f"Start band: a rep broke before near the floor even on the "
                f"{band.name.lower()} band, the thickest they have. They start on it: worth a "
                "look at their band and set-up.",
            )
    return finding

"""Three of the demo squad, one for each path of the band advice's round 3 (DESIGN.md,
"Band progression, round 3"), replayed through the app's services like the rest of the demo
(`coaching.demo`): Priya, paused after a pain stop and cleared by the coach; Tom, whose Nordic
reps break at halfway, stalled for three weeks; Lena, on the red band, whose graduation to
unassisted waits for the coach's approval."""

from datetime import timedelta
from functools import partial

from catalogue.models import Band
from coaching.demo import (
    Member,
    evening,
    pause_cleared,
    session_replay,
    squad_athlete,
    workouts_due,
)


def halfway(set_number: int, last: bool) -> str:
    """The first set controlled to the floor, every later one lost at halfway."""
    return "full" if set_number == 1 else "mid"


def paths_roster(*, team, template, today) -> list[Member]:
    """Priya, Tom and Lena with their weeks of the Nordic program and a season of NordBord
    tests (made once each; Lena, the strongest, starts on the red band)."""
    red = {template.band_rules.get().exercise_id: Band.objects.get(name="Red")}
    return [
        Member(
            squad_athlete(
                team=team, username=username, first_name=first_name, tests=tests, today=today
            ),
            weeks_in,
            partial(replay, today=today),
            start_bands,
        )
        for username, first_name, weeks_in, tests, start_bands, replay in (
            ("priya", "Priya", 8, [(305, 298), (331, 322), (336, 330)], None, priya_replay),
            ("tom", "Tom", 4, [(296, 301), (318, 316), (324, 327)], None, tom_replay),
            ("lena", "Lena", 6, [(362, 358), (381, 377), (383, 380)], red, lena_replay),
        )
    ]


def priya_replay(assignment, today) -> None:
    """Diligent, so on the purple band from week 6; in week 7 she stopped a Nordic for a sharp
    pain, which paused her Nordic work. The physio saw her, her coach cleared the pause two
    days later, and she is back
    one band easier, with no step on for 14 days."""
    for week, workout, performed_on in workouts_due(assignment, today):
        stop_for_pain = week.number == 7 and workout.day == 3
        log = session_replay(assignment, week, workout, performed_on, stop_for_pain=stop_for_pain)
        if stop_for_pain:
            pause_cleared(
                log,
                note="The physio saw her on Thursday: no strain, and walking and bridges "
                "are pain-free.",
                at=evening(performed_on + timedelta(days=2)) - timedelta(hours=8),
            )


def tom_replay(assignment, today) -> None:
    """Every session done, but past the first set his reps break at halfway: no session
    counts towards a thinner band, and three weeks on green flag him as stalled."""
    for week, workout, performed_on in workouts_due(assignment, today):
        session_replay(assignment, week, workout, performed_on, control=halfway)


def lena_replay(assignment, today) -> None:
    """Strong: her coach started her on the red band, the thinnest; six diligent weeks earn
    her graduation to unassisted, which waits for the coach's approval."""
    for week, workout, performed_on in workouts_due(assignment, today):
        session_replay(assignment, week, workout, performed_on)

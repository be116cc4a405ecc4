"""The season around a program: what a team's fixtures do to the workouts placed around them
(`programs.matchdays` holds the arithmetic, `programs.dating` the dates). A return-to-play
program's stages are `programs.return_to_play`'s."""

from collections import defaultdict
from datetime import date

from programs.dating import fixtures_of, schedule_places
from programs.matchdays import Clash, Placed, clashes


def placement_clashes(assignments, *, between: tuple[date, date]) -> list[tuple[object, Clash]]:
    """(athlete, clash) for every placement that does not fit inside `between`, in date
    order: the coach hears of it instead of the program silently doubling up. Three queries."""
    assignments = list(assignments)
    by_assignment = defaultdict(list)
    for item in schedule_places(assignments, between=between):
        workout = item.workout
        by_assignment[item.assignment].append(
            Placed(
                key=item.key,
                title=workout.title,
                on=item.on,
                match_day=workout.match_day,
                fixture=item.fixture,
                nordic=workout.has_nordic,
            )
        )
    fixtures = fixtures_of(assignments) if by_assignment else {}
    found = []
    for assignment, placed in by_assignment.items():
        matches = fixtures.get((assignment.athlete_id, assignment.assigned_by_id), [])
        found += [(assignment.athlete, clash) for clash in clashes(placed, matches)]
    return sorted(found, key=lambda pair: pair[1].on)

"""The phase of the season a strength test is most likely taken in, for the squad form's
default (the coach can always choose another). Pure: dates in, a phase out.

The team's fixtures say it first, when they are near the day:
- a match in the last 4 weeks: in season;
- else the next match within 3 weeks: the end of pre-season;
- else the next match within 10 weeks (a football pre-season runs about 6): its start.

With no match that near, the month says it, for a northern-hemisphere football season (August
to May, as in European soccer): June and July, the start of pre-season; August, its end;
September to May, in season. Australian football plays March to September, so its months are
November to January (start), February (end) and March to October (in season).
"""

from datetime import date, timedelta

from logbook.strength import Phase, Sport

IN_SEASON_SINCE_MATCH = timedelta(weeks=4)
PRESEASON_END_BEFORE_MATCH = timedelta(weeks=3)
PRESEASON_START_BEFORE_MATCH = timedelta(weeks=10)

NORTHERN_MONTHS = {6: Phase.PRESEASON_START, 7: Phase.PRESEASON_START, 8: Phase.PRESEASON_END}
AUSTRALIAN_MONTHS = {
    11: Phase.PRESEASON_START,
    12: Phase.PRESEASON_START,
    1: Phase.PRESEASON_START,
    2: Phase.PRESEASON_END,
}


def phase_on(day: date, *, matches: list[date], sport: str = Sport.OTHER) -> Phase:
    """The phase on `day` for a team with these match days (any order, any span)."""
    played = [match for match in matches if day - IN_SEASON_SINCE_MATCH < match <= day]
    ahead = [match for match in matches if match > day]
    if played:
        return Phase.IN_SEASON
    if ahead and min(ahead) - day <= PRESEASON_END_BEFORE_MATCH:
        return Phase.PRESEASON_END
    if ahead and min(ahead) - day <= PRESEASON_START_BEFORE_MATCH:
        return Phase.PRESEASON_START
    months = AUSTRALIAN_MONTHS if sport == Sport.AUSTRALIAN_FOOTBALL else NORTHERN_MONTHS
    return months.get(day.month, Phase.IN_SEASON)


def matches_window(day: date) -> tuple[date, date]:
    """The only match days `phase_on` looks at: read these from the database, no more."""
    return day - IN_SEASON_SINCE_MATCH, day + PRESEASON_START_BEFORE_MATCH

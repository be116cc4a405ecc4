"""A team's fixtures (match days): reading a pasted list of them, and the actions that add,
move and delete them. One match a day per team: the database's unique constraint is the last
word, so two coaches' tabs racing each other get a message, never a 500."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404

from accounts.models import NO_CONTROL_CHARACTERS, NO_CONTROL_CHARACTERS_MESSAGE, Team
from programs.models import Fixture
from web.params import FIXTURE_DATES

LABEL_MAX = Fixture._meta.get_field("label").max_length
PASTE_MAX_LINES = 60
TAKEN = "This team already has a match on that day."

# A line starts with its date, ISO (2026-12-05) or day first (5/12/2026, 5.12.2026, 5-12-2026);
# what follows, after a space or a comma, is the label.
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
SEPARATORS = " \t,;:-\u2013\u2014"  # and the en and em dashes


class FixtureTaken(Exception):
    """The team already has a match on that day."""

    def __init__(self, message: str = TAKEN):
        super().__init__(message)


class PasteRefused(Exception):
    """A pasted list with lines that are not matches: `problems` names each one."""

    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class PastedMatch:
    line: int  # in the pasted text, counting blank lines, as the coach sees it
    date: date
    label: str = ""


@dataclass
class FixtureBatch:
    """What a paste did: the fixtures added, and the lines left out because the team already
    had a match that day (or the paste gave the day twice)."""

    added: list[Fixture] = field(default_factory=list)
    repeated: list[PastedMatch] = field(default_factory=list)


def fixture_for_coach(coach, pk: int) -> Fixture:
    """A fixture of one of the coach's teams; anyone else's is a 404."""
    return get_object_or_404(Fixture.objects.for_coach(coach).select_related("team"), pk=pk)


# Reading a pasted list (no database)


def read_date(text: str) -> date | None:
    """A date written ISO (2026-12-05) or day first (5/12/2026); None if it is not one."""
    if match := ISO_DATE.fullmatch(text):
        year, month, day = match.groups()
    elif match := DAY_FIRST.fullmatch(text):
        day, month, year = match.groups()
    else:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:  # 31/02/2026
        return None


def parse_fixture_lines(text: str, *, today: date) -> list[PastedMatch]:
    """One match a line: its date (in `FIXTURE_DATES` around today), then an optional label
    (a spreadsheet's tabs read as spaces). Blank lines are skipped. Every line is read before
    anything is refused, so PasteRefused names every bad line."""
    lines = [(number, line.strip()) for number, line in enumerate(text.splitlines(), start=1)]
    lines = [(number, line) for number, line in lines if line]
    if len(lines) > PASTE_MAX_LINES:
        raise PasteRefused(
            [f"That is {len(lines)} lines: paste at most {PASTE_MAX_LINES} matches at a time."]
        )
    matches, problems = [], []
    for number, line in lines:
        written, _, rest = _split_date(line)
        on = read_date(written)
        label = " ".join(rest.lstrip(SEPARATORS).split())
        if on is None:
            problems.append(f"Line {number}: '{written[:40]}' is not a date.")
        elif too_far := FIXTURE_DATES.problem(on, today):
            problems.append(f"Line {number}: {too_far}")
        elif not re.fullmatch(NO_CONTROL_CHARACTERS, label):
            problems.append(f"Line {number}: {NO_CONTROL_CHARACTERS_MESSAGE}")
        elif len(label) > LABEL_MAX:
            problems.append(f"Line {number}: the label is longer than {LABEL_MAX} characters.")
        else:
            matches.append(PastedMatch(number, on, label))
    if problems:
        raise PasteRefused(problems)
    return matches


def _split_date(line: str) -> tuple[str, str, str]:
    """(date as written, separator, the rest): the date ends at a space, a comma or a
    semicolon."""
    match = re.match(r"([^\s,;]+)([\s,;]?)(.*)", line, re.S)
    return match[1], match[2], match[3]


# Actions


def fixture_add(*, team: Team, date: date, label: str = "") -> Fixture:
    try:
        with transaction.atomic():
            return Fixture.objects.create(team=team, date=date, label=label)
    except IntegrityError as error:
        raise FixtureTaken() from error


@transaction.atomic
def fixtures_add(*, team: Team, matches: Sequence[PastedMatch]) -> FixtureBatch:
    """Add a pasted list's matches; a day the team already plays (or given twice) is left out
    and reported, never added twice."""
    batch = FixtureBatch()
    days = [match.date for match in matches]
    taken = set(team.fixtures.filter(date__in=days).values_list("date", flat=True))
    for match in matches:
        if match.date in taken:
            batch.repeated.append(match)
            continue
        try:
            batch.added.append(fixture_add(team=team, date=match.date, label=match.label))
        except FixtureTaken:  # added meanwhile, by another tab
            batch.repeated.append(match)
        taken.add(match.date)
    return batch


def fixture_move(*, fixture: Fixture, date: date, label: str) -> Fixture:
    """A new date and/or label for a match (moved by the league, renamed)."""
    fixture.date, fixture.label = date, label
    try:
        with transaction.atomic():
            fixture.save(update_fields=["date", "label"])
    except IntegrityError as error:
        fixture.refresh_from_db()
        raise FixtureTaken() from error
    return fixture


@transaction.atomic
def fixture_delete(*, fixture: Fixture) -> None:
    fixture.delete()

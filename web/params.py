"""What people type, read once and strictly: ids from query strings and form fields, and the
window around today that a typed date must fall in (the database keeps a wider, absolute one:
`accounts.models.TYPED_DATE_MIN` to `TYPED_DATE_MAX`)."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

# ASCII digits only: str.isdigit() also says yes to "²", which int() then refuses.
ID_RE = re.compile(r"[0-9]{1,18}")


def parse_id(value: str | None) -> int | None:
    """The id in `value`, or None when it is not one (which the caller treats as absent)."""
    return int(value) if value and ID_RE.fullmatch(value) else None


@dataclass(frozen=True)
class DateWindow:
    """How far before and after today a typed date may fall: a year typed as 0026 or 9999 is a
    slip of the keyboard, and a date far from today breaks the schedule's arithmetic."""

    back: timedelta
    ahead: timedelta

    def problem(self, day: date, today: date) -> str | None:
        """What is wrong with `day`, said to the person who typed it; None when it fits."""
        first, last = today - self.back, today + self.ahead
        if first <= day <= last:
            return None
        until = "today" if last == today else f"{last:%-d %b %Y}"
        return f"Give a date from {first:%-d %b %Y} to {until}."


YEAR = timedelta(days=366)
# A season's matches: last season's results, and the fixture lists of the next two.
FIXTURE_DATES = DateWindow(back=YEAR, ahead=2 * YEAR)
# A strength test is entered once done, and is compared with the tests of the years before.
STRENGTH_TEST_DATES = DateWindow(back=5 * YEAR, ahead=timedelta(0))
# A program starts this season: backdated to log what was done, or planned ahead.
PROGRAM_START_DATES = DateWindow(back=YEAR, ahead=YEAR)

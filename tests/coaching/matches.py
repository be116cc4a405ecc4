"""A team's fixtures page as its tests read it: the page's address, the team's matches as
(date, label) rows, and the message shown next to a field."""

import html
import re
from datetime import date

from tests.logbook.reading import seen

HTMX = {"HX-Request": "true"}


def url(team) -> str:
    return f"/coach/teams/{team.pk}/fixtures/"


def fixtures_of(team) -> list[tuple[date, str]]:
    return list(team.fixtures.values_list("date", "label"))


def error_next_to(response, field_id: str) -> str:
    """The box of one form field (label, input, messages), marked as in error."""
    match = re.search(
        rf'<div class="field has-error">\s*<label for="{field_id}">.*?</div>', response.text, re.S
    )
    assert match, f"no error shown next to {field_id!r}"
    return html.unescape(seen(match[0]))

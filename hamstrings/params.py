"""Ids read from query strings and form fields, parsed once and strictly."""

import re

# ASCII digits only: str.isdigit() also says yes to "²", which int() then refuses.
ID_RE = re.compile(r"[0-9]{1,18}")


def parse_id(value: str | None) -> int | None:
    """The id in `value`, or None when it is not one (which the caller treats as absent)."""
    return int(value) if value and ID_RE.fullmatch(value) else None

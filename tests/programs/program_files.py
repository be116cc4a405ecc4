"""Program files as the sharing tests read and spoil them: the 10-week Nordic as a file's dict,
and the line a fragment of a file's text is on."""

from programs.models import Program
from programs.sharing import program_to_dict


def nordic_file() -> dict:
    """The 10-week Nordic as a file's dict, ready to spoil."""
    return program_to_dict(Program.objects.library().get(slug="band-assisted-nordic"))


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    lines = [number for number, line in enumerate(text.splitlines(), 1) if fragment in line]
    return lines[occurrence - 1]

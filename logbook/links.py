"""Links to one occurrence of a workout: a repeating week (maintenance, a return-to-play stage)
is the same workout week after week, told apart by `?n=` (its first occurrence needs none).
Written by `occurrence_query`, read by `occurrence_of`, and nowhere else."""

from web.params import parse_id


def occurrence_query(occurrence) -> str:
    return f"?n={occurrence}" if isinstance(occurrence, int) and occurrence > 1 else ""


def occurrence_of(request) -> int:
    """The occurrence a request's `?n=` names: 1 when absent or not a number."""
    return parse_id(request.GET.get("n")) or 1

"""Links to one occurrence of a workout: a repeating week (maintenance, a return-to-play stage)
is the same workout week after week, told apart by `?n=` (its first occurrence needs none)."""


def occurrence_query(occurrence) -> str:
    return f"?n={occurrence}" if isinstance(occurrence, int) and occurrence > 1 else ""

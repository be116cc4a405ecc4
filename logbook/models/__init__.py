"""The logbook's models: what an athlete did (session.py) and the coach's records about them
(records.py)."""

from logbook.models.records import (
    DISTANCE_MAX_CM,
    FORCE_MAX_N,
    Flag,
    FlagKind,
    StrengthTest,
    TestMethod,
    TestPhase,
)
from logbook.models.session import (
    BREAK_ANGLE_MAX,
    SET_NUMBER_MAX,
    SORENESS_MAX,
    CheckIn,
    Comment,
    Control,
    PainKind,
    PainStop,
    PainWhere,
    SetLog,
    Side,
    WorkoutLog,
)

__all__ = [
    "BREAK_ANGLE_MAX", "DISTANCE_MAX_CM", "FORCE_MAX_N", "SET_NUMBER_MAX", "SORENESS_MAX",
    "CheckIn", "Comment", "Control", "Flag", "FlagKind", "PainKind", "PainStop", "PainWhere",
    "SetLog", "Side", "StrengthTest", "TestMethod", "TestPhase", "WorkoutLog",
]  # fmt: skip

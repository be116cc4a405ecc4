"""The logbook's models: what an athlete did (session.py) and the coach's records about them
(records.py)."""

from logbook.models.feeds import CalendarFeed
from logbook.models.h_test import HTestReport
from logbook.models.messages import BODY_MAX, Message, MessageKind
from logbook.models.pauses import PainPause
from logbook.models.records import (
    DISTANCE_MAX_CM,
    FORCE_MAX_N,
    HEIGHT_MAX_CM,
    HEIGHT_MIN_CM,
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
    Control,
    PainKind,
    PainStop,
    PainWhere,
    SetLog,
    Side,
    WorkoutLog,
)
from logbook.models.skips import WorkoutSkip
from logbook.models.start_band import StartBandTrial

__all__ = [
    "BODY_MAX",
    "BREAK_ANGLE_MAX",
    "DISTANCE_MAX_CM",
    "FORCE_MAX_N",
    "HEIGHT_MAX_CM",
    "HEIGHT_MIN_CM",
    "SET_NUMBER_MAX",
    "SORENESS_MAX",
    "CalendarFeed",
    "CheckIn",
    "Control",
    "Flag",
    "FlagKind",
    "HTestReport",
    "Message",
    "MessageKind",
    "PainKind",
    "PainPause",
    "PainStop",
    "PainWhere",
    "SetLog",
    "Side",
    "StartBandTrial",
    "StrengthTest",
    "TestMethod",
    "TestPhase",
    "WorkoutLog",
    "WorkoutSkip",
]

"""The programs app's models: the plan (plan.py) and how its bands move (rules.py), an athlete's
run through it (assignment.py), and the season around it (season.py)."""

from programs.models.assignment import (
    OPEN_STATUSES,
    Assignment,
    AssignmentGroup,
    AssignmentStatus,
    BandChange,
    BandTrack,
    ChangeStatus,
    DecidedBy,
    MaintenanceDose,
    StartBandFinder,
)
from programs.models.plan import (
    PAIN_MAX,
    PAIN_STOP_DEFAULT,
    REPS_MAX,
    RPE_MAX,
    SECONDS_MAX,
    SETS_MAX,
    Prescription,
    Program,
    ProgramWeek,
    StructureVersion,
    Workout,
    validate_tempo,
)
from programs.models.rules import BandRule, BandRuleMode
from programs.models.season import Fixture, StageGate, StageOpening

__all__ = [
    "OPEN_STATUSES",
    "PAIN_MAX",
    "PAIN_STOP_DEFAULT",
    "REPS_MAX",
    "RPE_MAX",
    "SECONDS_MAX",
    "SETS_MAX",
    "Assignment",
    "AssignmentGroup",
    "AssignmentStatus",
    "BandChange",
    "BandRule",
    "BandRuleMode",
    "BandTrack",
    "ChangeStatus",
    "DecidedBy",
    "Fixture",
    "MaintenanceDose",
    "Prescription",
    "Program",
    "ProgramWeek",
    "StageGate",
    "StageOpening",
    "StartBandFinder",
    "StructureVersion",
    "Workout",
    "validate_tempo",
]

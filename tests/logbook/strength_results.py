"""Strength test results as the strength rules' tests write them: a NordBord result (both legs
in newtons), a break-point angle, a distance; and the kinds of flag a reading raises."""

from datetime import date

from logbook.strength import Method, Phase, Result

TEST_DAY = date(2025, 3, 10)


def nordbord(left, right, *, on=TEST_DAY, phase=Phase.PRESEASON_END, body_mass_kg=None):
    return Result(on, Method.NORDBORD, phase, left, right, body_mass_kg)


def breakpoint_angle(degrees, *, on=TEST_DAY):
    return Result(on, Method.BREAKPOINT, Phase.IN_SEASON, degrees, None)


def distance(cm, *, on=TEST_DAY):
    return Result(on, Method.DISTANCE, Phase.IN_SEASON, cm, None)


def kinds(reading):
    return [flag.kind for flag in reading.flags]

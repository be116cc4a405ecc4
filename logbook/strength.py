"""Eccentric hamstring strength tests, read for a coach: the result in words, N/kg, the left/right
imbalance, and the flags a coach should see.

Pure functions over plain data, no Django, so the thresholds can be read and tested on their own
and both the athlete's and the coach's pages can use them (DESIGN.md, "Hamstring monitoring").
Every number below comes from the study DESIGN.md names next to it; where DESIGN.md gives no
number, no flag is raised rather than one invented.

Three methods: NordBord (peak eccentric force per leg, N), break-point angle (the knee angle where
the athlete could no longer brake the fall, from a phone video: 90 degrees kneeling, 0 flat on the
floor, smaller is better; `left` only) and distance (forward distance before the break, cm;
`left` only).
"""

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

# NordBord. The device's minimal detectable change is 60-76 N (Opar 2013); the top of that range
# is used so that a flag means a real loss, not a noisy test.
NORDBORD_NOISE_N = 76
RETEST_DROP_PCT = 10  # a drop over 10% that is still inside the noise: retest (DESIGN.md)
IMBALANCE_FLAG_PCT = 15  # a risk factor in rugby union (Bourne 2015); not in Opar 2015
# What a threshold can say: a squad under it had more strains, but it predicts poorly for any
# one athlete (Opar 2021). Every low-strength and imbalance flag ends with this.
GROUP_RISK = "a group risk factor, not a prediction for one athlete (Opar 2021)"
# Break-point angle: changes under 8 degrees are noise (Lee 2018: 8.0 degrees between sessions).
BREAKPOINT_NOISE_DEGREES = 8
LOOK_BACK_MONTHS = 6  # a drop is measured from the athlete's own best of the last 6 months


class Method(StrEnum):
    NORDBORD = "nordbord"
    BREAKPOINT = "breakpoint"
    DISTANCE = "distance"


class Phase(StrEnum):
    PRESEASON_START = "preseason_start"
    PRESEASON_END = "preseason_end"
    IN_SEASON = "in_season"


class Sport(StrEnum):
    AUSTRALIAN_FOOTBALL = "australian_football"
    SOCCER = "soccer"
    RUGBY_UNION = "rugby_union"
    OTHER = "other"


@dataclass(frozen=True)
class Threshold:
    """A NordBord force under which a squad had more hamstring strains, and where it held."""

    newtons: int
    where: str  # completes "a level linked with more strains across ..."


# Low strength, per sport and phase, only where a study tested:
# - Australian football: 256 N at the start of pre-season, 279 N at its end (Opar 2015).
# - Soccer: 337 N at the start of pre-season (Timmins 2016 tested then only). Its end gets no
#   number, and the reading says why (NO_LINE); the drop from the athlete's own best still
#   applies.
# - In season: neither study gives an in-season number, so no low-strength flag; the drop from
#   the athlete's own best (below) is what watches them in season.
# - Rugby union and other sports: DESIGN.md gives no number, so no low-strength flag (Bourne 2015,
#   the rugby union study, is cited for the imbalance only).
LOW_STRENGTH = {
    (Sport.AUSTRALIAN_FOOTBALL, Phase.PRESEASON_START): Threshold(
        256, "elite Australian football squads at the start of pre-season (Opar 2015)"
    ),
    (Sport.AUSTRALIAN_FOOTBALL, Phase.PRESEASON_END): Threshold(
        279, "elite Australian football squads at the end of pre-season (Opar 2015)"
    ),
    (Sport.SOCCER, Phase.PRESEASON_START): Threshold(
        337, "elite soccer squads at the start of pre-season (Timmins 2016)"
    ),
}
# Where a coach would look for a line the studies do not give, the reading says so.
NO_LINE = {
    (Sport.SOCCER, Phase.PRESEASON_END): (
        "No low-strength line at the end of pre-season: the soccer study (Timmins 2016) "
        "tested at its start only."
    ),
}

LOW_STRENGTH_KIND = "low_strength"
STRENGTH_DROP_KIND = "strength_drop"
IMBALANCE_KIND = "imbalance"


@dataclass(frozen=True)
class Result:
    """One test. NordBord: N per leg (`right` None when only one leg was tested); break-point
    angle: degrees and distance: cm, both in `left` (`right` is ignored)."""

    on: date
    method: Method
    phase: Phase
    left: float
    right: float | None
    body_mass_kg: float | None = None


@dataclass(frozen=True)
class FlagDraft:
    """A flag to raise. The detail does not repeat the method or the date: the service that
    stores the flag puts them in front (the Flag model keeps 300 characters in all)."""

    kind: str  # "low_strength" | "strength_drop" | "imbalance", as the Flag model spells them
    detail: str  # a sentence a coach reads


@dataclass(frozen=True)
class Reading:
    summary: str
    per_kg: tuple[float | None, float | None]  # N/kg, one decimal; None without a body mass
    imbalance_pct: float | None  # whole %, (stronger - weaker) / stronger * 100
    flags: tuple[FlagDraft, ...]
    retest: bool  # a drop over 10% inside the device's noise: test again before acting on it


def read(result: Result, *, earlier: list[Result], sport: Sport) -> Reading:
    """The reading of `result`, against the athlete's `earlier` tests (any order, any method;
    only earlier dates of the same method count) and the thresholds of their team's `sport`."""
    same_method = [test for test in earlier if test.method == result.method and test.on < result.on]
    # `==`, not `is`: a model's plain "nordbord" string is read the same as Method.NORDBORD.
    if result.method == Method.NORDBORD:
        return _nordbord(result, same_method, sport)
    if result.method == Method.BREAKPOINT:
        return _breakpoint(result, same_method)
    return _distance(result, same_method)


def months_before(day: date, months: int) -> date:
    """The same day of the month `months` earlier, or that month's last day (31 Aug -> 28 Feb)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# -- NordBord -------------------------------------------------------------------------------------


def _nordbord(result: Result, earlier: list[Result], sport: Sport) -> Reading:
    # Whole newtons throughout: the device varies by 60-76 N, and a flag should agree with the
    # number the coach sees.
    left = _whole(result.left)
    right = None if result.right is None else _whole(result.right)
    per_kg = (_per_kg(left, result.body_mass_kg), _per_kg(right, result.body_mass_kg))
    imbalance = _imbalance_pct(left, right)
    summary = _legs(left, right, per_kg, imbalance)
    flags = []
    setting = (Sport(sport), Phase(result.phase))  # plain strings too
    if low := _low_strength(left, right, LOW_STRENGTH.get(setting)):
        flags.append(low)
    if setting in NO_LINE:
        summary += f" {NO_LINE[setting]}"

    recent = _recent(result, earlier)
    bests = (
        _best([(_whole(test.left), test.on) for test in recent]),
        _best([(_whole(test.right), test.on) for test in recent if test.right is not None]),
    )
    drops = [
        _Drop(side, now, best)
        for side, now, best in zip(("left", "right"), (left, right), bests, strict=True)
        if now is not None and best is not None and now < best.value
    ]
    real = [drop for drop in drops if drop.lost > NORDBORD_NOISE_N]
    unsure = [
        drop for drop in drops if drop.lost <= NORDBORD_NOISE_N and drop.percent > RETEST_DROP_PCT
    ]
    if real:
        lost = _capital(" and ".join(drop.words() for drop in real))
        summary += f" {lost}."
        flags.append(
            FlagDraft(
                STRENGTH_DROP_KIND,
                f"{lost}: more than the {NORDBORD_NOISE_N} N a NordBord test varies by on its "
                "own (Opar 2013).",
            )
        )
    if unsure:
        lost = _capital(" and ".join(drop.words() for drop in unsure))
        summary += (
            f" {lost}, inside the {NORDBORD_NOISE_N} N a NordBord test varies by on its own: "
            "retest before reading it as a loss of strength."
        )
    if right is not None and imbalance is not None and imbalance >= IMBALANCE_FLAG_PCT:
        flags.append(FlagDraft(IMBALANCE_KIND, _imbalance_detail(left, right, imbalance)))
    return Reading(summary, per_kg, imbalance, tuple(flags), retest=bool(unsure))


@dataclass(frozen=True)
class _Best:
    value: int
    on: date


@dataclass(frozen=True)
class _Drop:
    """One leg under its best of the last 6 months."""

    side: str
    now: int
    best: _Best

    @property
    def lost(self) -> int:
        return self.best.value - self.now

    @property
    def percent(self) -> float:
        return self.lost * 100 / self.best.value if self.best.value > 0 else 0.0

    def words(self) -> str:
        """'the left is at 230 N, 90 N (28%) under its best of 320 N (3 Mar 2025)'"""
        return (
            f"the {self.side} is at {self.now} N, {self.lost} N ({_whole(self.percent)}%) "
            f"under its best of {self.best.value} N ({_long_date(self.best.on)})"
        )


def _low_strength(left: int, right: int | None, threshold: Threshold | None) -> FlagDraft | None:
    if threshold is None:
        return None
    weak = [
        f"the {side} leg at {force} N"
        for side, force in (("left", left), ("right", right))
        if force is not None and force < threshold.newtons
    ]
    if not weak:
        return None
    verb = "is" if len(weak) == 1 else "are"
    return FlagDraft(
        LOW_STRENGTH_KIND,
        f"{_capital(' and '.join(weak))} {verb} under {threshold.newtons} N, a level linked "
        f"with more strains across {threshold.where}: {GROUP_RISK}.",
    )


def _imbalance_pct(left: int, right: int | None) -> float | None:
    """Whole %, so the flag agrees with the figure shown (14.6% reads "15%" and is flagged)."""
    if right is None:
        return None
    stronger, weaker = max(left, right), min(left, right)
    if stronger <= 0:
        return None
    return float(_whole((stronger - weaker) * 100 / stronger))  # x 100 first: 14.5 stays 14.5


def _imbalance_detail(left: int, right: int, imbalance: float) -> str:
    weak_side, strong_side = ("right", "left") if right < left else ("left", "right")
    return (
        f"The {weak_side} leg is {imbalance:.0f}% weaker than the {strong_side} "
        f"({min(left, right)} N against {max(left, right)} N). {IMBALANCE_FLAG_PCT}% or more "
        "went with more strains across rugby union squads (Bourne 2015), not in Australian "
        f"football (Opar 2015): {GROUP_RISK}."
    )


def _legs(
    left: int,
    right: int | None,
    per_kg: tuple[float | None, float | None],
    imbalance: float | None,
) -> str:
    """'Left 310 N (3.9 N/kg), right 262 N (3.3 N/kg): 15% weaker on the right.'"""
    legs = f"Left {left} N{_kg(per_kg[0])}"
    if right is None:
        return f"{legs}; no right leg recorded."
    legs += f", right {right} N{_kg(per_kg[1])}"
    if imbalance is None:
        return f"{legs}."
    if left == right:
        return f"{legs}: the same on both sides."
    if imbalance == 0:
        return f"{legs}: under 1% apart."
    return f"{legs}: {imbalance:.0f}% weaker on the {'right' if right < left else 'left'}."


def _per_kg(force: int | None, body_mass_kg: float | None) -> float | None:
    if force is None or body_mass_kg is None or body_mass_kg <= 0:
        return None
    return _tenth(force / body_mass_kg)


def _kg(per_kg: float | None) -> str:
    return "" if per_kg is None else f" ({per_kg:.1f} N/kg)"


# -- Break-point angle ----------------------------------------------------------------------------


def _breakpoint(result: Result, earlier: list[Result]) -> Reading:
    angle = _whole(result.left)  # whole degrees, as read off a phone video
    best = _best([(_whole(t.left), t.on) for t in _recent(result, earlier)], lowest=True)
    said = f"Broke at {angle} degrees"
    flags = ()
    if best is None:
        summary = f"{said}; no break-point test in the 6 months before to compare with."
    elif angle == best.value:
        summary = f"{said}, level with the best of the last 6 months."
    elif angle < best.value:
        summary = (
            f"{said}, {best.value - angle} degrees further into the fall than the best of "
            f"{best.value} degrees ({_long_date(best.on)}): a new best."
        )
    else:
        rise = angle - best.value
        change = (
            f"{rise} degrees earlier in the fall than the best of {best.value} degrees "
            f"({_long_date(best.on)})"
        )
        if rise >= BREAKPOINT_NOISE_DEGREES:
            summary = f"{said}, {change}."
            flags = (
                FlagDraft(
                    STRENGTH_DROP_KIND,
                    f"{said}, {change}: beyond the "
                    f"{BREAKPOINT_NOISE_DEGREES} degrees the test varies by between sessions "
                    "(Lee 2018).",
                ),
            )
        else:
            summary = (
                f"{said}, {change}: inside the {BREAKPOINT_NOISE_DEGREES} degrees the test "
                "varies by between sessions."
            )
    return Reading(summary, (None, None), None, flags, retest=False)


# -- Distance -------------------------------------------------------------------------------------


def _distance(result: Result, earlier: list[Result]) -> Reading:
    """Against the athlete's own baseline: their first distance test. No thresholds: DESIGN.md
    names none for this method."""
    reached = _whole(result.left)
    said = f"{reached} cm forward before the break"
    if not earlier:
        summary = f"{said}: the first distance test, the baseline for later ones."
    else:
        first = min(earlier, key=lambda test: test.on)
        baseline, change = _whole(first.left), reached - _whole(first.left)
        since = f"the baseline of {baseline} cm ({_long_date(first.on)})"
        if change == 0:
            summary = f"{said}, level with {since}."
        else:
            summary = f"{said}, {abs(change)} cm {'above' if change > 0 else 'below'} {since}."
    return Reading(summary, (None, None), None, (), retest=False)


# -- Helpers --------------------------------------------------------------------------------------


def _recent(result: Result, earlier: list[Result]) -> list[Result]:
    """The tests in the 6 months before `result` (`earlier` is already before it)."""
    since = months_before(result.on, LOOK_BACK_MONTHS)
    return [test for test in earlier if test.on >= since]


def _best(values: list[tuple[int, date]], *, lowest: bool = False) -> _Best | None:
    """The best value and when it was reached (the latest time, on a tie): the highest, or the
    lowest for the break-point angle."""
    if not values:
        return None
    sign = -1 if lowest else 1
    value, on = max(values, key=lambda pair: (sign * pair[0], pair[1]))
    return _Best(value, on)


def _whole(value: float) -> int:
    """Rounded half up, as a person rounds (Python's round() sends 14.5 to 14)."""
    return int(Decimal(repr(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _tenth(value: float) -> float:
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _long_date(day: date) -> str:
    return f"{day.day} {day:%b} {day.year}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]

"""Eccentric knee-flexor strength estimated from a band-assisted Nordic's break-point angle, as
force per leg at the ankle strap (what a NordBord reports), with its uncertainty (issue 28).
Pure: no Django, so the physics can be read, worked by hand and table-tested on its own. The
derivation, a worked example and the validation a club can run are in docs/strength-estimate.md.

Why it can work: the break-point angle tracks isokinetic eccentric knee-flexor torque (Sconce
2015, r = -0.81) and is reliable between sessions (Lee 2017/2018, ICC 0.82-0.94), though it moves
by about 8 degrees from one session to the next without any real change (Lee 2018). NordBord
force rises with body mass (Buchheit 2016), and this model makes the same dependence explicit. A
NordBord's ankle force is itself only a proxy: it explained 58% of the variance of modelled
hamstring force (Ruan 2021). Assisted Nordics in research used bands of 5-20% of body mass
(Burrows 2020).

The model. At the break the athlete is taken as quasi-static, rigid from the knees up and with
the hips extended (one straight line from knees to head). About the knee axis, the knee flexors of
both legs hold the weight above the knees, helped by the band:

    flexor moment = m_above * g * d * cos(angle) - band tension * band lever

`angle` is the break angle as the app records it: 90 kneeling upright, 0 flat on the floor.
`m_above` is body mass less both shanks and feet and `d` the knee-to-centre-of-mass distance of
that mass in the kneeling posture, both from de Leva 1996's segment tables (below). The band runs
from its anchor, behind the athlete, to the armpits (the catalogue's set-up text); its lever is
the perpendicular distance from the knee to that line. Force per leg at the strap is the moment,
halved, over the knee-to-strap length. A side-on video sees both legs as one, so the estimate is
the two legs' mean (`both_legs`).

A NordBord reports a rep's peak, and the athlete held every angle above the break, so the
estimate is the greatest load on the way down from kneeling to the break. For the seed's bands at
the default anchor (30-160 kg, 1.30-2.10 m) that is the load at the break itself. Where the band
carries the whole weight all the way down, nothing is left for the flexors to hold and the
estimate is 0 N: the test says nothing on that band; use a thinner one.
"""

import math
from dataclasses import dataclass
from functools import lru_cache
from statistics import fmean, stdev

GRAVITY = 9.81  # m/s^2

# de Leva 1996, Table 4, male (mean stature 1.741 m): lengths in m at that stature, masses as
# shares of body mass, centres of mass as shares of the segment's length from its first end.
# The trunk and head are the table's alternatives that meet at C7, so they chain in a line.
DE_LEVA_STATURE = 1.741
THIGH = 0.4222  # hip joint centre to knee joint centre
THIGH_MASS, THIGH_COM_FROM_HIP = 0.1416, 0.4095
TRUNK = 0.6033  # C7 to the mid-point of the hip joint centres
TRUNK_MASS, TRUNK_COM_FROM_C7 = 0.4346, 0.5138
HEAD = 0.2429  # vertex to C7
HEAD_MASS, HEAD_COM_FROM_VERTEX = 0.0694, 0.5002
SHOULDERS_ABOVE_HIPS = 0.5155  # mid-shoulder (joint centres) to mid-hip
UPPER_ARM, UPPER_ARM_COM_FROM_SHOULDER = 0.2817, 0.5772
ARM_MASS = 0.0271 + 0.0162 + 0.0061  # upper arm, forearm, hand
SHANK = 0.4340  # knee joint centre to lateral malleolus
SHANK_MASS, FOOT_MASS = 0.0433, 0.0137

MASS_ABOVE_KNEES = 1 - 2 * (SHANK_MASS + FOOT_MASS)  # 0.886 of body mass


def _com_above_knees() -> float:
    """Knee-to-centre-of-mass distance of everything above the knees, as a share of stature.
    Arms folded on the chest (our modelling choice, the set-up holds them there): all their mass
    is put at the height of the upper arm's centre of mass below the shoulders; the forearms
    crossing the chest sit about there too. Every centre of mass is taken on the knee-hip-C7
    line (the arms' few cm in front of it are left out: about 1% of the moment at 30 degrees)."""
    hip = THIGH
    shoulders = hip + SHOULDERS_ABOVE_HIPS
    c7 = hip + TRUNK
    parts = [  # (share of body mass, distance from the knee)
        (2 * THIGH_MASS, THIGH * (1 - THIGH_COM_FROM_HIP)),
        (TRUNK_MASS, c7 - TRUNK * TRUNK_COM_FROM_C7),
        (HEAD_MASS, c7 + HEAD * (1 - HEAD_COM_FROM_VERTEX)),
        (2 * ARM_MASS, shoulders - UPPER_ARM * UPPER_ARM_COM_FROM_SHOULDER),
    ]
    moment = sum(mass * distance for mass, distance in parts)
    return moment / MASS_ABOVE_KNEES / DE_LEVA_STATURE


COM_PER_HEIGHT = _com_above_knees()  # d = 0.3486 x height
# The band passes under the armpits: taken at the shoulder joint centres' height on the body line
# (our choice; the armpits are a few cm lower).
BAND_PER_HEIGHT = (THIGH + SHOULDERS_ABOVE_HIPS) / DE_LEVA_STATURE  # 0.5386 x height
# The strap sits just above the malleoli; the knee-to-malleolus length is used (so a slightly long
# lever, a slightly low force). A measured `Body.shank_m` replaces it.
SHANK_PER_HEIGHT = SHANK / DE_LEVA_STATURE  # 0.2493 x height

# The uncertainty each source carries, as its plausible extremes (about 95%):
ANGLE_NOISE_DEGREES = 8  # between sessions (Lee 2018)
# Our modelling choice: d +-8%. de Leva's female tables put the weight's moment about 7.5% under
# the male ones used here, and builds differ; the range covers both.
COM_SPREAD = 0.08
# Our modelling choice: the strap lever +-5% when it comes from the tables (the strap's place
# above the malleoli, and leg proportions); none when the club measured it.
SHANK_SPREAD = 0.05


@dataclass(frozen=True)
class Body:
    """The athlete at the test: body mass, height and, if measured, knee-to-ankle-strap length."""

    mass_kg: float
    height_m: float
    shank_m: float | None = None

    def __post_init__(self):
        if not self.mass_kg > 0 or not self.height_m > 0:
            raise ValueError("body mass and height must be positive")
        if self.shank_m is not None and not self.shank_m > 0:
            raise ValueError("the knee-to-strap length must be positive")

    @property
    def strap_lever(self) -> float:
        return self.shank_m if self.shank_m is not None else SHANK_PER_HEIGHT * self.height_m


@dataclass(frozen=True)
class BandPull:
    """A band's tension in kg: its rated range, or a club's own measurement as min = max."""

    tension_min_kg: float
    tension_max_kg: float

    def __post_init__(self):
        if not 0 <= self.tension_min_kg <= self.tension_max_kg:
            raise ValueError("a band's tension needs 0 <= min <= max")


@dataclass(frozen=True)
class Anchor:
    """Where the band is fixed: its height above the pad the athlete kneels on and its distance
    behind the knees, in m. The knee axis is taken at the pad's height."""

    height_m: float
    distance_m: float

    def __post_init__(self):
        if not self.height_m >= 0 or not self.distance_m > 0:
            raise ValueError("the anchor is at or above the pad and behind the knees")


# The catalogue's set-up for the band-assisted Nordic (catalogue/seed/knee.py): "anchor a loop
# high on a rack or post behind you", kneeling facing away from it, with a partner or a pad
# holding the ankles. Read as (our modelling choice, no source gives numbers): 1.5 m up, a rack's
# pin above a kneeling athlete's shoulders; 1.0 m behind the knees, clear of the feet and the
# partner holding them.
DEFAULT_ANCHOR = Anchor(height_m=1.5, distance_m=1.0)


@dataclass(frozen=True)
class Estimate:
    """Force per leg at the ankle strap, in N, with the range its uncertainty allows."""

    newtons: float
    low: float
    high: float
    both_legs: bool

    def __str__(self) -> str:
        return f"{nearest_5(self.newtons)} N ({nearest_5(self.low)}-{nearest_5(self.high)})"


def nearest_5(newtons: float) -> int:
    """Rounded to the nearest 5 N, halves up: the model is not finer than that."""
    return 5 * math.floor(newtons / 5 + 0.5)


def _weight_moment(body: Body) -> float:
    """The body-weight knee moment at horizontal (both legs), N m: m_above * g * d."""
    return MASS_ABOVE_KNEES * body.mass_kg * GRAVITY * COM_PER_HEIGHT * body.height_m


def _band_line(body: Body, anchor: Anchor, angle: float) -> tuple[float, float]:
    """The band's length (armpits to anchor) and its lever about the knee, m, at `angle`.
    The knee at the origin, forward (the way the athlete falls) positive, up positive."""
    reach = BAND_PER_HEIGHT * body.height_m
    radians = math.radians(angle)
    across = anchor.distance_m + reach * math.cos(radians)
    up = anchor.height_m - reach * math.sin(radians)
    length = math.hypot(across, up)
    # The perpendicular distance from the knee to the band's line.
    lever = reach * (anchor.height_m * math.cos(radians) + anchor.distance_m * math.sin(radians))
    return length, lever / length


def _tension(body: Body, band: BandPull, anchor: Anchor, angle: float) -> float:
    """The band's tension in N at `angle`. Our model: the tension rises in proportion to the
    band's stretch, from the rated minimum kneeling upright (90) to the rated maximum flat (0).
    Where in its range a band really is depends on its length and the set-up, which the app does
    not know; the estimate's range therefore carries the whole rated range."""
    upright, _ = _band_line(body, anchor, 90)
    flat, _ = _band_line(body, anchor, 0)
    length, _ = _band_line(body, anchor, angle)
    stretched = (length - upright) / (flat - upright)
    span = band.tension_max_kg - band.tension_min_kg
    return (band.tension_min_kg + span * stretched) * GRAVITY


def _flexor_moment(
    body: Body,
    band: BandPull | None,
    anchor: Anchor,
    angle: float,
    com_scale: float,
    tension_kg: float | None,
) -> float:
    """What the knee flexors of both legs hold at `angle`, N m (negative: the band holds it all)."""
    moment = _weight_moment(body) * com_scale * math.cos(math.radians(angle))
    if band is not None:
        tension = (
            _tension(body, band, anchor, angle) if tension_kg is None else tension_kg * GRAVITY
        )
        moment -= tension * _band_line(body, anchor, angle)[1]
    return moment


# The angles (every half degree) at which the way down from kneeling is read for its peak.
WAY_DOWN = [step / 2 for step in range(181)]


def _per_leg(
    body: Body,
    band: BandPull | None,
    anchor: Anchor,
    angle: float,
    *,
    com_scale: float = 1.0,
    strap_scale: float = 1.0,
    tension_kg: float | None = None,
) -> float:
    """The peak force per leg at the strap on the way down from kneeling to a break at `angle`,
    N, never below 0. A NordBord reports the peak of a rep, and the athlete held every angle
    above the break. The peak is at the break itself whenever the weight's moment grows faster
    than the band's as the athlete leans, as with every seed band at the default anchor; a band
    whose pull grows faster (a light athlete, a high anchor) can peak higher up. The keywords
    move one source of uncertainty at a time: the lever of the weight, the strap lever, and the
    band's tension fixed at a value in kg."""
    angles = [angle, *(above for above in WAY_DOWN if above > angle)]
    peak = max(_flexor_moment(body, band, anchor, above, com_scale, tension_kg) for above in angles)
    return max(0.0, peak / 2 / (body.strap_lever * strap_scale))


def _check_angle(break_angle: float) -> None:
    if not 0 <= break_angle <= 90:
        raise ValueError("the break angle runs from 0 (flat) to 90 (kneeling)")


def _nearby_angles(break_angle: float) -> tuple[float, float]:
    """The angle 8 degrees either side, kept within 0-90: (lower, higher)."""
    return max(0.0, break_angle - ANGLE_NOISE_DEGREES), min(90.0, break_angle + ANGLE_NOISE_DEGREES)


# Estimates are pure and each costs a few ms (the way down read every half degree, nine times):
# a squad's page reads the same tests again on every view.
@lru_cache(maxsize=4096)
def estimate(
    *, body: Body, break_angle: float, band: BandPull | None, anchor: Anchor = DEFAULT_ANCHOR
) -> Estimate:
    """The force per leg at the ankle strap for a break at `break_angle` on `band` (None:
    unassisted), with its range. Each source of uncertainty is moved to its extremes alone: the
    angle +-8 degrees (Lee 2018), d +-8%, the strap lever +-5% (unless measured), the band's
    tension anywhere in its rated range. The sources are independent, so their deviations below
    and above the point are each combined as a root sum of squares; the range therefore always
    contains the point."""
    _check_angle(break_angle)
    point = _per_leg(body, band, anchor, break_angle)
    lower_angle, higher_angle = _nearby_angles(break_angle)
    variants = [
        (
            _per_leg(body, band, anchor, higher_angle),
            _per_leg(body, band, anchor, lower_angle),
        ),
        (
            _per_leg(body, band, anchor, break_angle, com_scale=1 - COM_SPREAD),
            _per_leg(body, band, anchor, break_angle, com_scale=1 + COM_SPREAD),
        ),
    ]
    if body.shank_m is None:
        variants.append(
            (
                _per_leg(body, band, anchor, break_angle, strap_scale=1 + SHANK_SPREAD),
                _per_leg(body, band, anchor, break_angle, strap_scale=1 - SHANK_SPREAD),
            )
        )
    if band is not None:
        variants.append(
            (
                _per_leg(body, band, anchor, break_angle, tension_kg=band.tension_max_kg),
                _per_leg(body, band, anchor, break_angle, tension_kg=band.tension_min_kg),
            )
        )
    below = math.hypot(*(max(0.0, point - low) for low, _ in variants))
    above = math.hypot(*(max(0.0, high - point) for _, high in variants))
    return Estimate(newtons=point, low=max(0.0, point - below), high=point + above, both_legs=True)


def band_help(
    *, body: Body, band: BandPull, anchor: Anchor = DEFAULT_ANCHOR
) -> tuple[float, float]:
    """The band's help at horizontal (break angle 0) as a share of the body-weight knee moment
    there, at the low and the high end of its rated tension: 0.45 reads "about 45% of your
    weight's pull at the horizontal". At most 1: the band then carries the whole weight."""
    _, lever = _band_line(body, anchor, 0)
    weight = _weight_moment(body)

    def share(tension_kg: float) -> float:
        return min(1.0, tension_kg * GRAVITY * lever / weight)

    return share(band.tension_min_kg), share(band.tension_max_kg)


@lru_cache(maxsize=4096)
def smallest_real_change(
    *, body: Body, break_angle: float, band: BandPull | None, anchor: Anchor = DEFAULT_ANCHOR
) -> float:
    """The newtons that 8 degrees of angle (Lee 2018's between-session noise) make at this
    break: the larger of the two changes, 8 degrees lower and 8 degrees higher. A change in the
    estimate smaller than this may be noise."""
    _check_angle(break_angle)
    point = _per_leg(body, band, anchor, break_angle)
    return max(
        abs(_per_leg(body, band, anchor, angle) - point) for angle in _nearby_angles(break_angle)
    )


# Estimates are labelled unchecked until a club has this many pairs with its own NordBord.
MIN_PAIRS_CHECKED = 10


@dataclass(frozen=True)
class Agreement:
    """Bland-Altman agreement of estimates with NordBord tests, in N: estimate minus NordBord."""

    n: int
    mean_difference: float
    lower: float
    upper: float


def agreement(pairs: list[tuple[float, float]]) -> Agreement | None:
    """The mean difference and the 95% limits of agreement (mean +- 1.96 SD of the differences)
    of (estimate, NordBord) pairs; None below 2 pairs, where no spread can be read."""
    if len(pairs) < 2:
        return None
    differences = [estimated - measured for estimated, measured in pairs]
    mean = fmean(differences)
    spread = 1.96 * stdev(differences)
    return Agreement(n=len(pairs), mean_difference=mean, lower=mean - spread, upper=mean + spread)

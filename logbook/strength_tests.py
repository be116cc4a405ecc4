"""Recording strength tests: the row, its reading for the coach, and the flags it raises.
The thresholds are pure rules in `logbook.strength`."""

from dataclasses import dataclass

from django.db import transaction

from accounts.models import Team, User
from logbook import strength
from logbook.flags import flag_raise
from logbook.models import FlagKind, StrengthTest
from logbook.strength_estimates import (
    estimate_of,
    estimate_words,
    measured_tensions,
    squad_agreement,
)


def team_of(athlete, coach=None):
    """The athlete's active team (of `coach`, when given), the first joined should there be
    several, or None. One query."""
    memberships = athlete.memberships.filter(is_active=True).select_related("team")
    if coach is not None:
        memberships = memberships.filter(team__in=Team.objects.for_coach(coach))
    membership = memberships.order_by("pk").first()
    return membership.team if membership else None


def team_sport(athlete, coach=None) -> str:
    """The sport of the athlete's team (of `coach`, when given): the thresholds depend on it."""
    team = team_of(athlete, coach)
    return team.sport if team else "other"


def as_result(test: StrengthTest) -> strength.Result:
    return strength.Result(
        on=test.on_date,
        method=strength.Method(test.method),
        phase=strength.Phase(test.phase),
        left=float(test.left),
        right=None if test.right is None else float(test.right),
        body_mass_kg=None if test.body_mass_kg is None else float(test.body_mass_kg),
    )


def reading_of(test: StrengthTest, earlier: list[StrengthTest], sport: str) -> strength.Reading:
    return strength.read(
        as_result(test),
        earlier=[as_result(other) for other in earlier if other.method == test.method],
        sport=strength.Sport(sport),
    )


@transaction.atomic
def strength_test_record(*, athlete, entered_by, sport: str, **fields) -> StrengthTest:
    """Store one test and raise the flags its reading calls for (low strength, a drop larger
    than the device's noise, an imbalance of 15% or more)."""
    test = StrengthTest.objects.create(athlete=athlete, entered_by=entered_by, **fields)
    # All of them: the rules pick the 6 months they compare with, and a distance's baseline
    # is the athlete's first distance ever.
    earlier = list(
        StrengthTest.objects.filter(
            athlete=athlete, method=test.method, on_date__lte=test.on_date
        ).exclude(pk=test.pk)
    )
    for draft in reading_of(test, earlier, sport).flags:
        flag_raise(
            athlete=athlete,
            kind=FlagKind(draft.kind),
            detail=f"{test.get_method_display().split(':')[0]} {test.on_date:%-d %b}: "
            f"{draft.detail}",
        )
    return test


@dataclass(frozen=True)
class TestRead:
    """One test as the athlete's and the coach's pages show it."""

    test: StrengthTest
    reading: strength.Reading
    estimate: str  # a break-point test's strength estimate in words (or why there is none)

    @property
    def method(self) -> str:
        """'NordBord', 'Break-point angle': the method's label without its unit."""
        return self.test.get_method_display().split(":")[0].split(" (")[0]


def tests_read(athlete, *, team=None, sport: str | None = None) -> list[TestRead]:
    """The athlete's tests, oldest first, each read against the ones before in `sport`, with a
    break-point test's estimate labelled by how the squad's estimates (`team`'s) compared with
    its NordBord. Without a sport (the athlete's own page) the team and sport are the
    athlete's, read only when there are tests. One query; with tests, one for the team where
    it is read, one for the squad's tests when an estimate is shown, and one for the coach's
    band measurements when a break-point test was done on a band."""
    tests = list(
        StrengthTest.objects.filter(athlete=athlete)
        .select_related("band")
        .order_by("on_date", "id")
    )
    if tests and sport is None:
        team = team_of(athlete)
        sport = team.sport if team else "other"
    coach_id = team.coach_id if team is not None else None
    checked, squad_tests = None, []
    if team is not None and any(estimate_of(test) for test in tests):
        squad = User.objects.filter(memberships__team=team, memberships__is_active=True)
        squad_tests = list(StrengthTest.objects.filter(athlete__in=squad).select_related("band"))
    # The coach's own band measurements, read once for the athlete's tests and the squad's.
    measured_tensions([*tests, *squad_tests], coach_id=coach_id)
    if squad_tests:
        checked = squad_agreement(squad_tests)
    found = []
    for index, test in enumerate(tests):
        earlier = [other for other in tests[:index] if other.method == test.method]
        found.append(
            TestRead(test, reading_of(test, earlier, sport), estimate_words(test, checked))
        )
    return found

"""A plan finds its athlete's match days under whoever of the club assigned it: a team handed
to another coach, or a plan assigned by a coach the team was given, still moves its match-day
workouts; another club's coach of the same athlete finds none of this club's matches."""

from datetime import date

from accounts.clubs import Staff, StaffRole, TeamStaff
from programs.dating import fixtures_of
from programs.models import Fixture
from tests.coaching.athletes import assign
from tests.conftest import make_user

SATURDAY = date(2026, 12, 5)


def test_match_days_follow_the_club_not_the_teams_lead(library, coach, team, athlete, other_coach):
    Fixture.objects.create(team=team, date=SATURDAY, label="v Rovers")
    assignment = assign(athlete, coach)
    successor = make_user("tariq")
    Staff.objects.create(user=successor, club=coach.seat.club, role=StaffRole.COACH)
    given = make_user("sam")
    Staff.objects.create(user=given, club=coach.seat.club, role=StaffRole.COACH)
    TeamStaff.objects.create(team=team, user=given)
    team.coach = successor  # handed over
    team.save(update_fields=["coach"])

    found = fixtures_of([assignment])

    assert found[(athlete.pk, coach.pk)] == [SATURDAY]  # the plan's assigning coach
    assert found[(athlete.pk, successor.pk)] == [SATURDAY]
    assert found[(athlete.pk, given.pk)] == [SATURDAY]
    assert (athlete.pk, other_coach.pk) not in found

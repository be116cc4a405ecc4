"""The migration to clubs on the data of a deployment from before: one club per coach (anyone
marked coach, or leading a team, or who wrote programs), its head; their teams and programs
the club's; a coach who was no longer one keeps an inactive seat, so what they made stays
someone's and they see nothing; library programs stay nobody's."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.clubs import Staff
from accounts.models import Team, User
from programs.models import Program

BEFORE = [("accounts", "0008_user_height"), ("programs", "0017_assignment_overrides")]


@pytest.mark.django_db(transaction=True)
def test_each_coach_heads_a_club_of_their_own_with_their_teams_and_programs():
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps
        OldUser = old.get_model("accounts", "User")
        OldTeam = old.get_model("accounts", "Team")
        OldProgram = old.get_model("programs", "Program")

        def person(username, **fields):
            return OldUser.objects.create(username=username, email=f"{username}@x.org", **fields)

        cora = person("cora", first_name="Cora", is_coach=True)
        person("lone", is_coach=True)  # a coach with no team yet
        former = person("former", first_name="Fay", is_coach=False)  # still leads a team
        writer = person("writer", is_coach=False)  # wrote a program, nothing else
        person("alex")  # an athlete
        OldTeam.objects.create(coach=cora, name="Squad")
        OldTeam.objects.create(coach=former, name="Old squad")
        OldProgram.objects.create(title="Cora's", slug="coras", owner=cora, is_template=True)
        OldProgram.objects.create(title="Writer's", slug="writers", owner=writer)
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

    seats = {
        seat.user.username: (seat.club.name, seat.role, seat.is_active)
        for seat in Staff.objects.select_related("user", "club")
    }
    assert seats == {
        "cora": ("Cora's club", "owner", True),
        "lone": ("lone's club", "owner", True),
        "former": ("Fay's club", "owner", False),
        "writer": ("writer's club", "owner", False),
    }
    assert {team.name: team.club.name for team in Team.objects.select_related("club")} == {
        "Squad": "Cora's club",
        "Old squad": "Fay's club",
    }
    owned = Program.objects.filter(owner__isnull=False).select_related("club")
    assert {program.slug: program.club.name for program in owned} == {
        "coras": "Cora's club",
        "writers": "writer's club",
    }
    assert not Program.objects.filter(owner__isnull=True, club__isnull=False).exists()
    assert User.objects.get(username="cora").is_coach
    assert not User.objects.get(username="former").is_coach
    assert not User.objects.get(username="alex").is_coach

"""Issue 24, points 6 and 7, the database's side: whatever a form lets through, PostgreSQL
refuses a body mass outside 20-300 kg, a typed date outside 2000-2100, and control characters
in the names that reach mail headers. The migrations mend older rows before adding the rules."""

import importlib
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from accounts.models import Team, User
from catalogue.models import Exercise
from logbook.models import StrengthTest
from programs import services
from programs.assignments import program_assign
from programs.models import Assignment, Fixture, Prescription, Workout

pytestmark = pytest.mark.usefixtures("catalogue")
CONTROL = [
    "Mia\r\nBcc: all@example.com",
    "Mia\n",
    "Tab\there",
    "Bell\x07",
    "Del\x7f",
    "Nel\x85",
    "Line\u2028separator",
]
PLAIN = ["Zoë O'Brien-Łukasz", "Ngāti Porou 🏉", "Rovers (away), 3 pm"]


def refused(write) -> bool:
    try:
        with transaction.atomic():
            write()
    except IntegrityError:
        return True
    return False


@pytest.fixture
def assignment(coach, athlete):
    program = services.program_create(owner=coach, title="Block")
    week = services.week_add(program=program)
    workout = Workout.objects.create(week=week, day=1, title="Day 1")
    Prescription.objects.create(
        workout=workout, exercise=Exercise.objects.get(slug="banded-squat"), reps_min=8
    )
    return program_assign(
        template=program, athlete=athlete, start_date=date(2026, 11, 16), by=coach
    )


def test_a_body_mass_outside_20_to_300_kg_is_refused(athlete, coach):
    def user_mass(kg):
        return lambda: User.objects.filter(pk=athlete.pk).update(body_mass_kg=Decimal(kg))

    def test_mass(kg):
        return lambda: StrengthTest.objects.create(
            athlete=athlete,
            entered_by=coach,
            on_date=date(2026, 11, 20),
            phase="in_season",
            method="nordbord",
            left=300,
            right=300,
            body_mass_kg=Decimal(kg),
        )

    for write in (user_mass, test_mass):
        assert refused(write("1")) and refused(write("19.9")) and refused(write("300.1"))
        assert not refused(write("20")) and not refused(write("300"))


def test_a_typed_date_outside_2000_to_2100_is_refused(team, athlete, coach, assignment):
    def fixture_on(day):
        return lambda: Fixture.objects.create(team=team, date=day)

    def test_on(day):
        return lambda: StrengthTest.objects.create(
            athlete=athlete,
            entered_by=coach,
            on_date=day,
            phase="in_season",
            method="distance",
            left=40,
        )

    def start_on(day):
        return lambda: Assignment.objects.filter(pk=assignment.pk).update(start_date=day)

    for write in (fixture_on, test_on, start_on):
        for day in (date(1, 1, 1), date(1999, 12, 31), date(2101, 1, 1), date(9999, 12, 31)):
            assert refused(write(day)), (write, day)
        for day in (date(2000, 1, 1), date(2100, 12, 31)):
            assert not refused(write(day)), (write, day)
            Fixture.objects.all().delete()


def test_control_characters_in_names_that_reach_mail_headers_are_refused(team, coach):
    workout = Workout.objects.create(
        week=services.week_add(program=services.program_create(owner=coach, title="P")),
        day=1,
        title="Day 1",
    )
    writes = {
        "team name": lambda text: Team.objects.filter(pk=team.pk).update(name=text),
        "first name": lambda text: User.objects.filter(pk=coach.pk).update(first_name=text),
        "last name": lambda text: User.objects.filter(pk=coach.pk).update(last_name=text),
        "match label": lambda text: Fixture.objects.create(
            team=team, date=date(2026, 12, 5), label=text
        ),
        "workout title": lambda text: Workout.objects.filter(pk=workout.pk).update(title=text),
    }
    for what, write in writes.items():
        for text in CONTROL:
            assert refused(lambda write=write, text=text: write(text)), (what, text)
        for text in PLAIN:
            assert not refused(lambda write=write, text=text: write(text)), (what, text)
            Fixture.objects.all().delete()


def test_a_models_own_check_names_the_rule_in_words(coach):
    coach.first_name = "Cora\r\nBcc: x"
    with pytest.raises(ValidationError) as error:
        coach.validate_constraints()
    assert error.value.messages == ["No line breaks, tabs or other control characters."]


def mend(app: str, migration: str) -> None:
    module = importlib.import_module(f"{app}.migrations.{migration}")
    module.mend_rows(apps, None)


def without(model, *names):
    """Drop the model's named constraints for this test's transaction (DDL rolls back)."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no foreign key check left pending
        for name in names:
            cursor.execute(f"ALTER TABLE {model._meta.db_table} DROP CONSTRAINT {name}")


def add_back(model, *names):
    """Add the constraints again as the migration does: PostgreSQL checks every row."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with connection.schema_editor(atomic=False) as editor:
        for constraint in model._meta.constraints:
            if constraint.name in names:
                editor.add_constraint(model, constraint)


def test_the_migrations_mend_rows_that_break_the_new_rules(coach, team, athlete, assignment):
    user_rules = ("accounts_user_body_mass_range", "accounts_user_first_name_no_control_characters")
    team_rules = ("accounts_team_name_no_control_characters",)
    fixture_rules = ("programs_fixture_date_range", "programs_fixture_label_no_control_characters")
    start_rules = ("programs_assignment_start_date_range",)
    test_rules = ("logbook_strengthtest_body_mass_range", "logbook_strengthtest_on_date_range")
    without(User, *user_rules)
    without(Team, *team_rules)
    without(Fixture, *fixture_rules)
    without(Assignment, *start_rules)
    without(StrengthTest, *test_rules)
    User.objects.filter(pk=athlete.pk).update(body_mass_kg=1, first_name="Alex\r\nBcc: x")
    Team.objects.create(coach=coach, name="Squad 2")
    Team.objects.filter(pk=team.pk).update(name="Squad\n2")  # mends into a name that is taken
    Fixture.objects.create(team=team, date=date(9999, 12, 31))
    Fixture.objects.create(team=team, date=date(2026, 12, 5), label="v Rovers\r\n")
    Assignment.objects.filter(pk=assignment.pk).update(start_date=date(1, 1, 1))
    test = StrengthTest.objects.create(
        athlete=athlete,
        entered_by=coach,
        on_date=date(1, 1, 1),
        phase="in_season",
        method="distance",
        left=40,
        body_mass_kg=1,
    )

    mend("accounts", "0006_history_protected")
    mend("programs", "0010_history_protected")
    mend("logbook", "0014_history_protected")
    add_back(User, *user_rules)
    add_back(Team, *team_rules)
    add_back(Fixture, *fixture_rules)
    add_back(Assignment, *start_rules)
    add_back(StrengthTest, *test_rules)

    athlete.refresh_from_db()
    assert (athlete.body_mass_kg, athlete.first_name) == (None, "Alex Bcc: x")
    assert Team.objects.get(pk=team.pk).name == f"Squad 2 ({team.pk})"
    assert list(Fixture.objects.values_list("date", "label")) == [(date(2026, 12, 5), "v Rovers")]
    assignment.refresh_from_db()
    test.refresh_from_db()
    assert assignment.start_date == timezone.localdate(assignment.created_at)
    assert (test.on_date, test.body_mass_kg) == (timezone.localdate(test.created_at), None)

"""The inputs of issue 24 sent as an attacker (or a slipping thumb) would: absurd dates, numbers
past 2**31, negative and non-numeric values, CR/LF and other control characters in names and
labels, a squad form claiming 100,000 rows, `?n=` occurrences no calendar holds; the forms the
issue added or mended too (staff's coach invite, the check-in, a Nordic start asked first). Nothing
answers 5xx, no absurd row is stored, and every row still passes `full_clean()`."""

from datetime import date
from urllib.parse import urlparse

import pytest
from django.test import Client

from accounts import coach_invites
from accounts.models import Team, User
from logbook.models import StrengthTest, WorkoutLog
from programs.models import Fixture, Workout
from tests.hardening.rows import every_model_row_is_valid
from web.params import FIXTURE_DATES, STRENGTH_TEST_DATES

pytestmark = pytest.mark.long

TODAY = date(2026, 11, 18)  # the hardening clock (conftest)
HOSTILE = [
    "9999-12-31",
    "0001-01-01",
    "31/12/9999",
    "1/1/0002",
    "2147483648",
    "-2147483649",
    "99999999",
    "-1",
    "abc",
    "1e309",
    "a\r\nBcc: x@example.com",
    "a\tb",
    "a\x85b",
    "\x01",
]


def hostile_posts(world) -> list[tuple[str, str, dict]]:
    """(who, url, a valid post) for each form that takes a date, a mass, a name or a label."""
    team, athlete = world["team"].pk, world["assignment"].athlete_id
    return [
        ("coach", f"/coach/teams/{team}/fixtures/add/", {"date": "2026-12-12", "label": "v Town"}),
        (
            "coach",
            f"/coach/fixtures/{world['fixture'].pk}/edit/",
            {"date": "2026-12-19", "label": "v City"},
        ),
        ("coach", f"/coach/teams/{team}/fixtures/paste/", {"lines": "2026-12-26 v Rovers"}),
        (
            "coach",
            f"/coach/athletes/{athlete}/strength-tests/",
            {
                "on_date": "2026-11-17",
                "phase": "in_season",
                "method": "nordbord",
                "left": "300",
                "right": "290",
                "body_mass": "80",
            },
        ),
        (
            "coach",
            f"/coach/teams/{team}/strength-tests/",
            {
                "on_date": "2026-11-17",
                "phase": "in_season",
                "row-TOTAL_FORMS": "1",
                "row-INITIAL_FORMS": "1",
                "row-0-athlete": athlete,
                "row-0-method": "nordbord",
                "row-0-left": "300",
                "row-0-right": "290",
                "row-0-body_mass": "80",
            },
        ),
        ("coach", "/coach/teams/", {"name": "Second squad"}),
        (
            "athlete",
            "/accounts/settings/",
            {"units": "lb", "timezone": "Europe/London", "body_mass": "180"},
        ),
        (
            "anonymous",
            f"/accounts/invite/{world['invite'].token}/",
            {
                "username": "newbie",
                "first_name": "Nia",
                "email": "new@example.com",
                "password1": "a long enough pass 91",
                "password2": "a long enough pass 91",
            },
        ),
        (
            "anonymous",
            world["coach_invite"],
            {
                "username": "noor",
                "first_name": "Noor",
                "password1": "a long enough pass 91",
                "password2": "a long enough pass 91",
            },
        ),
        (
            "coach",
            "/coach/messages/announce/",
            {
                "team": team,
                "body": "Extra Nordics this week",
                "include_return_to_play": "on",
            },
        ),
        ("staff", "/admin/accounts/user/invite-coach/", {"email": "sam@club.example"}),
        (
            "athlete",
            f"/workouts/{world['workout'].pk}/check-in/",
            {"soreness": "2", "sleep": "4", "fatigue": "3", "stress": "2", "mood": "5"},
        ),
        ("athlete", f"/workouts/{world['maintenance'].pk}/start/", {"anyway": "1"}),
    ]


@pytest.fixture
def fixture_and_maintenance(world, coach):
    world["fixture"] = Fixture.objects.create(team=world["team"], date=date(2026, 12, 5))
    world["coach_invite"] = urlparse(
        coach_invites.coach_invite_send(
            email="noor@club.example", invited_by=coach, base_url="http://testserver/"
        )
    ).path
    world["maintenance"] = Workout.objects.get(
        week__program=world["copy"], week__is_maintenance=True
    )
    return world


def clients_for(coach, athlete, staff) -> dict[str, Client]:
    clients = {"anonymous": Client(), "athlete": Client(), "coach": Client(), "staff": Client()}
    clients["athlete"].force_login(athlete)
    clients["coach"].force_login(coach)
    clients["staff"].force_login(staff)
    return clients


@pytest.mark.django_db
def test_dates_numbers_and_names_from_an_attacker_land_no_absurd_row(
    fixture_and_maintenance, coach, athlete, staff, settings
):
    world = fixture_and_maintenance
    settings.AXES_ENABLED = False
    clients = clients_for(coach, athlete, staff)
    server_errors = []
    for who, url, valid in hostile_posts(world):
        for name in valid:
            for value in HOSTILE:
                response = clients[who].post(url, {**valid, name: value})
                if response.status_code >= 500:
                    server_errors.append((url, name, value))
                if who == "anonymous":
                    clients[who] = Client()  # a sign-up logs in: the next one starts afresh
    # The squad form told it holds 100,000 rows (or 2**31, or a negative number of them).
    squad = dict(hostile_posts(world)[4][2])
    for total in ("100000", "2147483648", "-1", "abc"):
        response = clients["coach"].post(
            f"/coach/teams/{world['team'].pk}/strength-tests/", {**squad, "row-TOTAL_FORMS": total}
        )
        assert response.status_code < 500 and len(response.content) < 200_000, total
    # Occurrences: shown, logged, finished, skipped.
    maintenance = world["maintenance"].pk
    for n in ("2", "3000", "100000", "99999999", "2147483648", "9" * 18, "9" * 40, "-1", "abc"):
        for method, path in (
            ("get", f"/workouts/{maintenance}/"),
            ("post", f"/workouts/{maintenance}/sets/"),
            ("post", f"/workouts/{maintenance}/finish/"),
            ("post", f"/workouts/{maintenance}/skip/"),
            ("post", f"/workouts/{maintenance}/check-in/"),
            ("post", f"/workouts/{maintenance}/start/"),
        ):
            response = getattr(clients["athlete"], method)(f"{path}?n={n}", {"rpe": 7, "pain": 0})
            if response.status_code >= 500:
                server_errors.append((path, "n", n))
    assert server_errors == []
    assert not WorkoutLog.objects.filter(occurrence__gt=2).exists()
    for fixture in Fixture.objects.all():
        assert FIXTURE_DATES.problem(fixture.date, TODAY) is None, fixture.date
    for test in StrengthTest.objects.all():
        assert STRENGTH_TEST_DATES.problem(test.on_date, TODAY) is None, test.on_date
        assert test.body_mass_kg is None or 20 <= test.body_mass_kg <= 300
    for text in [
        *Team.objects.values_list("name", flat=True),
        *User.objects.values_list("first_name", flat=True),
        *Fixture.objects.values_list("label", flat=True),
    ]:
        assert not any(ord(c) < 32 or 127 <= ord(c) < 160 for c in text), repr(text)
    assert every_model_row_is_valid() == []

"""Every form of the app posted with hostile values: digits that are not ASCII, NUL bytes,
1 MB strings, huge and negative numbers, blanks, missing fields. Nothing answers 5xx, and no
row the models would refuse reaches the database."""

import uuid

import pytest
from django.test import Client

from catalogue.models import Band, Exercise
from logbook.models import WorkoutLog
from tests.hardening.rows import every_model_row_is_valid

pytestmark = pytest.mark.long

HOSTILE = ["²", "٣", "1\x00", "\x00", "x" * 1_000_000, "9" * 40, "-1", "", " "]
MISSING = object()


def forms_of(world) -> list[tuple[str, str, dict]]:
    """(who, url, a valid post) for every form."""
    w = world
    exercise = Exercise.objects.get(slug="band-assisted-nordic-curl")
    green = Band.objects.get(name="Green").pk
    p, copy = w["prescription"], w["copy"].pk
    set_row = {
        "token": str(uuid.uuid4()),
        "prescription": p.pk,
        "set_number": 2,
        "side": "both",
        "reps": 10,
        "band": green,
        "rpe": 7,
    }
    prescription = {
        "exercise": exercise.pk,
        "sets": 3,
        "target": "12/10/8",
        "per_side": "",
        "tempo": "3-0-1",
        "rest_seconds": 90,
        "rpe_target": 8,
        "band": green,
        "notes": "Slow down",
    }
    finish = {"rpe": 7, "pain": 1, "notes": "Good"}
    match = {"date": "2026-12-12", "label": "v Town"}
    strength_test = {
        "on_date": "2026-11-17",
        "phase": "in_season",
        "method": "nordbord",
        "left": "300",
        "right": "290",
        "body_mass": "80",
    }
    squad_tests = {
        "on_date": "2026-11-17",
        "phase": "in_season",
        "row-TOTAL_FORMS": "1",
        "row-INITIAL_FORMS": "1",
        "row-0-athlete": w["assignment"].athlete_id,
        "row-0-method": "nordbord",
        "row-0-left": "300",
        "row-0-right": "290",
        "row-0-body_mass": "80",
    }
    return [
        ("athlete", f"/workouts/{w['workout'].pk}/sets/", set_row),
        ("athlete", f"/sets/{w['set'].pk}/edit/", {"reps": 11, "seconds": "", "band": green}),
        ("athlete", f"/workouts/{w['workout'].pk}/finish/", finish),
        (
            "athlete",
            f"/free/{w['free'].pk}/",
            {"token": str(uuid.uuid4()), "exercise": exercise.pk, "reps": 5, "band": ""},
        ),
        ("athlete", f"/free/{w['free'].pk}/finish/", finish),
        (
            "athlete",
            "/free/new/",
            {"token": str(uuid.uuid4()), "exercise": exercise.pk, "reps": 5, "band": ""},
        ),
        (
            "athlete",
            "/accounts/settings/",
            {"units": "lb", "timezone": "Europe/London", "body_mass": "160.5"},
        ),
        ("athlete", "/bands/mine/", {"bands": [green]}),
        ("athlete", "/messages/", {"body": "Sore today", "workout_log": w["log"].pk}),
        ("coach", f"/coach/athletes/{w['log'].athlete_id}/messages/", {"body": "Rest it"}),
        ("coach", "/coach/messages/announce/", {"team": w["team"].pk, "body": "Match Saturday"}),
        ("coach", "/coach/teams/", {"name": "Second squad"}),
        ("coach", f"/coach/teams/{w['team'].pk}/invite/", {"emails": "someone@example.com"}),
        ("coach", "/programs/new/", {"title": "Block", "summary": "S", "goal": "G"}),
        ("coach", f"/programs/{copy}/details/", {"title": "Block", "summary": "S", "goal": "G"}),
        ("coach", f"/programs/{copy}/weeks/{w['week'].pk}/", {"focus": "Build", "is_deload": ""}),
        ("coach", f"/programs/{copy}/weeks/{w['week'].pk}/move/", {"direction": "down"}),
        ("coach", f"/programs/{copy}/weeks/{w['week'].pk}/duplicate/", {"band_step": "1"}),
        (
            "coach",
            f"/programs/{copy}/weeks/{w['week'].pk}/workouts/add/",
            {"day": 2, "title": "Extra", "notes": ""},
        ),
        (
            "coach",
            f"/programs/{copy}/workouts/{w['workout'].pk}/",
            {"day": 1, "title": "Day 1", "notes": ""},
        ),
        ("coach", f"/programs/{copy}/workouts/{w['workout'].pk}/prescriptions/add/", prescription),
        ("coach", f"/programs/{copy}/prescriptions/{p.pk}/", prescription),
        ("coach", f"/programs/{copy}/prescriptions/{p.pk}/move/", {"direction": "up"}),
        (
            "coach",
            f"/programs/{copy}/rules/",
            {
                "exercise": exercise.pk,
                "mode": "earned",
                "start_band": green,
                "step_weeks": 2,
                "sessions_to_advance": 3,
                "rpe_ceiling": 8,
                "pain_stop": 5,
            },
        ),
        (
            "coach",
            f"/programs/{w['nordic'].pk}/assign/",
            {"target": f"team-{w['team'].pk}", "start_date": "2026-12-07"},
        ),
        ("coach", f"/coach/tracks/{w['track'].pk}/band/", {"band": green, "reason": "Felt easy"}),
        ("coach", f"/coach/logs/{w['log'].pk}/comments/", {"body": "Well done"}),
        ("coach", f"/coach/teams/{w['team'].pk}/fixtures/add/", match),
        ("coach", f"/coach/teams/{w['team'].pk}/fixtures/paste/", {"lines": "2026-12-19 v City"}),
        ("coach", f"/coach/athletes/{w['assignment'].athlete_id}/strength-tests/", strength_test),
        ("coach", f"/coach/teams/{w['team'].pk}/strength-tests/", squad_tests),
        ("anonymous", "/accounts/login/", {"username": "athlete", "password": "wrong"}),
        ("anonymous", "/accounts/password-reset/", {"email": "athlete@example.com"}),
        (
            "anonymous",
            f"/accounts/invite/{w['invite'].token}/",
            {
                "username": "newbie",
                "first_name": "N",
                "email": "new@example.com",
                "password1": "a long enough pass 91",
                "password2": "a long enough pass 91",
            },
        ),
    ]


QUERIES = [
    ("athlete", "/workouts/{workout}/", ["extra", "n"]),
    ("athlete", "/history/", ["page"]),
    ("anonymous", "/exercises/", ["q", "pattern", "band_role", "anchor"]),
    ("coach", "/coach/", ["team", "sort", "page"]),
    ("coach", "/programs/{copy}/rules/", ["exercise"]),
    ("coach", "/programs/{nordic}/assign/", ["target", "start_date"]),
]


@pytest.mark.django_db
def test_every_form_survives_hostile_values(world, coach, athlete, settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    settings.AXES_ENABLED = False  # a lockout is a 429, which is fine, but hides the form
    clients = {"anonymous": Client(), "athlete": Client(), "coach": Client()}
    clients["athlete"].force_login(athlete)
    clients["coach"].force_login(coach)
    server_errors = []
    for who, url, valid in forms_of(world):
        variants = [{name: MISSING} for name in valid] + [
            {name: value} for name in valid for value in HOSTILE
        ]
        for number, change in enumerate(variants):
            data = {**valid, **change}
            data = {name: value for name, value in data.items() if value is not MISSING}
            # Every other variant as htmx sends it: both branches of each view are hit.
            headers = {"HX-Request": "true"} if number % 2 else {}
            response = clients[who].post(url, data, headers=headers)
            if response.status_code >= 500:
                server_errors.append((url, change_summary(change), response.status_code))
        if who != "anonymous":
            clients[who].force_login(coach if who == "coach" else athlete)  # a form may log out
    names = {"workout": world["workout"].pk, "copy": world["copy"].pk, "nordic": world["nordic"].pk}
    for who, url, params in QUERIES:
        for name in params:
            for value in HOSTILE:
                response = clients[who].get(url.format(**names), {name: value})
                if response.status_code >= 500:
                    server_errors.append((url, change_summary({name: value}), response.status_code))
    assert server_errors == []
    assert every_model_row_is_valid() == []
    assert WorkoutLog.objects.filter(rpe__gt=10).count() == 0


def change_summary(change: dict) -> str:
    [(name, value)] = change.items()
    return f"{name}={'<missing>' if value is MISSING else repr(value[:12])}"

"""The hostile sweep (`test_hostile_dates_and_names`) over the forms of issues 27 and 28: an
athlete's own plan (a dose, a move, an exercise left out), a coach's band measurement, the
athlete's own break-point test and the coach's with its band and height. Nothing answers 5xx
and every row still passes `full_clean()`. A file of its own, so a second worker runs it
beside the first sweep."""

import pytest

from catalogue.models import Band
from tests.hardening.rows import every_model_row_is_valid
from tests.hardening.test_hostile_dates_and_names import HOSTILE, clients_for

pytestmark = pytest.mark.long


def hostile_posts(world) -> list[tuple[str, str, dict]]:
    plan = f"/coach/assignments/{world['assignment'].pk}/plan"
    prescription = world["workout"].prescriptions.first().pk
    green = Band.objects.get(name="Green").pk
    test = {"on_date": "2026-11-17", "phase": "in_season", "left": "40", "band": green}
    test |= {"body_mass": "80", "height_cm": "180"}
    return [
        ("coach", f"{plan}/dose/", {"prescription": prescription, "sets": "2", "reps": "5"}),
        ("coach", f"{plan}/move/", {"workout": world["workout"].pk, "day": "3", "match_day": "-4"}),
        ("coach", f"{plan}/leave-out/", {"prescription": prescription, "note": "Strained"}),
        (
            "coach",
            f"/bands/{green}/measurement/",
            {"tension": "20", "length_cm": "120", "measured_on": "2026-11-17"},
        ),
        ("athlete", "/progress/tests/", test),
        (
            "coach",
            f"/coach/athletes/{world['assignment'].athlete_id}/strength-tests/",
            test | {"method": "breakpoint"},
        ),
    ]


@pytest.mark.django_db
def test_the_plan_and_strength_forms_survive_hostile_values(world, coach, athlete, staff):
    clients = clients_for(coach, athlete, staff)
    server_errors = []
    for who, url, valid in hostile_posts(world):
        assert clients[who].post(url, valid).status_code < 400, url  # the valid post is valid
        for name in valid:
            for value in HOSTILE:
                if clients[who].post(url, {**valid, name: value}).status_code >= 500:
                    server_errors.append((url, name, value))
    assert server_errors == []
    assert every_model_row_is_valid() == []

from datetime import UTC, date, datetime

import pytest

from logbook.charts import volume_chart
from tests.logbook.test_finish import do_every_set, finish

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture(autouse=True)
def monday_16_november(time_machine):
    time_machine.move_to(datetime(2026, 11, 16, 18, tzinfo=UTC), tick=False)


def test_it_shows_the_band_ladder_and_weekly_volume(athlete_client, first_workout):
    do_every_set(athlete_client, first_workout)
    finish(athlete_client, first_workout)
    response = athlete_client.get("/progress/")
    assert response.status_code == 200
    assert "Band-assisted Nordic curl: green since 16 Nov" in response.text
    # 12 + 10 + 8 reps on the Nordic, 2 x 30 s on the hold, in the week of 16 Nov.
    assert "Weekly volume, reps: 30 over 12 weeks" in response.text
    assert "Weekly volume, seconds: 60 over 12 weeks" in response.text


def test_it_requires_login(client):
    assert client.get("/progress/")["Location"] == "/accounts/login/?next=/progress/"


def test_it_shows_only_the_athletes_own_tracks(client, outsider, assignment):
    client.force_login(outsider)
    response = client.get("/progress/")
    assert response.context["charts"] == []
    assert "No band tracks yet" in response.text


def test_the_query_count_does_not_grow_with_workouts(
    athlete_client, assignment, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        athlete_client.get("/progress/")


def test_the_volume_chart_draws_a_bar_a_week_and_escapes_its_label():
    svg = volume_chart(weeks=[(date(2026, 11, 2), 10), (date(2026, 11, 9), 0)], unit="<reps>")
    assert svg.count("<rect") == 2
    assert "&lt;reps&gt;" in svg and "<reps>" not in svg
    assert volume_chart(weeks=[], unit="reps") == ""

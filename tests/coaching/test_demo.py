"""The demo data is replayed through the same services and engine as the app, so the demo
athletes' histories look like real people's."""

import io
from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from accounts.models import User
from logbook.models import Message, PainStop, SetLog
from programs.models import Assignment, BandChange


@pytest.fixture
def demo(db, time_machine):
    time_machine.move_to(datetime(2026, 11, 23, 9, tzinfo=UTC), tick=False)
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_the_diligent_athlete_is_mid_way_on_the_purple_band(demo):
    assignment = Assignment.objects.get(athlete__username="athlete")
    track = assignment.tracks.get()
    assert track.band.name == "Purple"
    [advance] = BandChange.objects.filter(track=track, decided_by="engine")
    assert advance.action == "advance" and advance.to_band.name == "Purple"
    assert advance.reason.startswith("3 sessions in a row with every rep done and controlled")
    controls = set(
        SetLog.objects.filter(workout_log__athlete=assignment.athlete).values_list(
            "control", flat=True
        )
    )
    assert controls == {"full", "late"}  # a few breaks near the floor


def test_the_other_athlete_stopped_for_pain_and_the_coach_answered(demo):
    assignment = Assignment.objects.get(athlete__username="athlete2")
    [stop] = PainStop.objects.filter(workout_log__athlete=assignment.athlete)
    assert (stop.kind, stop.side, stop.exercise.slug) == (
        "sharp",
        "left",
        "band-assisted-nordic-curl",
    )
    assert stop.answered_by.username == "coach"
    assert (
        Message.objects.get(workout_log=stop.workout_log, kind="message").author.username == "coach"
    )
    regress = BandChange.objects.get(track__assignment=assignment, action="regress")
    assert regress.to_band.name == "Blue" and regress.reason.startswith("You stopped for pain")


def test_running_it_again_duplicates_nothing(demo):
    def counts():
        return [model.objects.count() for model in (SetLog, BandChange, PainStop, Message)]

    before = counts()
    call_command("demo", stdout=io.StringIO())
    assert counts() == before


def test_the_athlete_has_a_conversation_with_the_coach(demo, client):
    client.force_login(User.objects.get(username="athlete"))
    thread = client.get("/messages/").text
    assert "Match on Saturday" in thread
    assert "Soreness after Nordics is normal and is not pain" in thread


def test_the_squad_looks_like_a_real_monday(demo, client):
    from accounts.models import User
    from logbook.models import Flag, StrengthTest

    client.force_login(User.objects.get(username="coach"))
    response = client.get("/coach/")
    rows = response.context["page"].paginator.count
    assert rows == 12
    assert StrengthTest.objects.count() == 31  # a season of three tests for ten, one for Alex
    kinds = set(Flag.objects.open().values_list("kind", flat=True))
    assert {"low_strength", "strength_drop", "imbalance", "missed_week"} <= kinds
    first = response.context["rows"][0]
    assert first.flags  # flagged athletes come first
    assert "Nordic compliance, last 4 weeks:" in response.text


def test_the_season_has_fixtures_and_an_athlete_in_return_to_play(demo, client):
    from programs.models import Fixture, StageOpening

    assert Fixture.objects.filter(team__name="Demo squad").count() == 13  # 4 back, 9 ahead
    assert {f.date.weekday() for f in Fixture.objects.all()} == {5}  # Saturdays
    rehab = Assignment.objects.get(athlete__username="robin", status="active")
    assert Assignment.objects.get(athlete__username="robin", status="cancelled").template.slug == (
        "band-assisted-nordic"
    )
    assert rehab.template.slug == "return-to-play-l-protocol"
    done = rehab.logs.filter(completed_at__isnull=False)
    assert done.count() == 8 and max(done.values_list("pain", flat=True)) <= 2
    assert not StageOpening.objects.exists()  # stage 1: the coach has signed nothing off
    client.force_login(User.objects.get(username="coach"))
    page = client.get(f"/coach/athletes/{rehab.athlete_id}/").text
    assert "Stage 1 of 4" in page and "10 sessions done in this stage (8 so far)" in page

"""The demo data is replayed through the same services and engine as the app, so the demo
athletes' histories look like real people's.

The demo is loaded once for the class (it replays some 130 sessions through the engine, most
of a minute on a busy machine), inside the class's transaction; each test reads it inside its
own, rolled back after it. Its clock stays on Monday 23 November 2026 throughout."""

import html
import io
from datetime import UTC, date, datetime

import time_machine
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core.management import call_command
from django.test import TestCase, override_settings

from accounts.models import SquadGroup, Team, User
from logbook.models import Flag, Message, PainPause, PainStop, SetLog, StrengthTest
from logbook.strength_estimates import NOT_CHECKED
from programs.models import (
    Assignment,
    AssignmentGroup,
    BandChange,
    Fixture,
    Prescription,
    StageOpening,
)
from tests.conftest import IMMEDIATE_TASKS

MD5 = f"{MD5PasswordHasher.__module__}.{MD5PasswordHasher.__name__}"


@time_machine.travel(datetime(2026, 11, 23, 9, tzinfo=UTC), tick=False)
class DemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        with override_settings(TASKS=IMMEDIATE_TASKS, PASSWORD_HASHERS=[MD5]):
            call_command("demo", stdout=io.StringIO())

    def coach_gets(self, url: str):
        self.client.force_login(User.objects.get(username="coach"))
        return self.client.get(url)

    def test_the_diligent_athlete_is_mid_way_on_the_purple_band(self):
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

    def test_the_other_athlete_stopped_for_pain_and_the_coach_cleared_it(self):
        assignment = Assignment.objects.get(athlete__username="athlete2")
        [stop] = PainStop.objects.filter(workout_log__athlete=assignment.athlete)
        assert (stop.kind, stop.side, stop.exercise.slug) == (
            "sharp",
            "left",
            "band-assisted-nordic-curl",
        )
        assert stop.answered_by.username == "coach"
        message = Message.objects.get(workout_log=stop.workout_log, kind="message")
        assert message.author.username == "coach"
        [pause] = PainPause.objects.filter(athlete=assignment.athlete)
        assert pause.workout_log == stop.workout_log and pause.cleared_by.username == "coach"
        resume = BandChange.objects.get(track__assignment=assignment, action="resume")
        assert (resume.from_band.name, resume.to_band.name) == ("Green", "Blue")
        assert resume.at == pause.cleared_at and resume.reason.startswith("Cleared after pain on")
        after = SetLog.objects.filter(
            workout_log__athlete=assignment.athlete, workout_log__performed_on__gt=stop.at.date()
        )
        assert after.exists() and {logged.band.name for logged in after} == {"Blue"}

    def test_running_it_again_duplicates_nothing(self):
        def counts():
            models = (SetLog, BandChange, PainStop, PainPause, Flag, Message)
            return [model.objects.count() for model in models]

        before = counts()
        call_command("demo", stdout=io.StringIO())
        assert counts() == before

    def test_the_athlete_has_a_conversation_with_the_coach(self):
        self.client.force_login(User.objects.get(username="athlete"))
        thread = self.client.get("/messages/").text
        assert "Match on Saturday" in thread
        assert "Soreness after Nordics is normal and is not pain" in thread

    def test_the_squad_looks_like_a_real_monday(self):
        response = self.coach_gets("/coach/")
        assert response.context["page"].paginator.count == 12
        # A season of three NordBord tests for ten, one for Alex, two break-point tests for six.
        assert StrengthTest.objects.count() == 43
        kinds = set(Flag.objects.open().values_list("kind", flat=True))
        assert {"low_strength", "strength_drop", "imbalance", "missed_week"} <= kinds
        first = response.context["rows"][0]
        assert first.flags  # flagged athletes come first
        assert "Nordic compliance, last 4 weeks:" in response.text

    def test_the_season_has_fixtures_and_an_athlete_in_return_to_play(self):
        assert Fixture.objects.filter(team__name="Demo squad").count() == 13  # 4 back, 9 ahead
        assert {f.date.weekday() for f in Fixture.objects.all()} == {5}  # Saturdays
        rehab = Assignment.objects.get(athlete__username="robin", status="active")
        cancelled = Assignment.objects.get(athlete__username="robin", status="cancelled")
        assert cancelled.template.slug == "band-assisted-nordic"
        assert rehab.template.slug == "return-to-play-l-protocol"
        done = rehab.logs.filter(completed_at__isnull=False)
        assert done.count() == 8 and max(done.values_list("pain", flat=True)) <= 2
        assert not StageOpening.objects.exists()  # stage 1: the coach has signed nothing off
        page = self.coach_gets(f"/coach/athletes/{rehab.athlete_id}/").text
        assert "Stage 1 of " in page and "10 sessions done in this stage (8 so far)" in page

    def test_priya_was_paused_after_a_pain_stop_and_cleared_by_the_coach(self):
        priya = User.objects.get(username="priya")
        [stop] = PainStop.objects.filter(workout_log__athlete=priya)
        [pause] = PainPause.objects.filter(athlete=priya)
        assert pause.workout_log == stop.workout_log and pause.reason == "You stopped for pain"
        assert pause.cleared_by.username == "coach" and pause.note.startswith("The physio saw")
        track = Assignment.objects.get(athlete=priya).tracks.get()
        resume = track.changes.get(action="resume")
        assert (resume.from_band.name, resume.to_band.name) == ("Purple", "Green")
        assert resume.at == pause.cleared_at and track.band.name == "Green"
        paused = ["pain_pause", "pain_stop", "pain"]
        assert not Flag.objects.open().filter(athlete=priya, kind__in=paused).exists()
        page = self.coach_gets(f"/coach/athletes/{priya.pk}/").text
        assert "Purple → Green" in page and pause.note in page
        assert "Nordic work paused for pain" not in page

    def test_tom_has_stalled_with_reps_breaking_at_halfway(self):
        [flag] = Flag.objects.open().filter(athlete__username="tom", kind="stalled")
        assert "No step on for 3 weeks: most reps broke at halfway." in flag.detail
        track = Assignment.objects.get(athlete__username="tom").tracks.get()
        assert track.band.name == "Green" and track.changes.count() == 1  # the start only
        assert "No band step for 3 weeks" in self.coach_gets("/coach/").text

    def test_lena_at_red_waits_for_the_coach_to_approve_going_unassisted(self):
        lena = User.objects.get(username="lena")
        track = Assignment.objects.get(athlete=lena).tracks.get()
        assert track.band.name == "Red"
        [suggestion] = track.changes.filter(status="suggested")
        assert suggestion.action == "graduate" and suggestion.to_band is None
        assert "your coach is asked to approve that you go unassisted next" in suggestion.reason
        page = self.coach_gets(f"/coach/athletes/{lena.pk}/").text
        assert "Suggested: " in page and suggestion.reason in page

    def test_the_squad_shares_one_plan_with_casey_s_own_dose_and_robin_in_rehab(self):
        nordic = Assignment.objects.filter(template__slug="band-assisted-nordic")
        [plan] = {assignment.group_id for assignment in nordic}
        group = AssignmentGroup.objects.get(pk=plan)
        assert group.team.name == "Demo squad" and nordic.count() == 12
        later = {a.athlete.username for a in nordic if a.start_date != group.start_date}
        assert "priya" not in later and {"athlete", "tom", "quinn"} <= later
        casey = nordic.get(athlete__username="casey")
        [(key, dose)] = casey.prescription_overrides.items()
        assert dose == {"sets": 2, "reps": 6}
        own = Prescription.objects.select_related("workout__week").get(pk=key)
        assert own.workout.week.program_id == group.program_id
        # Her next Nordic session: week 4 of hers, three weeks after her own start.
        assert (own.workout.week.number, casey.start_date) == (4, date(2026, 11, 2))
        page = self.coach_gets(f"/coach/athletes/{casey.athlete_id}/")
        assert "1 change of their own: differs from the squad" in page.text
        robin = Assignment.objects.filter(athlete__username="robin").open().get()
        assert robin.template.slug == "return-to-play-l-protocol" and robin.group_id != plan
        groups = {
            g.name: {m.athlete.username for m in g.members.all()} for g in SquadGroup.objects.all()
        }
        assert groups["Rehab"] == {"robin"} and "casey" in groups["Backs"]

    def test_half_the_squad_checks_its_strength_estimates_against_the_nordbord(self):
        tested = StrengthTest.objects.filter(method="breakpoint").values_list("athlete")
        assert User.objects.filter(pk__in=tested).count() == 6
        team = Team.objects.get(name="Demo squad")
        page = html.unescape(self.coach_gets(f"/coach/teams/{team.pk}/strength-tests/").text)
        agreement = page.split('id="agreement"')[1]
        assert "12 pairs." in agreement and "95% limits of agreement: " in agreement
        assert 'class="chart agreement-chart"' in agreement
        assert agreement.count('class="limit"') == 2 and agreement.count('class="pair"') == 12
        assert NOT_CHECKED not in page
        assert "checked against 12 pairs with NordBord tests here: mean difference" in page

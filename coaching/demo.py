"""The demo squad's history, replayed through the same actions (and so the same engine and the
same flags) as the app: two athletes to sign in as, and ten more so the coach's board looks
like a real Monday, with a season of strength tests and check-ins (three of them, one for
each path of the band advice, in `coaching.demo_paths`). Each tap is its action's own durable
transaction (`logbook.actions`, `coaching.actions`), as on a phone, so the demo is not loaded
in one."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone

from accounts.actions import squad_group_create, squad_group_members_set
from accounts.models import Membership, User
from catalogue.models import Band, Pattern
from coaching.actions import comment_add, pause_clear
from logbook import actions as logbook
from logbook.messages import announcement_post, message_post
from logbook.models import Message, StrengthTest
from logbook.pauses import open_pause
from logbook.strength_tests import strength_test_record
from programs import actions as program_actions
from programs.assignments import assignment_end, program_assign
from programs.dating import assignment_schedule
from programs.fixtures import fixture_add
from programs.models import Assignment, AssignmentStatus, MaintenanceDose, Program
from programs.start_band_finder import start_band_finder_switch

SQUAD_SPORT = "australian_football"  # the NordBord thresholds of Opar 2015
# username, first name, weeks into the Nordic program, sessions they skip, NordBord tests
# (left, right in N) at the start and end of pre-season and in season. Three more, Priya, Tom
# and Lena, are in `coaching.demo_paths`.
SQUAD = [
    ("riley", "Riley", 4, "every third", [(262, 255), (275, 270), (281, 276)]),  # low
    ("casey", "Casey", 3, "none", [(348, 341), (372, 366), (371, 280)]),  # a drop, imbalance
    ("taylor", "Taylor", 3, "fridays", [(318, 322), (340, 333), (338, 341)]),
    ("morgan", "Morgan", 4, "none", [(290, 251), (308, 276), (315, 281)]),  # imbalance
    ("quinn", "Quinn", 2, "last week", [(327, 330), (344, 338), (352, 349)]),  # missed a week
    ("jamie", "Jamie", 2, "every third", [(276, 281), (299, 302), (306, 300)]),
    ("robin", "Robin", 3, "fridays", [(284, 279), (301, 296), (212, 231)]),  # a big drop
]
TEST_DAYS = [("preseason_start", 150), ("preseason_end", 90), ("in_season", 6)]
# Half the squad also did a break-point test two days after each NordBord test at the end of
# pre-season and in season (issue 28), so the squad's testing page can check the strength
# estimates against its NordBord with 12 pairs: height (cm), band (None: unassisted) and the
# two break angles. Demo data: the angles were picked so that the model's estimates land
# within about 35 N of each athlete's NordBord mean, some above and some below.
BREAKPOINT_TESTS = {
    "taylor": (183, None, [43, 49]),
    "quinn": (188, None, [44, 48]),
    "jamie": (176, "Red", [32, 29]),
    "priya": (170, None, [52, 43]),
    "tom": (180, "Red", [27, 31]),
    "lena": (185, None, [37, 40]),
}
BREAKPOINT_DAYS = [("preseason_end", 88), ("in_season", 4)]


@dataclass(frozen=True)
class Member:
    """One athlete of the demo squad's plan: how many weeks in, and how their weeks went."""

    athlete: User
    weeks_in: int
    replay: Callable[[Assignment], None]
    start_bands: dict | None = None  # exercise id -> band, when the coach chose one


@transaction.atomic
def squad_athlete(*, team, username, first_name, tests, today) -> User:
    """A squad athlete (no login) and their season of NordBord tests (and, for half the squad,
    break-point tests), made once."""
    athlete, created = User.objects.get_or_create(
        username=username, defaults={"first_name": first_name, "body_mass_kg": 82}
    )
    if not created:
        return athlete
    athlete.set_unusable_password()
    athlete.save(update_fields=["password"])
    Membership.objects.get_or_create(team=team, athlete=athlete)
    for (phase, days_ago), (left, right) in zip(TEST_DAYS, tests, strict=True):
        strength_test_record(
            athlete=athlete,
            entered_by=team.coach,
            sport=team.sport,
            phase=phase,
            method="nordbord",
            on_date=today - timedelta(days=days_ago),
            left=left,
            right=right,
            body_mass_kg=athlete.body_mass_kg,
        )
    if username in BREAKPOINT_TESTS:
        breakpoint_tests_load(team=team, athlete=athlete, today=today)
    return athlete


def breakpoint_tests_load(*, team, athlete, today) -> None:
    """The athlete's two break-point tests, with the band, height and body mass of the day."""
    height, band, angles = BREAKPOINT_TESTS[athlete.username]
    for (phase, days_ago), angle in zip(BREAKPOINT_DAYS, angles, strict=True):
        strength_test_record(
            athlete=athlete,
            entered_by=team.coach,
            sport=team.sport,
            phase=phase,
            method="breakpoint",
            on_date=today - timedelta(days=days_ago),
            left=angle,
            band=Band.objects.get(name=band) if band else None,
            height_cm=height,
            body_mass_kg=athlete.body_mass_kg,
        )


def squad_roster(*, team, today) -> list[Member]:
    """Seven more athletes of the squad, each with their weeks and the sessions they skip."""
    return [
        Member(
            squad_athlete(
                team=team, username=username, first_name=first_name, tests=tests, today=today
            ),
            weeks_in,
            partial(replay_history, today=today, diligent=True, skip=skips),
        )
        for username, first_name, weeks_in, skips, tests in SQUAD
    ]


def squad_plan_load(*, team, template, today, roster: list[Member]) -> None:
    """The whole squad on one plan, once: assigned to the squad when the first of them
    started, the others joining later (each a later start than the squad's, on their card),
    Lena on the red band her coach chose. Their weeks are replayed, then Casey gets her next
    Nordic session at 2 x 6, a dose of her own: her coach's call, not a rule of the engine or
    a finding of the sources, there to show an override on her card and her phone."""
    athletes = [member.athlete for member in roster]
    if Assignment.objects.filter(template=template, athlete__in=athletes).exists():
        return
    first = max(member.weeks_in for member in roster)
    assignments = program_actions.program_assign_many(
        coach=team.coach,
        template=template,
        athletes=athletes,
        start_date=today - timedelta(weeks=first),
        start_bands={m.athlete.pk: m.start_bands for m in roster if m.start_bands},
        maintenance=MaintenanceDose.STANDARD,
        find_start_band=True,
        team=team,
    )
    for member, assignment in zip(roster, assignments, strict=True):
        if member.weeks_in < first:
            assignment = program_actions.start_set(
                coach=team.coach,
                assignment=assignment,
                start_date=today - timedelta(weeks=member.weeks_in),
            )
        if member.start_bands:
            start_band_finder_switch(assignment=assignment, on=False)
        member.replay(assignment)
    casey = Assignment.objects.get(athlete__username="casey", group=assignments[0].group_id)
    upcoming = assignment_schedule([casey], between=(today, today + timedelta(days=13)))
    nordic = template.band_rules.get().exercise_id
    prescription = next(
        prescription
        for item in upcoming
        for prescription in item.workout.prescriptions.all()
        if prescription.exercise_id == nordic
    )
    program_actions.dose_set(
        coach=team.coach, assignment=casey, prescription=prescription, sets=2, reps=6
    )


def first_test_load(*, team, athlete, today) -> None:
    """Alex's in-season NordBord test, once."""
    if StrengthTest.objects.filter(athlete=athlete).exists():
        return
    strength_test_record(
        athlete=athlete,
        entered_by=team.coach,
        sport=team.sport,
        phase="in_season",
        method="nordbord",
        on_date=today - timedelta(days=6),
        left=312,
        right=305,
    )


def conversation(*, team, coach, athlete) -> None:
    """A squad announcement and a question answered, so threads and badges have something."""
    if Message.objects.filter(athlete=athlete).exclude(workout_log__isnull=False).exists():
        return
    squad = User.objects.filter(memberships__team=team, memberships__is_active=True)
    announcement_post(
        athletes=squad,
        author=coach,
        body="Match on Saturday: this week's Nordic sessions are Monday and Tuesday only.",
    )
    message_post(
        athlete=athlete,
        author=athlete,
        body="My hamstrings are sore two days after the Nordics. Should I skip Thursday?",
    )
    message_post(
        athlete=athlete,
        author=coach,
        body="Soreness after Nordics is normal and is not pain: do Thursday and log it in the "
        "check-in. Stop and tell me if anything is sharp.",
    )


def skipped(skip: str, week: int, day: int, performed_on, today) -> bool:
    return {
        "none": False,
        "every third": (week + day) % 3 == 0,
        "fridays": day == 5,
        "last week": performed_on >= today - timedelta(days=7),
    }[skip]


def replay_history(assignment: Assignment, today, *, diligent: bool, skip: str = "none") -> None:
    """Log the workouts due before today as two real athletes would have, through the same
    services (and so the same engine) as the app. The diligent one controls nearly every rep
    to the floor, with a few breaks near it, and is mid-way on the purple band; the other one
    stopped a Nordic for a sharp pain in week 3, which paused their Nordic work until their
    coach cleared it two days later (back one band easier), and they missed last week."""
    for week, workout, performed_on in workouts_due(assignment, today):
        if not diligent and performed_on >= today - timedelta(7):
            continue
        if skipped(skip, week.number, workout.day, performed_on, today):
            continue
        stop_for_pain = not diligent and week.number == 3 and workout.day == 5
        log = session_replay(assignment, week, workout, performed_on, stop_for_pain=stop_for_pain)
        if stop_for_pain:
            comment_add(
                coach=assignment.assigned_by,
                log=log,
                body="Good call stopping. Two easy days, then back on the blue band, and "
                "tell me at once if it is sharp again.",
            )
            pause_cleared(
                log,
                note="Two easy days without pain: Nordics again, one band easier.",
                at=evening(performed_on + timedelta(days=2)) - timedelta(hours=8),
            )


def workouts_due(assignment: Assignment, today):
    """(week, workout, day) of every workout of the program dated before today, in order."""
    for week in assignment.program.weeks.prefetch_related("workouts__prescriptions__exercise"):
        for workout in week.workouts.all():
            performed_on = workout.scheduled_on(assignment.start_date)
            if performed_on < today:
                yield week, workout, performed_on


def evening(day):
    return timezone.make_aware(datetime.combine(day, time(18)))


def controlled(set_number: int, last: bool) -> str:
    """Every rep controlled to the floor, but the last set's, which breaks near it."""
    return "late" if last else "full"


def session_replay(
    assignment: Assignment, week, workout, performed_on, *, control=controlled, stop_for_pain=False
):
    """One evening's session: the check-in, the sets (`control`: where each set's reps break,
    from its number and whether it is the last), and the finish; or, on `stop_for_pain`, a
    first Nordic set and a tap on "Stop: it hurts" (which pauses the athlete's Nordic work)."""
    at = evening(performed_on)
    session = {
        "athlete": assignment.athlete,
        "assignment": assignment,
        "workout": workout,
        "today": performed_on,
    }
    log = logbook.workout_begin(**session, now=at - timedelta(minutes=35))
    logbook.check_in(
        **session,
        soreness=3 if week.number > 4 else 2 + workout.day % 2,
        sleep=3 if workout.day == 5 else 4,
        fatigue=3 + week.number % 2,
        stress=3,
        mood=4,
    )
    log_sets(session, stop_after_one=stop_for_pain, control=control)
    if stop_for_pain:
        logbook.pain_stop(
            **session,
            exercise=workout.prescriptions.first().exercise,
            side="left",
            where="high",
            kind="sharp",
            now=at,
        )
    logbook.workout_finish(**session, rpe=7, pain=3 if stop_for_pain else 1, now=at)
    return log


def pause_cleared(log, *, note: str, at) -> None:
    """The coach clears the pause the session's pain opened, with a note (`at`: the demo's
    clock): the Nordic track resumes one band easier and the stop is answered."""
    pause_clear(pause=open_pause(log.athlete), by=log.assignment.assigned_by, note=note, now=at)


def log_sets(session: dict, *, stop_after_one: bool, control=controlled):
    """Every prescribed set of the `session` (athlete, assignment, workout, day and occurrence,
    as the actions take them) on the track's band; where the eccentric reps break comes from
    `control` (by default the last set of each session breaks near the floor, the others are
    controlled to it)."""
    assignment, workout = session["assignment"], session["workout"]
    bands = {track.exercise_id: track.band for track in assignment.tracks.all()}
    for prescription in workout.prescriptions.all():
        eccentric = prescription.exercise.pattern == Pattern.ECCENTRIC
        for set_number in range(1, prescription.sets + 1):
            last = set_number == prescription.sets
            for side in prescription.sides:
                logbook.set_log(
                    **session,
                    prescription=prescription,
                    token=uuid.uuid4(),
                    set_number=set_number,
                    side=side,
                    reps=prescription.target_for_set(set_number),
                    band=bands.get(prescription.exercise_id, prescription.band),
                    control=control(set_number, last) if eccentric else "",
                )
            if stop_after_one:
                return


def season_load(*, team, today) -> None:
    """The season around the squad, once: a match every Saturday from four weeks back to eight
    ahead, and Robin (whose strength dropped) back from a strain, four days into the
    L-protocol's first stage: the Nordic program was called off for it."""
    if team.fixtures.exists():
        return
    saturday = today + timedelta(days=(5 - today.weekday()) % 7)
    for n, on in enumerate((saturday + timedelta(weeks=n) for n in range(-4, 9)), start=1):
        fixture_add(team=team, date=on, label=f"Round {n}")
    robin = User.objects.filter(username="robin").first()
    if robin is None:
        return
    for nordic in Assignment.objects.for_athlete(robin).open():  # called off for the rehab
        assignment_end(assignment=nordic, status=AssignmentStatus.CANCELLED)
    rehab = Program.objects.library().get(slug="return-to-play-l-protocol")
    assignment = program_assign(
        template=rehab, athlete=robin, start_date=today - timedelta(days=4), by=team.coach
    )
    # Four days of the Extender, morning and evening, nothing worse than a 2/10.
    for item in assignment_schedule([assignment], between=(assignment.start_date, today)):
        if item.on >= today:
            continue
        hour = 8 if "morning" in item.workout.title else 19
        at = timezone.make_aware(datetime.combine(item.on, time(hour)))
        session = {
            "athlete": robin,
            "assignment": assignment,
            "workout": item.workout,
            "occurrence": item.occurrence,
            "today": item.on,
        }
        logbook.workout_begin(**session, now=at - timedelta(minutes=10))
        log_sets(session, stop_after_one=False)
        logbook.workout_finish(**session, rpe=3, pain=2 if hour == 8 else 1, now=at)


# The squad's groups on its team page (usernames), for announcements, assigning and the board.
GROUPS = {
    "Backs": ["athlete", "priya", "casey", "quinn", "jamie"],
    "Forwards": ["athlete2", "tom", "lena", "riley", "taylor", "morgan"],
    "Rehab": ["robin"],
}


def groups_load(*, team) -> None:
    """The squad's backs, forwards and rehab group, once."""
    if team.squad_groups.exists():
        return
    for name, usernames in GROUPS.items():
        group = squad_group_create(team=team, name=name)
        squad_group_members_set(
            group=group, athletes=list(User.objects.filter(username__in=usernames))
        )

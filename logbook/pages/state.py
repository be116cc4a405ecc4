"""What every athlete page near training shows around its content, read in one query: the
pain warning (a pain stop awaits the coach's answer), today's open free session to resume, the
coach's latest words."""

from datetime import date

from django.db.models import Exists, Subquery

from accounts.models import User
from logbook.messages import from_coach, latest_from_coach_of
from logbook.models import PainStop
from logbook.services import free_sessions_open
from programs.progression import STOP_LOADING


def athlete_state(athlete, today: date) -> dict:
    free_session, stopped, latest = (
        User.objects.filter(pk=athlete.pk)
        .values_list(
            Subquery(free_sessions_open(athlete=athlete, today=today).values("pk")[:1]),
            Exists(PainStop.objects.unanswered().filter(workout_log__athlete=athlete)),
            latest_from_coach_of(athlete),
        )
        .get()
    )
    return {
        "pain_warning": STOP_LOADING if stopped else "",
        "free_session": free_session,
        "coach_said": from_coach(latest),
    }

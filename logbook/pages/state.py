"""What every athlete page near training shows around its content, read in one query: the
pain warning (a pain stop awaits the coach's answer), an open pain pause (eccentric work waits
for a coach's clearance), today's open free session to resume, the coach's latest words."""

import functools
import json
from datetime import date, datetime

from django.db import connection
from django.db.models import Exists, Subquery
from django.db.models.functions import JSONObject

from accounts.models import User
from logbook.free_sessions import free_sessions_open
from logbook.messages import from_coach, latest_from_coach_of
from logbook.models import PainPause, PainStop
from programs.progression import STOP_LOADING
from web.compiled import SOME_DAY, SOMEONE, Compiled, compiled


@functools.cache
def state_query() -> Compiled:
    """Compiled once per process (today and the workout page run it on every view)."""
    athlete = User(pk=SOMEONE)
    query = User.objects.filter(pk=athlete.pk).values_list(
        Subquery(free_sessions_open(athlete=athlete, today=SOME_DAY).values("pk")[:1]),
        Exists(PainStop.objects.unanswered().filter(workout_log__athlete=athlete)),
        latest_from_coach_of(athlete),
        Subquery(
            PainPause.objects.open()
            .filter(athlete=athlete)
            .values(
                json=JSONObject(
                    reason="reason", raised_at="raised_at", repeated="repeated", pk="pk"
                )
            )[:1]
        ),
    )
    return compiled(query, someone=SOMEONE, day=SOME_DAY)


def athlete_state(athlete, today: date) -> dict:
    query = state_query()
    with connection.cursor() as cursor:
        cursor.execute(query.sql, query.params_with(someone=athlete.pk, day=today))
        free_session, stopped, latest, paused = cursor.fetchone()
    return {
        "pain_warning": STOP_LOADING if stopped else "",
        "pain_pause": pause_of(json.loads(paused) if isinstance(paused, str) else paused),
        "free_session": free_session,
        "coach_said": from_coach(json.loads(latest) if isinstance(latest, str) else latest),
    }


def pause_of(row: dict | None) -> PainPause | None:
    """The open pause as the pages show it (its reason, since when, whether repeated)."""
    if row is None:
        return None
    raised_at = datetime.fromisoformat(row["raised_at"])
    return PainPause(
        pk=row["pk"], reason=row["reason"], raised_at=raised_at, repeated=row["repeated"]
    )

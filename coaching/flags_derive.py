"""Flags the schedule implies rather than an action: a week without a workout, adherence dropping
(7 days 20 points or more under 28). Derived once a day for every coach's athletes by
`flags_derive` (`manage.py mail_daily` runs it before the digests, the demo after its history),
never by a page: the board only reads them, so a GET writes nothing and the digest sees what the
board shows."""

from datetime import date, timedelta

from django.db.models import F, Q

from accounts.models import User
from coaching.pages.board import AthleteRow, board_rows
from logbook.flags import flags_raise_many
from logbook.load import adherence_drop
from logbook.models import Flag, FlagKind
from web.lookups import AnyOf


def derived_flags(rows: list[AthleteRow], *, today: date) -> list[Flag]:
    """The flags these board rows imply today (unsaved)."""
    drafts = []
    for row in rows:
        if row.assignment is None:
            continue
        if row.missed_week and (
            row.last_workout is None or row.last_workout < today - timedelta(6)
        ):
            drafts.append(
                Flag(
                    athlete_id=row.athlete.pk,
                    kind=FlagKind.MISSED_WEEK,
                    detail="No workout in 7 days",
                )
            )
        if adherence_drop(row.adherence_7, row.adherence_28):
            detail = (
                f"Adherence {row.adherence_7:.0%} over 7 days against {row.adherence_28:.0%} "
                "over 28"
            )
            drafts.append(
                Flag(athlete_id=row.athlete.pk, kind=FlagKind.COMPLIANCE_DROP, detail=detail)
            )
    return drafts


def flags_derive(*, today: date) -> int:
    """Raise today's derived flags for every active coach's athletes, unless the same kind is
    open already or the coach acknowledged it in the last week. Safe to run again; how many were
    raised."""
    raised = 0
    for coach in User.objects.filter(staff__is_active=True, is_active=True):
        rows = board_rows(coach, today=today)
        athlete_ids = [row.athlete.pk for row in rows]
        seen = set(
            Flag.objects.filter(AnyOf(F("athlete"), athlete_ids))
            .filter(
                Q(acknowledged_at__isnull=True) | Q(acknowledged_at__date__gt=today - timedelta(7))
            )
            .values_list("athlete_id", "kind")
        )
        new = [
            draft
            for draft in derived_flags(rows, today=today)
            if (draft.athlete_id, draft.kind) not in seen
        ]
        flags_raise_many(new)
        raised += len(new)
    return raised

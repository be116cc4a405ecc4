"""Flags for the coach: raised by the services that see the fact (the engine's decision, a pain
stop, a strength test, the board's adherence reading), one open flag per kind and session,
acknowledged by a coach with a note. The athlete's pages never show them; the coach's do."""

from django.db import transaction
from django.utils import timezone

from logbook.messages import notice_post
from logbook.models import Flag, FlagKind, WorkoutLog

# Pain is flagged for each session it happens in; the rest once until the coach acknowledges it
# (a struggling athlete held session after session is one thing to look at, not ten).
PER_SESSION = {FlagKind.PAIN, FlagKind.PAIN_STOP}


def flag_raise(*, athlete, kind: FlagKind, detail: str, workout_log: WorkoutLog | None = None):
    """Raise a flag unless the same one is already open (safe to call again)."""
    open_ones = Flag.objects.open().filter(athlete=athlete, kind=kind)
    if kind not in PER_SESSION and (open_one := open_ones.first()):
        return open_one
    flag, _ = Flag.objects.get_or_create(
        athlete=athlete,
        kind=kind,
        workout_log=workout_log,
        acknowledged_at=None,
        defaults={"detail": detail[:300]},
    )
    return flag


def flags_raise_many(drafts: list[Flag]) -> None:
    """Raise many at once (the board's derived flags); open ones already there stay as they
    are. One query."""
    Flag.objects.bulk_create(drafts, ignore_conflicts=True)


@transaction.atomic
def flag_acknowledge(*, flag: Flag, by, note: str = "") -> Flag:
    """The coach has seen it: the flag leaves the top of the board and stays in the history."""
    flag = Flag.objects.select_for_update().get(pk=flag.pk)
    if flag.acknowledged_at is None:
        flag.acknowledged_at, flag.acknowledged_by, flag.note = timezone.now(), by, note
        flag.save(update_fields=["acknowledged_at", "acknowledged_by", "note"])
        answer = f" {note}" if note else ""
        notice_post(
            athlete=flag.athlete,
            author=by,
            workout_log=flag.workout_log,
            body=f"Your coach looked at this: {flag}.{answer}",
            subject=f"{by} looked at your flag: {flag.get_kind_display()}",
        )
    return flag


def flags_acknowledge_for(
    *, athlete, by, note: str, kinds=None, workout_log=None, workout_logs=None
) -> int:
    """Answering acknowledges too: a comment on a workout, a band set by hand. Narrowed to one
    workout log, or to a set of them, when given."""
    flags = Flag.objects.open().filter(athlete=athlete)
    if kinds is not None:
        flags = flags.filter(kind__in=kinds)
    if workout_log is not None:
        flags = flags.filter(workout_log=workout_log)
    if workout_logs is not None:
        flags = flags.filter(workout_log__in=workout_logs)
    return flags.update(acknowledged_at=timezone.now(), acknowledged_by=by, note=note)

"""The audit trail: what the club's staff did with its athletes' health data (a pain pause
cleared, a return-to-play stage signed off, a CSV exported, pain stops looked at), shown to the
club's head on `/club/audit/`.

The acts that change something record inside their own transaction (`coaching.actions`), so
the row and the act commit together or not at all. Looking at pain stops and exporting a CSV
are reads: recording them is the one write a GET may make (docs/design.md, "Reads never write").
"""

from accounts.records import AuditAction, AuditEvent

DETAIL_MAX = AuditEvent._meta.get_field("detail").max_length


def audit_record(
    *, actor, athlete=None, action: AuditAction, detail: str = ""
) -> AuditEvent | None:
    """One row in the trail of the club whose seat `actor` holds; none for someone without a
    seat (a site admin in the admin, a former member of staff), whose act no club's head
    oversees. `detail` is only what the app wrote (a stage's title, a file's kind), never text a
    person typed: an erased athlete's trail must hold nothing of theirs."""
    seat = actor.seat
    if seat is None:
        return None
    return AuditEvent.objects.create(
        club_id=seat.club_id,
        actor=actor,
        athlete=athlete,
        action=action,
        detail=detail[:DETAIL_MAX],
    )

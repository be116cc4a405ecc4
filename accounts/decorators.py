"""Who may open the coach's side of the app, by their seat in a club (`accounts.clubs`).

Reads (GET, HEAD) are open to every active seat: a physio and a viewer read the training. A
change (any other method) needs a role that changes training, unless the view says otherwise:
the health sign-offs (`health_staff_required`) and the club's own pages (`club_owner_required`,
reads too). Which object a seat reaches is the querysets' (`Team.objects.for_coach`): another
club's is a 404.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from accounts.clubs import Staff

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def seat_required(
    *, reads: Callable[[Staff], bool], changes: Callable[[Staff], bool], refusal: str
):
    """Login first; then a seat that `reads` passes for a read, `changes` for a change."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            seat = request.user.seat
            if seat is None:
                raise PermissionDenied("This page is for a club's staff.")
            allowed = reads if request.method in SAFE_METHODS else changes
            if not allowed(seat):
                raise PermissionDenied(refusal)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def any_seat(seat: Staff) -> bool:
    return True


coach_required = seat_required(
    reads=any_seat,
    changes=lambda seat: seat.changes_training,
    refusal="Your role in the club reads the training; it does not change it.",
)
health_staff_required = seat_required(
    reads=any_seat,
    changes=lambda seat: seat.signs_off_health,
    refusal="Your role in the club does not clear pain pauses or sign off stages.",
)
club_owner_required = seat_required(
    reads=lambda seat: seat.heads_club,
    changes=lambda seat: seat.heads_club,
    refusal="Only the club's head of performance manages the club and its staff.",
)

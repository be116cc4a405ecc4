from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def coach_required(view):
    """Login first; then only coaches pass, everyone else gets 403."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_coach:
            raise PermissionDenied("This page is for coaches.")
        return view(request, *args, **kwargs)

    return wrapper

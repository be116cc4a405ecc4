"""The one place where an exercise a user may not see (a draft) turns into a 404."""

from django.shortcuts import get_object_or_404

from catalogue.models import Exercise


def exercise_for_user(user, slug: str) -> Exercise:
    """A published exercise, or any exercise for staff."""
    return get_object_or_404(Exercise.objects.for_user(user), slug=slug)

"""The one place where what a user may not see turns into a 404: an exercise (a draft), a band
to measure (coaches only), a measurement (the coach's own only)."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from catalogue.models import Band, BandMeasurement, Exercise


def exercise_for_user(user, slug: str) -> Exercise:
    """A published exercise, or any exercise for staff."""
    return get_object_or_404(Exercise.objects.for_user(user), slug=slug)


def band_for_coach(user, pk: int) -> Band:
    """A loop band (the ladder's, what a Nordic hangs on) a coach may measure: a seat that
    changes training (a physio or a viewer reads the ladder only)."""
    if not (user.is_authenticated and user.changes_training):
        raise Http404("Only coaches measure bands.")
    return get_object_or_404(Band.objects.ladder(), pk=pk)


def measurement_for_coach(user, band_pk: int) -> BandMeasurement:
    """The coach's own measurement of a band; another coach's is not found."""
    band = band_for_coach(user, band_pk)
    return get_object_or_404(BandMeasurement, owner=user, band=band)

"""The coach's switch for the start-band finder, on the athlete page's card of their
band-assisted Nordic: session 1 finds the start band (two reps per band), or the athlete starts
on the band shown."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.decorators import coach_required
from catalogue.models import Band
from coaching.pages.athlete import PAGE, page_url, track_panels, tracks_of
from logbook.start_band import nordic_logged
from programs.access import track_for_coach
from programs.models import StartBandFinder
from programs.start_band_finder import is_band_assisted_nordic, start_band_finder_switch
from web.htmx import HtmxHttpRequest, partial_or_redirect

SWITCHED = {
    True: "Switched on: they find their start band in session 1.",
    False: "Switched off: they start on the band shown.",
}


@coach_required
@require_POST
def start_band_switch(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    track = track_for_coach(request.user, pk)
    if not is_band_assisted_nordic(track.exercise):
        raise Http404("The start-band finder is for the band-assisted Nordic.")
    assignment, level = track.assignment, messages.SUCCESS
    choice = request.POST.get("on")
    if choice not in ("0", "1"):
        notice, level = "Choose on or off.", messages.WARNING
    elif assignment.start_band_finder == StartBandFinder.FOUND:
        notice, level = "The start band is found already: set the band by hand.", messages.WARNING
    elif choice == "1" and nordic_logged(assignment, track.exercise_id):
        notice = "Nothing left to find: they have logged Nordic sets in this program."
        level = messages.WARNING
    else:
        start_band_finder_switch(assignment=assignment, on=choice == "1")
        notice = SWITCHED[choice == "1"]

    def card() -> dict:
        ladder = list(Band.objects.ladder())
        [panel] = track_panels(tracks_of(pk=track.pk), ladder=ladder, today=timezone.localdate())
        return {"panel": panel}

    return partial_or_redirect(
        request,
        f"{PAGE}#track-card",
        card,
        notice=notice,
        level=level,
        url=page_url(assignment.athlete_id, f"track-{track.pk}"),
    )

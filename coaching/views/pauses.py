"""The coach clears an athlete's pain pause with a note (DESIGN.md, "Band progression, round 3",
rule 1'): eccentric work resumes one step more help than before the pain. The action is
`coaching.actions.pause_clear`; who may clear is decided here: a physio of the club, or its
coaches and head unless the club keeps it to its physios (`health_staff_required`)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.access import athlete_for_coach
from accounts.decorators import health_staff_required
from coaching import actions
from coaching.forms import PauseClearForm
from logbook import pauses
from web.htmx import HtmxHttpRequest


@health_staff_required
@require_POST
def pause_clear(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    athlete = athlete_for_coach(request.user, pk)
    url = reverse("coaching:athlete", args=[athlete.pk]) + "#pain-pause"
    pause = pauses.open_pause(athlete)
    form = PauseClearForm(request.POST)
    if pause is None:
        messages.info(request, "Nothing to clear: the pause was cleared already.")
    elif not form.is_valid():
        for error in form.errors.get("note", []):
            messages.error(request, f"Not cleared. {error}")
    else:
        actions.pause_clear(pause=pause, by=request.user, note=form.cleaned_data["note"])
        messages.success(
            request, f"Cleared: {athlete}'s Nordic work starts again, one step easier."
        )
    return redirect(url)

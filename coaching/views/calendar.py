"""A team's calendar for its coach: on a desktop the squad grid (athletes down, four weeks of
days across), on a phone a row per day with each athlete's workouts; with the form of the
squad's exports. Both read the squad once, in a fixed number of queries whatever its size
(`coaching.pages.squad`)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from accounts.access import team_for_coach
from accounts.decorators import coach_required
from coaching.pages.squad import PAGE, squad_calendar
from web.htmx import HtmxHttpRequest
from web.replica import replica_reads


@coach_required
@require_GET
@vary_on_headers("HX-Request")
@replica_reads
def team_calendar(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    team = team_for_coach(request.user, pk)
    context = squad_calendar(request.user, team, request.GET, timezone.localdate())
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, f"{PAGE}#team-calendar", context)
    return render(request, PAGE, context)

"""A team's calendar for its coach: a row per day, each athlete's workouts on it with what
became of them (done, missed...). The same read as the athlete's calendar, for the whole
squad at once, in a fixed number of queries whatever the size of the team."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from accounts.access import team_for_coach
from accounts.decorators import coach_required
from logbook.pages.calendar import calendar_entries, weeks_of, window_from
from programs.models import Assignment
from programs.season import placement_clashes
from web.htmx import HtmxHttpRequest

PAGE = "coaching/team_calendar.html"


@coach_required
@require_GET
@vary_on_headers("HX-Request")
def team_calendar(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    team = team_for_coach(request.user, pk)
    today = timezone.localdate()
    window = window_from(request.GET, today, back=1, ahead=2)
    members = team.memberships.filter(is_active=True).values("athlete")
    assignments = list(
        Assignment.objects.for_coach(request.user)
        .filter(athlete__in=members)
        .select_related("program", "athlete")
    )
    entries = calendar_entries(assignments, first=window.first, last=window.last, today=today)
    fixtures = team.fixtures.filter(date__range=(window.first, window.last))
    days = [day for week in weeks_of(entries, window, today, fixtures) for day in week]
    context = {
        "team": team,
        "window": window,
        "days": days,
        "has_program": bool(assignments),
        "clashes": placement_clashes(
            [a for a in assignments if a.is_open], between=(window.first, window.last)
        ),
    }
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, f"{PAGE}#team-calendar", context)
    return render(request, PAGE, context)

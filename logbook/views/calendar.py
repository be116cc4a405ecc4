"""/calendar/: the athlete's weeks ahead and behind (a week list or a month grid), its private
iCal feed (`/calendar.ics?token=...`, for phone calendars, which cannot log in), and a new
feed link in place of the old one."""

import re
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from icalendar import Calendar, Event

from accounts.middleware import user_zone
from accounts.models import Team
from logbook.links import occurrence_query
from logbook.models import CalendarFeed
from logbook.models.feeds import calendar_feed_renew
from logbook.pages.calendar import Mark, athlete_calendar, calendar_entries, window_from
from programs.models import Assignment
from web.htmx import HtmxHttpRequest
from web.replica import replica_reads

PAGE = "logbook/calendar.html"
TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")  # as `secrets.token_urlsafe` makes them
FEED_BEHIND, FEED_AHEAD = timedelta(weeks=4), timedelta(weeks=12)


@login_required
@require_GET
@vary_on_headers("HX-Request")
def calendar(request: HtmxHttpRequest) -> HttpResponse:
    user = request.user
    if user.is_coach and not Assignment.objects.for_athlete(user).exists():
        return redirect(team_calendar_url(user))  # a coach who does not train reads teams
    today = timezone.localdate()
    context = athlete_calendar(user, window=window_from(request.GET, today), today=today)
    context["feed_url"] = feed_url(request, context["feed"])
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, f"{PAGE}#calendar", context)
    return render(request, PAGE, context)


def team_calendar_url(coach) -> str:
    team = Team.objects.for_coach(coach).order_by("name", "pk").first()
    if team is None:
        return reverse("accounts:team-list")
    return reverse("coaching:team-calendar", args=[team.pk])


def feed_url(request: HttpRequest, feed: CalendarFeed | None) -> str:
    if feed is None:
        return ""
    return request.build_absolute_uri(f"{reverse('logbook:calendar-feed')}?token={feed.token}")


@login_required
@require_POST
def feed_renew(request: HttpRequest) -> HttpResponse:
    had_one = CalendarFeed.objects.filter(user=request.user).exists()
    calendar_feed_renew(user=request.user)
    messages.success(
        request,
        "New calendar link made: the old one no longer works."
        if had_one
        else "Calendar link made: add it to your phone's calendar.",
    )
    return redirect(f"{reverse('logbook:calendar')}#feed")


@require_GET
@replica_reads
def calendar_feed(request: HttpRequest) -> HttpResponse:
    """All-day events, one per dated workout, from four weeks back to twelve ahead. A wrong
    or replaced token answers 404, like any address that does not exist; so does a deactivated
    person's, whose training is no one's to read any more."""
    token = request.GET.get("token", "")
    if not TOKEN.fullmatch(token):
        raise Http404("No such calendar.")
    feeds = CalendarFeed.objects.filter(user__is_active=True).select_related("user")
    owner = get_object_or_404(feeds, token=token).user
    today = timezone.localdate(timezone=user_zone(owner) or timezone.get_current_timezone())
    assignments = list(Assignment.objects.for_athlete(owner).select_related("program"))
    entries = calendar_entries(
        assignments, first=today - FEED_BEHIND, last=today + FEED_AHEAD, today=today
    )
    ical = Calendar()
    ical.add("prodid", "-//Hamstrings//Training calendar//EN")
    ical.add("version", "2.0")
    ical.add("x-wr-calname", "Hamstrings training")
    stamp = timezone.now()
    host = request.get_host().split(":")[0]
    for entry in entries:
        event = Event()
        # Stable from one read to the next, whatever moves it (a fixture, a late session): the
        # occurrence tells a repeating week's workouts apart.
        uid = f"workout-{entry.assignment.pk}-{entry.workout.pk}-{entry.occurrence}"
        event.add("uid", f"{uid}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.when.on)
        event.add("dtend", entry.when.on + timedelta(days=1))
        done = "✓ " if entry.mark == Mark.DONE else ""
        event.add("summary", f"{done}{entry.workout.title}")
        event.add(
            "description",
            f"{entry.assignment.program.title}, {entry.workout.week.label.lower()}. {entry.label}.",
        )
        event.add(
            "url",
            request.build_absolute_uri(
                reverse("logbook:workout", args=[entry.workout.pk])
                + occurrence_query(entry.occurrence)
            ),
        )
        event.add("transp", "TRANSPARENT")
        ical.add_component(event)
    response = HttpResponse(ical.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response

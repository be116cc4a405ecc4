"""A team's fixtures for its coach: the matches that placed workouts (MD-4, MD+2) follow. Add
one, paste a season's list, move or delete one. htmx gets the fixtures section back; a plain
post is redirected to the page with a message."""

from datetime import timedelta

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from accounts.access import team_for_coach
from accounts.decorators import coach_required
from accounts.models import Team
from coaching.forms import FixtureForm, FixturePasteForm
from programs.fixtures import (
    FixtureBatch,
    FixtureTaken,
    fixture_add,
    fixture_delete,
    fixture_for_coach,
    fixture_move,
    fixtures_add,
)
from programs.models import Assignment, Fixture
from programs.season import placement_clashes
from web.htmx import UNPROCESSABLE, HtmxHttpRequest, partial_or_redirect
from web.params import FIXTURE_DATES

PAGE = "coaching/fixtures.html"


def page_url(team: Team) -> str:
    return reverse("coaching:fixtures", args=[team.pk]) + "#fixtures"


def day(on) -> str:
    return f"{on:%a} {on.day} {on:%b %Y}"


def page_context(team: Team, **forms) -> dict:
    """The team's fixtures, upcoming (soonest first) and past (latest first), with the forms
    (fresh ones unless given: a form sent back with its errors)."""
    today = timezone.localdate()
    fixtures = list(team.fixtures.all())
    members = team.memberships.filter(is_active=True).values("athlete")
    assignments = (
        Assignment.objects.for_coach(team.coach)
        .open()
        .filter(athlete__in=members)
        .select_related("athlete")
    )
    # Clashes up to a week past the last match, within the dates a fixture may be given (one
    # stored before that rule, at year 9999, must not take the schedule past the calendar).
    last = min(max([today, *(fixture.date for fixture in fixtures)]), today + FIXTURE_DATES.ahead)
    ahead = last + timedelta(days=7)
    return {
        "team": team,
        "upcoming": [fixture for fixture in fixtures if fixture.date >= today],
        "past": [fixture for fixture in reversed(fixtures) if fixture.date < today],
        "add_form": FixtureForm(auto_id="add_%s"),
        "paste_form": FixturePasteForm(auto_id="paste_%s"),
        "editing": None,
        # What the fixtures do to the workouts placed around them, from today on.
        "clashes": placement_clashes(assignments, between=(today, ahead)),
        **forms,
    }


def refused(request: HtmxHttpRequest, team: Team, **forms) -> HttpResponse:
    """The page (or, for htmx, the section) again with a form's errors next to its fields.
    htmx swaps only 2xx answers, so it gets a 200."""
    template = f"{PAGE}#fixture-list" if request.htmx else PAGE
    status = 200 if request.htmx else UNPROCESSABLE
    return render(request, template, page_context(team, **forms), status=status)


def answer(request: HtmxHttpRequest, team: Team, notice: str, level=messages.SUCCESS):
    return partial_or_redirect(
        request,
        f"{PAGE}#fixture-list",
        lambda: page_context(team),
        url=page_url(team),
        notice=notice,
        level=level,
    )


@coach_required
@require_GET
@vary_on_headers("HX-Request")
def fixtures(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    team = team_for_coach(request.user, pk)
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, f"{PAGE}#fixture-list", page_context(team))
    return render(request, PAGE, page_context(team))


@coach_required
@require_POST
def fixture_add_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    team = team_for_coach(request.user, pk)
    form = FixtureForm(request.POST, auto_id="add_%s")
    if form.is_valid():
        try:
            fixture = fixture_add(team=team, **form.cleaned_data)
        except FixtureTaken as error:
            form.add_error("date", str(error))
        else:
            return answer(request, team, f"Match on {day(fixture.date)} added.")
    return refused(request, team, add_form=form)


def pasted(batch: FixtureBatch) -> str:
    """What a paste did, in sentences."""
    count = len(batch.added)
    text = f"{count} match{'es' if count != 1 else ''} added."
    if batch.repeated:
        days = ", ".join(f"{day(match.date)} (line {match.line})" for match in batch.repeated)
        text += f" Already in the list, so not added again: {days}."
    return text


@coach_required
@require_POST
def fixtures_paste(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    team = team_for_coach(request.user, pk)
    form = FixturePasteForm(request.POST, auto_id="paste_%s")
    if not form.is_valid():
        return refused(request, team, paste_form=form)
    batch = fixtures_add(team=team, matches=form.cleaned_data["lines"])
    level = messages.WARNING if batch.repeated else messages.SUCCESS
    return answer(request, team, pasted(batch), level)


@coach_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def fixture_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Move a match (a new day, a new label): the list with that match as a form."""
    fixture = fixture_for_coach(request.user, pk)
    team, was = fixture.team, fixture.date
    initial = {"date": fixture.date, "label": fixture.label}
    form = FixtureForm(request.POST or None, initial=initial, auto_id="edit_%s")
    if request.method == "POST":
        if form.is_valid():
            try:
                fixture_move(fixture=fixture, **form.cleaned_data)
            except FixtureTaken as error:
                form.add_error("date", str(error))
            else:
                moved = "" if fixture.date == was else f", moved to {day(fixture.date)}"
                return answer(request, team, f"Match of {day(was)} saved{moved}.")
        return refused(request, team, editing=fixture, edit_form=form)
    context = page_context(team, editing=fixture, edit_form=form)
    return render(request, f"{PAGE}#fixture-list" if request.htmx else PAGE, context)


@coach_required
@require_POST
def fixture_delete_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    fixture: Fixture = fixture_for_coach(request.user, pk)
    fixture_delete(fixture=fixture)
    return answer(request, fixture.team, f"Match on {day(fixture.date)} deleted.")

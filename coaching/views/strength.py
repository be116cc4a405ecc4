"""Strength tests: a squad's results in one form, one athlete's on their page. Each test is
read (N, N/kg, imbalance) and raises its flags as it is saved. Under the squad's form, its
latest tests and how its strength estimates agree with its own NordBord."""

from decimal import Decimal

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts.access import athlete_for_coach, team_for_coach
from accounts.decorators import coach_required
from accounts.units import mass_from_kg
from catalogue.models import Band
from coaching import actions
from coaching.forms import SquadRowFormSet, SquadTestForm, StrengthTestForm
from coaching.pages.athlete import PAGE, page_context
from coaching.pages.squad_strength import squad_strength_panel
from coaching.season_phase import matches_window, phase_on
from logbook.strength_tests import strength_test_record, team_sport
from programs.models import Fixture
from web.htmx import UNPROCESSABLE, HtmxHttpRequest

SQUAD_PAGE = "coaching/squad_tests.html"


def body_mass_in(athlete, units: str) -> Decimal | None:
    return None if athlete.body_mass_kg is None else mass_from_kg(athlete.body_mass_kg, units)


@coach_required
@require_http_methods(["GET", "POST"])
def squad_tests(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    team = team_for_coach(request.user, pk)
    members = list(
        team.memberships.filter(is_active=True)
        .select_related("athlete")
        .order_by("athlete__first_name", "athlete__username")
    )
    athletes = {membership.athlete.pk: membership.athlete for membership in members}
    units = request.user.units  # the coach's: body masses are typed and shown in them
    initial = [
        {"athlete": athlete.pk, "body_mass": body_mass_in(athlete, units)}
        for athlete in athletes.values()
    ]
    today = timezone.localdate()
    # The phase that fits the day (the team's match days, else the month): see season_phase.
    matches = Fixture.objects.filter(team=team, date__range=matches_window(today))
    phase = phase_on(today, matches=list(matches.values_list("date", flat=True)), sport=team.sport)
    header = SquadTestForm(request.POST or None, initial={"on_date": today, "phase": phase})
    rows = SquadRowFormSet(
        request.POST or None,
        initial=initial,
        prefix="row",
        form_kwargs={"athletes": athletes, "units": units, "bands": list(Band.objects.ladder())},
    )
    if request.method == "POST" and header.is_valid() and rows.is_valid():
        entered = actions.squad_tests_record(
            coach=request.user, sport=team.sport, rows=rows.entered(), **header.cleaned_data
        )
        messages.success(request, f"{len(entered)} strength tests saved for {team}.")
        return redirect("coaching:board")
    names = [athletes.get(form.initial.get("athlete")) for form in rows.forms]
    context = {
        "team": team,
        "header": header,
        "rows": rows,
        "labelled": zip(rows.forms, names, strict=True),
        "units": units,
        "strength": squad_strength_panel(team, athletes),
    }
    status = UNPROCESSABLE if request.method == "POST" else 200
    return render(request, SQUAD_PAGE, context, status=status)


@coach_required
@require_POST
def athlete_test_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    athlete = athlete_for_coach(request.user, pk)
    form = StrengthTestForm(request.POST, units=request.user.units)
    if not form.is_valid():
        context = page_context(request.user, athlete, strength_form=form)
        return render(request, PAGE, context, status=UNPROCESSABLE)
    strength_test_record(
        athlete=athlete,
        entered_by=request.user,
        sport=team_sport(athlete, request.user),
        **form.cleaned_data,
    )
    messages.success(request, "Strength test saved.")
    return redirect(reverse("coaching:athlete", args=[athlete.pk]) + "#strength")

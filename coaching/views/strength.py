"""Strength tests: a squad's results in one form, one athlete's on their page, and a CSV of
them all. Each test is read (N, N/kg, imbalance) and raises its flags as it is saved."""

import csv
from itertools import chain

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import athlete_for_coach, team_for_coach
from accounts.decorators import coach_required
from coaching.forms import SquadRowFormSet, SquadTestForm, StrengthTestForm
from coaching.pages.athlete import page_context
from coaching.views.athlete import PAGE, UNPROCESSABLE, Echo, text_cell
from hamstrings.htmx import HtmxHttpRequest
from logbook.models import StrengthTest
from logbook.strength_tests import strength_test_record

SQUAD_PAGE = "coaching/squad_tests.html"


def team_sport(athlete, coach) -> str:
    """The sport of the coach's team the athlete is in (thresholds depend on it)."""
    membership = athlete.memberships.filter(team__coach=coach, is_active=True).first()
    return membership.team.sport if membership else "other"


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
    initial = [
        {"athlete": athlete.pk, "body_mass_kg": athlete.body_mass_kg}
        for athlete in athletes.values()
    ]
    header = SquadTestForm(request.POST or None, initial={"on_date": timezone.localdate()})
    rows = SquadRowFormSet(
        request.POST or None, initial=initial, prefix="row", form_kwargs={"athletes": athletes}
    )
    if request.method == "POST" and header.is_valid() and rows.is_valid():
        entered = rows.entered()
        with transaction.atomic():
            for data in entered:
                strength_test_record(
                    entered_by=request.user, sport=team.sport, **header.cleaned_data, **data
                )
        messages.success(request, f"{len(entered)} strength tests saved for {team}.")
        return redirect("coaching:board")
    names = [athletes.get(form.initial.get("athlete")) for form in rows.forms]
    context = {
        "team": team,
        "header": header,
        "rows": rows,
        "labelled": zip(rows.forms, names, strict=True),
    }
    status = UNPROCESSABLE if request.method == "POST" else 200
    return render(request, SQUAD_PAGE, context, status=status)


@coach_required
@require_POST
def athlete_test_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    athlete = athlete_for_coach(request.user, pk)
    form = StrengthTestForm(request.POST)
    if not form.is_valid():
        context = page_context(request.user, athlete, strength_form=form)
        return render(request, PAGE, context, status=UNPROCESSABLE)
    strength_test_record(
        athlete=athlete, entered_by=request.user, sport=team_sport(athlete, request.user),
        **form.cleaned_data,
    )  # fmt: skip
    messages.success(request, "Strength test saved.")
    return redirect(reverse("coaching:athlete", args=[athlete.pk]) + "#strength")


CSV_HEADER = ["athlete", "date", "phase", "method", "left", "right", "body mass (kg)", "note"]


@coach_required
@require_GET
def athlete_tests_export(request: HtmxHttpRequest, pk: int) -> StreamingHttpResponse:
    athlete = athlete_for_coach(request.user, pk)
    tests = StrengthTest.objects.filter(athlete=athlete).order_by("on_date", "id")
    writer = csv.writer(Echo())
    name = text_cell(athlete.get_full_name() or athlete.username)
    rows = (
        [name, test.on_date.isoformat(), test.phase, test.method, test.left, test.right,
         test.body_mass_kg, text_cell(test.note)]
        for test in tests.iterator()
    )  # fmt: skip
    return StreamingHttpResponse(
        (writer.writerow(row) for row in chain([CSV_HEADER], rows)),
        content_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": content_disposition_header(
                True, f"{athlete.username}-strength-tests.csv"
            )
        },
    )

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.decorators import coach_required


@login_required
def today(request: HttpRequest) -> HttpResponse:
    return render(request, "logbook/today.html")


@coach_required
def coach_dashboard(request: HttpRequest) -> HttpResponse:
    teams = request.user.teams.prefetch_related("memberships__athlete")
    return render(request, "logbook/coach_dashboard.html", {"teams": teams})

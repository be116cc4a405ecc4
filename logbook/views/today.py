from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from logbook.pages.today import today_for


@login_required
@require_GET
def today(request: HttpRequest) -> HttpResponse:
    return render(request, "logbook/today.html", today_for(request.user, timezone.localdate()))

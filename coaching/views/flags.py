"""An athlete's open flags, opened from the board, and acknowledging one: one tap, with an
optional note."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accounts.access import athlete_for_coach
from accounts.decorators import coach_required
from logbook.access import flag_for_coach
from logbook.flags import flag_acknowledge
from logbook.models import Flag
from web.htmx import HtmxHttpRequest


@coach_required
@require_GET
def athlete_flags(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The open flags of one of the coach's athletes with their forms, for the board's row (the
    board itself names only their kinds). Without htmx: the athlete's page, where they are too."""
    athlete = athlete_for_coach(request.user, pk)
    if not request.htmx:
        return redirect(reverse("coaching:athlete", args=[athlete.pk]) + "#flags-heading")
    flags = Flag.objects.open().filter(athlete=athlete).order_by("raised_at", "id")
    return render(request, "coaching/flags.html", {"flags": flags})


class AcknowledgeForm(forms.Form):
    note = forms.CharField(max_length=300, required=False, strip=True)


@coach_required
@require_POST
def flag_acknowledge_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    flag = flag_for_coach(request.user, pk)
    form = AcknowledgeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Keep the note to 300 characters.")
        return redirect("coaching:board")
    flag = flag_acknowledge(flag=flag, by=request.user, note=form.cleaned_data["note"])
    if request.htmx:
        return render(request, "coaching/flag.html", {"flag": flag})
    messages.success(request, f"{flag.get_kind_display()} of {flag.athlete} acknowledged.")
    return redirect("coaching:board")

"""Acknowledging a flag: one tap from the board, with an optional note."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.decorators import coach_required
from hamstrings.htmx import HtmxHttpRequest
from logbook.access import flag_for_coach
from logbook.flags import flag_acknowledge


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

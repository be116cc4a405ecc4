"""The athlete's side of a return-to-play stage: reporting the Askling H-test from the stage's
card on /today/ (the card shows what opens the next stage; the coach signs it off)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from logbook.pages.today import today_for
from logbook.stages import NoHTest, h_test_report, stage_cards
from programs.access import assignment_for_athlete
from web.htmx import UNPROCESSABLE, HtmxHttpRequest, partial_or_redirect

CARD = "components/stage_gate.html"
ANSWER = "Choose yes or no."


class HTestForm(forms.Form):
    insecure = forms.TypedChoiceField(
        choices=[("no", "No"), ("yes", "Yes")],
        coerce=lambda answer: answer == "yes",
        error_messages={"required": ANSWER, "invalid_choice": ANSWER},
    )


@login_required
@require_POST
def h_test(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The athlete's answer to the H-test: did they feel any insecurity? The stage's card comes
    back with the gate read again (htmx), or /today/ with a message."""
    assignment = assignment_for_athlete(request.user, pk)
    today = timezone.localdate()
    form = HTestForm(request.POST)
    if not form.is_valid():
        return _with_error(request, assignment, today, form.errors["insecure"][0])
    try:
        h_test_report(assignment=assignment, insecure=form.cleaned_data["insecure"], today=today)
    except NoHTest as refusal:
        notice, level = str(refusal), messages.WARNING
    else:
        notice = (
            "Noted: you felt some insecurity. Your coach sees it; the stage goes on."
            if form.cleaned_data["insecure"]
            else "Noted: no insecurity. Your coach sees it on your stage."
        )
        level = messages.SUCCESS
    cards = stage_cards([assignment], today=today)
    today_url = reverse("logbook:today") + f"#stage-{assignment.pk}"
    if not cards:  # not in a stage (any more): nothing to swap in
        messages.add_message(request, level, notice)
        return HttpResponseClientRedirect(today_url) if request.htmx else redirect(today_url)
    return partial_or_redirect(
        request,
        CARD,
        lambda: {"card": cards[0], "who": "you", "stage_notice": notice},
        url=today_url,
        notice=notice,
        level=level,
    )


def _with_error(request, assignment, today, error: str) -> HttpResponse:
    """The card, or the whole of /today/ without JavaScript, with the error by the question."""
    if request.htmx:
        cards = stage_cards([assignment], today=today)
        if cards:
            cards[0].h_test_error = error
            return render(request, CARD, {"card": cards[0], "who": "you"})
    context = today_for(request.user, today)
    for card in context["stages"]:
        if card.assignment.pk == assignment.pk:
            card.h_test_error = error
    return render(request, "logbook/today.html", context, status=UNPROCESSABLE)

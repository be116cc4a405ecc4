"""The start-band finder's page, opened from session 1 of the band-assisted Nordic: the bands
to try, thickest first, each with its help in kg and as a share of body mass; two reps per band,
one band per post; then the band the athlete starts on, and why."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from logbook.models import Control
from logbook.start_band import FinderClosed, finder_read, start_band_trial_record
from programs.access import workout_for_athlete
from programs.start_band import RESEARCH_SHARE
from web.htmx import UNPROCESSABLE


def rep_field(number: int) -> forms.ChoiceField:
    tap = f"Tap how far down you controlled rep {number}."
    return forms.ChoiceField(
        label=f"Rep {number}",
        choices=Control.choices,
        widget=forms.RadioSelect,
        error_messages={"required": tap, "invalid_choice": tap},
    )


class TrialForm(forms.Form):
    """One band's two reps. The band is sent back so that a stale page or a retried post never
    records these answers against the next band."""

    band = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={"required": "Reload the page: it lost its band."},
    )
    first_rep = rep_field(1)
    second_rep = rep_field(2)


@login_required
@require_http_methods(["GET", "POST"])
def start_band(request: HttpRequest, pk: int) -> HttpResponse:
    workout, assignment = workout_for_athlete(request.user, pk)
    finder = finder_read(athlete=request.user, assignment=assignment, workout=workout)
    if finder is None:
        raise Http404("This workout has no band-assisted Nordic to find a band for.")
    url = reverse("logbook:start-band", args=[workout.pk])
    form = TrialForm(request.POST) if request.method == "POST" else TrialForm()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            finding = start_band_trial_record(
                athlete=request.user,
                assignment=assignment,
                workout=workout,
                band_id=data["band"],
                reps=(data["first_rep"], data["second_rep"]),
                at=timezone.now(),
            )
        except FinderClosed as refusal:
            messages.warning(request, str(refusal))
            return redirect(url)
        # On to the next band's card, or up to the answer.
        return redirect(url + (f"#band-{finding.next_band.id}" if finding.next_band else "#found"))
    context = {
        "workout": workout,
        "finder": finder,
        "form": form,
        "research_share": RESEARCH_SHARE,
    }
    status = UNPROCESSABLE if form.is_bound else 200
    return render(request, "logbook/start_band.html", context, status=status)

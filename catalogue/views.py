from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from catalogue import services
from catalogue.access import exercise_for_user
from catalogue.forms import ExerciseFilterForm, OwnedBandsForm
from catalogue.models import Band, BandKind, Exercise
from web.htmx import HtmxHttpRequest, partial_or_redirect


@vary_on_headers("HX-Request")
def exercise_list(request: HtmxHttpRequest) -> HttpResponse:
    form = ExerciseFilterForm(request.GET)
    exercises = form.filter(Exercise.objects.for_user(request.user))
    context = {"form": form, "exercises": exercises}
    # htmx swaps only the list, except when restoring history it has no snapshot of.
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "catalogue/exercise_list.html#exercise-list", context)
    return render(request, "catalogue/exercise_list.html", context)


def exercise_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    exercise = exercise_for_user(request.user, slug)
    visible = Exercise.objects.for_user(request.user)
    context = {
        "exercise": exercise,
        "progressions": exercise.progressions.filter(pk__in=visible.values("pk")),
        "regressions": exercise.regressions.filter(pk__in=visible.values("pk")),
    }
    return render(request, "catalogue/exercise_detail.html", context)


def band_ladder(request: HtmxHttpRequest) -> HttpResponse:
    owned = set()
    if request.user.is_authenticated:
        owned = set(request.user.owned_bands.values_list("pk", flat=True))
    # Tensions are shown in the reader's units by the template's `tension` filter.
    rows = [
        {"band": band, "owned": band.pk in owned} for band in Band.objects.order_by("kind", "rank")
    ]
    return render(
        request,
        "catalogue/band_ladder.html",
        {
            "ladder": [row for row in rows if row["band"].kind == BandKind.LOOP],
            "others": [row for row in rows if row["band"].kind != BandKind.LOOP],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_bands(request: HtmxHttpRequest) -> HttpResponse:
    # After sign-up the athlete is asked here first, then carries on to `next` (today).
    next_url = safe_next(request)
    if request.method == "POST":
        form = OwnedBandsForm(request.POST)
        if form.is_valid():
            services.owned_bands_set(user=request.user, bands=form.cleaned_data["bands"])
            if next_url:
                messages.success(request, "Your bands are saved.")
                return HttpResponseClientRedirect(next_url) if request.htmx else redirect(next_url)
            return partial_or_redirect(
                request,
                "catalogue/my_bands.html#bands-form",
                lambda: {"form": form},
                url=reverse("catalogue:my-bands"),
                notice="Your bands are saved.",
            )
    else:
        form = OwnedBandsForm(initial={"bands": request.user.owned_bands.all()})
    template = "catalogue/my_bands.html#bands-form" if request.htmx else "catalogue/my_bands.html"
    return render(request, template, {"form": form, "next_url": next_url})


def safe_next(request: HtmxHttpRequest) -> str:
    """The `next` address of this site, from the form or the query string; "" otherwise."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return next_url if allowed else ""

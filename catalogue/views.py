from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from catalogue import services
from catalogue.access import band_for_coach, exercise_for_user, measurement_for_coach
from catalogue.forms import BandMeasurementForm, ExerciseFilterForm, OwnedBandsForm
from catalogue.models import Band, BandKind, Exercise
from catalogue.units import tension_from_kg
from web.htmx import UNPROCESSABLE, HtmxHttpRequest, partial_or_redirect


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


def band_ladder(
    request: HtmxHttpRequest, *, refused: BandMeasurementForm | None = None, refused_band=None
) -> HttpResponse:
    """The bands, and for a coach their own measurement of each loop band with its form
    (`refused`: the form of `refused_band` sent back with its errors)."""
    user = request.user
    owned, measured = set(), {}
    if user.is_authenticated:
        owned = set(user.owned_bands.values_list("pk", flat=True))
        if user.is_coach:
            measured = {m.band_id: m for m in user.band_measurements.all()}
    # Tensions are shown in the reader's units by the template's `tension` filter.
    rows = [
        {"band": band, "owned": band.pk in owned} for band in Band.objects.order_by("kind", "rank")
    ]
    ladder = [row for row in rows if row["band"].kind == BandKind.LOOP]
    if user.is_authenticated and user.changes_training:
        for row in ladder:
            band = row["band"]
            row["measurement"] = measured.get(band.pk)
            if refused is not None and band == refused_band:
                row["form"] = refused
            else:
                row["form"] = measurement_form(user, band, row["measurement"])
    return render(
        request,
        "catalogue/band_ladder.html",
        {
            "ladder": ladder,
            "others": [row for row in rows if row["band"].kind != BandKind.LOOP],
            "measures": user.is_authenticated and user.changes_training,
        },
        status=UNPROCESSABLE if refused is not None else 200,
    )


def measurement_form(user, band: Band, measurement=None, data=None) -> BandMeasurementForm:
    """One band's form on the page (its own ids), prefilled with the coach's last reading."""
    initial = {"measured_on": timezone.localdate()}
    if measurement is not None:
        initial = {
            "tension": tension_from_kg(measurement.tension_kg, user.units),
            "length_cm": measurement.length_cm,
            "measured_on": measurement.measured_on,
        }
    return BandMeasurementForm(
        data,
        initial=initial,
        units=user.units,
        today=timezone.localdate(),
        auto_id=f"id_band{band.pk}_%s",
    )


@login_required
@require_POST
def band_measure(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A coach records their own reading of a band; it then applies to their athletes."""
    band = band_for_coach(request.user, pk)
    form = measurement_form(request.user, band, data=request.POST)
    if not form.is_valid():
        return band_ladder(request, refused=form, refused_band=band)
    services.band_measure(
        coach=request.user,
        band=band,
        tension_kg=form.cleaned_data["tension"],
        length_cm=form.cleaned_data["length_cm"],
        measured_on=form.cleaned_data["measured_on"],
    )
    messages.success(request, f"Your measurement of the {band.name.lower()} band is saved.")
    return redirect(reverse("catalogue:band-ladder") + f"#band-{band.pk}")


@login_required
@require_POST
def band_measurement_remove(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Back to the band's rated range for the coach's athletes."""
    measurement = measurement_for_coach(request.user, pk)
    services.band_measurement_remove(measurement=measurement)
    band = measurement.band
    messages.success(
        request, f"Your measurement of the {band.name.lower()} band is removed: its rating applies."
    )
    return redirect(reverse("catalogue:band-ladder") + f"#band-{band.pk}")


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

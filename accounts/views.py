import sys
from dataclasses import asdict

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from accounts import services, throttling
from accounts.forms import QueuedPasswordResetForm, SettingsForm
from accounts.task_queue import queue_health
from web.htmx import HtmxHttpRequest, partial_or_redirect

SETTINGS = "accounts/settings.html"


def home(request: HttpRequest) -> HttpResponse:
    """Send each person to where their day starts."""
    user = request.user
    if not user.is_authenticated:
        return redirect("login")
    if user.is_coach:
        return redirect("coaching:board")
    if user.is_staff:
        return redirect("admin:index")
    return redirect("logbook:today")


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset view, with a limit on its mails (`throttling.password_reset_permitted`).
    Over the limit the same page follows and no mail goes: the page never tells whether an
    account has the address, nor whether a mail went."""

    form_class = QueuedPasswordResetForm

    def form_valid(self, form: QueuedPasswordResetForm) -> HttpResponse:
        if throttling.password_reset_permitted(
            email=form.cleaned_data["email"], address=throttling.network_address(self.request)
        ):
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HtmxHttpRequest) -> HttpResponse:
    """Units, time zone, body mass, the bands one owns; athletes and coaches alike."""
    form = SettingsForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.settings_save(user=request.user, **form.settings())
        return partial_or_redirect(
            request,
            f"{SETTINGS}#settings",
            lambda: settings_context(request.user),
            url=reverse("accounts:settings"),
            notice="Your settings are saved.",
        )
    template = f"{SETTINGS}#settings" if request.htmx else SETTINGS
    return render(request, template, settings_context(request.user, form=form))


def settings_context(user, *, form: SettingsForm | None = None) -> dict:
    return {
        "form": form or SettingsForm(user=user),
        "owned_bands": user.owned_bands.order_by("kind", "rank"),
    }


@require_GET
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """JSON for a load balancer and a monitor. 200 while the database answers, with the task
    queue: how many tasks are ready, how long the oldest has waited, and `stuck` once that is
    past TASKS_STUCK_AFTER (the mail worker is down). A stuck queue still answers 200: HAProxy
    reads only the status, and a dead mail worker must not take every web replica out. 503
    with Retry-After while the database does not answer."""
    try:
        tasks = queue_health(stuck_after=settings.TASKS_STUCK_AFTER)
    except DatabaseError:
        response = JsonResponse({"database": "unavailable"}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return JsonResponse({"database": "ok", "tasks": asdict(tasks)})


RETRY_AFTER_SECONDS = 30


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler. When the database is out of reach the answer is 503 with Retry-After:
    the request can be sent again (the phone's queue resends a set with its same token).
    Rendered without a request context: the user, like everything else, lives in the
    database."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))

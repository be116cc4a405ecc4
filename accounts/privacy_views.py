"""A person's own data (issue 29): "Your data" lists their exports and asks for a new one,
downloads one (the signed-in owner only, before it expires), and erases their account."""

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import data_export_of
from accounts.data_export import exports_listed
from accounts.data_export_actions import data_export_request
from accounts.erasure import ErasureRefused, erasure_request
from accounts.models import User
from accounts.privacy_forms import ErasureConfirmForm
from web.htmx import UNPROCESSABLE, HtmxHttpRequest, partial_or_redirect

PAGE = "accounts/privacy.html"


@login_required
@require_http_methods(["GET", "POST"])
def data_page(request: HtmxHttpRequest) -> HttpResponse:
    """The page; a POST asks for everything as a zip, built in the background and mailed."""
    if request.method == "POST":
        data_export_request(user=request.user)
        told = (
            f"We will mail you a link to {request.user.email} when it is ready."
            if request.user.email
            else "It is listed below when it is ready."
        )
        return partial_or_redirect(
            request,
            f"{PAGE}#data-exports",
            lambda: page_context(request.user),
            url=reverse("accounts:data"),
            notice=f"We are gathering your data. {told}",
        )
    template = f"{PAGE}#data-exports" if request.htmx else PAGE
    return render(request, template, page_context(request.user))


def page_context(user: User, *, erase_form: ErasureConfirmForm | None = None) -> dict:
    return {
        "exports": exports_listed(user, now=timezone.now()),
        "export_days": settings.DATA_EXPORT_DAYS,
        "grace_days": settings.ERASURE_GRACE_DAYS,
        "erase_form": erase_form or ErasureConfirmForm(user=user),
    }


@login_required
@require_GET
@cache_control(private=True, no_store=True)
def data_download(request: HtmxHttpRequest, token: str) -> HttpResponse:
    export = data_export_of(request.user, token)
    person = slugify(request.user.username) or f"user-{request.user.pk}"
    name = f"hamstrings-data-{person}-{timezone.localdate(export.ready_at):%Y-%m-%d}.zip"
    return HttpResponse(
        bytes(export.content),
        content_type="application/zip",
        headers={"Content-Disposition": content_disposition_header(True, name)},
    )


@login_required
@require_POST
def data_erase(request: HtmxHttpRequest) -> HttpResponse:
    """Close the account at once and sign out; its personal fields go after the grace days."""
    form = ErasureConfirmForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            erasure = erasure_request(user=request.user, by=request.user)
        except ErasureRefused as refused:
            form.add_error("username", str(refused))
    if not form.is_valid():
        context = page_context(request.user, erase_form=form)
        return render(request, PAGE, context, status=UNPROCESSABLE)
    logout(request)
    return render(request, "accounts/erased.html", {"erase_after": erasure.erase_after})

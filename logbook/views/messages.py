"""/messages/: the athlete's thread with their coaches. Opening it marks what the coaches wrote
as read; posting adds to it (htmx swaps the thread, a plain form redirects)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from logbook.pages.thread import PAGE, thread_view
from web.htmx import HtmxHttpRequest


@login_required
@require_http_methods(["GET", "POST"])
def messages_page(request: HtmxHttpRequest) -> HttpResponse:
    if request.user.is_coach:
        return redirect("coaching:messages")
    return thread_view(
        request, athlete=request.user, post_url=reverse("logbook:messages"), template=PAGE
    )

"""The project's one htmx response rule, after Luke Plant's django-htmx-patterns: an action
answers htmx with the partial it changed, and a plain form post (no JavaScript) with a flash
message and a redirect to where that partial sits on its page."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django_htmx.middleware import HtmxDetails

# The status of a form sent back with its errors (without JavaScript too): the one place it is
# named.
UNPROCESSABLE = 422


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it (for type checkers and readers)."""

    htmx: HtmxDetails


def partial_or_redirect(
    request: HtmxHttpRequest,
    partial: str,
    context: Callable[[], dict],
    *,
    url: str,
    notice: str = "",
    level: int = messages.SUCCESS,
) -> HttpResponse:
    """htmx gets `partial` rendered with `context()` and the `notice` shown in it; anyone else
    is sent to `url` with the notice as a message. `context` is a function so that a redirect
    runs none of the partial's queries."""
    if request.htmx:
        return render(request, partial, {**context(), "notice": notice})
    if notice:
        messages.add_message(request, level, notice)
    return redirect(url)

"""The message thread between an athlete and their coaches, as both sides' pages show it and post
into it (`/messages/` for the athlete, `/coach/athletes/<id>/messages/` for the coach): opening
its latest page marks what the other side wrote as read; posting adds to it (htmx swaps the
thread, a plain form redirects)."""

from django.contrib import messages as notices
from django.shortcuts import redirect, render

from logbook.message_form import MessageForm
from logbook.messages import message_post, thread_page, thread_read
from web.htmx import UNPROCESSABLE, HtmxHttpRequest
from web.params import parse_id

PAGE = "logbook/messages.html"


def thread_context(*, athlete, reader, request, form=None, post_url: str) -> dict:
    before = parse_id(request.GET.get("before"))
    if before is None:  # an older page is history, the latest page is what they read now
        read = thread_read(athlete=athlete, reader=reader)
        if hasattr(reader, "unread_count"):  # the badge was counted before this request read
            reader.unread_count = max(0, reader.unread_count - read)
    page, earlier = thread_page(athlete=athlete, before=before)
    return {
        "athlete": athlete,
        "thread": page,
        "earlier": earlier,
        "form": form or MessageForm(athlete=athlete),
        "post_url": post_url,
        "reader": reader,
    }


def thread_view(request: HtmxHttpRequest, *, athlete, post_url: str, template: str):
    """The thread page for either side: GET shows it, POST writes into it."""
    form = None
    if request.method == "POST":
        form = MessageForm(request.POST, athlete=athlete)
        if form.is_valid():
            message_post(
                athlete=athlete,
                author=request.user,
                body=form.cleaned_data["body"],
                workout_log=form.cleaned_data["workout_log"],
            )
            if not request.htmx:
                notices.success(request, "Sent.")
                return redirect(post_url)
            form = None
    context = thread_context(
        athlete=athlete, reader=request.user, request=request, form=form, post_url=post_url
    )
    if request.htmx:  # a post answers with the thread and a fresh form; the poll, the thread
        template = PAGE + ("#posted" if request.method == "POST" else "#thread")
    status = UNPROCESSABLE if form is not None and form.errors and not request.htmx else 200
    return render(request, template, context, status=status)

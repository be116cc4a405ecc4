"""The club's audit trail for its head of performance (`/club/audit/`): who of the staff did
what with which athlete's health data, and when, newest first, 50 a page, filtered by athlete
and by action. The rows are the club's own (the head's seat's); no one else reads them."""

from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from accounts.decorators import club_owner_required
from accounts.models import User, display_name
from accounts.records import AuditAction, AuditEvent
from web.htmx import HtmxHttpRequest

PAGE = "accounts/audit.html"
EVENTS_PER_PAGE = 50


class AuditFilterForm(forms.Form):
    athlete = forms.ChoiceField(label="Athlete", required=False)
    action = forms.ChoiceField(
        label="Action", required=False, choices=[("", "Every action"), *AuditAction.choices]
    )

    def __init__(self, data, *, athletes: list[tuple[int, str]]):
        super().__init__(data)
        self.fields["athlete"].choices = [("", "Every athlete"), *athletes]

    def filter(self, events):
        """Apply the valid filters; an invalid one is reported by the form and ignored."""
        self.is_valid()
        if athlete := self.cleaned_data.get("athlete"):
            events = events.filter(athlete_id=athlete)
        if action := self.cleaned_data.get("action"):
            events = events.filter(action=action)
        return events

    def query(self) -> str:
        """The filters in force, for the page links ("action=pause_cleared")."""
        return urlencode({name: value for name, value in self.cleaned_data.items() if value})


def audited_athletes(events) -> list[tuple[int, str]]:
    """The athletes the club's rows name, by name: the filter's choices (one query)."""
    people = (
        User.objects.filter(pk__in=events.values("athlete"))
        .order_by("first_name", "last_name", "username")
        .values_list("pk", "first_name", "last_name", "username")
    )
    return [(pk, display_name(*names)) for pk, *names in people]


@club_owner_required
@require_GET
@vary_on_headers("HX-Request")
def audit_trail(request: HtmxHttpRequest) -> HttpResponse:
    events = AuditEvent.objects.filter(club_id=request.user.seat.club_id)
    form = AuditFilterForm(request.GET, athletes=audited_athletes(events))
    shown = form.filter(events).select_related("actor", "athlete")
    page = Paginator(shown, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "filters": form.query()}
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, f"{PAGE}#audit-list", context)
    return render(request, PAGE, context)

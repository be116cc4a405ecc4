"""The coach's side of the threads: an inbox of their athletes' threads (unread first), one
athlete's thread, and an announcement to a whole team or to one of its groups (one message in
each of their athletes' threads).

An announcement leaves out the athletes on a return-to-play program unless the coach ticks the
box: team news ("extra Nordics this week", "sprints on Thursday") can contradict a rehab plan,
and a coach who means everyone (a kick-off time) says so in one tap. The form and the
confirmation say who was left out."""

from django import forms
from django.contrib import messages as notices
from django.db.models import Count, F, Max, OuterRef, Q, Subquery
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import athlete_for_coach
from accounts.decorators import coach_required
from accounts.models import SquadGroup, Team, User, athletes_of
from logbook.messages import announcement_post
from logbook.models import BODY_MAX, Message
from logbook.pages.thread import thread_view
from programs.models import Assignment
from web.htmx import UNPROCESSABLE, HtmxHttpRequest

INBOX = "coaching/messages.html"


class AnnouncementForm(forms.Form):
    team = forms.ModelChoiceField(
        queryset=Team.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": "Choose one of your teams."},
    )
    body = forms.CharField(
        label="Announcement",
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write the announcement first."},
    )
    include_return_to_play = forms.BooleanField(
        label="Include athletes in return to play",
        required=False,
        help_text="Left unticked, athletes on a return-to-play program do not get it: team "
        "training news may not fit their rehab.",
    )

    def __init__(self, *args, coach, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.for_coach(coach).order_by("name")
        groups = SquadGroup.objects.for_coach(coach).select_related("team")
        self.groups = {str(group.pk): group for group in groups.order_by("team__name", "name")}
        if self.groups:
            self.fields["group"] = forms.ChoiceField(
                label="Only to a group",
                required=False,
                choices=[("", "No: the whole team")]
                + [(pk, str(group)) for pk, group in self.groups.items()],
                help_text="Only the group's athletes get it.",
                error_messages={"invalid_choice": "Choose one of your groups."},
            )

    def clean_group(self) -> SquadGroup | None:
        return self.groups.get(self.cleaned_data["group"])

    def clean(self):
        data = super().clean()
        team, group = data.get("team"), data.get("group")
        if team and group and group.team_id != team.pk:
            self.add_error(
                "group", f"{group.name} is a group of {group.team}: choose {team} or the group's."
            )
        return data

    def recipients(self):
        """Whom the announcement is for, before return to play is left out: the group's
        athletes, or the team's."""
        if group := self.cleaned_data.get("group"):
            return group.athletes()
        team = self.cleaned_data["team"]
        return User.objects.filter(memberships__team=team, memberships__is_active=True)

    def recipients_name(self) -> str:
        group = self.cleaned_data.get("group")
        return str(group) if group else str(self.cleaned_data["team"])


def inbox_rows(coach):
    """Each athlete of the coach with their thread's unread count and latest message: a
    constant number of queries however many athletes and messages."""
    latest = Message.objects.filter(athlete=OuterRef("pk")).order_by("-id")
    return (
        User.objects.filter(pk__in=athletes_of(coach).values("pk"))
        .annotate(
            unread=Count("thread", filter=Q(thread__read_at__isnull=True, thread__author=F("pk"))),
            last_at=Max("thread__created_at"),
            last_body=Subquery(latest.values("body")[:1]),
        )
        .order_by(F("unread").desc(), F("last_at").desc(nulls_last=True), "first_name", "pk")
    )


@coach_required
@require_GET
def inbox(request: HtmxHttpRequest) -> HttpResponse:
    context = {"rows": inbox_rows(request.user), "form": AnnouncementForm(coach=request.user)}
    return render(request, INBOX, context)


def nobody_gets_it(recipients: str, left_out: int) -> str:
    """Why an announcement would reach nobody, and what to do: sent to no one, it is refused."""
    if left_out:
        return (
            f"Everyone in {recipients} is in return to play: tick the box below to send it "
            "to them. Nothing was sent."
        )
    return f"{recipients} has no athletes yet. Nothing was sent."


@coach_required
@require_POST
def announce(request: HtmxHttpRequest) -> HttpResponse:
    form = AnnouncementForm(request.POST, coach=request.user)
    athletes, left_out = None, 0
    if form.is_valid():
        athletes = form.recipients()
        if not form.cleaned_data["include_return_to_play"]:
            rehab = Assignment.objects.open().filter(program__weeks__gate__isnull=False)
            left_out = athletes.filter(pk__in=rehab.values("athlete")).count()
            athletes = athletes.exclude(pk__in=rehab.values("athlete"))
        if not athletes.exists():
            field = "group" if form.cleaned_data.get("group") else "team"
            form.add_error(field, nobody_gets_it(form.recipients_name(), left_out))
    if not form.is_valid():
        context = {"rows": inbox_rows(request.user), "form": form}
        return render(request, INBOX, context, status=UNPROCESSABLE if not request.htmx else 200)
    count = announcement_post(
        athletes=athletes, author=request.user, body=form.cleaned_data["body"]
    )
    sent = f"Sent to {count} athlete{'s' if count != 1 else ''} of {form.recipients_name()}"
    notices.success(
        request, f"{sent}; {left_out} in return to play left out." if left_out else f"{sent}."
    )
    return redirect("coaching:messages")


@coach_required
@require_http_methods(["GET", "POST"])
def thread(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    athlete = athlete_for_coach(request.user, pk)
    return thread_view(
        request,
        athlete=athlete,
        post_url=reverse("coaching:thread", args=[athlete.pk]),
        template="coaching/thread.html",
    )

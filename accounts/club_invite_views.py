"""A staff invite's link (`/club/invite/<token>/`), as an athlete's invite's: a newcomer signs
up there and takes the seat; someone signed in without a seat takes it; anyone else is told
why not (used, revoked, expired, another address, a seat in another club). Reached by its
secret token alone: whoever holds the link."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts import club_invite_actions
from accounts.clubs import StaffInvite
from accounts.forms import InviteSignUpForm
from accounts.services import UsernameTaken
from web.htmx import HtmxHttpRequest


@never_cache
@require_http_methods(["GET", "POST"])
def invite_accept(request: HtmxHttpRequest, token: str) -> HttpResponse:
    invite = get_object_or_404(
        StaffInvite.objects.select_related("club", "invited_by"), token=token
    )
    problem = club_invite_actions.staff_invite_problem(invite=invite, user=request.user)
    if problem:
        return refused(request, invite, problem)
    if request.user.is_authenticated:
        return join(request, invite)
    return sign_up(request, invite)


def refused(request: HtmxHttpRequest, invite: StaffInvite, problem: str) -> HttpResponse:
    status = 410 if club_invite_actions.staff_invite_is_spent(invite) else 403
    context = {"invite": invite, "problem": problem}
    return render(request, "accounts/invite_unusable.html", context, status=status)


def join(request: HtmxHttpRequest, invite: StaffInvite) -> HttpResponse:
    if request.method == "POST":
        try:
            club_invite_actions.staff_invite_accept(invite=invite, user=request.user)
        except club_invite_actions.StaffInviteUnusable as error:
            return refused(request, invite, str(error))
        return welcome(request, invite)
    return render(request, "accounts/club_invite_join.html", {"invite": invite})


def sign_up(request: HtmxHttpRequest, invite: StaffInvite) -> HttpResponse:
    form = InviteSignUpForm(request.POST or None, invite=invite)  # its address: the invite's
    if request.method == "POST" and form.is_valid():
        try:
            user = club_invite_actions.staff_invite_sign_up(
                invite=invite,
                username=form.cleaned_data["username"],
                first_name=form.cleaned_data["first_name"],
                password=form.cleaned_data["password1"],
            )
        except club_invite_actions.StaffInviteUnusable as error:
            return refused(request, invite, str(error))
        except UsernameTaken as error:
            form.add_error("username", str(error))
        else:
            # The password backend (the last; axes, first, only guards sign-in).
            login(request, user, backend=settings.SIGN_IN_BACKEND)
            return welcome(request, invite)
    context = {"invite": invite, "form": form}
    return render(request, "accounts/club_invite_sign_up.html", context)


def welcome(request: HtmxHttpRequest, invite: StaffInvite) -> HttpResponse:
    role = invite.get_role_display().lower()
    messages.success(request, f"Welcome to {invite.club}: you are on its staff as {role}.")
    return redirect("coaching:board")

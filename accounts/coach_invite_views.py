"""The page a coach's invite link opens (`accounts.coach_invites`): sign up as a coach."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts import coach_invites
from accounts.forms import InviteSignUpForm
from accounts.services import InviteUnusable, UsernameTaken


@require_http_methods(["GET", "POST"])
def coach_invite(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invite = coach_invites.coach_invite_read(token)
    except coach_invites.CoachInviteForged as error:
        raise Http404("No such invite.") from error
    except InviteUnusable as error:
        return refused(request, str(error))
    if request.user.is_authenticated:
        return refused(
            request,
            f"You are signed in as {request.user}. Log out, then open the link again "
            f"to sign up as a coach with {invite.email}.",
            status=403,
        )
    form = InviteSignUpForm(request.POST or None, invite=invite)  # its address: the invite's
    if request.method == "POST" and form.is_valid():
        try:
            coach = coach_invites.coach_sign_up(
                token=token,
                username=form.cleaned_data["username"],
                first_name=form.cleaned_data["first_name"],
                password=form.cleaned_data["password1"],
            )
        except InviteUnusable as error:
            return refused(request, str(error))
        except UsernameTaken as error:
            form.add_error("username", str(error))
        else:
            # The password backend (the last; axes, first, only guards sign-in).
            login(request, coach, backend=settings.SIGN_IN_BACKEND)
            messages.success(request, "Welcome: start with a team, then invite your athletes.")
            return redirect("coaching:board")
    return render(request, "accounts/coach_sign_up.html", {"invite": invite, "form": form})


def refused(request: HttpRequest, problem: str, *, status: int = 410) -> HttpResponse:
    return render(request, "accounts/invite_unusable.html", {"problem": problem}, status=status)

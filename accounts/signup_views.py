"""A newcomer signs up as a coach from the login page (`accounts.signup`): the form, the page
that says where the link went, and the page the link opens, whose button creates the club."""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts import signup, throttling
from accounts.signup_forms import CoachSignUpForm


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = CoachSignUpForm(request.POST or None)
    if request.method == "POST":
        if refusal := throttled(request):
            return refusal
        if form.is_valid():
            data = form.cleaned_data
            try:
                signup.sign_up_request(
                    club_name=data["club_name"],
                    first_name=data["first_name"],
                    username=data["username"],
                    email=data["email"],
                    password=data["password1"],
                    base_url=request.build_absolute_uri("/"),
                )
            except signup.SignUpRefused as error:
                form.add_error(error.field, str(error))
            else:
                messages.success(request, f"We sent a link to {data['email']}.")
                return redirect("accounts:sign-up-sent")
    return render(request, "accounts/sign_up.html", {"form": form})


def throttled(request: HttpRequest) -> HttpResponse | None:
    """The refusal of a post from an address that signing in has locked out (axes' page), or
    that posted the form too often (counted here); None when it may go on."""
    # The address's count alone: the username typed is nobody's yet (and may be any text).
    credentials = {"username": ""}
    if not AxesProxyHandler.is_allowed(request, credentials):
        return get_lockout_response(request, credentials=credentials)
    if not signup.sign_up_attempt_permitted(address=throttling.network_address(request)):
        return render(request, "accounts/sign_up_paused.html", status=429)
    return None


@require_http_methods(["GET"])
def sign_up_sent(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    return render(request, "accounts/sign_up_sent.html", {"days": signup.SIGN_UP_DAYS})


@require_http_methods(["GET", "POST"])
def sign_up_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Opening the link shows what it creates (a mail scanner that opens it writes nothing);
    its button creates the account and the club, signs them in and opens the teams page."""
    try:
        sign_up = signup.sign_up_read(token)
    except signup.SignUpLinkForged as error:
        return problem(request, str(error), status=404)
    except signup.SignUpLinkUnusable as error:
        return problem(request, str(error))
    if request.user.is_authenticated:
        return problem(
            request,
            f"You are signed in as {request.user}. Log out, then open the link again.",
            status=403,
        )
    if request.method == "GET":
        return render(request, "accounts/sign_up_confirm.html", {"sign_up": sign_up})
    try:
        coach = signup.sign_up_confirm(token=token)
    except signup.SignUpLinkUnusable as error:  # used or taken since the page was read
        return problem(request, str(error))
    # The password backend (the last; axes, first, only guards sign-in).
    login(request, coach, backend=settings.SIGN_IN_BACKEND)
    messages.success(
        request,
        f"Welcome to Hamstrings: {sign_up.club_name} is yours. Create your first team, then "
        "invite its athletes.",
    )
    return redirect("accounts:team-list")


def problem(request: HttpRequest, why: str, *, status: int = 410) -> HttpResponse:
    return render(request, "accounts/sign_up_link_unusable.html", {"problem": why}, status=status)

"""The two pages of single sign-on: mozilla-django-oidc's own, with two changes. They answer
404 while single sign-on is off (their URLs are always there, so a deployment turns it on with
its environment alone). And a person signed in through them is read back on later requests by
the site's own backend (OIDC_SESSION_BACKEND), as after a password sign-in: it brings their
seat and unread count in the same query, and lets nobody in whose account was switched off.

The callback writes on a GET (it creates or links the person): the provider sends the browser
back with a redirect, and its state, single use, is what protects it."""

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from mozilla_django_oidc import views as oidc

from accounts.sso import sso_enabled


class OnlyWhenOn:
    def dispatch(self, request, *args, **kwargs):
        if not sso_enabled():
            raise Http404("Single sign-on is off.")
        return super().dispatch(request, *args, **kwargs)


class SsoStartView(OnlyWhenOn, oidc.OIDCAuthenticationRequestView):
    """Sends the browser to the provider (`?next=` is where it lands after)."""


class SsoCallbackView(OnlyWhenOn, oidc.OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back: signs the person in, or back to the login
    page, where the backend's message says why not."""

    @property
    def failure_url(self) -> str:
        return reverse("login")

    def login_success(self):
        self.user.backend = settings.OIDC_SESSION_BACKEND
        return super().login_success()

"""Single sign-on's URLs, included at oidc/ by hamstrings/urls.py. Outside any namespace:
mozilla-django-oidc reverses these names itself (the callback's is the redirect URI the
provider is told, http(s)://<host>/oidc/callback/)."""

from django.urls import path

from accounts import sso_views

urlpatterns = [
    path("authenticate/", sso_views.SsoStartView.as_view(), name="oidc_authentication_init"),
    path("callback/", sso_views.SsoCallbackView.as_view(), name="oidc_authentication_callback"),
]

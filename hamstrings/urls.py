from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.decorators.cache import cache_control
from django.views.generic import RedirectView

from accounts import views as account_views

urlpatterns = [
    path("", account_views.home, name="home"),
    path("healthz", account_views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico whatever a page links: send them to the hashed icon (looked
    # up per request, as the name changes with each build), and let them keep that for a day.
    path(
        "favicon.ico",
        cache_control(max_age=86400)(RedirectView.as_view(url=lazy(static, str)("favicon.svg"))),
        name="favicon",
    ),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password-reset/",
        account_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    # Single sign-on (answers 404 while OIDC_RP_CLIENT_ID is unset).
    path("oidc/", include("accounts.sso_urls")),
    path("admin/", admin.site.urls),
    path("", include("catalogue.urls")),
    path("programs/", include("programs.urls")),
    path("", include("accounts.urls")),
    path("", include("logbook.urls")),
    path("", include("coaching.urls")),
]

handler500 = "accounts.views.server_error"

"""URLs of signup (included by accounts.urls, in its namespace)."""

from django.urls import path

from accounts import signup_views

urlpatterns = [
    path("accounts/sign-up/", signup_views.sign_up, name="sign-up"),
    path("accounts/sign-up/sent/", signup_views.sign_up_sent, name="sign-up-sent"),
    path(
        "accounts/sign-up/confirm/<str:token>/",
        signup_views.sign_up_confirm,
        name="sign-up-confirm",
    ),
]

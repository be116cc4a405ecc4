"""Single sign-on for a club's staff with OpenID Connect, through mozilla-django-oidc: the
library runs the authorization code flow (state, nonce, PKCE, the ID token's RS256 signature
against the provider's keys); this backend decides who the provider's answer is here
(`accounts.sso_actions.sso_sign_in`). It is on when the deployment sets OIDC_RP_CLIENT_ID
(hamstrings/settings.py lists the rest)."""

import requests
from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from accounts.sso_actions import PASSWORD_INSTEAD, SsoRefused, sso_sign_in


def sso_enabled() -> bool:
    return bool(settings.OIDC_RP_CLIENT_ID)


def sign_in_button(request) -> dict:
    """Context processor: whether the login page offers single sign-on, and with whom."""
    return {"sso_enabled": sso_enabled(), "sso_provider_name": settings.OIDC_PROVIDER_NAME}


class SsoBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **credentials):
        # Django offers every sign-in to every backend: one with a password is not ours (only
        # the callback passes a nonce), and nothing is while single sign-on is off.
        if not sso_enabled() or "nonce" not in credentials:
            return None
        try:
            return super().authenticate(request, **credentials)
        except requests.RequestException:
            messages.error(
                request,
                f"{settings.OIDC_PROVIDER_NAME} did not answer; try again, or {PASSWORD_INSTEAD}.",
            )
            return None

    def get_or_create_user(self, access_token, id_token, payload):
        """`payload` is the ID token, its signature and nonce checked by the library; the
        user-info endpoint gives the address and names."""
        claims = self.get_userinfo(access_token, id_token, payload)
        try:
            return self.person(payload, claims)
        except SsoRefused as refusal:
            messages.error(self.request, str(refusal))
            return None

    def person(self, payload: dict, claims: dict):
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        # The library checks neither: a token given to another site, or user info about
        # someone else, is no sign-in here.
        if self.OIDC_RP_CLIENT_ID not in audiences or claims.get("sub") != payload.get("sub"):
            raise SsoRefused(f"That sign-in was not meant for this site; {PASSWORD_INSTEAD}.")
        if not claims.get("email") or claims.get("email_verified") is not True:
            raise SsoRefused(
                f"{settings.OIDC_PROVIDER_NAME} has not verified your address; {PASSWORD_INSTEAD}."
            )
        sign_in = {
            "issuer": payload["iss"],
            "subject": payload["sub"],
            "email": claims["email"],
            "first_name": claims.get("given_name", ""),
            "last_name": claims.get("family_name", ""),
        }
        try:
            return sso_sign_in(**sign_in)
        except IntegrityError:
            # Two first sign-ins at once (two tabs) made the same identity or username: the
            # other one's is there now, so once more finds it (or another username).
            return sso_sign_in(**sign_in)

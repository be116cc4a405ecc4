"""Settings, read from the environment (see .env.example). Safe by default: DEBUG is off
unless asked for, and there is no default secret outside DEBUG."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from hamstrings.embedded_postgres import database_settings

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "axes",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "django_tasks_db",
    "accounts",
    "catalogue",
    "programs",
    "logbook",
    "coaching",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages gzipped, after WhiteNoise (which sends static files precompressed) and before all
    # that reads or writes a body; it pads against BREACH (docs/design.md, "Budgets").
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.TimezoneMiddleware",
    "accounts.middleware.RollingSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "hamstrings.urls"
WSGI_APPLICATION = "hamstrings.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "logbook.context_processors.unread_messages",
                "accounts.sso.sign_in_button",
            ],
            "builtins": ["django_htmx.templatetags.django_htmx"],
        },
    },
]

# PostgreSQL everywhere: the server DATABASE_URL names, or the embedded one.
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
else:
    pgdata = Path(os.environ.get("PGSERVER_DATA", BASE_DIR / ".pgdata"))
    DATABASES = {"default": database_settings(pgdata)}
DATABASES["default"].update(CONN_MAX_AGE=60, CONN_HEALTH_CHECKS=True)
# Prepared statements: a query run 5 times on a connection is planned once and kept there
# (psycopg's automatic preparing, off in Django unless asked). Planning was most of what the
# database spent on a hot page's queries (0.8-2.7 ms to plan the signed-in user's query, 0.1-0.3
# to run it). It needs the parameters bound on the server: the SQL text is then the same for
# every user and day. PgBouncer (compose's `scale` profile) keeps them per server connection
# (its max_prepared_statements, set there).
DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
# Behind PgBouncer in transaction pooling mode (compose's `scale` profile) each transaction may
# run on another server connection: no server-side cursors (QuerySet.iterator() opens one, and
# it outlives its transaction).
if os.environ.get("DATABASE_POOLER") == "pgbouncer":
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
if os.environ.get("TEST_DATABASE_NAME"):  # lets two test runs share one server
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}
# A read replica (a streaming standby of the primary): the board, the calendars and the exports
# read from it while it is at most REPLICA_MAX_LAG seconds behind, never a write
# (web/replica.py; docs/scaling.md). Tests make no database on it: it mirrors default.
REPLICA_MAX_LAG = float(os.environ.get("REPLICA_MAX_LAG", "5"))
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"])
    DATABASES["replica"].update(
        CONN_MAX_AGE=60,
        CONN_HEALTH_CHECKS=True,
        # Behind PgBouncer as the primary is (DATABASE_POOLER): the exports' cursors too.
        DISABLE_SERVER_SIDE_CURSORS=DATABASES["default"].get("DISABLE_SERVER_SIDE_CURSORS", False),
        TEST={"MIRROR": "default"},
    )
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
    DATABASES["replica"]["OPTIONS"].update(server_side_binding=True, prepare_threshold=5)
    DATABASE_ROUTERS = ["web.replica.ReplicaRouter"]

AUTH_USER_MODEL = "accounts.User"
# Sign-in throttling (django-axes, failures kept in the database so every web process sees
# them): five wrong passwords for one username from one address lock that pair out for 15
# minutes, on the site's login and the admin's alike; thirty from one address over any
# usernames lock the address (accounts.throttling gives the two their own limits). Per pair
# first, so a stranger cannot lock a known athlete out from elsewhere, and a squad on one
# gym's Wi-Fi can mistype; behind a proxy set AXES_IPWARE_PROXY_COUNT.
# Django's ModelBackend; its user also carries the seat and the unread message count (one
# query), and an account switched off is signed out. Every session reads its user back with it,
# whichever way it was signed in (a password, a link that signs someone up, single sign-on).
SIGN_IN_BACKEND = "logbook.auth.UnreadCountingBackend"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    SIGN_IN_BACKEND,
    "accounts.sso.SsoBackend",  # single sign-on; it answers nothing while it is off
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
NETWORK_ADDRESS_FAILURE_LIMIT = 30
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]  # this order: the handler's
AXES_HANDLER = "accounts.throttling.NetworkAddressLimitHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_IPWARE_PROXY_COUNT", "0")) or None
# The one cache, in PostgreSQL (a table made by `createcachetable`, which accounts runs after
# every migrate), so every web process and server counts the same: the password-reset limit
# lives there. A per-process memory cache would let each gunicorn worker count on its own.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "hamstrings_cache",
    }
}
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Stay signed in on one's own phone: a session lasts 8 weeks from its last use, renewed by
# accounts.middleware.RollingSessionMiddleware at most once a day (not on every request).
SESSION_COOKIE_AGE = 60 * 60 * 24 * 7 * 8
# The session is a signed cookie, not a row: a signed-in request reads the user only (one
# query). Signing out, a new password, deactivation and erasure end every copy of it through
# the user's session epoch (accounts/session_epoch.py).
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Single sign-on for a club's staff (OpenID Connect, mozilla-django-oidc; accounts/sso.py): on
# when OIDC_RP_CLIENT_ID is set, with the provider's endpoints (its discovery document,
# /.well-known/openid-configuration, lists them). The redirect URI to register with the
# provider is SITE_URL + /oidc/callback/. Only addresses at a club's `sso_domain` come in.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_PROVIDER_NAME = os.environ.get("OIDC_PROVIDER_NAME", "your organisation")  # the button's
if OIDC_RP_CLIENT_ID and not all(
    (
        OIDC_RP_CLIENT_SECRET,
        OIDC_OP_AUTHORIZATION_ENDPOINT,
        OIDC_OP_TOKEN_ENDPOINT,
        OIDC_OP_USER_ENDPOINT,
        OIDC_OP_JWKS_ENDPOINT,
    )
):
    raise ImproperlyConfigured(
        "Single sign-on (OIDC_RP_CLIENT_ID) needs OIDC_RP_CLIENT_SECRET and the four "
        "OIDC_OP_*_ENDPOINT settings too."
    )
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10  # seconds for each call to the provider, so a slow one holds no worker
# Each sign-in started waits in the session, now a cookie (a browser keeps none over 4 KB): the
# latest 10 (1.8 KB), not the library's 50.
OIDC_MAX_STATES = 10
# Later requests read a single sign-on's person back as a password sign-in's: with their seat
# and unread count in one query, and not once their account is switched off.
OIDC_SESSION_BACKEND = SIGN_IN_BACKEND

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Tests and `make run` serve straight from the app folders; production serves collected files.
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", DEBUG)
WHITENOISE_MANIFEST_STRICT = False

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Mail: the console while developing, SMTP (EMAIL_HOST, ...) in production.
MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "EMAIL_BACKEND",
            "django.core.mail.backends.console.EmailBackend"
            if DEBUG
            else "django.core.mail.backends.smtp.EmailBackend",
        ),
    }
}
if MAILERS["default"]["BACKEND"].endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "25")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "timeout": int(os.environ.get("EMAIL_TIMEOUT", "30")),  # a hung server never holds a task
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Hamstrings <noreply@localhost>")
# The address mails link to (they are written by the worker, away from any request).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Background work (mail) goes through Django's tasks framework into the database; a worker
# (`manage.py worker`, started by `make run` and compose's `worker`) runs it. The suite runs
# tasks immediately unless a test asks for the queue.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# The worker (`manage.py worker`) puts a task RUNNING for longer than this back in the queue: its
# worker died mid-run. Far above a mail's longest send (EMAIL_TIMEOUT per SMTP step), since a
# task still running when reclaimed is run twice. /healthz calls the queue stuck when a task
# has been ready for longer than TASKS_STUCK_AFTER (a worker takes one within a second).
TASKS_RUNNING_TIMEOUT = timedelta(seconds=int(os.environ.get("TASKS_RUNNING_TIMEOUT", "600")))
TASKS_STUCK_AFTER = timedelta(seconds=int(os.environ.get("TASKS_STUCK_AFTER", "300")))

# People's data: an export's link works this many days; an erasure waits this many days after
# it was asked for (the account is deactivated at once) before the personal fields go.
DATA_EXPORT_DAYS = int(os.environ.get("DATA_EXPORT_DAYS", "7"))
ERASURE_GRACE_DAYS = int(os.environ.get("ERASURE_GRACE_DAYS", "30"))

# Content-Security-Policy: only our own files; scripts also by per-request nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "media-src": [CSP.SELF, "blob:"],  # a video opened on the phone (js/break_angle.js)
    "connect-src": [CSP.SELF],
    "worker-src": [CSP.SELF],  # the offline service worker, /sw.js
    "manifest-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# HTTPS hardening is on whenever DEBUG is off; HTTPS=0 turns it off for plain-HTTP setups
# (tests against a local server, docker compose on localhost).
HTTPS = env_bool("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

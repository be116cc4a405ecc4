"""The two files that make the site an installable app that opens offline: the service worker,
served from the site's root so that its scope is the whole site, and the web manifest."""

import json
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponse
from django.templatetags.static import static
from django.views.decorators.http import require_GET

THEME_COLOR = "#1d232b"  # the top bar's ink: the phone's status bar continues it
BACKGROUND_COLOR = "#f5f6f8"


def worker_source(version: str) -> str:
    with open(finders.find("js/sw.js"), encoding="utf-8") as source:
        return source.read().replace("__VERSION__", version)


cached_worker_source = cache(worker_source)


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """static/js/sw.js, named after this deploy's static files: a deploy with new files brings
    a new worker, which drops the copies kept under the old names."""
    version = getattr(staticfiles_storage, "manifest_hash", "") or "dev"
    source = (worker_source if settings.DEBUG else cached_worker_source)(version)
    response = HttpResponse(source, content_type="application/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"  # the browser asks again on each visit
    return response


@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    icons = [
        {
            "src": static(f"icons/{name}-{size}.png"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": purpose,
        }
        for name, purpose in (("icon", "any"), ("maskable", "maskable"))
        for size in (192, 512)
    ]
    body = {
        "id": "/today/",
        "name": "Hamstrings",
        "short_name": "Hamstrings",
        "description": "Your hamstring program: today's workout, logged with one tap a set.",
        "start_url": "/today/",
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": icons,
    }
    response = HttpResponse(json.dumps(body, indent=1), content_type="application/manifest+json")
    response["Cache-Control"] = "no-cache"
    return response

"""The project's URLs plus /bench/bare/: a plain Django view through the same middleware and
server, the ceiling every page is compared with."""

from django.http import HttpResponse
from django.urls import path

from hamstrings.urls import urlpatterns as project_urlpatterns


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare), *project_urlpatterns]

"""The project's settings plus the bench URLs (the bare view that sets the ceiling)."""

from hamstrings.settings import *  # noqa: F403

ROOT_URLCONF = "tests.bench.urls"

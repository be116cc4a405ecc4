"""gunicorn's settings for every server that runs the app: gunicorn reads this file from the
working directory (the Dockerfile, docker-compose.yml and `make bench` all start it there)."""

import gc


def post_worker_init(worker):
    """A worker keeps everything loaded at start (Django, the apps, the URLconf and every view
    it imports) for its whole life. Frozen, the garbage collector stops scanning all of it at
    each collection, and collecting less often leaves fewer passes over each request's objects:
    on the coach's board, 23 collections per request took about 15 ms before."""
    from django.urls import get_resolver

    get_resolver().check()  # imports every view now rather than on the first request
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
    worker.log.info("Froze %d objects", gc.get_freeze_count())

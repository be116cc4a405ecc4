"""gunicorn.conf.py: each worker, once the app is loaded, freezes what it loaded and collects
garbage less often; the servers (Dockerfile, compose, make bench) all start where it is read."""

import gc
import re
import runpy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


class Log:
    def __init__(self):
        self.lines = []

    def info(self, text, *args):
        self.lines.append(text % args)


class Worker:
    log = Log()


@pytest.fixture
def collector():
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_a_worker_freezes_what_it_loaded_and_collects_less_often(collector):
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    worker = Worker()
    conf["post_worker_init"](worker)
    assert gc.get_freeze_count() > 10_000  # Django and the app, views included
    assert gc.get_threshold()[0] == 50_000
    # The count read again here can be a few lower: a frozen object freed since leaves it.
    [line] = worker.log.lines
    frozen = int(re.fullmatch(r"Froze (\d+) objects", line)[1])
    assert 0 <= frozen - gc.get_freeze_count() < 100


def test_every_server_starts_where_gunicorn_reads_it():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "WORKDIR /app" in dockerfile and "COPY . ." in dockerfile
    assert "working_dir" not in (ROOT / "docker-compose.yml").read_text()
    bench = (ROOT / "tests/bench/servers.py").read_text()
    assert "cwd=" not in bench  # make bench runs from the project's root (tests/bench/run.py)

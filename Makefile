# Two commands for a newcomer: `make run` and `make test`. Both build .venv on first use.
PYTHON ?= python3.12
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test test-fast install format bench

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet --group dev
	touch $@

install: $(BIN)/.installed

run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py demo
	@echo "Serving at http://127.0.0.1:$(PORT)/ with a task worker (mail) beside it"
	@# The worker waits out a database outage itself; if its process dies anyway (a crash, a
	@# kill) this loop starts it again, 1 s later, then 2, 4, ... up to 30 s. It ends when the
	@# worker exits cleanly (asked to stop) and is stopped with the server.
	DEBUG=1 sh -c '( trap "kill \$$pid 2>/dev/null; exit" TERM; delay=1; \
		while :; do \
			$(BIN)/python manage.py worker --no-reload --no-startup-delay & pid=$$!; \
			wait $$pid && break; \
			echo "make run: the task worker stopped (exit $$?); starting it again in $$delay s" >&2; \
			sleep $$delay & pid=$$!; wait $$pid; \
			delay=$$((delay * 2 > 30 ? 30 : delay * 2)); \
		done ) & \
		trap "kill $$! 2>/dev/null" EXIT INT TERM; \
		$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)'

# The suite runs with DEBUG off, as in production, but over plain HTTP on 127.0.0.1, on one
# worker per core (pytest-xdist), each with its own test database and live server; a file's
# tests stay on one worker, so they share its module and class fixtures.
PYTEST_WORKERS ?= -n auto --dist loadfile
test: export SECRET_KEY ?= test-only-secret-key-not-for-production-use-0123456789
test: export HTTPS := 0
test: install
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python -m pytest $(PYTEST_WORKERS) --durations=15
	$(BIN)/lint-imports
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The edit loop: every test but the browser ones (no Chromium, no static files), then the
# import contracts and ruff. `make test` stays the whole suite.
test-fast: export SECRET_KEY ?= test-only-secret-key-not-for-production-use-0123456789
test-fast: export HTTPS := 0
test-fast: install
	$(BIN)/python -m pytest -m "not browser" $(PYTEST_WORKERS) --durations=15
	$(BIN)/lint-imports
	$(BIN)/ruff check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Load test on 127.0.0.1 (see README): gunicorn with 100k and with 1M set logs of history, then
# two gunicorns behind HAProxy; wrk. Smaller: make bench BENCH_ARGS="--sets-list 20000 --duration 3"
bench: install
	$(BIN)/python tests/bench/run.py $(BENCH_ARGS)

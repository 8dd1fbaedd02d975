# Developer Console. `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# uv installs the pinned requirements in parallel with a wheel cache: a first
# run's install takes seconds where pip took minutes (docs in README). It is
# fetched once into .uv/ with the machine's own pip.
UV_HOME := .uv
UV := $(UV_HOME)/bin/uv
UV_VERSION := 0.13.8
PIP := $(UV) pip install --quiet --python $(PY)
# Running needs requirements.txt only; tests, lint, the e2e run and benchmarks
# also need requirements-dev.txt. `make run` installs no more than it runs.
RUN_STAMP := $(VENV)/.installed-run
STAMP := $(VENV)/.installed

.PHONY: run test e2e lint format bench install install-run migrate seed worker clean messages

$(UV):
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --target $(UV_HOME) uv==$(UV_VERSION)

$(RUN_STAMP): requirements.txt | $(UV)
	test -x $(PY) || $(UV) venv --quiet --python $(PYTHON) $(VENV)
	$(PIP) -r requirements.txt
	touch $(RUN_STAMP)

$(STAMP): $(RUN_STAMP) requirements-dev.txt
	$(PIP) -r requirements-dev.txt
	touch $(STAMP)

install-run: $(RUN_STAMP)

install: $(STAMP)

migrate: install-run
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

## Serve the console on http://127.0.0.1:8000 with a local Celery worker and beat.
run: seed
	bin/run-dev

## The whole test suite (SQLite unless DATABASE_URL / REDIS_URL are set).
test: install
	$(PY) -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

## The production shape end to end: gunicorn, Celery worker and beat, PostgreSQL, Redis, a local
## S3 server and a local SMTP server, driven by Chromium (README, "Production"). Needs DATABASE_URL
## and REDIS_URL: it makes its own database next to DATABASE_URL's and drops it at the end.
e2e: install
	$(PY) -m pytest -c e2e/pytest.ini e2e $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## The Indonesian catalogue: collect new strings into locale/id/LC_MESSAGES/django.po, then,
## once each is translated (docs/i18n.md), compile django.mo (committed, like the .po).
## The options are console/tests/test_translations.py's MAKEMESSAGES, which fails CI on any drift.
messages: install
	$(PY) manage.py makemessages -l id --no-location --no-obsolete --ignore=.venv --ignore=e2e \
		--ignore=benchmarks --ignore='*/tests/*' --ignore=staticfiles --ignore=var --ignore=conftest.py
	$(PY) manage.py compilemessages -l id --ignore=.venv

bench: install
	$(PY) benchmarks/run.py
	$(PY) benchmarks/webhooks.py
	$(PY) benchmarks/news.py
	$(PY) benchmarks/playground.py
	$(PY) benchmarks/calllogs.py

clean:
	rm -rf var staticfiles

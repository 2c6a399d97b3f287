# Two commands for a newcomer: `make run` and `make test`. Everything else is set up by them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
export FLASK_APP := wsgi

.PHONY: run test test-fast lint setup setup-test browser pdf-libraries nginx cluster db translations catalog migration bench bench-exports bench-exports-stall bench-exports-app bench-maps bench-diagnosis check-templates clean lock audit

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Dependencies come from the lock files, every file checked against its hash; the app itself is then
# installed without touching them. `make lock` regenerates both locks after pyproject.toml changes.
$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml requirements-test.lock $(VENV)/.installed
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-test.lock
	touch $@

$(VENV)/.installed-bench: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $@

setup: $(VENV)/.installed translations pdf-libraries

setup-test: $(VENV)/.installed-test translations browser pdf-libraries nginx

translations:
	$(BIN)/pybabel compile -d lab/translations -f >/dev/null

# Refresh the English catalogue from the code (then translate its new and fuzzy entries).
catalog: setup
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k _counted:1,2 -o lab/translations/messages.pot .
	$(BIN)/pybabel update --ignore-obsolete -i lab/translations/messages.pot -d lab/translations

# Chromium for the browser tests: the system's, installed from Debian when we may (root).
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	    else echo "Install Chromium (e.g. 'sudo apt-get install chromium') for the browser tests"; exit 1; fi; }

# nginx for the cluster (tests and `make cluster`): the system's, installed from Debian when we may.
# deploy/cluster.py runs its own nginx from a configuration in its folder, never /etc/nginx.
nginx:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || \
	  { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; \
	    else echo "Install nginx (e.g. 'sudo apt-get install nginx') for the cluster and its tests"; exit 1; fi; }

# Two app processes behind nginx on this machine's PostgreSQL and Redis (docs/deploying.md). Point
# elsewhere with COCREA_DATABASE_URL and COCREA_REDIS_URL; CLUSTER_PORT (8080) and CLUSTER_PROCESSES (2).
cluster: setup nginx
	$(BIN)/python deploy/cluster.py

# PDF exports (WeasyPrint) need Pango and a font with every accent: Debian's, installed when we may (root).
LDCONFIG ?= /sbin/ldconfig
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fontconfig fonts-dejavu-core
pdf-libraries:
	@{ $(LDCONFIG) -p | grep -q 'libpango-1.0.so.0' && $(LDCONFIG) -p | grep -q 'libpangoft2-1.0.so.0' && \
	   fc-list 2>/dev/null | grep -q 'DejaVu Sans'; } || \
	  { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PDF_PACKAGES) >/dev/null; \
	    else echo "PDF exports need Pango and the DejaVu fonts (e.g. 'sudo apt-get install $(PDF_PACKAGES)')"; exit 1; fi; }

db: setup
	$(BIN)/flask db upgrade
	$(BIN)/flask templates load

run: db
	$(BIN)/python wsgi.py --port $(PORT)

test: setup-test lint
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

# The edit loop: the lint, then every test but the live-server and browser ones.
test-fast: $(VENV)/.installed-test translations pdf-libraries lint
	$(BIN)/python -m pytest -q -m "not live and not browser" $(PYTEST_ARGS)

# Ruff (pyproject.toml: style, import order, bugbear, pyupgrade) and the import contract
# (lint-imports: the realtime layer imports no slice; slices form no cycle).
lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/lint-imports

# Fan-out benchmark (bench/README.md): `make bench BENCH_ARGS="--clients 300 --rounds 2"`.
bench: $(VENV)/.installed-bench translations
	$(BIN)/python bench/fanout.py $(BENCH_ARGS)

# The lab-wide map's benchmark (bench/README.md): `make bench-maps BENCH_ARGS="--workshops 50 --ideas 200"`.
bench-maps: $(VENV)/.installed-test translations
	$(BIN)/python bench/maps_views.py $(BENCH_ARGS)
# Diagnosis benchmark (bench/README.md): `make bench-diagnosis BENCH_ARGS="--actors 500"`.
bench-diagnosis: $(VENV)/.installed-test translations
	$(BIN)/python bench/diagnosis_sections.py $(BENCH_ARGS)

# Export writers' benchmark (bench/README.md): `make bench-exports BENCH_ARGS="--rounds 3"`.
bench-exports: $(VENV)/.installed-test translations pdf-libraries
	$(BIN)/python bench/exports_formats.py $(BENCH_ARGS)

# A room's fan-out while a 10,000-idea workbook is built in the same process (bench/README.md):
# `make bench-exports-stall BENCH_ARGS="--clients 300 --rounds 2"`.
bench-exports-stall: $(VENV)/.installed-bench translations
	$(BIN)/python bench/exports_stall.py $(BENCH_ARGS)

# The exports end to end through the app: 10,000-idea workbook, 300-idea report, archive round trip.
bench-exports-app: $(VENV)/.installed-test translations pdf-libraries
	$(BIN)/python bench/exports_app.py $(BENCH_ARGS)

check-templates: setup
	$(BIN)/flask templates check workshops

# Pin every dependency with its hashes: requirements.lock (the app) and requirements-test.lock (the app,
# tests and tools), from pyproject.toml. Run after changing the dependencies there, and commit both.
LOCK_FLAGS := --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock: | $(BIN)/python
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile $(LOCK_FLAGS) -o requirements.lock pyproject.toml
	$(BIN)/pip-compile $(LOCK_FLAGS) --extra test -o requirements-test.lock pyproject.toml

# Known vulnerabilities in the locked dependencies (pip-audit: the PyPI and OSV advisories). It needs
# to reach them over the network; --strict fails rather than report "nothing found" for a package it
# could not check.
audit: | $(BIN)/python
	$(BIN)/pip install --quiet pip-audit
	$(BIN)/pip-audit --strict --disable-pip --require-hashes -r requirements-test.lock

# Regenerate the migration from the models (run after changing a model).
migration: setup
	$(BIN)/flask db migrate -m "$(or $(MSG),schema change)"

clean:
	rm -rf $(VENV) *.egg-info

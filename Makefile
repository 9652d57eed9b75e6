# One entry point for set-up, serving and testing. Every target installs what it needs first;
# a second run is quick because the stamps below only redo an install when its inputs changed.
#
#   make serve   build the site and serve it with live reload on http://127.0.0.1:8000/
#   make test    run every test (installs Python packages, npm packages and a Chromium first)
#   make test-fast  every test except the browser tests (no Chromium needed)
#   make build   build the site into site/
#   make lint    ruff + mypy; Biome (lint and format) + tsc --noEmit for the browser code
#   make bench   the performance benchmark (prints a table)
#   make lock    re-pin requirements/lock.txt from pyproject.toml

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup serve test test-fast build lint bench lock browser clean

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml requirements/lock.txt
	@test -x $(PY) || "$$(scripts/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/lock.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

browser:
	@scripts/ensure-chromium

serve: setup
	@echo "Serving the playbook at http://$(HOST):$(PORT)/ex-maturity-playbook/ (live reload; Ctrl+C stops)"
	$(VENV)/bin/mkdocs serve --dev-addr $(HOST):$(PORT)

build: setup
	$(VENV)/bin/mkdocs build --strict

# Tests run in parallel: one process per core, at most four (pytest-xdist). With work
# stealing, a process that runs out of tests takes half of another's queue; the default
# scheduler hands out fixed chunks, and left one process running most browser tests alone.
PYTEST_JOBS := -n auto --maxprocesses 4 --dist worksteal

test: setup browser
	$(PY) -m pytest $(PYTEST_JOBS)

test-fast: setup
	$(PY) -m pytest $(PYTEST_JOBS) -m "not browser"

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	node_modules/.bin/biome check
	node_modules/.bin/tsc -p tsconfig.json

bench: setup browser
	$(PY) scripts/benchmark.py --write maintainers/benchmark.md

lock: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[docs,test]'
	{ echo "# Every package the build and tests use, pinned exactly (pip freeze of a working venv)."; \
	  echo "# Regenerate after changing pyproject.toml: make lock"; \
	  $(PY) -m pip freeze --exclude-editable | grep -v '^ex-quiz'; } > requirements/lock.txt

clean:
	rm -rf site $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache .hypothesis

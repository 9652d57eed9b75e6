# One entry point for set-up, serving and testing. Every target installs what it needs first;
# a second run is quick because the stamps below only redo an install when its inputs changed.
# Serving installs only what the build needs (requirements/serve.txt and the pyodide npm
# package); the test and lint tools come with `make test` and `make lint`.
#
#   make serve   build the site and serve it with live reload (prints its address)
#   make test    run every test (installs Python packages, npm packages and a Chromium first)
#   make test-fast  every test except the browser tests (no Chromium needed)
#   make build   build the site into site/
#   make lint    ruff + mypy; Biome (lint and format) + tsc --noEmit for the browser code
#   make bench   the performance benchmark (prints a table)
#   make lock    re-pin requirements/lock.txt and requirements/serve.txt from pyproject.toml

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
VENV := .venv
PY := $(VENV)/bin/python
# Material for MkDocs prints its end of life (May 5, 2027) and points to Zensical at every start.
# maintainers/platform.md holds what that means for this site and the plan, so the notice is
# silenced here (and in harness/project.py); read the plan there before upgrading the theme.
export NO_MKDOCS_2_WARNING := 1
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup setup-serve serve test test-fast build lint bench lock browser clean

# Everything (tests, lint, benchmark) ...
setup: $(VENV)/.installed node_modules/.installed
# ... or only what building and serving the site need.
setup-serve: $(VENV)/.serve node_modules/.serve

$(VENV)/.serve: pyproject.toml requirements/serve.txt
	@test -x $(PY) || "$$(scripts/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/serve.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

$(VENV)/.installed: pyproject.toml requirements/lock.txt $(VENV)/.serve
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/lock.txt
	@touch $@

# `npm ci` empties node_modules first, so the full install leaves both stamps, and the serving
# one installs only the runtime (--omit=dev: no Biome, axe, Lighthouse or TypeScript) unless
# the full install is already there and up to date.
node_modules/.serve: package.json package-lock.json
	@if [ node_modules/.installed -nt package-lock.json ] && [ node_modules/.installed -nt package.json ]; \
	then :; else npm ci --omit=dev --no-audit --no-fund --loglevel=error; fi
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@ node_modules/.serve

# The site's path comes from site.json (site_url), as everything about its identity does.
SITE_PATH = $$($(PY) -c 'from quiz.build import site; print(site().path)')

browser:
	@scripts/ensure-chromium

serve: setup-serve
	@echo "Serving the playbook at http://$(HOST):$(PORT)$(SITE_PATH) (live reload; Ctrl+C stops)"
	$(VENV)/bin/mkdocs serve --dev-addr $(HOST):$(PORT)

build: setup-serve
	$(VENV)/bin/mkdocs build --strict

# Tests run in parallel: one process per core, at most four (pytest-xdist). With work
# stealing, a process that runs out of tests takes half of another's queue; the default
# scheduler hands out fixed chunks, and left one process running most browser tests alone.
PYTEST_JOBS := -n auto --maxprocesses 4 --dist worksteal

# After the main suite, two copies of the site under other identities (a project site at a
# sub-path, a custom domain at /) are built and tested (scripts/test_copies.py): on a
# developer's machine the tests that depend on the identity, in CI (where CI is set, as
# GitHub Actions and .ci/run set it) each copy's whole suite. A copy skips this step.
COPIES := $(if $(CI),--full,)
test: setup browser
	$(PY) -m pytest $(PYTEST_JOBS)
	$(PY) scripts/test_copies.py $(COPIES)

test-fast: setup
	$(PY) -m pytest $(PYTEST_JOBS) -m "not browser"

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	node_modules/.bin/biome check
	node_modules/.bin/tsc -p tsconfig.json
	node scripts/function-length.mjs

bench: setup browser
	$(PY) -m benchmark --write maintainers/benchmark.md

lock: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[docs,test]'
	{ echo "# Every package the build and tests use, pinned exactly (pip freeze of a working venv)."; \
	  echo "# Regenerate after changing pyproject.toml: make lock"; \
	  $(PY) -m pip freeze --exclude-editable | grep -v '^ex-quiz'; } > requirements/lock.txt
	rm -rf .cache/serve-venv && "$$(scripts/find-python)" -m venv .cache/serve-venv
	.cache/serve-venv/bin/pip install --quiet --disable-pip-version-check -c requirements/lock.txt '.[docs]'
	{ echo "# What \`make serve\` and \`make build\` install: the site's build alone (pyproject.toml's"; \
	  echo "# [docs] extra), pinned exactly like requirements/lock.txt, which holds everything else too."; \
	  echo "# Regenerate after changing pyproject.toml: make lock"; \
	  .cache/serve-venv/bin/pip freeze --exclude-editable | grep -v '^ex-quiz'; } > requirements/serve.txt
	rm -rf .cache/serve-venv

clean:
	rm -rf site $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache .hypothesis

# UCCN Hub. Quick start: `make demo` (set up, load the real data, serve) and `make test`.
# Everything is installed into this checkout: uv into .tools/, Python packages into .venv/,
# the Neo4j Cypher front end into tests/cypher_lint/node_modules/, the browser pages' npm packages
# into web/node_modules/ (bundled into hub/static/dist/ by `make web`).

SHELL := /bin/bash
.DEFAULT_GOAL := help

UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
LINT_DIR := tests/cypher_lint
AUDIT_DIR := tests/graphql_http
WEB_DIR := web
BUNDLE := hub/static/dist/explore.js
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

# Python 3.12+, resolved to the real interpreter: on PATH if one works, otherwise the newest
# pyenv build (pyenv's shims may fail here, so they are only tried, never trusted).
FIND_PY := import sys; sys.exit(1) if sys.version_info < (3, 12) else print(sys.executable)
PYTHON := $(shell for p in python3.12 python3.13; do \
	  command -v $$p >/dev/null 2>&1 && $$p -c '$(FIND_PY)' 2>/dev/null && exit 0; \
	done; \
	root=$$(pyenv root 2>/dev/null || echo $$HOME/.pyenv); \
	for p in $$(ls -d $$root/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -V); do \
	  $$p -c '$(FIND_PY)' 2>/dev/null && exit 0; \
	done)

.PHONY: help setup web chromium demo serve load test lint typecheck pytest bench fuzz clean

help:
	@echo "make demo   set everything up, load the real UCCN data, serve on http://127.0.0.1:8000"
	@echo "make test   set everything up, run ruff, mypy and the whole test suite"
	@echo "make bench  run the benchmarks (ratios measured side by side)"
	@echo "make fuzz   fuzz the whole API for about ten minutes"

$(UV):
	@command -v python3 >/dev/null || { echo "python3 is needed to bootstrap uv"; exit 1; }
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(BIN)/uccn: $(UV) pyproject.toml uv.lock
	@test -n "$(PYTHON)" || { echo "no Python >= 3.12 found (on PATH or under pyenv)"; exit 1; }
	$(UV) sync --frozen --python "$(PYTHON)"
	@touch $@

$(LINT_DIR)/node_modules/.installed: $(LINT_DIR)/package.json $(LINT_DIR)/package-lock.json
	npm ci --prefix $(LINT_DIR) --no-audit --no-fund --loglevel=error
	@touch $@

$(AUDIT_DIR)/node_modules/.installed: $(AUDIT_DIR)/package.json $(AUDIT_DIR)/package-lock.json
	npm ci --prefix $(AUDIT_DIR) --no-audit --no-fund --loglevel=error
	@touch $@

# The explorer and GraphiQL: npm packages (sigma.js, graphology, GraphiQL, React) bundled by
# esbuild into static files the hub serves, so the pages need no CDN and work offline.
$(WEB_DIR)/node_modules/.installed: $(WEB_DIR)/package.json $(WEB_DIR)/package-lock.json
	npm ci --prefix $(WEB_DIR) --no-audit --no-fund --loglevel=error
	@touch $@

$(BUNDLE): $(WEB_DIR)/node_modules/.installed $(WEB_DIR)/build.mjs $(wildcard $(WEB_DIR)/src/*) hub/trusted_documents.json
	cd $(WEB_DIR) && node build.mjs ../hub/static/dist
	@touch $@

web: $(BUNDLE)

# The browser tests and the explorer benchmark drive Debian's chromium (never a browser that a
# test tool downloads).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  elif command -v sudo >/dev/null 2>&1; then \
	    sudo apt-get update -qq && sudo apt-get install -y -qq chromium; \
	  else echo "the browser tests need Debian's chromium: apt-get install chromium"; exit 1; fi; }

setup: $(BIN)/uccn

demo: setup web
	$(BIN)/uccn load --demo
	$(BIN)/uccn serve

serve: setup web
	$(BIN)/uccn serve

load: setup
	$(BIN)/uccn load

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports pyproject.toml

typecheck: setup
	$(BIN)/mypy

pytest: setup web chromium $(LINT_DIR)/node_modules/.installed $(AUDIT_DIR)/node_modules/.installed
	$(BIN)/pytest

test: lint typecheck pytest

bench: setup web chromium
	$(BIN)/python -m bench

# The API fuzzing of the test suite, longer: about ten minutes (not in CI).
fuzz: setup
	UCCN_FUZZ_EXAMPLES=6000 $(BIN)/pytest -p no:cacheprovider tests/fuzz

clean:
	rm -rf $(VENV) $(TOOLS) $(LINT_DIR)/node_modules $(AUDIT_DIR)/node_modules \
		$(WEB_DIR)/node_modules hub/static/dist \
		.pytest_cache .mypy_cache .ruff_cache

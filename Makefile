# Event Portal: `make run` starts the portal with demo data; `make test` runs every test.
# Both set everything up on a fresh machine: .venv, Python packages, bun (from the npm
# registry, into .tools/), the database schema and, for tests, Debian's chromium.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TOOLS := .tools
BUN := $(TOOLS)/node_modules/.bin/bun
BUN_VERSION := 1.4.5
PORT := $(or $(PORTAL_PORT),3000)
# Test processes for the suite without the browser (each has its own databases): one per core.
TEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)

export PATH := $(CURDIR)/$(TOOLS)/node_modules/.bin:$(CURDIR)/$(BIN):$(PATH)
export REFLEX_USE_SYSTEM_BUN := 1
export REFLEX_TELEMETRY_ENABLED := false
export REFLEX_CHECK_LATEST_VERSION := false
export BUN_INSTALL_CACHE_DIR ?= $(HOME)/.cache/bun/install/cache
# Reflex would otherwise time several registries to pick one; use the one npm is set up with.
export NPM_CONFIG_REGISTRY ?= $(shell npm config get registry 2>/dev/null)

.PHONY: run test setup setup-dev chromium lint messages bench clean

run: setup
	@$(BIN)/portal port-free --port $(PORT)
	@$(BIN)/portal migrate
	@$(BIN)/portal seed-demo
	@echo "Event Portal: building and starting on http://localhost:$(PORT) (Ctrl+C stops it)"
	@exec $(BIN)/reflex run --env prod --single-port --frontend-port $(PORT) \
		--backend-port $(PORT) --loglevel warning

test: setup-dev chromium
	$(BIN)/ruff check portal tests bench
	$(BIN)/mypy
	$(BIN)/pytest tests --ignore=tests/e2e -n $(TEST_WORKERS)
	$(BIN)/pytest tests/e2e

setup: $(BIN)/.installed $(BUN)
setup-dev: $(BIN)/.installed-dev $(BUN)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(BIN)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(BIN)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@ $(BIN)/.installed

$(BUN):
	npm install --prefix $(TOOLS) --no-audit --no-fund --loglevel=error bun@$(BUN_VERSION)

chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium (browser tests) ..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      chromium fonts-noto-cjk >/dev/null; \
	  else \
	    echo "make test needs Debian's chromium: run 'sudo apt-get install chromium fonts-noto-cjk'"; \
	    exit 1; \
	  fi; \
	fi

lint: setup-dev
	$(BIN)/ruff check portal tests bench
	$(BIN)/mypy

messages: setup
	$(BIN)/python -m portal.i18n_catalog

bench: setup-dev
	$(BIN)/python bench/startup.py

clean:
	rm -rf .web test-results .pytest_cache .mypy_cache

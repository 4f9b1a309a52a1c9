# Two commands set everything up on a fresh machine:
#   make serve   install, build, serve both languages at http://127.0.0.1:8000/ml-interview-kb/ (live reload)
#   make test    install, lint, strict build, all tests (unit and real-browser)
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: help setup system-deps build serve test lint bench lock clean i18n-status

help:
	@echo "make serve   set up, build and serve the site with live reload"
	@echo "make test    set up, lint, strict build and run every test"
	@echo "make build   strict build of both languages into site/"
	@echo "make lint    linters on Python, Markdown, YAML, notebooks, workflows"
	@echo "make bench   Lighthouse, first-view bytes, build times vs bare Material -> BENCHMARKS.md"
	@echo "make i18n-status  list English pages that are stale, unmarked or missing"
	@echo "make lock    re-pin requirements.txt from requirements.in"
	@echo "make clean   remove site/ and the build caches (.cache/)"

setup: system-deps $(VENV)/.installed node_modules/.installed

system-deps:
	@scripts/ensure-system-deps.sh

$(VENV)/.installed: requirements.txt scripts/link_site_tools.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --quiet --requirement requirements.txt
	$(BIN)/python scripts/link_site_tools.py
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

build: setup
	$(BIN)/python -m site_tools.build

serve: setup
	$(BIN)/python -m site_tools.serve

test: setup lint
	@# one pytest-xdist worker per core; tests/conftest.py says how the tests are shared out
	$(BIN)/python -m pytest --numprocesses=auto

lint: setup
	$(BIN)/ruff check site_tools hooks tests figures_src scripts
	$(BIN)/yamllint --strict --config-file .yamllint.yml .
	node_modules/.bin/markdownlint-cli2 'docs/**/*.md' README.md CONTRIBUTING.md
	$(BIN)/python -m site_tools.lint
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml

i18n-status: setup
	$(BIN)/python -m site_tools.translation status

bench: setup
	$(BIN)/python scripts/benchmark.py --build --pages --update BENCHMARKS.md

lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --requirement requirements.in
	.lock-venv/bin/python -m pip freeze --all --exclude pip --exclude setuptools --exclude wheel > requirements.txt
	rm -rf .lock-venv

clean:
	rm -rf site .cache

# bilat — the two commands: `make run` and `make test`; `make check` is the fast loop.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= bilat.duckdb
PORT   ?= 8000
# pytest-xdist: one test process per core, each test file kept whole in one process (its module
# fixtures are built once, its tests run in order). `make check XDIST=` runs in one process.
# Each process starts its own throwaway PostgreSQL server (tests/pg_server.py).
XDIST  ?= -n auto --dist loadfile

.PHONY: install install-dev install-dev-python run test check lint typecheck pytest calibration clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Pinned, hash-checked dependencies (requirements.lock), then bilat itself without deps.
install: $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .

# The pip half of install-dev: test tools and bilat, no system packages, no root.
install-dev-python: $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .

# Everything: also the Debian packages PDF briefs and the slow tests need (Pango, chromium, postgresql, a JRE).
install-dev: install-dev-python
	scripts/install-system-deps

# Fresh machine: venv, pinned install, ingest the bundled examples, print the dyads, serve.
run: install
	$(BIN)/bilat ingest examples --db $(DB)
	$(BIN)/bilat dyads --db $(DB)
	$(BIN)/bilat serve --db $(DB) --port $(PORT)

lint: install-dev
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: install-dev
	$(BIN)/mypy

pytest: install-dev
	$(BIN)/pytest -q $(XDIST)

test: lint typecheck pytest

# The fast loop (under 2 minutes on 2 cores): lint, types and the tests not marked slow. Only the
# pip tools are needed, so it runs without root; tests needing PostgreSQL, chromium or java skip
# when those are absent. The stamp stands for the pip install: redone when the lock changes, so
# a venv made before a new test tool (pytest-xdist) was pinned gets it.
$(VENV)/dev-installed: requirements-dev.lock | $(BIN)/python
	$(MAKE) install-dev-python
	touch $@

check: $(VENV)/dev-installed
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy
	$(BIN)/pytest -q -m "not slow" $(XDIST)

# Refit the bundled confidence calibration (src/bilat/knowledge/calibration.yaml) to the current
# rules: counts right and wrong events of the odd dev-modern articles and the seeds (never the
# even ones) and prints the calibration error on each set. Needs ../shared; about two minutes.
calibration: | $(BIN)/python
	$(BIN)/python benchmarks/calibration_prior.py --write

clean:
	rm -rf $(VENV) $(DB) .mypy_cache .ruff_cache .pytest_cache

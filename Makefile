# bilat — the two commands: `make run` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= bilat.duckdb
PORT   ?= 8000

.PHONY: install install-dev run test lint typecheck pytest clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Pinned, hash-checked dependencies (requirements.lock), then bilat itself without deps.
install: $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .

install-dev: $(BIN)/python
	scripts/install-system-deps
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .

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
	$(BIN)/pytest -q

test: lint typecheck pytest

clean:
	rm -rf $(VENV) $(DB) .mypy_cache .ruff_cache .pytest_cache

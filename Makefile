# The two commands of the README: `make run` (set up, ingest the bundled samples) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: run test lint format clean

$(BIN)/ogi: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

run: $(BIN)/ogi
	$(BIN)/ogi ingest data/reports --db data/warehouse.duckdb

test: $(BIN)/ogi
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

format: $(BIN)/ogi
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) data/warehouse.duckdb data/warehouse.duckdb.wal

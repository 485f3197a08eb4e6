# The two commands of the README: `make run` (set up, ingest the bundled samples) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: run test format clean system-deps

$(BIN)/ogi: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

run: $(BIN)/ogi
	$(BIN)/ogi ingest data/reports --db data/warehouse.duckdb

# Tests make PDF fixtures the way agencies do, by exporting Word files with LibreOffice, and open the
# HTML report in headless Chromium: both from Debian's packages, installed when missing. LibreOffice also
# converts legacy .doc/.wps reports at run time. OCR needs no system package (OpenCV's headless wheel).
SYSTEM_PACKAGES := libreoffice-writer-nogui fonts-wqy-zenhei chromium
system-deps:
	@{ command -v soffice && command -v chromium && fc-list :lang=zh | grep -q . ; } >/dev/null 2>&1 || { \
	  echo "installing $(SYSTEM_PACKAGES) from Debian for the test fixtures"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    $(SYSTEM_PACKAGES) >/dev/null; }

test: $(BIN)/ogi system-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

format: $(BIN)/ogi
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) data/warehouse.duckdb data/warehouse.duckdb.wal

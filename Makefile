# The targets CI runs are the ones developers run: `make test` is all of CI.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo test lint typecheck unit bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $(STAMP)

install: $(STAMP)

# The main job on the bundled example: break the script down, then schedule the production.
EXAMPLE := examples/night-ice
demo: install
	mkdir -p out
	$(BIN)/firstad breakdown $(EXAMPLE)/night-ice.fountain
	$(BIN)/firstad breakdown $(EXAMPLE)/night-ice.fountain --json --output out/night-ice-breakdown.json
	$(BIN)/firstad breakdown $(EXAMPLE)/night-ice.fountain --csv --output out/night-ice-breakdown.csv
	$(BIN)/firstad schedule $(EXAMPLE)/production.toml --time-limit 20
	$(BIN)/firstad schedule $(EXAMPLE)/production.toml --time-limit 20 --json > out/night-ice-schedule.json
	@echo "Written: out/night-ice-breakdown.json, out/night-ice-breakdown.csv, out/night-ice-schedule.json"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest

test: lint typecheck unit

bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache

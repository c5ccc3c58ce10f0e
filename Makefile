# Everything a fresh clone needs: `make run` opens the cockpit on a demo launch, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO ?= demo.golive
export QT_QPA_PLATFORM ?= offscreen

.PHONY: run test lint typecheck unit bench demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@

run: $(VENV)/.installed
	test -e $(DEMO) || $(BIN)/cockpit demo $(DEMO)
	env -u QT_QPA_PLATFORM $(BIN)/cockpit open $(DEMO)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(MAKE) --no-print-directory typecheck

# mypy over the whole package, configured in pyproject.toml ([tool.mypy]).
typecheck: $(VENV)/.installed
	$(BIN)/mypy

unit: $(VENV)/.installed
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup

test: lint unit

bench: $(VENV)/.installed
	$(BIN)/python -m bench

demo: $(VENV)/.installed
	$(BIN)/cockpit demo $(DEMO)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info
